"""Interactive tables: dash-ag-grid with sorting, filtering, CSV export and localized text.

Pure: records and column specs in, components out. Numbers travel raw (so that sorting,
number filters and the CSV keep their value) next to a `<field>_fmt` string formatted for
the view's language, which is what the cell shows. The grid keeps the DOM in row and
column order (`ensureDomOrder`, no column virtualisation) so screen readers read it in
order; arrows move between cells, Enter sorts, and Tab goes on to the next control.
The small tables that stand for a chart stay plain HTML (`components.data_table`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html

from dashboard.aria import aria
from dashboard.components import heading
from dashboard.i18n import t
from data.importers.reading import FORMULA_TRIGGERS
from data.schemas import SOURCE_FILE, SOURCE_TITLE

EXPORT_SUFFIX = "-export"
# The CSV export runs in the browser: this cell callback prefixes `'` to text a
# spreadsheet would run as a formula (DESIGN.md, "Bad input"), with the triggers the
# server-side exports use, and leaves numbers raw (a negative one included). dash-ag-grid
# evaluates it with a small interpreter that knows no `typeof`: `v === v + ''` holds for
# text only.
_TRIGGER_CLASS = "".join(f"\\u{ord(c):04x}" for c in FORMULA_TRIGGERS)
NEUTRALISE_FORMULAS = {
    "function": (
        "(params.value === params.value + '' && "
        f"/^[{_TRIGGER_CLASS}]/.test(params.value))"
        ' ? "\'" + params.value : params.value'
    )
}
# AG Grid's own interface text (filter menus, pagination), from the catalogue.
LOCALE_KEYS = (
    "contains",
    "notContains",
    "equals",
    "notEqual",
    "startsWith",
    "endsWith",
    "blank",
    "notBlank",
    "lessThan",
    "greaterThan",
    "lessThanOrEqual",
    "greaterThanOrEqual",
    "inRange",
    "filterOoo",
    "andCondition",
    "orCondition",
    "noRowsToShow",
    "page",
    "of",
    "to",
    "firstPage",
    "lastPage",
    "nextPage",
    "previousPage",
    "pageSizeSelectorLabel",
)


@dataclass(frozen=True)
class Column:
    """One grid column: record field, header text, kind (text | number | date | markdown)."""

    field: str
    header: str
    kind: str = "text"
    wrap: bool = False  # long text (names, titles): wrap, and let the row grow
    width: int | None = None
    export: bool = True  # False: left out of the CSV (e.g. a link column)
    shown: bool = True  # False: in the CSV only (e.g. a source's file name, the provenance)
    pinned: bool = False
    tooltip: str | None = None  # field whose text shows on hover (e.g. the source)


def citation_columns(lang: str) -> list[Column]:
    """The fields of `citations.citation_fields`, written in the CSV, not shown on screen."""
    return [
        Column(SOURCE_TITLE, t("source", lang), shown=False),
        Column(SOURCE_FILE, SOURCE_FILE, shown=False),  # the exports' column name
    ]


def locale_text(lang: str) -> dict[str, str]:
    """AG Grid's interface strings in `lang`."""
    return {key: t(f"grid.locale.{key}", lang) for key in LOCALE_KEYS}


def _column_def(column: Column) -> dict[str, Any]:
    spec: dict[str, Any] = {"field": column.field, "headerName": column.header}
    if column.kind == "number":
        spec.update(
            type="rightAligned",
            filter="agNumberColumnFilter",
            # The cell shows the localized text; sorting, filtering and the CSV use the number.
            valueFormatter={"function": f"params.data['{column.field}_fmt']"},
            useValueFormatterForExport=False,
        )
    elif column.kind == "date":
        # ISO dates sort and export as text; the cell shows the localized date.
        spec.update(
            filter="agTextColumnFilter",
            valueFormatter={"function": f"params.data['{column.field}_fmt']"},
            useValueFormatterForExport=False,
        )
    elif column.kind == "markdown":
        spec.update(cellRenderer="markdown", sortable=False, filter=False)
    else:
        spec.update(filter="agTextColumnFilter")
    if column.width:
        spec["minWidth"] = column.width
    if column.wrap:
        spec.update(wrapText=True, autoHeight=True)
    if column.pinned:
        spec["pinned"] = "left"
    if column.tooltip:
        spec["tooltipField"] = column.tooltip
    if not column.shown:
        spec["hide"] = True  # the CSV still writes it: csvExportParams names it
    return spec


def grid(
    grid_id: str,
    title: str,
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Any]],
    lang: str,
    file_name: str,
    page_size: int | None = None,
    row_class_rules: Mapping[str, str] | None = None,
    level: int = 3,
) -> html.Section:
    """A titled grid with a CSV download button (`<grid_id>-export`).

    `page_size` paginates long tables; short ones grow to fit their rows. `level` is the
    title's heading level: 2 where the grid comes straight under the page's h1.
    """
    options: dict[str, Any] = {
        "ensureDomOrder": True,
        "suppressColumnVirtualisation": True,
        "enableCellTextSelection": True,
        "tooltipShowDelay": 300,
        "localeText": locale_text(lang),
        "domLayout": "autoHeight",
        # Tab leaves the grid (header, cells, pager: one stop each) instead of walking every
        # cell, hundreds of presses on a long table (WCAG 2.1.1); arrows move inside it.
        # AG Grid: `false` from these callbacks hands Tab back to the browser.
        "tabToNextCell": {"function": "false"},
        "tabToNextHeader": {"function": "false"},
    }
    if page_size:
        options.update(pagination=True, paginationPageSize=page_size)
        options["paginationPageSizeSelector"] = sorted({page_size, 20, 50, 100})
    if row_class_rules:
        options["rowClassRules"] = dict(row_class_rules)
    exported = [c.field for c in columns if c.export]
    heading_id = f"{grid_id}-title"
    return html.Section(
        [
            html.Div(
                [
                    heading(level, title, id=heading_id, className="h5 mb-0 me-auto"),
                    dbc.Button(
                        t("grid.export", lang),
                        id=grid_id + EXPORT_SUFFIX,
                        size="sm",
                        color="secondary",
                        outline=True,
                        className="d-print-none",
                    ),
                ],
                className="d-flex align-items-center gap-2 mb-2",
            ),
            dag.AgGrid(
                id=grid_id,
                rowData=list(records),
                columnDefs=[_column_def(c) for c in columns],
                defaultColDef={
                    "sortable": True,
                    "resizable": True,
                    "wrapHeaderText": True,
                    "autoHeaderHeight": True,
                    "minWidth": 110,
                    "flex": 1,
                },
                columnSize=None,
                dashGridOptions=options,
                csvExportParams={
                    "fileName": file_name,
                    "columnKeys": exported,
                    "processCellCallback": NEUTRALISE_FORMULAS,
                },
                style={"height": None},
                className="s3-grid",
            ),
        ],
        className="s3-grid-block mb-4",
        **aria(labelledby=heading_id),
    )
