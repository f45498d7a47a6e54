"""Overview page: where the strategy stands, in ten seconds, and the key figures.

Top to bottom: filters and data date; the count of indicators by status; a gauge per
indicator; the trends to reverse (from the forecasts, when available); the headline
figures; the table of indicators with their status; how the status is computed.

The building blocks (status badge, summary, gauges, status table, method note) are shared
with the indicators page and the printable report. Layout only: no SQL, no callbacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.citations import document_title, source_text
from dashboard.components import data_table, href, page_header, url_filter
from dashboard.figures.attainment import STATUS_COLOURS, STATUS_SYMBOLS, gauge_label, svg_data_uri
from dashboard.figures.public import HEIGHT as GAUGE_HEIGHT
from dashboard.figures.public import WIDTH as GAUGE_WIDTH
from dashboard.figures.public import gauge_svg
from dashboard.html_table import html_block
from dashboard.i18n import (
    format_date,
    format_eur,
    format_number,
    format_share,
    format_value,
    localized,
    t,
)
from dashboard.pager import PAGE_PARAM, Page, beyond_message, page_of, pager
from dashboard.static_markup import (
    Written,
    element,
    link,
    markup,
    static_block,
    text_html,
    written,
)
from data.analysis.attainment import (
    ACHIEVED,
    NOT_ASSESSABLE,
    ON_TRACK,
    STATUSES,
    Assessment,
    StatusBands,
    count_by_status,
)
from data.analysis.records import records

PAGE_PATH = "/"
HEADLINES_ID = "overview-headlines"
QUALIFIERS = ("circa", "oltre", "quasi")  # a headline's qualifier: catalogue `qualifier.*`
INDICATORS_TABLE_ID = "overview-indicators-table"
PAGER_ID = "overview-indicators-pager"
OBJECTIVE_FILTER_ID = "overview-objective-filter"
SUMMARY_ID = "overview-status-summary"
GAUGES_ID = "overview-gauges"
UPDATED_ID = "overview-updated"
REPORT_LINK_ID = "overview-report-link"
ALL_OBJECTIVES = "all"
INK_MUTED = "#495057"  # 8.6:1 on white
# More gauges than this stop being a glance; the table below lists every indicator.
MAX_GAUGES = 24
PRINT_GAUGE_WIDTH = 150  # px: four dials across an A4 sheet


@dataclass
class AttainmentData:
    """What the attainment views render: the indicators in scope and their assessments."""

    indicators: pd.DataFrame  # rows of data.queries.indicators_frame, in display order
    assessments: Sequence[Assessment]  # one per indicator row, same order
    observations: pd.DataFrame  # the observations of those indicators
    headlines: pd.DataFrame
    bands: StatusBands
    data_version: int
    as_of: dt.date | None  # date of the most recent value in scope
    scope: list[str] = field(default_factory=list)  # what the view is filtered by, in words


# --------------------------------------------------------------------------- formatting


def format_ratio(ratio: float | None, lang: str) -> str:
    """A pace ratio with two decimals: `1,27` / `1.27`."""
    return t("nd", lang) if ratio is None else format_number(ratio, lang, 2)


def band_text(status: str, bands: StatusBands, lang: str) -> str:
    """The band rule of a pace status, e.g. `0 ≤ R < 0,60`."""
    return t(
        f"att.band.{status}",
        lang,
        on=format_number(bands.on_track, lang, 2),
        acc=format_number(bands.acceleration, lang, 2),
    )


def explanation(assessment: Assessment, unit: str, lang: str) -> str:
    """The sentence saying why the indicator has its status, with its numbers."""
    status = t(f"att.status.{assessment.status}", lang)
    bands = StatusBands(assessment.on_track_band, assessment.acceleration_band)
    values = {
        "latest": format_value(assessment.latest_value, unit, lang),
        "target": format_value(assessment.target_value, unit, lang),
        "direction": t(f"att.direction.{assessment.direction}", lang)
        if assessment.direction in ("higher", "lower")
        else assessment.direction,
        "r": format_ratio(assessment.r, lang),
        "band": band_text(assessment.status, bands, lang)
        if assessment.status not in (ACHIEVED, NOT_ASSESSABLE)
        else "",
        "status": status,
    }
    return t(assessment.explanation_key, lang, count=None, **values)


def note_texts(assessment: Assessment, unit: str, lang: str) -> list[str]:
    """The reading decisions behind the assessment, as sentences."""
    base = {
        "value": format_value(assessment.base_value, unit, lang),
        "date": format_date(assessment.base_date, lang),
    }
    return [t(f"att.note.{note}", lang, count=None, **base) for note in assessment.notes]


def base_text(assessment: Assessment, unit: str, lang: str) -> str:
    """`447.360 € (dic 2023, primo valore)`: the base used, and where it comes from."""
    if assessment.base_value is None:
        return t("nd", lang)
    where = format_date(assessment.base_date, lang, month=True)
    if assessment.base_is_first_observation:
        where += f", {t('att.base.first', lang)}"
    return f"{format_value(assessment.base_value, unit, lang)} ({where})"


def draft_text(assessment: Assessment, unit: str, lang: str) -> str:
    """`bozza non conteggiata: 73,6 M€ (apr 2025)`, or "" when there is no newer draft."""
    if assessment.draft_value is None:
        return ""
    return t(
        "att.draft",
        lang,
        value=format_value(assessment.draft_value, unit, lang),
        date=format_date(assessment.draft_date, lang, month=True),
    )


def latest_cell(assessment: Assessment, unit: str, lang: str) -> Component | str:
    """The latest value counted, with its month, and a newer draft under it if any."""
    latest = format_value(assessment.latest_value, unit, lang)
    if assessment.latest_date is not None:
        latest += f" ({format_date(assessment.latest_date, lang, month=True)})"
    draft = draft_text(assessment, unit, lang)
    if not draft:
        return latest
    return html.Div([html.Div(latest), html.Small(draft, className="text-muted s3-draft")])


# --------------------------------------------------------------------------- components


def status_badge(status: str, lang: str) -> html.Span:
    """The status as symbol and words on its colour: never colour alone."""
    return html.Span(
        [
            html.Span(STATUS_SYMBOLS[status], **aria(hidden=True), className="me-1"),
            t(f"att.status.{status}", lang),
        ],
        className=f"badge s3-status s3-status-{status}",
        style={"backgroundColor": STATUS_COLOURS[status], "color": "#fff", "fontSize": ".85rem"},
    )


def status_summary(
    assessments: Sequence[Assessment], lang: str, prefix: str = "overview"
) -> html.Section:
    """The headline count and one tile per status, then the same in one sentence."""
    counts = count_by_status(assessments)
    assessable = len(assessments) - counts[NOT_ASSESSABLE]
    good = counts[ACHIEVED] + counts[ON_TRACK]
    tiles = [
        html.Div(
            [
                html.Div(str(counts[status]), className="s3-count-value"),
                html.Div(
                    [
                        html.Span(STATUS_SYMBOLS[status], **aria(hidden=True)),
                        " ",
                        t(f"att.status.{status}", lang),
                    ],
                    className="s3-count-label",
                ),
            ],
            id=f"{prefix}-count-{status}",
            className="s3-count",
            style={
                "borderLeft": f"6px solid {STATUS_COLOURS[status]}",
                "color": STATUS_COLOURS[status],
                "background": "#f8f9fa",
                "padding": ".5rem .75rem",
                "fontWeight": 600,
            },
        )
        for status in STATUSES
    ]
    sentence = (
        t("att.summary.sentence", lang, n=len(assessments), **counts)
        if assessments
        else t("att.summary.none", lang)
    )
    return html.Section(
        [
            html.H2(t("att.summary.title", lang), className="h4 mt-3"),
            html.P(
                t("att.summary.headline", lang, good=good, assessable=assessable),
                className="lead fw-semibold mb-2",
                id=f"{prefix}-status-headline",
            ),
            html.Div(
                tiles,
                className="s3-counts mb-2",
                style={
                    "display": "grid",
                    "gridTemplateColumns": "repeat(auto-fit, minmax(9.5rem, 1fr))",
                    "gap": ".5rem",
                },
                **aria(hidden=True),  # the sentence below says the same to everyone
            ),
            html.P(sentence, id=f"{prefix}-status-sentence", className="mb-0"),
        ],
        id=f"{prefix}-status-summary",
        className="mb-4",
        **aria(label=t("att.summary.title", lang)),
    )


def _detail_href(code: str, params: Mapping[str, str]) -> str:
    return href("/indicators", {**params, "indicator": code})


def _detail_hrefs(params: Mapping[str, str]) -> Callable[[str], str]:
    """`_detail_href` for many codes: the view's own query encoded once, not once a row."""
    if "indicator" in params:  # its place in the query is the view's: encode it all
        return lambda code: _detail_href(code, params)
    start = href("/indicators", params)
    joiner = "&" if "?" in start else "?"
    # href() leaves out an empty value: so does this.
    return lambda code: f"{start}{joiner}{urlencode({'indicator': code})}" if code else start


