"""Ecosystems page: the 8 S3 ecosystems (and the cross-cutting bucket) side by side and one by one.

For each ecosystem: the clusters and members serving it (reference vs S3 synergy), its
calls and money, its indicators and its projects by province; above them, the comparison
table and two charts. `?ecosystem=X` focuses on one (its card, with a province chart).
Layout only: frames in, components out (`callbacks/ecosystems.py` reads the data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.components import (
    Cell,
    chart_block,
    data_table,
    drawn_chart_block,
    href,
    page_header,
    place_names,
    static_table_markup,
)
from dashboard.figures import funding as figures
from dashboard.html_table import html_block
from dashboard.i18n import (
    format_date,
    format_eur,
    format_number,
    format_percent,
    format_value,
    localized,
    t,
)
from dashboard.static_markup import element, markup
from data.analysis import ecosystems as analysis
from data.analysis.records import records
from data.analysis.scope import CROSS_CUTTING

PAGE_PATH = "/ecosystems"
COMPARISON_ID = "ecosystems-comparison-table"
MONEY_ID = "ecosystems-money-chart"
CLUSTERS_ID = "ecosystems-clusters-chart"
PROVINCE_ID = "ecosystems-projects-province"
FOCUS_ID = "ecosystems-focus"
CARD_PREFIX = "ecosystems-card-"
NAN = float("nan")


@dataclass(frozen=True)
class PageData:
    """Everything the page is drawn from (unfiltered: the page compares ecosystems)."""

    ecosystems: list[tuple[str, str]]  # (code, name) in display order, cross-cutting last
    comparison: pd.DataFrame  # data.analysis.ecosystems.comparison
    clusters: pd.DataFrame
    calls: pd.DataFrame
    indicators: pd.DataFrame  # with latest_value, latest_date (NaN / None when none)
    projects: pd.DataFrame  # data.project_queries.by_ecosystem_and_province
    # data.analysis.ecosystems.provinces_by_ecosystem (an ecosystem without projects: absent)
    provinces: Mapping[str | None, pd.DataFrame]
    province_names: dict[str, str]
    lang: str
    focus: str | None = None
    params: dict[str, str] = field(default_factory=dict)  # shared URL parameters


def _name(code: object, names: Mapping[str, str], lang: str) -> str:
    # pandas may hand the "no ecosystem" key back as NaN rather than None
    return names.get(code, code) if isinstance(code, str) and code else t("no_ecosystem", lang)


def _money(value: float, lang: str) -> str:
    return format_eur(value, lang, compact=True)


# --- comparison ---------------------------------------------------------------------------


def comparison_table(data: PageData) -> html.Div:
    """Every ecosystem in a row: clusters, members, dedicated calls, indicators, projects."""
    lang, names = data.lang, dict(data.ecosystems)
    rows = []
    for r in records(data.comparison):
        label: Component | str = _name(r["code"], names, lang)
        if isinstance(r["code"], str) and r["code"] == data.focus:
            label = html.Strong(label)
        projects = format_number(r["projects"], lang)
        if r["synthetic"]:
            projects += f" ({t('synthetic.tag', lang)}: {format_number(r['synthetic'], lang)})"
        rows.append(
            [
                label,
                format_number(r["reference_clusters"], lang),
                format_number(r["synergy_clusters"], lang),
                format_number(r["reference_members"], lang),
                format_number(r["dedicated_calls"], lang),
                _money(r["dedicated_budget_eur"], lang),
                _money(r["dedicated_granted_eur"], lang),
                format_number(r["indicators"], lang),
                projects,
                _money(r["project_funding_eur"], lang) if r["projects"] else t("nd", lang),
                format_percent(r["spending_progress"], lang),
            ]
        )
    headers = [
        t("filter.ecosystem", lang),
        t("col.reference_clusters", lang),
        t("col.synergy_clusters", lang),
        t("col.reference_members", lang),
        t("col.dedicated_calls", lang),
        t("col.dedicated_budget", lang),
        t("col.dedicated_granted", lang),
        t("col.indicators_n", lang),
        t("col.projects", lang),
        t("col.project_funding", lang),
        t("col.spending_progress", lang),
    ]
    return data_table(
        COMPARISON_ID, t("ecosystems.compare.table", lang), headers, rows, numeric=range(1, 11)
    )


def money_block(data: PageData) -> html.Section:
    """Dedicated budget, grants and project funding per ecosystem, as grouped bars."""
    lang, names = data.lang, dict(data.ecosystems)
    # The comparison's columns as lists: on its ten rows pandas' masks, dropna and records
    # cost more than the figures they pick.
    column = data.comparison.__getitem__
    has_projects = [n > 0 for n in column("projects").tolist()]
    values = {
        "dedicated_budget_eur": column("dedicated_budget_eur").tolist(),
        "dedicated_granted_eur": column("dedicated_granted_eur").tolist(),
        "project_funding_eur": [
            v if shown else NAN
            for v, shown in zip(column("project_funding_eur").tolist(), has_projects, strict=True)
        ],
    }
    labels = [_name(c, names, lang) for c in column("code").tolist()]
    measures = {
        "dedicated_budget_eur": t("col.dedicated_budget", lang),
        "dedicated_granted_eur": t("col.dedicated_granted", lang),
        "project_funding_eur": t("col.project_funding", lang),
    }
    frame = pd.DataFrame({"name": labels, **values})
    figure = figures.comparison_figure(frame, measures, lang)
    budgets = values["dedicated_budget_eur"]
    known = [i for i, v in enumerate(budgets) if v == v]  # NaN: no call gives the figure
    if not known:
        description = t("funding.ranked.empty", lang)
    else:
        top = max(known, key=budgets.__getitem__)  # the first of the largest, as argmax
        description = t(
            "ecosystems.money.description",
            lang,
            top=labels[top],
            amount=_money(budgets[top], lang),
            nd=format_number(len(labels) - len(known), lang),
        )
    rows = [
        [label, *(_money(values[m][i], lang) for m in measures)] for i, label in enumerate(labels)
    ]
    table = data_table(
        f"{MONEY_ID}-table",
        t("ecosystems.money.title", lang),
        [t("filter.ecosystem", lang), *measures.values()],
        rows,
        numeric=(1, 2, 3),
    )
    return chart_block(
        MONEY_ID,
        t("ecosystems.money.title", lang),
        description,
        figure,
        table,
        lang,
        lazy=True,
    )


def clusters_block(data: PageData) -> html.Section:
    """How many clusters serve each S3 ecosystem, as reference and as synergy."""
    lang, names = data.lang, dict(data.ecosystems)
    column = data.comparison.__getitem__
    # The S3 ecosystems only: not the cross-cutting bucket, not "no ecosystem" (read as lists).
    shown = [
        (code, reference, synergy)
        for code, reference, synergy in zip(
            column("code").tolist(),
            column("reference_clusters").tolist(),
            column("synergy_clusters").tolist(),
            strict=True,
        )
        if isinstance(code, str) and code != CROSS_CUTTING
    ]
    labels = [_name(code, names, lang) for code, _, _ in shown]
    reference = [r for _, r, _ in shown]
    synergy = [s for _, _, s in shown]
    frame = pd.DataFrame({"name": labels, "reference": reference, "synergy": synergy})
    figure = figures.clusters_serving_figure(frame, lang)
    totals = [r + s for r, s in zip(reference, synergy, strict=True)]
    if totals:
        top = max(range(len(totals)), key=totals.__getitem__)  # the first of the largest
        description = t(
            "ecosystems.clusters.description",
            lang,
            top=labels[top],
            n=format_number(totals[top], lang),
        )
    else:
        description = t("ecosystems.card.no_clusters", lang)
    rows = [
        [label, format_number(r, lang), format_number(s, lang)]
        for label, r, s in zip(labels, reference, synergy, strict=True)
    ]
    table = data_table(
        f"{CLUSTERS_ID}-table",
        t("ecosystems.clusters.title", lang),
        [
            t("filter.ecosystem", lang),
            t("col.reference_clusters", lang),
            t("col.synergy_clusters", lang),
        ],
        rows,
        numeric=(1, 2),
    )
    return chart_block(
        CLUSTERS_ID,
        t("ecosystems.clusters.title", lang),
        description,
        figure,
        table,
        lang,
        lazy=True,
    )


# --- one ecosystem ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rows:
    """The frames every card filters, as records converted once for the page.

    A card's filters on a few dozen rows cost pandas' fixed price per call, nine cards over.
    """

    clusters: list[analysis.Record]
    calls: list[analysis.Record]
    indicators: list[analysis.Record]
    cross_cutting_calls: int
    without_ecosystem: int  # indicators that apply to every ecosystem


def _rows(data: PageData) -> _Rows:
    calls = records(data.calls)
    indicators = records(data.indicators)
    return _Rows(
        clusters=records(data.clusters),
        calls=calls,
        indicators=indicators,
        cross_cutting_calls=len(analysis.cross_cutting_calls(calls)),
        without_ecosystem=sum(not isinstance(i["ecosystem"], str) for i in indicators),
    )


# A card's clusters, calls, indicators and province table are static text: written as HTML
# (one block a card) rather than some twenty Dash components each, built, serialized and
# rendered, nine cards a page. The links stay components (dcc.Link: navigation in place).


def _heading(text: str) -> str:
    return element("h3", {"className": "h6 fw-bold mt-2"}, markup(text))


def _paragraph(text: str, class_name: str | None = None) -> str:
    return element("p", {"className": class_name}, markup(text))


def _list(lines: list[str]) -> str:
    return element("ul", {}, "".join(element("li", {}, markup(line)) for line in lines))


def _clusters_part(data: PageData, rows: _Rows, code: str) -> str:
    lang = data.lang
    serving = analysis.serving_clusters(rows.clusters, code)
    if not serving:
        return _paragraph(t("ecosystems.card.no_clusters", lang), "text-muted")
    return _list(
        [
            t(
                "ecosystems.card.cluster_line",
                lang,
                name=c["name"],
                role=t(f"ecosystems.clusters.{c['role']}", lang),
                members=format_number(c["members_total"], lang),
                firms=format_number(c["members_firms"], lang),
                research=format_number(c["members_research"], lang),
                other=format_number(c["members_other"], lang),
            )
            for c in serving
        ]
    )


def _calls_part(data: PageData, rows: _Rows, code: str) -> str:
    lang = data.lang
    own = analysis.dedicated_calls(rows.calls, code)
    budget = _money(analysis.total([c["budget_eur"] for c in own]), lang)
    granted = _money(analysis.total([c["granted_eur"] for c in own]), lang)
    if code == CROSS_CUTTING:
        summary = t(
            "ecosystems.card.calls_cross",
            lang,
            n=format_number(len(own), lang),
            budget=budget,
            granted=granted,
        )
    else:
        summary = t(
            "ecosystems.card.calls_summary",
            lang,
            n=format_number(len(own), lang),
            budget=budget,
            granted=granted,
            cross=format_number(rows.cross_cutting_calls, lang),
        )
    items = [
        t(
            "ecosystems.card.call_line",
            lang,
            name=c["name"],
            budget=_money(c["budget_eur"], lang),
            granted=_money(c["granted_eur"], lang),
        )
        for c in own
    ]
    return _paragraph(summary) + (_list(items) if items else "")


def _indicators_part(data: PageData, rows: _Rows, code: str) -> str:
    lang = data.lang
    own = analysis.own_indicators(rows.indicators, code)
    if code == CROSS_CUTTING:
        summary = t("ecosystems.card.indicators_cross", lang, n=format_number(len(own), lang))
        return _paragraph(summary)  # the list would repeat the indicators page
    every = rows.without_ecosystem
    summary = t(
        "ecosystems.card.indicators_summary",
        lang,
        n=format_number(len(own), lang),
        all=format_number(every, lang),
    )
    column = localized("name", lang)
    items = [
        t(
            "ecosystems.card.indicator_line",
            lang,
            name=i[column],
            value=format_value(i["latest_value"], i["unit"], lang),
            date=format_date(i["latest_date"], lang) if i["latest_date"] else t("nd", lang),
            target=format_value(i["target_value"], i["unit"], lang),
        )
        for i in own
    ]
    return _paragraph(summary) + (_list(items) if items else "")


def _province_frame(data: PageData, code: str) -> pd.DataFrame:
    frame = data.provinces[code].copy()
    frame["province_name"] = place_names(frame, data.province_names, data.lang)
    return frame


def _province_table_parts(
    data: PageData, code: str, name: str
) -> tuple[str, str, list[str], list[list[Cell]]]:
    """The id, caption, headers and rows of an ecosystem's projects by province."""
    lang = data.lang
    frame = data.provinces[code]  # read column by column: no copy, no records, nine cards
    rows: list[list[Cell]] = [
        [place, format_number(projects, lang), format_eur(funding, lang), format_number(n, lang)]
        for place, projects, funding, n in zip(
            place_names(frame, data.province_names, lang),
            frame["projects"].tolist(),
            frame["funding_eur"].tolist(),
            frame["synthetic"].tolist(),
            strict=True,
        )
    ]
    headers = [
        t("col.province", lang),
        t("col.projects", lang),
        t("col.public_funding", lang),
        t("col.synthetic", lang),
    ]
    caption = t("ecosystems.card.projects_table", lang, name=name)
    return f"{CARD_PREFIX}{code}-provinces", caption, headers, rows


