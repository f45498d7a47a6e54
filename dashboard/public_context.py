"""The public context view (`/public/context`): Lombardy against Italy, the EU-27 and peers.

Light like the rest of the public page: no plotly, plain accessible tables (a table is the
chart's alternative, so here it is the content), a sentence per measure saying what the
numbers show, the source line and a CSV link to the open data API. Built from the same
`ContextData` as the internal page (dashboard/pages/context.py), for the peers of
`?peers=DE1,ES51` (checked by the internal page's parser; absent: the default peers). A region
is removed by a plain link and added by code or name (callbacks/public.py puts it in the URL).
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import dcc, html
from dash.development.base_component import Component

from dashboard import public_parts as parts
from dashboard.aria import aria
from dashboard.components import page_header
from dashboard.html_table import html_table
from dashboard.i18n import format_probability, t
from dashboard.pages.context import (
    ContextData,
    add_box,
    compared,
    goal_text,
    measure_name,
    peer_items,
    region_labels,
    standing,
    trend_text,
    unknown_peers,
    value_text,
)
from dashboard.public_parts import PublicView, section, with_query
from data.analysis.context import wide
from data.context import GERD_PC_GDP, MEASURES, forecast_key

YEARS_SHOWN = 12
# The view's own dcc.Location, written by the add box (callbacks/public.py): see
# dashboard.pages.context.URL_ID for why it is not the public app's.
CONTEXT_URL_ID = "public-context-url"


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
            _table(
                f"{section_id}-table",
                t("ctx.compare.caption", lang, measure=name),
                headers,
                rows,
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


def _table(table_id: str, caption: str, headers: list[str], rows: list[list[str]]) -> html.Div:
    """A year × region table as one component (dashboard/html_table.py).

    In the public page's focusable scroll box; each row is named by its year.
    """
    table = html_table(
        table_id,
        caption,
        headers,
        rows,
        numeric=range(1, len(headers)),
        row_headers=True,
        class_name="table table-sm table-striped align-middle s3-table mb-0",
    )
    return html.Div(
        table,
        className="table-responsive s3p-scroll mb-2",
        tabIndex="0",
        role="region",
        **aria(labelledby=f"{table_id}-caption"),
    )


def _peer_href(view: PublicView, peers: list[str] | None) -> str:
    """The address of the view with these peers (None: the default peers; none left: `peers=,`)."""
    params = {k: v for k, v in view.query().items() if k != parts.PEERS}
    if peers is not None:
        params[parts.PEERS] = ",".join(peers) or ","
    return with_query(view.path, params)


def _peer_controls(data: ContextData, view: PublicView) -> Component:
    """The peers shown, each with a link removing it, and the add-a-region box."""
    lang = view.lang
    return html.Div(
        [
            dcc.Location(id=CONTEXT_URL_ID, refresh="callback-nav"),
            html.H2(t("ctx.peers.label", lang), className="h5 mt-3"),
            html.Ul(
                peer_items(data.peers, data.regions, lang, lambda rest: _peer_href(view, rest)),
                id=parts.CONTEXT_PEERS_ID,
                className="list-inline",
            ),
            add_box(
                (
                    parts.CONTEXT_ADD_INPUT_ID,
                    parts.CONTEXT_REGIONS_LIST_ID,
                    parts.CONTEXT_ADD_BUTTON_ID,
                    parts.CONTEXT_ADD_MESSAGE_ID,
                ),
                lang,
                _peer_href(view, None),
            ),
        ]
    )


def context_view(data: ContextData | None, view: PublicView) -> list[Component]:
    """The whole public context view."""
    lang = view.lang
    children: list[Component] = [page_header(t("ctx.title", lang), t("ctx.lead", lang))]
    if data is None or data.series.empty:
        return [*children, html.P(t("ctx.empty", lang))]
    children += unknown_peers(data, lang)
    labels = region_labels(data.peers, data.regions, lang)
    children.append(
        html.P(t("ctx.peers.current", lang, names=", ".join(labels[p] for p in data.peers)))
    )
    children.append(_peer_controls(data, view))
    for measure in MEASURES:
        block = _measure_section(data, measure, lang)
        if block is not None:
            children.append(block)
    return children