def gauge_values(assessment: Assessment, unit: str, lang: str) -> str:
    """`3,1 M€ su 5,25 M€`: the latest value against the target."""
    return t(
        "att.gauge.values",
        lang,
        value=format_value(assessment.latest_value, unit, lang),
        target=format_value(assessment.target_value, unit, lang),
    )


def gauge_details(assessment: Assessment, unit: str, lang: str) -> str:
    """The line under the values: as of when, the share expected by now, a newer draft."""
    details = []
    if assessment.latest_date is not None:
        details.append(
            t("att.gauge.as_of", lang, date=format_date(assessment.latest_date, lang, month=True))
        )
    if assessment.e is not None and assessment.status != NOT_ASSESSABLE:
        details.append(t("att.gauge.expected", lang, e=format_share(assessment.e, lang)))
    draft = draft_text(assessment, unit, lang)
    if draft:
        details.append(draft)
    return " · ".join(details)


def gauge_card(
    assessment: Assessment,
    indicator: Mapping[str, object],
    lang: str,
    params: Mapping[str, str],
    printable: bool = False,
    badge: str = "",
) -> Written:
    """One indicator: name, status, gauge (or why there is none), value against target.

    Written as HTML directly, attribute for attribute as `static_markup.markup` writes the
    same tree of html components (tests/unit/test_gauge_cards.py compares the bytes): a card
    was ~13 components built only to be written out again. `badge`: the status badge's
    HTML when the caller wrote it already (the same for every card of a status).
    """
    code = assessment.code
    unit = str(indicator["unit"])
    name = str(indicator[localized("name", lang)])
    colour = STATUS_COLOURS[assessment.status]
    prefix = "report" if printable else "overview"
    if assessment.status == NOT_ASSESSABLE or assessment.p is None:
        height = (
            round(PRINT_GAUGE_WIDTH * GAUGE_HEIGHT / GAUGE_WIDTH) if printable else GAUGE_HEIGHT
        )
        body = element(
            "p",
            {
                "className": "s3-gauge-none small d-flex align-items-center "
                "justify-content-center text-center px-2 mb-0",
                "style": {"minHeight": f"{height}px", "color": INK_MUTED},
            },
            text_html(explanation(assessment, unit, lang)),
        )
    else:
        # The public page's SVG dial, drawn here: no plotly.js to load, nothing to draw in
        # the browser, and an <img> prints as it shows (the report is printed).
        # In the report every dial has the same size, whatever its column's width.
        width = PRINT_GAUGE_WIDTH if printable else GAUGE_WIDTH
        body = element(
            "img",
            {
                "id": f"{prefix}-gauge-{code}",
                "alt": gauge_label(assessment, lang),
                "className": "s3-gauge",
                "height": round(width * GAUGE_HEIGHT / GAUGE_WIDTH),
                "src": svg_data_uri(gauge_svg(assessment.p, assessment.e, colour)),
                "width": width,
            },
        )
    values = text_html(gauge_values(assessment, unit, lang))
    footer = element("div", {}, element("span", {"className": "fw-semibold"}, values))
    details = text_html(gauge_details(assessment, unit, lang))
    footer += element("div", {"className": "small text-muted"}, details)
    if not printable:
        how = t("att.gauge.how", lang)
        footer += element(
            "a",
            {
                "className": "small d-print-none",
                "href": _detail_href(code, params),
                "aria-label": f"{how}: {code}",
            },
            text_html(how),
        )
    title = element("span", {"className": "fw-bold me-1"}, text_html(code))
    title += element("span", {}, text_html(name))
    heading = element(
        "h3", {"className": "h6 mb-1 s3-gauge-title", "style": {"fontSize": ".9rem"}}, title
    )
    badge = badge or markup(status_badge(assessment.status, lang))
    # Header grows, gauge and figures sit at the bottom: the dials of a row line up.
    return Written(
        element(
            "div",
            {
                "id": f"{prefix}-card-{code}",
                "className": "s3-gauge-card border rounded p-2 bg-white d-flex flex-column",
                "style": {"borderTop": f"6px solid {colour}"},
            },
            element("div", {"className": "flex-grow-1"}, heading + badge)
            + body
            + element("div", {"className": "text-center"}, footer),
        )
    )