def _province_table(data: PageData, code: str, name: str) -> html.Div:
    return data_table(*_province_table_parts(data, code, name), numeric=(1, 2, 3))


def province_block(data: PageData, code: str, name: str) -> html.Section:
    """The focused ecosystem's projects by province: bars, a sentence, the table.

    The bars are at the top of the page, in the window at load: drawn on the server as SVG,
    so the page needs no plotly.js to show them.
    """
    lang = data.lang
    frame = _province_frame(data, code)
    title = t("ecosystems.province.title", lang, name=name)
    drawing = figures.province_bars_svg(frame, lang, PROVINCE_ID, title)
    total = frame["funding_eur"].sum()
    top = frame.iloc[0]
    description = t(
        "projects.province.description",
        lang,
        n=format_number(len(frame), lang),
        top=top["province_name"],
        amount=_money(top["funding_eur"], lang),
        share=f"{format_number(100 * top['funding_eur'] / total, lang, 0)}%"
        if total
        else t("nd", lang),
    )
    return drawn_chart_block(
        PROVINCE_ID, title, description, drawing, _province_table(data, code, name), lang
    )


def _projects_part(data: PageData, code: str, name: str) -> str:
    """The card's projects by province as a table (the focused card has its chart instead)."""
    if code not in data.provinces:
        return _paragraph(t("ecosystems.card.no_projects", data.lang), "text-muted")
    return static_table_markup(*_province_table_parts(data, code, name), numeric=(1, 2, 3))


