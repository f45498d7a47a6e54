"""Building blocks shared by the pages of both apps: tables, headers, banners, navigation.

Pure functions: values in, Dash components out. Tables are real HTML tables with a caption
and column headers, so they work as the accessible alternative of every chart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.html_table import TABLE_CLASS, Marked, PlainCell, html_block, html_table
from dashboard.i18n import LANGS, t
from dashboard.lazy_graph import lazy_graph, svg_first_graph
from dashboard.static_markup import Written, markup

# `Written` HTML (dashboard/static_markup.py) only in a `static` table.
Cell = str | int | float | Marked | Written | Component | None
ALL_ECOSYSTEMS = "all"  # the filter's "every ecosystem" option (absent from the URL)
# Pattern-matching ids of chart_block's data download (callbacks/data_admin.py serves it).
CHART_DOWNLOAD_TYPE = "chart-download"
CHART_DATA_TYPE = "chart-download-data"
CHART_FILE_TYPE = "chart-download-file"
CHART_DOWNLOAD_FORMATS = ("csv", "xlsx")


def href(path: str, params: Mapping[str, str]) -> str:
    """`path` with the view's query parameters (language, filters) carried along."""
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{path}?{query}" if query else path


def data_table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    numeric: Sequence[int] = (),
    *,
    row_headers: bool = False,
    table_class: str = "",
    region_class: str = "",
    static: bool = False,
) -> html.Div:
    """An accessible table: caption, `th scope=col`, numeric columns right-aligned.

    With `row_headers`, each row is named by its first cell (`th scope=row`). The table
    sits in a scroll region (`scroll_region`); the class names are added to the table's
    and the region's own.

    A table of plain text and numbers is one component (dashboard/html_table.py: the same
    HTML table, escaped, as one block) instead of one per cell: Dash's renderer pays for
    every component, and the tables were most of the components of /funding and
    /forecasts. A table holding components (links, badges, buttons) is built of them, or,
    with `static` (none of them takes part in a callback; no extra classes), it comes as
    `static_block` of that table, written directly.
    """
    plain = _plain_rows(rows)
    if static and plain is None and not (table_class or region_class):
        return _static_table(table_id, caption, headers, rows, numeric, row_headers)
    if plain is not None:
        classes = f"{TABLE_CLASS} {table_class}".strip()
        block = html_table(table_id, caption, headers, plain, numeric, row_headers, classes)
        return scroll_region(block, f"{table_id}-caption", region_class)
    head = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col", className="text-end" if i in numeric else None)
                for i, h in enumerate(headers)
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(_component(cell), scope="row", className="fw-normal")
                    if row_headers and i == 0
                    else html.Td(_component(cell), className="text-end" if i in numeric else None)
                    for i, cell in enumerate(row)
                ]
            )
            for row in rows
        ]
    )
    caption_id = f"{table_id}-caption"
    table = html.Table(
        [html.Caption(caption, id=caption_id), head, body],
        id=table_id,
        className=f"{TABLE_CLASS} {table_class}".strip(),
    )
    return scroll_region(table, caption_id, region_class)


def _static_table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    numeric: Sequence[int],
    row_headers: bool,
) -> html.Div:
    """`data_table`'s table of components as `static_block` writes it, byte for byte.

    Written directly, without a Dash component per cell only to write it out again
    (tests/unit/test_static_markup.py checks the bytes): the clusters page's two tables of
    links and bold totals were 300 components, about 3 ms a page. Component cells are
    written by `markup`.
    """
    return html_block(static_table_markup(table_id, caption, headers, rows, numeric, row_headers))


def static_table_markup(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    numeric: Sequence[int] = (),
    row_headers: bool = False,
) -> str:
    """The HTML of `data_table(..., static=True)`'s table in its scroll region.

    For a block written as text that holds a table (the ecosystem cards).
    """
    ids = escape(table_id, quote=True)
    end = ' class="text-end"'
    head = "".join(
        f'<th{end if i in numeric else ""} scope="col">{markup(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<th class="fw-normal" scope="row">{_cell_markup(cell)}</th>'
            if row_headers and i == 0
            else f"<td{end if i in numeric else ''}>{_cell_markup(cell)}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="table-responsive" role="region" tabindex="0" '
        f'aria-labelledby="{ids}-caption"><table id="{ids}" class="{TABLE_CLASS}">'
        f'<caption id="{ids}-caption">{markup(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def scroll_region(
    content: Component | list[Component], labelled_by: str, extra_class: str = ""
) -> html.Div:
    """A box that scrolls sideways when its content is wider than the screen.

    A keyboard stop with a name (WCAG 2.1.1, 1.4.10): arrow keys scroll it, and a screen
    reader announces the region by the caption or title `labelled_by` points to.
    """
    return html.Div(
        content,
        className=f"table-responsive {extra_class}".strip(),
        role="region",
        tabIndex="0",
        **aria(labelledby=labelled_by),
    )