def attainment_headers(lang: str) -> list[str]:
    """Status, latest value, target, p, e and R: the columns of every attainment table."""
    return [
        t("att.col.status", lang),
        t("col.latest", lang),
        t("col.target", lang),
        t("att.col.progress", lang),
        t("att.col.expected", lang),
        t("att.col.pace", lang),
    ]


def gauge_rows(
    shown: Sequence[tuple[Assessment, Mapping[str, object]]], lang: str
) -> list[list[str]]:
    """The numbers of the gauges shown, as table rows (their text alternative)."""
    rows = []
    for assessment, indicator in shown:
        unit = str(indicator["unit"])
        rows.append(
            [
                assessment.code,
                t(f"att.status.{assessment.status}", lang),
                format_value(assessment.latest_value, unit, lang),
                format_value(assessment.target_value, unit, lang),
                format_share(assessment.p, lang),
                format_share(assessment.e, lang),
                format_ratio(assessment.r, lang),
            ]
        )
    return rows


def gauge_grid(
    data: AttainmentData,
    lang: str,
    params: Mapping[str, str],
    prefix: str = "overview",
    printable: bool = False,
) -> html.Section:
    """Title, description, a gauge per indicator (capped) and the numbers as a table."""
    total = len(data.indicators)
    # Only the rows of the gauges shown become records: a page may hold thousands.
    indicators = records(data.indicators.head(MAX_GAUGES))
    shown = list(zip(data.assessments[:MAX_GAUGES], indicators, strict=True))
    badges = {status: markup(status_badge(status, lang)) for status in {a.status for a, _ in shown}}
    cards = [gauge_card(a, ind, lang, params, printable, badges[a.status]) for a, ind in shown]
    children: list[Component] = [
        html.H2(t("att.gauges.title", lang), className="h4"),
        html.P(t("att.gauges.description", lang), id=f"{prefix}-gauges-description"),
        # Static (no callback touches a card): one component instead of ~13 per card.
        html_block(
            element(
                "div",
                {
                    "className": "s3-gauge-grid",
                    "style": {
                        "display": "grid",
                        "gridTemplateColumns": "repeat(auto-fill, minmax("
                        f"{150 if printable else 230}px, 1fr))",
                        "gap": ".75rem",
                    },
                },
                "".join(card.html for card in cards),
            )
        ),
    ]
    if total > MAX_GAUGES:
        children.append(
            html.P(
                t("att.gauges.capped", lang, shown=MAX_GAUGES, total=total),
                className="mt-2 text-muted",
            )
        )
    if not printable:  # in the report, the indicators table right after carries the numbers
        children.append(
            html.Details(
                [
                    html.Summary(t("chart.show_table", lang)),
                    data_table(
                        f"{prefix}-gauges-table",
                        t("att.gauges.table", lang),
                        [t("col.code", lang), *attainment_headers(lang)],
                        gauge_rows(shown, lang),
                        numeric=(2, 3, 4, 5, 6),
                    ),
                ],
                className="s3-chart-table mt-2",
            )
        )
    return html.Section(
        children,
        id=f"{prefix}-gauges",
        className="mb-4 s3-gauges",
        **aria(label=t("att.gauges.title", lang), describedby=f"{prefix}-gauges-description"),
    )


