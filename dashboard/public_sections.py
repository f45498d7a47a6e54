"""The public page's data sections: indicators, trends to reverse, funding, clusters, open data.

Layout only: published frames in (`PublicData`), components out. Gauges are SVG images and
funding bars CSS, so none of these needs plotly.js; the cluster map (SVG too) comes from the
clusters page, on the clusters view or, on the home page, when the reader asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.aria import AriaAttributes, aria
from dashboard.citations import source_text
from dashboard.components import page_header
from dashboard.figures.attainment import (
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    gauge_label,
    svg_data_uri,
)
from dashboard.figures.public import bar_percent, gauge_svg
from dashboard.i18n import (
    format_date,
    format_eur,
    format_number,
    format_probability,
    format_share,
    format_value,
    known,
    localized,
    names_by_code,
    t,
)
from dashboard.public_parts import (
    CALLS_TABLE_ID,
    CARDS_ID,
    CLUSTERS,
    CLUSTERS_TABLE_ID,
    DOWNLOAD_KINDS,
    FUNDING,
    FUNDING_TABLE_ID,
    INDICATOR,
    INDICATORS,
    INDICATORS_TABLE_ID,
    MAP_BUTTON_ID,
    MAP_SLOT_ID,
    MAP_STATUS_ID,
    METHOD,
    OPEN_DATA_ID,
    TRENDS,
    PublicData,
    PublicView,
    folded,
    in_italian,
    not_found,
    public_table,
    section,
    source_line,
    status_badge,
    view_link,
)
from data.analysis.attainment import NOT_ASSESSABLE, STATUSES, Assessment
from data.analysis.missing import is_missing
from data.analysis.published import finite
from data.analysis.records import records

# --------------------------------------------------------------------------- indicators


def _name(indicator: Mapping[str, Any], lang: str) -> str:
    return str(indicator[localized("name", lang)])


def gauge_image(assessment: Assessment, lang: str) -> html.Img:
    """The SVG gauge with its text alternative (progress, expected share, status)."""
    alt = gauge_label(assessment, lang)
    svg = gauge_svg(assessment.p or 0.0, assessment.e, STATUS_COLOURS[assessment.status])
    return html.Img(src=svg_data_uri(svg), alt=alt, className="s3p-gauge", width=200, height=118)


def why_not_assessable(assessment: Assessment, lang: str) -> str:
    """Why an indicator has no gauge, in plain words."""
    key = f"pub.reason.{assessment.reason}"
    return t(key if known(key) else "pub.reason.other", lang)


def forecast_text(outlook: Mapping[str, Any] | None, unit: str, lang: str) -> str:
    """What the stored forecast says, or why there is none (published forecasts only)."""
    status = (outlook or {}).get("forecast_status") or "unavailable"
    if status not in ("ok", "stale") or outlook is None:
        return t(f"pub.forecast.status.{status}", lang)
    text = t(
        "pub.forecast.ok",
        lang,
        outlook=t(f"fc.outlook.{outlook['outlook']}", lang),
        p=format_probability(outlook.get("p_target_met"), lang),
        median=format_value(outlook.get("realistic_median"), unit, lang),
        low=format_value(outlook.get("realistic_low"), unit, lang),
        high=format_value(outlook.get("realistic_high"), unit, lang),
    )
    if status == "stale":
        # The last good forecast, kept after a failed refresh: say how old it is.
        text += t("pub.forecast.stale", lang, date=format_date(outlook.get("created_at"), lang))
    return text


def _outlook_by_code(data: PublicData) -> dict[str, dict[str, Any]]:
    if data.outlooks.empty:
        return {}
    return {str(row["code"]): row for row in records(data.outlooks)}


def values_line(assessment: Assessment, indicator: Mapping[str, Any], lang: str) -> str:
    """`Ultimo valore 73,6 M€ (apr 2025) · target 300 M€ (dic 2027)`."""
    unit = str(indicator["unit"])
    latest = format_value(assessment.latest_value, unit, lang)
    if assessment.latest_date is not None:
        latest += f" ({format_date(assessment.latest_date, lang, month=True)})"
    target = format_value(indicator["target_value"], unit, lang)
    if indicator.get("target_date") is not None:
        target += f" ({format_date(indicator['target_date'], lang, month=True)})"
    return t("pub.card.values", lang, latest=latest, target=target)


def indicator_card(
    assessment: Assessment,
    indicator: Mapping[str, Any],
    outlook: Mapping[str, Any] | None,
    view: PublicView,
) -> html.Article:
    """One indicator: name, status, gauge (or why none), values, forecast, source, link."""
    lang, code = view.lang, assessment.code
    title_id = f"public-card-{code}-title"
    if assessment.status == NOT_ASSESSABLE or assessment.p is None:
        dial: Component = html.P(why_not_assessable(assessment, lang), className="s3p-no-gauge")
    else:
        dial = gauge_image(assessment, lang)
    return html.Article(
        [
            html.H3(
                [html.Span(code, className="s3p-code"), " ", _name(indicator, lang)],
                id=title_id,
                className="h6 mb-2",
            ),
            status_badge(assessment.status, lang),
            dial,
            html.P(values_line(assessment, indicator, lang), className="mb-1 fw-semibold"),
            html.P(
                t(
                    "pub.forecast.line",
                    lang,
                    text=forecast_text(outlook, str(indicator["unit"]), lang),
                ),
                className="small mb-1",
            ),
            html.P(
                [
                    f"{t('source', lang)}: ",
                    in_italian(source_text(indicator["source"], lang), lang),
                ],
                className="small s3p-muted mb-1",
            ),
            html.A(
                t("pub.card.open", lang),
                href=view.href(INDICATOR, code),
                className="small",
                **aria(label=t("pub.card.open_named", lang, code=code)),
            ),
        ],
        id=f"public-card-{code}",
        className="s3p-card",
        style={"borderTopColor": STATUS_COLOURS[assessment.status]},
        **aria(labelledby=title_id),
    )


def status_counts(assessments: Sequence[Assessment], lang: str) -> html.Div:
    """How many indicators have each status, as a sentence and a list."""
    counts = {status: sum(a.status == status for a in assessments) for status in STATUSES}
    items = [
        html.Li(
            [
                html.Span(STATUS_SYMBOLS[s], className="me-1", **aria(hidden=True)),
                html.Strong(str(counts[s]), className="me-1"),
                t(f"att.status.{s}", lang),
            ],
            className="s3p-count",
            style={"borderLeftColor": STATUS_COLOURS[s]},
        )
        for s in STATUSES
        if counts[s]
    ]
    assessable = len(assessments) - counts[NOT_ASSESSABLE]
    good = counts["achieved"] + counts["on_track"]
    return html.Div(
        [
            html.P(
                t("pub.summary", lang, good=good, assessable=assessable, n=len(assessments)),
                className="lead mb-2",
            ),
            html.Ul(items, className="s3p-counts list-unstyled"),
        ],
        id="public-status-summary",
    )


def indicators_table(data: PublicData, view: PublicView) -> html.Div:
    """The numbers behind the gauges: every indicator, its values, shares and source."""
    lang = view.lang
    rows = []
    for assessment, ind in zip(data.assessments, records(data.indicators), strict=True):
        unit = str(ind["unit"])
        latest = format_value(assessment.latest_value, unit, lang)
        rows.append(
            [
                html.A(assessment.code, href=view.href(INDICATOR, assessment.code)),
                _name(ind, lang),
                t(f"att.status.{assessment.status}", lang),
                format_value(ind["baseline_value"], unit, lang),
                latest,
                format_date(assessment.latest_date, lang, month=True)
                if assessment.latest_date
                else t("nd", lang),
                format_value(ind["target_value"], unit, lang),
                format_share(assessment.p, lang),
                format_share(assessment.e, lang),
                in_italian(source_text(ind["source"], lang), lang),
            ]
        )
    return public_table(
        INDICATORS_TABLE_ID,
        t("pub.indicators.table", lang),
        [
            t("col.code", lang),
            t("col.indicator", lang),
            t("col.status", lang),
            t("col.baseline", lang),
            t("col.latest", lang),
            t("col.latest_date", lang),
            t("col.target", lang),
            t("pub.col.progress", lang),
            t("pub.col.expected", lang),
            t("source", lang),
        ],
        rows,
        numeric=(3, 4, 6, 7, 8),
    )


def indicators_section(data: PublicData, view: PublicView, standalone: bool) -> html.Section:
    """Status counts, one card per indicator, and their numbers as a table."""
    lang = view.lang
    outlooks = _outlook_by_code(data)
    cards = [
        indicator_card(a, ind, outlooks.get(a.code), view)
        for a, ind in zip(data.assessments, records(data.indicators), strict=True)
    ]
    children: list[Component] = [
        status_counts(data.assessments, lang),
        html.P(t("pub.indicators.lead", lang)),
        html.Div(cards, id=CARDS_ID, className="s3p-cards"),
        folded(t("chart.show_table", lang), indicators_table(data, view)),
    ]
    if not cards:
        children = [html.P(t("pub.indicators.none", lang))]
    if not standalone:
        children.append(view_link(view, INDICATORS, "pub.view.open"))
    return section("public-indicators", t("pub.indicators.title", lang), children)


def indicator_view(data: PublicData, view: PublicView) -> list[Component]:
    """One indicator's card, with every value and how its status is computed."""
    lang = view.lang
    indicators = records(data.indicators)
    found = [
        (a, ind) for a, ind in zip(data.assessments, indicators, strict=True) if a.code == view.code
    ]
    if not found:
        return not_found(view)
    assessment, ind = found[0]
    unit = str(ind["unit"])
    outlook = _outlook_by_code(data).get(assessment.code)
    observations = data.observations[data.observations["indicator_code"] == assessment.code]
    facts = [
        (t("col.baseline", lang), _dated(ind["baseline_value"], ind["baseline_date"], unit, lang)),
        (
            t("col.latest", lang),
            _dated(assessment.latest_value, assessment.latest_date, unit, lang),
        ),
        (t("col.target", lang), _dated(ind["target_value"], ind["target_date"], unit, lang)),
        (t("pub.col.progress", lang), format_share(assessment.p, lang)),
        (t("pub.col.expected", lang), format_share(assessment.e, lang)),
        (t("pub.col.forecast", lang), forecast_text(outlook, unit, lang)),
    ]
    dial: Component = (
        gauge_image(assessment, lang)
        if assessment.status != NOT_ASSESSABLE and assessment.p is not None
        else html.P(why_not_assessable(assessment, lang), className="s3p-no-gauge")
    )
    rows = [
        [
            format_date(o["date"], lang),
            format_value(o["value"], unit, lang),
            in_italian(source_text(o["source"], lang), lang),
            in_italian(str(o["note"] or ""), lang),
        ]
        for o in records(observations)
    ]
    children: list[Component] = [
        page_header(f"{assessment.code} — {_name(ind, lang)}"),
        html.Div(
            [
                html.Div([status_badge(assessment.status, lang), dial], className="s3p-card-dial"),
                html.Dl(
                    [part for label, value in facts for part in (html.Dt(label), html.Dd(value))],
                    className="s3p-facts",
                ),
            ],
            className="s3p-card-detail",
        ),
        html.P(t("pub.card.how", lang, formula=t("pub.method.formula_short", lang))),
        public_table(
            "public-observations-table",
            t("pub.observations.table", lang, code=assessment.code),
            [t("col.date", lang), t("col.value", lang), t("source", lang), t("notes", lang)],
            rows,
            numeric=(1,),
        ),
        source_line([ind["source"]], lang),
    ]
    if ind.get("notes"):
        children.append(
            html.P(
                [f"{t('notes', lang)}: ", in_italian(str(ind["notes"]), lang)], className="small"
            )
        )
    children.append(html.P(html.A(t("pub.method.link", lang), href=view.href(METHOD))))
    return children