def _component(cell: Cell) -> str | int | float | Component | None:
    """A cell of a table built of components: a `Marked` text becomes its span."""
    if isinstance(cell, Written):
        raise TypeError("written HTML goes in a static table (without extra classes) only")
    return html.Span(cell.text, className=cell.class_name) if isinstance(cell, Marked) else cell


def _cell_markup(cell: Cell) -> str:
    """A cell of a static table as HTML (`Written` cells as they are)."""
    if type(cell) is str:  # most cells of a long table: markup's own escape, called directly
        return escape(cell, quote=False)
    return cell.html if isinstance(cell, Written) else markup(_component(cell))


def _plain_rows(rows: Sequence[Sequence[Cell]]) -> list[list[PlainCell]] | None:
    """The rows when every cell is text, a number or empty; None when one is a component."""
    plain: list[list[PlainCell]] = []
    for row in rows:
        cells: list[PlainCell] = []
        for cell in row:
            if not (cell is None or isinstance(cell, str | int | float | Marked)):
                return None
            cells.append(cell)
        plain.append(cells)
    return plain


def place_names(frame: pd.DataFrame, names: Mapping[str, str], lang: str) -> list[str]:
    """The row labels of a by-province frame (province_code and, without one, localisation).

    A project with no province of its own is region-wide or spread over several provinces
    (or beyond Lombardy): it has its own row, never a province's.
    """
    localisations = frame["localisation"] if "localisation" in frame else [""] * len(frame)
    labels: list[str] = []
    for code, where in zip(frame["province_code"], localisations, strict=True):
        if code:
            labels.append(names.get(code, t("projects.unknown_province", lang)))
        elif where in ("region", "multi"):
            labels.append(t(f"projects.place.{where}", lang))
        else:
            labels.append(t("projects.unknown_province", lang))
    return labels


def chart_block(
    chart_id: str,
    title: str,
    description: str,
    figure: object,
    table: html.Div,
    lang: str,
    height: int | None = None,
    download: pd.DataFrame | None = None,
    level: int = 3,
    lazy: bool = False,
    legend: Component | None = None,
    first_paint_svg: str | None = None,
) -> html.Section:
    """A chart with its title, a text description and its data table (WCAG 1.1.1).

    The figure is a plotly Figure (or dict); the description says in words what the chart
    shows, and the table, folded under a <details>, carries the same numbers. `download`,
    the chart's data as a DataFrame (raw values, one column per field), adds CSV and XLSX
    download buttons (internal app only: its callback lives there). `level` is its
    heading's: 2 where the chart comes straight under the page's h1. A `lazy` chart is drawn
    when the reader reaches it (dashboard/lazy_graph.py): for charts below the fold. A chart
    in the window at load may be painted first as `first_paint_svg` (the figure drawn by
    dashboard/figures/svg_lines.py), the interactive graph coming when the reader reaches for
    it. A `legend` (dashboard/chart_legend.py) goes right below the graph.
    """
    # The graph box takes the figure's own height unless told otherwise. A box of known
    # height keeps the page from reflowing while charts draw: with a few dozen responsive
    # graphs, each reflow made every other graph resize, and the browser froze for minutes.
    height = height or _figure_height(figure)
    # Dash 4.4's graph reads style.height: an explicit `style=None` crashes it in the
    # browser, so the prop is left out, not set to None, when there is no height.
    config = graph_config(lang)
    style = {"height": f"{height}px"} if height else None
    graph: Component
    if first_paint_svg is not None:
        graph = svg_first_graph(chart_id, figure, config, style, first_paint_svg)
    elif lazy:
        graph = lazy_graph(chart_id, figure, config, style)
    elif style:
        graph = dcc.Graph(id=chart_id, figure=figure, config=config, style=style)
    else:
        graph = dcc.Graph(id=chart_id, figure=figure, config=config)
    # The box keeps its height while plotly's code loads, so that what comes below does
    # not move (and a lazy chart further down is not drawn early).
    box = _figure_box(chart_id, title, graph, {"minHeight": style["height"]} if style else {})
    extras = [] if download is None else [chart_download(chart_id, download, lang)]
    return _chart_section(chart_id, title, description, box, table, lang, level, legend, extras)


