"""The public context view (`/public/context`): Lombardy against Italy, the EU-27 and peers.

Light like the rest of the public page: no plotly, plain accessible tables (a table is the
chart's alternative, so here it is the content), a sentence per measure saying what the
numbers show, the source line and a CSV link to the open data API. Built from the same
`ContextData` as the internal page (dashboard/pages/context.py), with the default peers.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html
from dash.development.base_component import Component

from dashboard.components import page_header
from dashboard.i18n import format_probability, t
from dashboard.pages.context import (
    ContextData,
    compared,
    goal_text,
    measure_name,
    region_labels,
    standing,
    trend_text,
    value_text,
)
from dashboard.public_parts import PublicView, public_table, section
from data.analysis.context import wide
from data.context import GERD_PC_GDP, MEASURES, forecast_key

YEARS_SHOWN = 12


def _forecast_sentence(data: ContextData, lang: str) -> str | None:
    runs = data.runs
    if runs.empty:
        return None
    run = runs[runs["series_key"] == forecast_key(GERD_PC_GDP)]
    if run.empty or run.iloc[0]["realistic_median"] is None:
        return None
    row = run.iloc[0]
    text = t(
        "ctx.pub.forecast",
        lang,
        median=value_text(row["realistic_median"], GERD_PC_GDP, lang),
        low=value_text(row["realistic_low"], GERD_PC_GDP, lang),
        high=value_text(row["realistic_high"], GERD_PC_GDP, lang),
    )
    if row["p_target_met"] is not None:
        text += " " + t(
            "ctx.forecast.goal", lang, p=format_probability(float(row["p_target_met"]), lang)
        )
    return text


def _measure_section(data: ContextData, measure: str, lang: str) -> Component | None:
    frame = data.series[data.series["measure"] == measure]
    found = standing(data.series, data.ranks, measure, data.peers, lang)
    if found is None:
        return None
    codes = compared(data.peers)
    labels = region_labels(codes, data.regions, lang)
    table = wide(frame, codes).tail(YEARS_SHOWN)
    name = measure_name(measure, lang)
    texts = [
        t(
            "ctx.pub.standing",
            lang,
            value=found.value,
            year=found.year,
            eu=found.eu,
            rank=found.rank,
        ),
        trend_text(found.verdict, measure, lang),
    ]
    if measure == GERD_PC_GDP:
        texts += [x for x in (goal_text(data.series, lang), _forecast_sentence(data, lang)) if x]
    headers = [t("col.year", lang), *(labels[c] for c in table.columns)]
    rows = [
        [str(year), *(value_text(v, measure, lang) for v in table.loc[year])]
        for year in table.index
    ]
    query = urlencode({"measure": measure, "region": ",".join(codes), "format": "csv"})
    section_id = f"public-context-{measure.replace('_', '-')}"
    return section(
        section_id,
        name,
        [
            *(html.P(x) for x in texts),
            public_table(
                f"{section_id}-table",
                t("ctx.compare.caption", lang, measure=name),
                headers,
                rows,
                numeric=range(1, len(headers)),
            ),
            html.P(
                [
                    t("ctx.source", lang, table=MEASURES[measure].table, extracted=data.extracted),
                    " ",
                    html.A(t("ctx.csv", lang), href=f"/api/v1/context?{query}"),
                ],
                className="small s3p-muted mb-2",
            ),
        ],
    )


def context_view(data: ContextData | None, view: PublicView) -> list[Component]:
    """The whole public context view."""
    lang = view.lang
    children: list[Component] = [page_header(t("ctx.title", lang), t("ctx.lead", lang))]
    if data is None or data.series.empty:
        return [*children, html.P(t("ctx.empty", lang))]
    labels = region_labels(data.peers, data.regions, lang)
    children.append(
        html.P(t("ctx.peers.current", lang, names=", ".join(labels[p] for p in data.peers)))
    )
    for measure in MEASURES:
        block = _measure_section(data, measure, lang)
        if block is not None:
            children.append(block)
    return children