def _links(data: PageData, code: str) -> html.Nav:
    lang = data.lang
    params = {**data.params, "ecosystem": code}
    targets = [
        ("/funding", t("nav.funding", lang)),
        ("/clusters", t("nav.clusters", lang)),
        ("/indicators", t("nav.indicators", lang)),
    ]
    if code != data.focus:
        targets.append((PAGE_PATH, t("ecosystems.card.focus", lang)))
    links: list[Component] = [html.Span(t("ecosystems.card.links", lang) + ":", className="me-2")]
    links += [dcc.Link(label, href=href(path, params), className="me-3") for path, label in targets]
    return html.Nav(links, className="mb-2 small d-print-none", **aria(label=code))


def _columns(data: PageData, rows: _Rows, code: str, name: str) -> Component:
    """The card's two columns: one written block, or, around the focused card's chart, two."""
    lang = data.lang
    first = (
        _heading(t("ecosystems.card.clusters", lang))
        + _clusters_part(data, rows, code)
        + _heading(t("ecosystems.card.calls", lang))
        + _calls_part(data, rows, code)
    )
    second = _heading(t("ecosystems.card.indicators", lang)) + _indicators_part(data, rows, code)
    if code == data.focus and code in data.provinces:
        # the focused card's chart brings its own title; it has buttons: components
        return dbc.Row(
            [
                dbc.Col(html_block(first), lg=6),
                dbc.Col([html_block(second), province_block(data, code, name)], lg=6),
            ]
        )
    if code != data.focus:
        second += _heading(t("ecosystems.card.projects", lang))
    second += _projects_part(data, code, name)
    # dbc.Row and dbc.Col(lg=6) render these two classes
    half = 'class="col-lg-6"'
    return html_block(f'<div class="row"><div {half}>{first}</div><div {half}>{second}</div></div>')