def drawn_chart_block(
    chart_id: str,
    title: str,
    description: str,
    drawing: str,
    table: html.Div,
    lang: str,
    level: int = 3,
) -> html.Section:
    """`chart_block` for a chart drawn on the server: `drawing` is its SVG markup.

    The markup (built escaped, e.g. by dashboard/figures/svg_map.py) travels as one html
    block: no plotly.js, and it shows with the page. A figure of the same name and
    description; below it a button saves the drawing as an SVG file (assets/svg-maps.js),
    as plotly's mode bar offers a PNG.
    """
    save = (
        f'<button type="button" class="btn btn-link btn-sm px-0" '
        f'data-svg-download="{escape(chart_id)}">{escape(t("chart.download.svg", lang))}</button>'
    )
    box = _figure_box(chart_id, title, html_block(drawing + save), {})
    return _chart_section(chart_id, title, description, box, table, lang, level)


def _figure_box(chart_id: str, title: str, content: Component, style: dict[str, str]) -> html.Div:
    """The chart itself, named by its title and described by its description.

    A figure, not an image: the mode bar's buttons or the markers inside are focusable,
    which role="img" forbids (axe: nested-interactive).
    """
    return html.Div(
        content,
        role="figure",
        style=style,
        **aria(label=title, describedby=f"{chart_id}-description"),
    )


def _chart_section(
    chart_id: str,
    title: str,
    description: str,
    box: html.Div,
    table: html.Div,
    lang: str,
    level: int,
    legend: Component | None = None,
    extras: Sequence[Component] = (),
) -> html.Section:
    """The chart's title, its description, its box and its table folded below."""
    description_id = f"{chart_id}-description"
    return html.Section(
        [
            heading(level, title, className="h5"),
            html.P(description, id=description_id, className="s3-chart-description"),
            box,
            *([] if legend is None else [legend]),
            html.Details(
                [html.Summary(t("chart.show_table", lang)), table], className="s3-chart-table"
            ),
            *extras,
        ],
        className="s3-chart mb-4",
        **aria(label=title),
    )


# Mode bar buttons no chart here needs; "sendDataToCloud" is plotly's "Share chart…", which
# would upload the data to a cloud service.
MODEBAR_REMOVE = ("sendDataToCloud", "editInChartStudio", "select2d", "lasso2d")


def graph_config(lang: str) -> dcc.Graph.Config:
    """dcc.Graph's config: no logo, no cloud, tooltips and messages in the page's language.

    plotly knows English only; assets/plotly-locale-it.js registers its Italian.
    """
    return {
        "displaylogo": False,
        "responsive": True,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "modeBarButtonsToRemove": list(MODEBAR_REMOVE),
        "locale": lang,
    }


def _figure_height(figure: object) -> int | None:
    """The height a plotly Figure (or figure dict) sets in its layout, if any."""
    layout = (
        figure.get("layout", {}) if isinstance(figure, dict) else getattr(figure, "layout", None)
    )
    value = layout.get("height") if isinstance(layout, dict) else getattr(layout, "height", None)
    return int(value) if value else None


def chart_download(chart_id: str, frame: pd.DataFrame, lang: str) -> html.Div:
    """CSV / XLSX buttons for a chart's data, which travels with them in a Store."""
    data = json.loads(frame.to_json(orient="split", date_format="iso", index=False))
    buttons = [
        dbc.Button(
            t(f"chart.download.{fmt}", lang),
            id={"type": CHART_DOWNLOAD_TYPE, "index": chart_id, "fmt": fmt},
            size="sm",
            color="secondary",
            outline=True,
            className="ms-2",
        )
        for fmt in CHART_DOWNLOAD_FORMATS
    ]
    return html.Div(
        [
            html.Span(t("chart.download", lang), className="small text-muted"),
            *buttons,
            dcc.Store(id={"type": CHART_DATA_TYPE, "index": chart_id}, data=data),
            dcc.Download(id={"type": CHART_FILE_TYPE, "index": chart_id}),
        ],
        className="s3-chart-download mt-1 d-print-none",
    )


def heading(level: int, text: str, className: str, id: str | None = None) -> Component:
    """An h2 or h3 (headings must not skip a level: WCAG 1.3.1)."""
    tag = {2: html.H2, 3: html.H3, 4: html.H4}[level]
    # Dash refuses id=None: the prop is left out instead.
    return tag(text, className=className) if id is None else tag(text, className=className, id=id)


def page_header(title: str, lead: str | None = None) -> html.Div:
    """The page's single h1 and an optional lead paragraph."""
    children: list[Component] = [html.H1(title, className="h2 mt-3")]
    if lead:
        children.append(html.P(lead, className="lead"))
    return html.Div(children)


