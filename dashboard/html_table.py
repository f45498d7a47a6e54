"""An accessible HTML table as one Dash component.

Dash's renderer pays for every component a callback returns about as many times as there
are components on the page (each new component, when it mounts, makes every other one
re-check the store): 1,000 cells returned by a callback took ~5 s to draw in headless
Chromium, the same cells in the initial layout ~0.2 s (bench/bench_context.py), and even
there each cell is a React component to build. Here the table is built as HTML text (every
text escaped) and carried by one `html.Div` (`html_block`) whose `data-html` attribute
assets/html-blocks.js puts in place, so the browser gets the same <table>, caption,
`th scope` and classes as `html.Table` would give, for the price of one component.
(`dcc.Markdown` with raw HTML did the same, but loads a 325 kB Markdown chunk and
highlight.js, 141 kB, for it.)

Cells are plain values only (text, numbers, None, or text `Marked` with classes, e.g. a
badge): nothing from a reader or a file reaches the page unescaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

from dash import html as dash_html


@dataclass(frozen=True)
class Marked:
    """A cell's text in a span of its own classes (a badge): still text, escaped."""

    text: str
    class_name: str


PlainCell = str | int | float | Marked | None
# Typed like dashboard/aria.py's attributes, so mypy knows the key falls to `**kwargs`.
HtmlData = TypedDict("HtmlData", {"data-html": str})
BLOCK_CLASS = "s3-html"  # what assets/html-blocks.js fills
TABLE_CLASS = "table table-sm table-striped align-middle s3-table"


def _text(cell: PlainCell) -> str:
    if cell is not None and not isinstance(cell, str | int | float):
        raise TypeError(f"a table cell must be text or a number, not {type(cell).__name__}")
    # One line, as a cell's text reads in a table.
    return html.escape(" ".join(("" if cell is None else str(cell)).split()))


def _cell(tag: str, cell: PlainCell, attrs: str) -> str:
    if isinstance(cell, Marked):
        inner = f'<span class="{html.escape(cell.class_name)}">{_text(cell.text)}</span>'
        return f"<{tag}{attrs}>{inner}</{tag}>"
    return f"<{tag}{attrs}>{_text(cell)}</{tag}>"


def html_block(markup: str) -> dash_html.Div:
    """Markup built here (every text escaped) as one component; its script shows it."""
    return dash_html.Div(className=BLOCK_CLASS, **HtmlData({"data-html": markup}))


def html_table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[PlainCell]],
    numeric: Sequence[int] = (),
    row_headers: bool = False,
    class_name: str = TABLE_CLASS,
) -> dash_html.Div:
    """The table as one component: captioned (`<table_id>-caption`), with column headers.

    Numeric columns are right-aligned; with `row_headers` each row is named by its first cell.
    Wrap it in a scroll region named by its caption.
    """
    right = ' class="text-end"'
    head = "".join(
        _cell("th", h, ' scope="col"' + (right if i in numeric else ""))
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            _cell("th", c, ' scope="row" class="fw-normal"')
            if row_headers and i == 0
            else _cell("td", c, right if i in numeric else "")
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return html_block(
        f'<table id="{html.escape(table_id)}" class="{html.escape(class_name)}">'
        f'<caption id="{html.escape(table_id)}-caption">{_text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
