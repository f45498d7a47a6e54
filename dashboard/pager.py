"""A long table shown a page at a time, chosen by `?page=` (server side, plain links).

A table of a thousand rows is unreadable on screen and costs its HTML on every render; the
page shows `PAGE_SIZE` rows and a pager under the table. Each page is a URL (the view's other
parameters kept), so it is bookmarked, shared and followed like any link, without a
callback. The printable report and the counts by status keep every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dash import html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.components import href
from dashboard.i18n import format_number, t
from dashboard.static_markup import static_block

PAGE_SIZE = 50
PAGE_PARAM = "page"  # callbacks.params.PAGE, checked there (the dashboard imports no callbacks)
AROUND = 2  # page links either side of the current one (first and last always shown)


@dataclass(frozen=True)
class Page:
    """Which rows of a table of `total` rows page `number` (1 = the first) shows."""

    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def count(self) -> int:
        """How many pages the table has (one at least, even when empty)."""
        return max(1, -(-self.total // self.size))

    @property
    def start(self) -> int:
        """Index of the page's first row."""
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        """Index after the page's last row."""
        return min(self.total, self.start + self.size)


def page_of(total: int, asked: str | None, size: int = PAGE_SIZE) -> tuple[Page, int | None]:
    """The page `?page=` asks for (checked to be a number ≥ 1 already), and what was asked.

    The number asked comes back only when the table has no such page: the first is shown.
    """
    number = int(asked) if asked else 1
    page = Page(number, total, size)
    if number > page.count:
        return Page(1, total, size), number
    return page, None


def beyond_message(asked: int, page: Page, lang: str, message_id: str) -> html.Div:
    """Why the first page is shown instead of the one asked for."""
    return html.Div(
        t("pager.beyond", lang, page=asked, last=page.count),
        id=message_id,
        className="alert alert-warning",
        role="alert",
    )


def _numbers(page: Page) -> list[int | None]:
    """The page numbers linked, None where some are left out (shown as …)."""
    wanted = {1, page.count, *range(page.number - AROUND, page.number + AROUND + 1)}
    shown = sorted(n for n in wanted if 1 <= n <= page.count)
    numbers: list[int | None] = []
    for n in shown:
        previous = numbers[-1] if numbers else n - 1
        assert previous is not None
        if n - previous == 2:  # one page left out: its link takes no more room than "…"
            numbers.append(n - 1)
        elif n - previous > 2:
            numbers.append(None)
        numbers.append(n)
    return numbers


def _item(text: str, target: str | None, label: str, current: bool = False) -> html.Li:
    """One entry of the list: a link, or the current page / an unavailable step as text."""
    if target is None:  # text, not a control: no label of its own (ARIA names no span)
        kind = " active" if current else " disabled"
        inner = html.Span(text, className="page-link", **aria(current="page" if current else None))
        return html.Li(inner, className=f"page-item{kind}")
    link = html.A(text, href=target, className="page-link", **aria(label=label))
    return html.Li(link, className="page-item")


def pager(
    nav_id: str, path: str, params: Mapping[str, str], page: Page, lang: str, fragment: str = ""
) -> Component | None:
    """Rows shown ("1–50 of 1,000") and links to the other pages; None for a single page.

    The links keep `params` (the view's query) and set `page` (the first page has none).
    """
    if page.count == 1:
        return None

    def target(number: int) -> str:
        query = {k: v for k, v in params.items() if k != PAGE_PARAM}
        if number > 1:
            query[PAGE_PARAM] = str(number)
        return href(path, query) + fragment

    items = [
        _item(
            t("pager.previous", lang),
            target(page.number - 1) if page.number > 1 else None,
            t("pager.previous.label", lang),
        )
    ]
    for number in _numbers(page):
        if number is None:
            items.append(html.Li(html.Span("…", className="page-link"), className="page-item"))
            continue
        current = number == page.number
        label = t("pager.page", lang, n=number)
        items.append(_item(str(number), None if current else target(number), label, current))
    items.append(
        _item(
            t("pager.next", lang),
            target(page.number + 1) if page.number < page.count else None,
            t("pager.next.label", lang),
        )
    )
    shown = t(
        "pager.range",
        lang,
        first=format_number(page.start + 1, lang, 0),
        last=format_number(page.stop, lang, 0),
        total=format_number(page.total, lang, 0),
    )
    nav = html.Nav(
        [
            html.P(shown, id=f"{nav_id}-range", className="mb-1 small"),
            html.Ul(items, className="pagination pagination-sm flex-wrap mb-0"),
        ],
        id=nav_id,
        className="s3-pager d-print-none",
        **aria(label=t("pager.label", lang)),
    )
    return static_block(nav)  # plain links: no callback reads or writes the pager