def card(data: PageData, rows: _Rows, code: str, name: str) -> html.Section:
    """One ecosystem: links to its filtered pages, clusters, calls, indicators, projects."""
    heading_id = f"{CARD_PREFIX}{code}-title"
    body: list[Component] = [
        html.H2(name, id=heading_id, className="h4"),
        _links(data, code),
        _columns(data, rows, code, name),
    ]
    return html.Section(
        body,
        id=f"{CARD_PREFIX}{code}",
        className="s3-ecosystem-card border rounded p-3 mb-4",
        **aria(labelledby=heading_id),
    )


def layout(data: PageData) -> html.Div:
    """The ecosystems page: comparison, charts, then one card per ecosystem (or the focus)."""
    lang, names = data.lang, dict(data.ecosystems)
    rows = _rows(data)
    children: list[Component] = [
        page_header(t("ecosystems.title", lang), t("ecosystems.lead", lang))
    ]
    if data.focus:
        children.append(
            html.P(
                t("ecosystems.focus", lang, name=names.get(data.focus, data.focus)),
                id=FOCUS_ID,
                className="text-muted",
            )
        )
        cards = [card(data, rows, data.focus, names.get(data.focus, data.focus))]
    else:
        cards = [card(data, rows, code, name) for code, name in data.ecosystems]
    comparison = [
        html.H2(t("ecosystems.compare.title", lang), className="h4 mt-4"),
        comparison_table(data),
        html.P(t("ecosystems.compare.note", lang), className="small text-muted"),
        dbc.Row([dbc.Col(money_block(data), lg=6), dbc.Col(clusters_block(data), lg=6)]),
    ]
    # Focused: the ecosystem first, the others for context; otherwise the comparison leads.
    children += [*cards, *comparison] if data.focus else [*comparison, *cards]
    return html.Div(children)