def synthetic_banner(lang: str) -> html.Div:
    """The watermark shown on every page that shows synthetic demo data."""
    return html.Div(
        t("synthetic.mark", lang), className="s3-synthetic alert alert-warning", role="alert"
    )


def failure_alert(unavailable: bool, lang: str) -> html.Div:
    """The message shown in place of content that could not be built.

    `unavailable`: the database is down (retry in a moment, with a link that reloads the
    page); otherwise an unexpected error (the log has the detail, the reader never does).
    """
    if not unavailable:
        return html.Div(
            html.P(t("error.unexpected", lang), className="mb-0"),
            className="alert alert-danger",
            role="alert",
        )
    return html.Div(
        [
            html.P(t("error.unavailable", lang), className="mb-1"),
            html.A(t("error.retry", lang), href="", className="alert-link", target="_self"),
        ],
        className="alert alert-warning s3-unavailable",
        role="alert",
    )


def param_alert(messages: Sequence[str], lang: str) -> html.Div | None:
    """A visible warning listing the URL parameters that were ignored, or None."""
    if not messages:
        return None
    return html.Div(
        [html.P(t("error.param", lang, detail=m), className="mb-0") for m in messages],
        className="alert alert-warning",
        role="alert",
        id="param-errors",
    )


def lang_switch(path: str, params: Mapping[str, str], lang: str) -> html.Nav:
    """IT / EN links to the same view in the other language."""
    links: list[Component] = []
    for code in LANGS:
        label = code.upper()
        if code == lang:
            links.append(html.Span(label, className="s3-lang-current", **aria(current="true")))
        else:
            links.append(
                html.A(
                    label,
                    href=href(path, {**params, "lang": code}),
                    hrefLang=code,
                    lang=code,
                    title=t("lang.name", code),
                    className="s3-lang-link",
                )
            )
    return html.Nav(
        [html.Span(t("lang.switch", lang) + ": ", className="visually-hidden"), *links],
        className="s3-lang",
        **aria(label=t("lang.switch", lang)),
    )


def navbar(
    brand_href: str,
    items: Sequence[tuple[str, str]],
    path: str,
    params: Mapping[str, str],
    lang: str,
    link_params: Mapping[str, str] | None = None,
) -> dbc.Navbar:
    """Top navigation: brand, section links (the current one marked), language switch.

    `params` is the whole view (kept by the language switch); `link_params`, when given,
    what the section links carry to the other pages.
    """
    carried = params if link_params is None else link_params
    links = [
        dbc.NavItem(
            dbc.NavLink(
                t(label_key, lang),
                href=href(item_path, carried),
                active=item_path == path,
            )
        )
        for item_path, label_key in items
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(t("app.title", lang), href=href(brand_href, carried)),
                dbc.Nav(links, navbar=True, className="me-auto"),
                lang_switch(path, params, lang),
            ],
            fluid=True,
        ),
        color="primary",
        dark=True,
        className="s3-navbar",
    )


def url_filter(
    filter_id: str,
    label: str,
    every: tuple[str, str],
    options: Sequence[tuple[str, str]],
    value: str | None,
    class_name: str,
    select_style: Mapping[str, str] | None = None,
) -> html.Div:
    """A labelled native select kept in the URL by a callback.

    `every` is the (value, label) of the first entry, "all"; `options` are (value, label).
    """
    choices = [{"label": name, "value": code} for code, name in (every, *options)]
    style = {"style": dict(select_style)} if select_style else {}  # never style=None
    return html.Div(
        [
            html.Label(label, htmlFor=filter_id, className="me-2 mb-0"),
            dbc.Select(
                id=filter_id,
                options=choices,
                value=value or every[0],
                className="s3-filter-select",
                **style,
            ),
        ],
        className=class_name,
        role="search",
    )


def ecosystem_filter(
    filter_id: str, options: Sequence[tuple[str, str]], value: str | None, lang: str
) -> html.Div:
    """The shared ecosystem filter: (code, name) options."""
    return url_filter(
        filter_id,
        t("filter.ecosystem", lang),
        (ALL_ECOSYSTEMS, t("filter.all_ecosystems", lang)),
        options,
        value,
        "s3-filterbar d-flex align-items-center container-fluid py-2",
    )


def footer(lang: str) -> html.Div:
    """Sources and licence."""
    return html.Div(
        [html.P(t("footer.source", lang)), html.P(t("footer.licence", lang))],
        className="s3-footer small text-muted",
    )
