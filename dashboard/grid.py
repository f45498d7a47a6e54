"""Interactive tables: sorting, filtering, paging, CSV export and localized text, as HTML.

Pure: records and column specs in, components out. A grid is one escaped HTML table
(dashboard/html_table.py's `html_block`: one component, however many cells) that
assets/table-tools.js makes interactive in the browser: a button in each column header sorts
(`aria-sort` says how), a search box filters the rows, long tables page, and the CSV button
writes the rows in their shown order. It replaced dash-ag-grid, whose script and layout
took about 0.8 s of /funding's time to ready (bench/bench_pages.py), for tables of 15 to
500 rows that need none of its virtualisation.

Numbers travel raw (`data-value`: sorting and the CSV keep their value) next to a
`<field>_fmt` string formatted for the view's language, which is what the cell shows. The
CSV rows are built here, text that a spreadsheet would run as a formula neutralised
(DESIGN.md, "Bad input"), numbers raw; columns with `shown=False` go in the CSV only.
Without script the table is still all there, with its first page of rows.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dash import html as dash_html

from dashboard.aria import aria
from dashboard.components import heading
from dashboard.html_table import PlainCell, html_block
from dashboard.i18n import t
from data.exporting import neutralise
from data.schemas import SOURCE_FILE, SOURCE_TITLE

EXPORT_SUFFIX = "-export"
FILTER_SUFFIX = "-filter"
TABLE_CLASS = "table table-sm table-striped align-middle s3-table s3-grid"
KINDS = ("text", "number", "date", "link")


@dataclass(frozen=True)
class Column:
    """One grid column: record field, header text, kind (text | number | date | link).

    A number or date column shows `<field>_fmt` and sorts and exports `<field>`; a link
    column's field is a path on this site, its text `<field>_text`.
    """

    field: str
    header: str
    kind: str = "text"
    wrap: bool = False  # long text (names, titles): wraps within `width`
    width: int | None = None  # the column's least width, in pixels
    export: bool = True  # False: left out of the CSV (e.g. a link column)
    shown: bool = True  # False: in the CSV only (e.g. a source's file name, the provenance)
    pinned: bool = False  # the row's name: a row header kept in view when scrolling sideways
    tooltip: str | None = None  # field whose text shows on hover (e.g. the source)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; one of {', '.join(KINDS)}")


def citation_columns(lang: str) -> list[Column]:
    """The fields of `citations.citation_fields`, written in the CSV, not shown on screen."""
    return [
        Column(SOURCE_TITLE, t("source", lang), shown=False),
        Column(SOURCE_FILE, SOURCE_FILE, shown=False),  # the exports' column name
    ]


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(value: object) -> str:
    return html.escape(" ".join(("" if value is None else str(value)).split()))


def _site_path(value: object) -> str:
    """A link's target: a path on this site only (no scheme, no other host)."""
    path = str(value)
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"a grid link must be a path on this site, not {path!r}")
    return path


def _header(column: Column) -> str:
    style = f' style="min-width:{int(column.width)}px"' if column.width else ""
    right = ' class="text-end"' if column.kind == "number" else ""
    label = _text(column.header)
    if column.kind == "link":  # nothing to sort by
        return f'<th scope="col" data-field="{_attr(column.field)}"{style}>{label}</th>'
    return (
        f'<th scope="col" data-field="{_attr(column.field)}" data-kind="{column.kind}"'
        f'{style}{right}><button type="button" class="s3-sort">{label}</button></th>'
    )


def _cell(column: Column, record: Mapping[str, Any]) -> str:
    value = record.get(column.field)
    # Cells keep to one line by default (assets/funding.css): a class on the few that wrap
    # or align right, not on every cell (a 500-row table carried 150 kB of classes).
    classes = ["text-end"] if column.kind == "number" else []
    if column.wrap:
        classes.append("s3-wrap")
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if column.kind in ("number", "date"):
        raw = "" if value is None else value
        attrs += f' data-value="{_attr(raw)}"'
        shown = _text(record.get(f"{column.field}_fmt"))
    elif column.kind == "link":
        text = record.get(f"{column.field}_text")
        shown = f'<a href="{_attr(_site_path(value))}">{_text(text)}</a>' if value else ""
    else:
        shown = _text(value)
    if column.tooltip and record.get(column.tooltip):
        attrs += f' title="{_attr(record[column.tooltip])}"'
    tag = "th" if column.pinned else "td"
    scope = ' scope="row"' if column.pinned else ""
    return f"<{tag}{scope}{attrs}>{shown}</{tag}>"


def _csv_value(value: object) -> PlainCell:
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value).lower()
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