def status_table(
    table_id: str,
    data: AttainmentData,
    lang: str,
    params: Mapping[str, str],
    links: bool = True,
    page: Page | None = None,
) -> html.Div:
    """Every indicator with status, latest value, target, p, e and R (`page`: its rows only)."""
    badges = {status: written(status_badge(status, lang)) for status in STATUSES}
    detail_href = _detail_hrefs(params)
    shown = slice(None) if page is None else slice(page.start, page.stop)
    names = data.indicators[localized("name", lang)].tolist()[shown]
    units = data.indicators["unit"].tolist()[shown]
    rows = []
    for assessment, name, unit_value in zip(data.assessments[shown], names, units, strict=True):
        unit = str(unit_value)
        code: Written | str = (
            link(assessment.code, detail_href(assessment.code)) if links else assessment.code
        )
        latest = latest_cell(assessment, unit, lang)
        rows.append(
            [
                code,
                name,
                badges[assessment.status],
                latest,
                format_value(assessment.target_value, unit, lang),
                format_share(assessment.p, lang),
                format_share(assessment.e, lang),
                format_ratio(assessment.r, lang),
            ]
        )
    # Links and badges make it a table of components; it is static: written as one block.
    return data_table(
        table_id,
        t("att.table.caption", lang),
        [t("col.code", lang), t("col.indicator", lang), *attainment_headers(lang)],
        rows,
        numeric=(3, 4, 5, 6, 7),
        static=True,
    )