def _dated(value: Any, day: Any, unit: str, lang: str) -> str:
    text = format_value(None if is_missing(value) else float(value), unit, lang)
    if not is_missing(day):
        text += f" ({format_date(day, lang, month=True)})"
    return text


# --------------------------------------------------------------------------- trends, funding


def trends_section(data: PublicData, view: PublicView, standalone: bool) -> Component:
    """The forecasts' trends to reverse, on published data (their panel, which has its h2)."""
    lang = view.lang
    note = html.P(t("pub.trends.note", lang), className="small s3p-muted")
    link = [] if standalone else [view_link(view, TRENDS, "pub.view.open")]
    if data.trends_panel is None:
        body = [html.P(t("pub.trends.unavailable", lang)), note, *link]
        return section("public-trends", t("pub.trends.title", lang), body)
    return html.Div(
        [data.trends_panel(data.outlooks, lang), note, *link],
        id="public-trends",
        className="s3p-section",
    )


def funding_by_ecosystem(calls: pd.DataFrame, ecosystems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per ecosystem: calls serving it, their budget and granted sums (n.d. left out).

    A call serving several ecosystems counts in each of them, so the rows do not add up to
    the total; calls with no ecosystem get a row of their own. Columns: code, name, calls,
    budget_eur, budget_known, granted_eur, granted_known.
    """
    names = names_by_code(ecosystems, lang)
    order = list(ecosystems["code"]) + [""]
    rows = []
    for code in order:
        mask = calls["ecosystems"].map(lambda codes, c=code: (c in codes) if c else not codes)
        part = calls[mask.astype(bool)]
        if part.empty:
            continue
        rows.append(
            {
                "code": code,
                "name": names.get(code, t("pub.funding.unassigned", lang)),
                "calls": len(part),
                "budget_eur": float(part["budget_eur"].sum(min_count=1))
                if part["budget_eur"].notna().any()
                else None,
                "budget_known": int(part["budget_eur"].notna().sum()),
                "granted_eur": float(part["granted_eur"].sum(min_count=1))
                if part["granted_eur"].notna().any()
                else None,
                "granted_known": int(part["granted_eur"].notna().sum()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "code",
            "name",
            "calls",
            "budget_eur",
            "budget_known",
            "granted_eur",
            "granted_known",
        ],
    )


def _money_cell(value: Any, known: int, count: int, largest: float, lang: str) -> Any:
    """An amount, how many calls it is known for, and its bar (a picture of the number)."""
    amount = finite(value)
    parts: list[Component] = [
        html.Span(format_eur(amount, lang, compact=True), className="s3p-amount")
    ]
    if amount is not None and known < count:
        parts.append(
            html.Span(t("pub.funding.known", lang, known=known, n=count), className="s3p-known")
        )
    parts.append(
        html.Span(
            className="s3p-bar",
            style={"width": f"{bar_percent(amount, largest)}%"},
            **aria(hidden=True),
        )
    )
    return html.Div(parts, className="s3p-bar-cell")


def funding_section(data: PublicData, view: PublicView, standalone: bool) -> html.Section:
    """Funding by ecosystem as a bar table, and every call folded underneath."""
    lang = view.lang
    summary = funding_by_ecosystem(data.calls, data.ecosystems, lang)
    largest_budget = (
        float(summary["budget_eur"].max()) if summary["budget_eur"].notna().any() else 0
    )
    largest_granted = (
        float(summary["granted_eur"].max()) if summary["granted_eur"].notna().any() else 0
    )
    rows = [
        [
            row["name"],
            format_number(row["calls"], lang),
            _money_cell(row["budget_eur"], row["budget_known"], row["calls"], largest_budget, lang),
            _money_cell(
                row["granted_eur"], row["granted_known"], row["calls"], largest_granted, lang
            ),
        ]
        for row in records(summary)
    ]
    names = names_by_code(data.ecosystems, lang)
    call_rows = [
        [
            in_italian(str(c["name"]), lang),
            "" if pd.isna(c["year"]) else str(int(c["year"])),
            format_eur(c["budget_eur"], lang, compact=True),
            format_eur(c["granted_eur"], lang, compact=True),
            ", ".join(names.get(code, code) for code in c["ecosystems"])
            or t("pub.funding.unassigned", lang),
            in_italian(source_text(c["source"], lang), lang),
        ]
        for c in records(data.calls)
    ]
    totals = t(
        "pub.funding.totals",
        lang,
        n=len(data.calls),
        budget=format_eur(data.calls["budget_eur"].sum(), lang, compact=True),
        granted=format_eur(data.calls["granted_eur"].sum(), lang, compact=True),
    )
    children: list[Component] = [
        html.P(totals, id="public-funding-totals"),
        html.P(t("pub.funding.lead", lang)),
        public_table(
            FUNDING_TABLE_ID,
            t("pub.funding.table", lang),
            [
                t("pub.col.ecosystem", lang),
                t("pub.col.calls", lang),
                t("col.budget", lang),
                t("col.granted", lang),
            ],
            rows,
            numeric=(1,),
        ),
        folded(
            t("pub.funding.calls", lang),
            public_table(
                CALLS_TABLE_ID,
                t("funding.table", lang),
                [
                    t("col.call", lang),
                    t("col.year", lang),
                    t("col.budget", lang),
                    t("col.granted", lang),
                    t("col.ecosystems", lang),
                    t("source", lang),
                ],
                call_rows,
                numeric=(1, 2, 3),
            ),
        ),
        source_line(list(data.calls["source"]), lang, documents_only=True),
    ]
    if not standalone:
        children.append(view_link(view, FUNDING, "pub.view.open"))
    return section("public-funding", t("pub.funding.title", lang), children)


# --------------------------------------------------------------------------- clusters


def clusters_table(data: PublicData, lang: str) -> html.Div:
    """Every cluster: headquarters, members by type, reference ecosystem."""
    names = names_by_code(data.ecosystems, lang)
    rows = [
        [
            c["name"],
            c["city"] if c["city"] == c["province_name"] else f"{c['city']} ({c['province_name']})",
            format_number(c["members_total"], lang),
            format_number(c["members_firms"], lang),
            format_number(c["members_research"], lang),
            format_number(c["members_other"], lang),
            ", ".join(names.get(code, code) for code in c["reference_ecosystems"]),
        ]
        for c in records(data.clusters)
    ]
    return public_table(
        CLUSTERS_TABLE_ID,
        t("clusters.table", lang),
        [
            t("col.cluster", lang),
            t("col.city", lang),
            t("col.members", lang),
            t("col.firms", lang),
            t("col.research", lang),
            t("col.other", lang),
            t("col.reference_ecosystem", lang),
        ],
        rows,
        numeric=(2, 3, 4, 5),
    )


def map_button(lang: str) -> html.Div:
    """The button that shows the map on the home page, where the table comes first."""
    return html.Div(
        [
            html.Button(
                t("pub.map.button", lang),
                id=MAP_BUTTON_ID,
                type="button",
                n_clicks=0,
                className="btn btn-outline-primary btn-sm",
            ),
            html.P(t("pub.map.weight", lang), className="small s3p-muted mt-1 mb-0"),
            html.P(id=MAP_STATUS_ID, role="status", className="visually-hidden"),
            html.Div(id=MAP_SLOT_ID),
        ],
        className="mb-3",
    )


def clusters_section(data: PublicData, view: PublicView, standalone: bool) -> html.Section:
    """The cluster map (on the clusters view, or on demand) and the list of clusters."""
    lang = view.lang
    members = int(data.clusters["members_total"].sum()) if len(data.clusters) else 0
    children: list[Component] = [
        html.P(
            t("pub.clusters.lead", lang, n=len(data.clusters), members=format_number(members, lang))
        )
    ]
    if standalone and data.cluster_map is not None:
        children.append(html.Div(data.cluster_map(), id=MAP_SLOT_ID))
    else:
        children.append(map_button(lang))
    children += [
        clusters_table(data, lang),
        source_line(list(data.clusters["source"]), lang, documents_only=True),
    ]
    if not standalone:
        children.append(view_link(view, CLUSTERS, "pub.view.open"))
    return section("public-clusters", t("pub.clusters.title", lang), children)


# --------------------------------------------------------------------------- open data


def open_data_section(view: PublicView) -> html.Section:
    """Where the data of this page can be downloaded, and under which licence."""
    lang = view.lang
    links = [
        html.Li(
            [
                t(f"pub.data.{kind}", lang),
                ": ",
                html.A(
                    "CSV", href=f"/api/v1/{kind}?format=csv&limit=1000", **_label(lang, kind, "CSV")
                ),
                " · ",
                html.A("JSON", href=f"/api/v1/{kind}?limit=1000", **_label(lang, kind, "JSON")),
            ]
        )
        for kind in DOWNLOAD_KINDS
    ]
    return section(
        OPEN_DATA_ID,
        t("pub.data.title", lang),
        [
            html.P(t("pub.data.lead", lang)),
            html.Ul(links),
            html.P(
                [
                    html.A(t("pub.data.bulk", lang), href="/api/v1/bulk.zip"),
                    " · ",
                    html.A(t("pub.data.openapi", lang), href="/api/v1/openapi.json"),
                ]
            ),
            html.P(
                [
                    t("pub.data.licence", lang),
                    " ",
                    html.A(
                        "CC BY 4.0",
                        href=t("pub.data.licence.url", lang),
                        rel="license",
                    ),
                ]
            ),
        ],
    )


def _label(lang: str, kind: str, fmt: str) -> AriaAttributes:
    return aria(label=t("pub.data.download", lang, what=t(f"pub.data.{kind}", lang), fmt=fmt))