def _rows(
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Any]],
    page_size: int | None,
    row_classes: Mapping[str, str],
    key: str | None,
) -> str:
    shown = [c for c in columns if c.shown]
    body = []
    for index, record in enumerate(records):
        classes = " ".join(name for name, field in row_classes.items() if record.get(field))
        attrs = f' data-row="{index}"'
        if key is not None:
            attrs += f' data-key="{_attr(record.get(key, ""))}"'
        if classes:
            attrs += f' class="{_attr(classes)}"'
        if page_size and index >= page_size:
            attrs += " hidden"  # later pages: shown by the pager
        body.append(f"<tr{attrs}>" + "".join(_cell(c, record) for c in shown) + "</tr>")
    return "".join(body)


def _tools(grid_id: str, lang: str) -> str:
    filter_id = grid_id + FILTER_SUFFIX
    return (
        '<div class="s3-grid-tools d-flex flex-wrap align-items-center gap-2 mb-2 d-print-none">'
        f'<label for="{_attr(filter_id)}" class="mb-0">{_text(t("grid.filter", lang))}</label>'
        f'<input type="search" id="{_attr(filter_id)}" autocomplete="off" '
        'class="form-control form-control-sm s3-grid-filter">'
        f'<button type="button" id="{_attr(grid_id + EXPORT_SUFFIX)}" '
        f'class="btn btn-sm btn-outline-secondary s3-grid-export ms-auto">'
        f"{_text(t('grid.export', lang))}</button></div>"
        f'<p class="visually-hidden" role="status" id="{_attr(grid_id)}-status"></p>'
    )


def _csv(columns: Sequence[Column], records: Sequence[Mapping[str, Any]]) -> str:
    """The CSV's header and rows as JSON, in the records' order (the script reorders)."""
    exported = [c for c in columns if c.export]
    csv = {
        "header": [c.header for c in exported],
        "rows": [[_csv_value(r.get(c.field)) for c in exported] for r in records],
    }
    return json.dumps(csv, ensure_ascii=False, separators=(",", ":"))


def _pager(title: str, pages: int, lang: str) -> str:
    return (
        f'<nav class="s3-grid-pager d-flex align-items-center gap-2 mt-2 d-print-none" '
        f'aria-label="{_attr(title)}">'
        f'<button type="button" class="btn btn-sm btn-outline-secondary" '
        f'data-step="-1" disabled>{_text(t("grid.locale.previousPage", lang))}</button>'
        f'<span class="s3-grid-page">'
        f"{_text(t('grid.page_of', lang).format(page=1, pages=pages))}</span>"
        f'<button type="button" class="btn btn-sm btn-outline-secondary" '
        f'data-step="1">{_text(t("grid.locale.nextPage", lang))}</button></nav>'
    )


def grid(
    grid_id: str,
    title: str,
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Any]],
    lang: str,
    file_name: str,
    page_size: int | None = None,
    row_classes: Mapping[str, str] | None = None,
    level: int = 3,
    key: str | None = None,
) -> dash_html.Section:
    """A titled grid: filter box, CSV button (`<grid_id>-export`), sortable table.

    `page_size` pages long tables; `row_classes` maps a row class to the record field that
    turns it on; `key` names the record field each row carries as `data-key`. `level` is
    the title's heading level: 2 where the grid comes straight under the page's h1.
    """
    heading_id = f"{grid_id}-title"
    paged = bool(page_size) and len(records) > (page_size or 0)
    texts = {
        "data-rows-text": t("grid.rows_shown", lang),
        "data-page-text": t("grid.page_of", lang),
        "data-empty-text": t("grid.locale.noRowsToShow", lang),
    }
    table = (
        f'<div class="table-responsive s3-grid-scroll" role="region" tabindex="0" '
        f'aria-labelledby="{_attr(grid_id)}-caption">'
        f'<table id="{_attr(grid_id)}" class="{TABLE_CLASS}" data-lang="{_attr(lang)}" '
        f'data-file="{_attr(file_name)}" data-page-size="{int(page_size or 0)}" '
        f'data-csv="{_attr(_csv(columns, records))}" '
        + " ".join(f'{name}="{_attr(text)}"' for name, text in texts.items())
        + f'><caption id="{_attr(grid_id)}-caption" class="visually-hidden">{_text(title)}'
        "</caption><thead><tr>"
        + "".join(_header(c) for c in columns if c.shown)
        + "</tr></thead><tbody>"
        + _rows(columns, records, page_size if paged else None, row_classes or {}, key)
        + "</tbody></table></div>"
    )
    pages = -(-len(records) // (page_size or 1))
    markup = _tools(grid_id, lang) + table + (_pager(title, pages, lang) if paged else "")
    return dash_html.Section(
        [heading(level, title, id=heading_id, className="h5 mb-2"), html_block(markup)],
        className="s3-grid-block mb-4",
        **aria(labelledby=heading_id),
    )