def method_note(bands: StatusBands, lang: str, section_id: str = "overview-method") -> html.Section:
    """How the status is computed, with the configured bands."""
    on = format_number(bands.on_track, lang, 2)
    acc = format_number(bands.acceleration, lang, 2)
    return html.Section(
        [
            html.H2(t("att.method.title", lang), className="h5"),
            html.P(t("att.method.formula", lang)),
            html.P(t("att.method.bands", lang, on=on, acc=acc)),
            html.P(t("att.method.kinds", lang)),
            html.P(t("att.method.origin", lang), className="small text-muted"),
        ],
        id=section_id,
        className="s3-method mb-4",
    )


def updated_line(data: AttainmentData, lang: str, line_id: str = UPDATED_ID) -> html.P:
    """Date of the most recent value, the data version and the sources."""
    # Each distinct source once: a thousand indicators share a handful.
    sources = sorted(
        {document_title(s, lang) for s in set(data.indicators["source"].tolist()) if s}
    )
    text = t(
        "att.updated",
        lang,
        date=format_date(data.as_of, lang) if data.as_of else t("nd", lang),
        version=data.data_version,
    )
    children: list[Component] = [html.Span(text)]
    if sources:
        children += [html.Br(), html.Span(t("att.sources", lang, sources="; ".join(sources)))]
    return html.P(children, id=line_id, className="small text-muted mb-2")


def scope_line(data: AttainmentData, lang: str) -> str:
    """`Ambito: …` with the filters in words (or "every ecosystem and every objective")."""
    return t("att.scope", lang, scope="; ".join(data.scope) or t("att.scope.all", lang))


def objective_filter(
    filter_id: str, objectives: Sequence[str], value: str | None, lang: str
) -> html.Div:
    """The strategic-objective filter (an objective is its own value)."""
    return url_filter(
        filter_id,
        t("att.filter.objective", lang),
        (ALL_OBJECTIVES, t("att.filter.all_objectives", lang)),
        [(objective, objective) for objective in objectives],
        value,
        "s3-objective-filter d-flex align-items-center flex-wrap gap-1 py-2 d-print-none",
        select_style={"maxWidth": "40rem"},
    )


def _headline_value(row: Mapping[str, object], lang: str) -> str:
    qualifier = str(row["qualifier"] or "")
    prefix = t(f"qualifier.{qualifier}", lang) if qualifier in QUALIFIERS else ""
    value = row["value"]
    number = float(value) if isinstance(value, int | float) else None
    if row["unit"] == "€":
        return prefix + format_eur(number, lang, compact=True)
    return prefix + format_number(number, lang)


def headline_cards(
    headlines: pd.DataFrame, lang: str, section_id: str = HEADLINES_ID, title_key: str = ""
) -> html.Section:
    """One card per headline figure, with its period and source."""
    title = t(title_key or "overview.headlines", lang)
    cards = [
        html.Div(
            [
                html.P(_headline_value(row, lang), className="s3-kpi-value mb-1"),
                html.P(row[localized("label", lang)], className="mb-1"),
                html.P(
                    f"{row['period']} — {t('source', lang)}: {source_text(row['source'], lang)}",
                    className="small text-muted mb-0",
                ),
            ],
            className="s3-headline border rounded p-3 h-100",
        )
        for row in records(headlines)
    ]
    return html.Section(
        [
            html.H2(title, className="h4"),
            static_block(
                html.Div(
                    cards,
                    className="s3-headline-grid",
                    style={
                        "display": "grid",
                        "gridTemplateColumns": "repeat(auto-fill, minmax(15rem, 1fr))",
                        "gap": ".75rem",
                    },
                )
            ),
        ],
        id=section_id,
        className="mb-4",
        **aria(label=title),
    )


def indicators_section(data: AttainmentData, lang: str, params: Mapping[str, str]) -> html.Section:
    """The status table a page at a time (`params`' `page`), with its pager under it."""
    page, beyond = page_of(len(data.assessments), params.get(PAGE_PARAM))
    links = without_page(params)
    children: list[Component] = [html.H2(t("overview.indicators", lang), className="h4")]
    if beyond is not None:
        children.append(beyond_message(beyond, page, lang, f"{INDICATORS_TABLE_ID}-beyond"))
    children.append(status_table(INDICATORS_TABLE_ID, data, lang, links, page=page))
    nav = pager(PAGER_ID, PAGE_PATH, params, page, lang, f"#{INDICATORS_TABLE_ID}")
    if nav is not None:
        children.append(nav)
    return html.Section(children, className="mb-4")


def without_page(params: Mapping[str, str]) -> dict[str, str]:
    """The view's query for links off the table's page (another page, the full report)."""
    return {k: v for k, v in params.items() if k != PAGE_PARAM}


def layout(
    data: AttainmentData,
    lang: str,
    params: Mapping[str, str],
    objectives: Sequence[str],
    objective: str | None,
    trends: Component | None = None,
    context: Component | None = None,
    changes: Component | None = None,
) -> html.Div:
    """The overview for the indicators in scope (see callbacks/overview.py).

    `context` is the Eurostat context strip (dashboard.pages.context.context_strip);
    `changes`: the "what changed" section (dashboard/pages/revisions.py). `params` is the
    view's query; its `page` chooses the status table's page.
    """
    links = without_page(params)
    children: list[Component] = [
        page_header(t("overview.title", lang), t("att.overview.lead", lang)),
        html.Div(
            [
                objective_filter(OBJECTIVE_FILTER_ID, objectives, objective, lang),
                dbc.Button(
                    t("att.report.button", lang),
                    id=REPORT_LINK_ID,
                    href=href("/report", links),
                    color="primary",
                    outline=True,
                    className="ms-auto d-print-none",
                ),
            ],
            className="d-flex align-items-center flex-wrap gap-2",
        ),
        html.P(scope_line(data, lang), id="overview-scope", className="mb-1"),
        updated_line(data, lang),
        status_summary(data.assessments, lang),
        gauge_grid(data, lang, links),
    ]
    if trends is not None:
        children.append(html.Div(trends, id="overview-trends", className="mb-4"))
    if context is not None:
        children.append(context)
    if changes is not None:
        children.append(changes)
    children += [
        headline_cards(data.headlines, lang),
        indicators_section(data, lang, params),
        method_note(data.bands, lang),
    ]
    return html.Div(children)
