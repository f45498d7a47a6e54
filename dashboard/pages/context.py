"""Context page: Lombardy against Italy, the EU-27 and its peers, on Eurostat regional series.

Layout only, from the frames callbacks/context.py loads (data.context queries, the stored
forecast runs and points); nothing here queries or fits. The view is its URL:
`?measure=<code>&peers=DE1,ES51` (shareable); a region is added by code or name with the
box at the top (callbacks/context.py writes it into the URL). `context_strip` is the
overview's small summary, `summary_rows` is shared with the public view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.chart_legend import html_legend
from dashboard.components import chart_block, href, page_header, scroll_region
from dashboard.figures.context import comparison_figure, rank_figure
from dashboard.figures.forecast import (
    FORECAST_NUMERIC,
    forecast_figure,
    forecast_headers,
    forecast_rows,
)
from dashboard.figures.svg_lines import line_chart_svg
from dashboard.html_table import PlainCell, html_table
from dashboard.i18n import format_number, format_probability, t
from data.analysis.context import TrendVerdict, latest, trend_verdict, value_in, wide
from data.context import (
    DEFAULT_PEERS,
    EU,
    EU_GERD_GOAL,
    GERD_PC_GDP,
    HRST_PC_ACT,
    ITALY,
    LOMBARDY,
    MEASURES,
    forecast_key,
    region_label,
)

PAGE_PATH = "/context"
MEASURE = "measure"  # callbacks.params.MEASURE
PEERS = "peers"  # callbacks.params.PEERS
MAX_PEERS = 12
ADD_INPUT_ID = "context-add-input"
ADD_BUTTON_ID = "context-add-button"
ADD_MESSAGE_ID = "context-add-message"
# The page's own dcc.Location: the add box writes `?peers=` there (callbacks/context.py), so
# the callback's outputs are all inside the page and Dash does not fire it when the page is
# drawn; the shell's location follows (dcc.Location tells every other one of a new URL).
URL_ID = "context-url"
REGIONS_LIST_ID = "context-regions"
PEERS_ID = "context-peers"
COMPARE_ID = "context-compare"
RANK_ID = "context-rank"
GOAL_ID = "context-goal"
FORECAST_ID = "context-forecast"
TREND_ID = "context-trend"
SUMMARY_ID = "context-summary"
STRIP_ID = "overview-context-strip"
SHORT_UNITS = {
    "% GDP": "%",
    "% active population": "%",
    "M€": "M€",
    "€/inhabitant": "€",
}


def unmemoised(_name: str, build: Callable[[], Any]) -> Any:
    """ContextData.memo's default: build every time."""
    return build()


@dataclass
class ContextData:
    """What the page is drawn from (callbacks/context.py loads it)."""

    measure: str
    peers: list[str]
    series: pd.DataFrame  # data.context.series_frame: every measure, the compared regions
    ranks: pd.DataFrame  # data.context.rank_frame(measure=None): measure, year, rank, regions
    runs: pd.DataFrame  # data.forecasting.latest_forecasts
    points: pd.DataFrame  # data.forecasting.latest_forecast_points
    regions: pd.DataFrame  # data.context.regions_frame (the picker)
    extracted: str = ""
    problems: tuple[str, ...] = ()
    # memo(name, build): build() kept under `name` for the data version (data.cache.cached)
    memo: Callable[[str, Callable[[], Any]], Any] = unmemoised


def measure_name(measure: str, lang: str) -> str:
    """The measure's name in `lang`."""
    return t(f"ctx.m.{measure}", lang)


def value_text(value: float | None, measure: str, lang: str) -> str:
    """A value with its short unit: `1,34%`, `531,1 €`, `5.316,7 M€`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("nd", lang)
    unit = SHORT_UNITS.get(MEASURES[measure].unit, "")
    number = format_number(round(value, 2), lang)
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def compared(peers: Sequence[str]) -> list[str]:
    """Lombardy, Italy, the EU-27, then the peers (each once)."""
    return list(dict.fromkeys([LOMBARDY, ITALY, EU, *peers]))


def parse_peers(raw: str | None, known: Sequence[str]) -> tuple[list[str], list[str]]:
    """`DE1,ES51` → (known codes in order, unknown ones); None or absent → the defaults."""
    if raw is None:
        return list(DEFAULT_PEERS), []
    codes = [c.strip().upper() for c in raw.split(",") if c.strip()]
    codes = list(dict.fromkeys(codes))[:MAX_PEERS]
    known_set = set(known)
    good = [c for c in codes if c in known_set and c not in (LOMBARDY, ITALY, EU)]
    bad = [c for c in codes if c not in known_set]
    return good, bad


def _measure_frame(data: ContextData, measure: str) -> pd.DataFrame:
    return data.series[data.series["measure"] == measure]


def _ranks(data: ContextData, measure: str) -> pd.DataFrame:
    return data.ranks[data.ranks["measure"] == measure]


def region_labels(codes: Sequence[str], regions: pd.DataFrame, lang: str) -> dict[str, str]:
    stored = dict(zip(regions["code"], regions["name"], strict=True))
    return {c: region_label(c, lang, stored.get(c, "")) for c in codes}


def source_line(measure: str, extracted: str, lang: str) -> html.P:
    """The chart's source line."""
    text = t("ctx.source", lang, table=MEASURES[measure].table, extracted=extracted or "n.d.")
    return html.P(text, className="small text-muted s3-source")


def page_table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[PlainCell]],
    numeric: Sequence[int] = (),
) -> html.Div:
    """A table of the page: one component (dashboard/html_table.py), scrolling sideways."""
    return scroll_region(
        html_table(table_id, caption, headers, rows, numeric), f"{table_id}-caption"
    )


def sourced_chart(
    data: ContextData,
    lang: str,
    chart_id: str,
    title: str,
    description: str,
    figure: object,
    table: html.Div,
    download: pd.DataFrame,
    lazy: bool = False,
    legend: Component | None = None,
    first_paint_svg: str | None = None,
) -> html.Div:
    """A chart of the page (components.chart_block) with the measure's source line below."""
    block = chart_block(
        chart_id,
        title,
        description,
        figure,
        table,
        lang,
        download=download,
        lazy=lazy,
        legend=legend,
        first_paint_svg=first_paint_svg,
    )
    return html.Div([block, source_line(data.measure, data.extracted, lang)])


# --------------------------------------------------------------------------- blocks


def peer_items(
    peers: Sequence[str], regions: pd.DataFrame, lang: str, remove: Callable[[list[str]], str]
) -> list[Component]:
    """One badge per peer with a link removing it (`remove(rest)`: the address without it)."""
    labels = region_labels(peers, regions, lang)
    return [
        html.Li(
            [
                f"{labels[p]} ({p}) ",
                html.A(
                    "×",
                    href=remove([x for x in peers if x != p]),
                    title=t("ctx.pub.remove", lang, name=labels[p]),
                    **aria(label=t("ctx.pub.remove", lang, name=labels[p])),
                ),
            ],
            className="list-inline-item badge text-bg-light border",
        )
        for p in peers
    ]


def region_options(codes: Sequence[str], regions: pd.DataFrame, lang: str) -> list[Component]:
    """The <option>s suggesting these regions in the add box's datalist."""
    stored = dict(zip(regions["code"], regions["name"], strict=True))
    return [
        html.Option(value=code, label=region_label(code, lang, str(stored.get(code, ""))))
        for code in codes
    ]


def add_box(ids: Sequence[str], lang: str, reset_href: str) -> html.Div:
    """The add-a-region box; `ids`: the input, datalist, button and message ids.

    The datalist fills as the reader types (region_options): a first paint with all ~290
    regions as <option>s took Dash's renderer seconds (bench/bench_context.py).
    """
    input_id, list_id, button_id, message_id = ids
    return html.Div(
        [
            html.Label(t("ctx.add.label", lang), htmlFor=input_id, className="me-2"),
            dcc.Input(
                id=input_id,
                type="text",
                list=list_id,
                debounce=False,
                maxLength=100,
                autoComplete="off",
                className="form-control form-control-sm d-inline-block w-auto me-2",
            ),
            html.Datalist([], id=list_id),
            html.Button(
                t("ctx.add.button", lang), id=button_id, className="btn btn-sm btn-primary me-2"
            ),
            html.A(t("ctx.reset", lang), href=reset_href, className="small"),
            html.Div(id=message_id, role="status", className="small text-danger"),
        ],
        className="mb-3",
    )


def _controls(data: ContextData, params: Mapping[str, str], lang: str) -> html.Div:
    peer_query = ",".join(data.peers)
    measure_links = [
        html.Li(
            html.A(
                measure_name(m, lang),
                href=href(PAGE_PATH, {**params, MEASURE: m, PEERS: peer_query}),
                className="nav-link" + (" active" if m == data.measure else ""),
                **aria(current="page" if m == data.measure else None),
            ),
            className="nav-item",
        )
        for m in MEASURES
    ]

    def remove(rest: list[str]) -> str:
        return href(PAGE_PATH, {**params, MEASURE: data.measure, PEERS: ",".join(rest) or ","})

    return html.Div(
        [
            dcc.Location(id=URL_ID, refresh="callback-nav"),
            html.Nav(
                html.Ul(measure_links, className="nav nav-pills flex-wrap small"),
                **aria(label=t("ctx.measure.label", lang)),
            ),
            html.H2(t("ctx.peers.label", lang), className="h6 mt-3"),
            html.Ul(
                peer_items(data.peers, data.regions, lang, remove),
                id=PEERS_ID,
                className="list-inline",
            ),
            add_box(
                (ADD_INPUT_ID, REGIONS_LIST_ID, ADD_BUTTON_ID, ADD_MESSAGE_ID),
                lang,
                href(PAGE_PATH, {**params, MEASURE: data.measure}),
            ),
        ],
        className="d-print-none",
    )


def _compare_block(data: ContextData, lang: str) -> Component:
    measure = data.measure
    frame = _measure_frame(data, measure)
    codes = compared(data.peers)
    labels = region_labels(codes, data.regions, lang)
    table = wide(frame, codes)
    name = measure_name(measure, lang)
    last = latest(frame, LOMBARDY)
    eu = latest(frame, EU)
    description = t(
        "ctx.compare.description",
        lang,
        measure=name,
        names=", ".join(labels[c] for c in table.columns),
        value=value_text(last[1] if last else None, measure, lang),
        year=last[0] if last else t("nd", lang),
        eu=f"{value_text(eu[1], measure, lang)} ({eu[0]})" if eu else t("nd", lang),
    )
    headers = [t("col.year", lang), *(labels[c] for c in table.columns)]
    rows = [
        [str(year), *(value_text(v, measure, lang) for v in table.loc[year])]
        for year in table.index
    ]
    goal = EU_GERD_GOAL if measure == GERD_PC_GDP else None
    figure = comparison_figure(table, labels, MEASURES[measure].unit, lang, LOMBARDY, goal)
    download = frame[frame["region_code"].isin(codes)][
        ["region_code", "region_name", "year", "value", "unit"]
    ].reset_index(drop=True)
    caption = t("ctx.compare.caption", lang, measure=name)
    title = t("ctx.compare.title", lang, measure=name)
    return sourced_chart(
        data,
        lang,
        COMPARE_ID,
        title,
        description,
        figure,
        page_table(f"{COMPARE_ID}-table", caption, headers, rows, numeric=range(1, 99)),
        download,
        legend=html_legend(COMPARE_ID, figure, lang),
        # In the window at load: painted as SVG, no plotly.js until the reader reaches for it.
        first_paint_svg=line_chart_svg(figure, title, lang),
    )


def _rank_block(data: ContextData, lang: str) -> Component:
    ranks = _ranks(data, data.measure)
    if ranks.empty:
        return html.P(t("ctx.rank.none", lang))
    last = ranks.iloc[-1]
    description = t(
        "ctx.rank.description",
        lang,
        year=int(last["year"]),
        rank=int(last["rank"]),
        regions=int(last["regions"]),
    )
    headers = [t("col.year", lang), t("ctx.col.rank", lang), t("ctx.col.regions", lang)]
    rows = [
        [str(int(year)), str(int(rank)), str(int(regions))]
        for year, rank, regions in zip(ranks["year"], ranks["rank"], ranks["regions"], strict=True)
    ]
    return sourced_chart(
        data,
        lang,
        RANK_ID,
        t("ctx.rank.title", lang),
        description,
        rank_figure(ranks, lang),
        page_table(f"{RANK_ID}-table", t("ctx.rank.caption", lang), headers, rows, numeric=(1, 2)),
        ranks[["year", "rank", "regions"]].reset_index(drop=True),
        lazy=True,  # below the fold: drawn when the reader reaches it
    )


def goal_text(series: pd.DataFrame, lang: str) -> str | None:
    """Distance of Lombardy's latest GERD % GDP to the EU 3% goal, in words."""
    frame = series[series["measure"] == GERD_PC_GDP]
    last = latest(frame, LOMBARDY)
    if last is None:
        return None
    year, value = last
    if value >= EU_GERD_GOAL:
        return t("ctx.goal.reached", lang, year=year, value=value_text(value, GERD_PC_GDP, lang))
    eu = value_in(frame, EU, year)
    return t(
        "ctx.goal.text",
        lang,
        year=year,
        value=value_text(value, GERD_PC_GDP, lang),
        gap=format_number(round(EU_GERD_GOAL - value, 2), lang),
        eu=value_text(eu, GERD_PC_GDP, lang),
    )


def _forecast_block(data: ContextData, lang: str) -> Component:
    measure = data.measure
    key = forecast_key(measure)
    name = measure_name(measure, lang)
    runs = data.runs[data.runs["series_key"] == key] if not data.runs.empty else data.runs
    points = data.points[data.points["series_key"] == key] if not data.points.empty else data.points
    if runs.empty or points.empty:
        return html.P(t("ctx.forecast.none", lang), id=FORECAST_ID)
    run = runs.iloc[0]
    frame = _measure_frame(data, measure)
    own = frame[frame["region_code"] == LOMBARDY].sort_values("year")
    history = pd.DataFrame(
        {"date": [pd.Timestamp(int(y), 12, 31).date() for y in own["year"]], "value": own["value"]}
    )
    points = points.assign(date=pd.to_datetime(points["date"]).dt.date)
    year_ends = points[[d.month == 12 for d in points["date"]]]
    unit = MEASURES[measure].unit
    description = t(
        "ctx.forecast.description",
        lang,
        median=value_text(run["realistic_median"], measure, lang),
        low=value_text(run["realistic_low"], measure, lang),
        high=value_text(run["realistic_high"], measure, lang),
    )
    if measure == GERD_PC_GDP and run["p_target_met"] is not None:
        description += " " + t(
            "ctx.forecast.goal", lang, p=format_probability(float(run["p_target_met"]), lang)
        )
    goal = EU_GERD_GOAL if measure == GERD_PC_GDP else None
    # Kept per data version (the figure is already the JSON plotly.js reads).
    figure = data.memo(
        f"context-forecast-figure:{measure}:{lang}",
        lambda: forecast_figure(
            history, points, unit, lang, target=goal, target_date=points["date"].iloc[-1]
        ),
    )
    caption = t("ctx.forecast.caption", lang)
    download = pd.concat(
        [
            history.assign(kind="observed"),
            year_ends.drop(columns="series_key").assign(kind="forecast"),
        ],
        ignore_index=True,
    )
    # Forecast from the Eurostat values: their source line, like every chart of the page.
    return sourced_chart(
        data,
        lang,
        FORECAST_ID,
        t("ctx.forecast.title", lang, measure=name),
        description,
        figure,
        page_table(
            f"{FORECAST_ID}-table",
            caption,
            forecast_headers(lang),
            forecast_rows(history, year_ends, unit, lang),
            numeric=FORECAST_NUMERIC,
        ),
        download,
        lazy=True,  # below the fold: drawn when the reader reaches it
    )


def trend_text(verdict: TrendVerdict, measure: str, lang: str) -> str:
    """The trend-to-reverse verdict in words."""
    if not verdict.assessable:
        return t("ctx.trend.none", lang)
    key = "ctx.trend.behind" if verdict.behind else "ctx.trend.ahead"
    return t(
        key,
        lang,
        pace=value_text(verdict.pace, measure, lang),
        median=value_text(verdict.peers_median, measure, lang),
        n=verdict.peers_counted,
    )


def _trend_block(data: ContextData, lang: str) -> Component:
    verdict = trend_verdict(_measure_frame(data, data.measure), LOMBARDY, data.peers)
    colour = "warning" if verdict.behind else "light"
    return html.Section(
        [
            html.H3(t("ctx.trend.title", lang), className="h5"),
            html.P(
                trend_text(verdict, data.measure, lang),
                id=TREND_ID,
                className=f"alert alert-{colour} mb-1",
            ),
            html.P(t("ctx.trend.method", lang), className="small text-muted"),
        ],
        className="mb-4",
    )


@dataclass(frozen=True)
class Standing:
    """Where Lombardy stands on one measure at its latest year, in words."""

    year: int
    value: str
    eu: str
    rank: str
    verdict: TrendVerdict
    flag: str


def standing(
    series: pd.DataFrame, ranks: pd.DataFrame, measure: str, peers: Sequence[str], lang: str
) -> Standing | None:
    """Lombardy's latest value, the EU's that year, its rank and the trend flag."""
    frame = series[series["measure"] == measure]
    last = latest(frame, LOMBARDY)
    if last is None:
        return None
    year, value = last
    rank = ranks[(ranks["measure"] == measure) & (ranks["year"] == year)]
    rank_text = t("nd", lang)
    if not rank.empty:
        rank_text = t(
            "ctx.strip.rank",
            lang,
            rank=int(rank["rank"].iloc[0]),
            regions=int(rank["regions"].iloc[0]),
        )
    verdict = trend_verdict(frame, LOMBARDY, list(peers))
    flag = t("nd", lang)
    if verdict.assessable:
        flag = t("ctx.trend.flag" if verdict.behind else "ctx.trend.ok", lang)
    return Standing(
        year,
        value_text(value, measure, lang),
        value_text(value_in(frame, EU, year), measure, lang),
        rank_text,
        verdict,
        flag,
    )


def summary_rows(
    series: pd.DataFrame, ranks: pd.DataFrame, peers: Sequence[str], lang: str
) -> list[list[str]]:
    """Per measure: Lombardy's latest value, the EU's that year, rank, paces and the flag."""
    rows = []
    for measure in MEASURES:
        found = standing(series, ranks, measure, peers, lang)
        if found is None:
            continue
        rows.append(
            [
                measure_name(measure, lang),
                f"{found.value} ({found.year})",
                found.eu,
                found.rank,
                value_text(found.verdict.pace, measure, lang),
                value_text(found.verdict.peers_median, measure, lang),
                found.flag,
            ]
        )
    return rows


def summary_headers(lang: str) -> list[str]:
    """The summary table's column headers."""
    return [
        t("ctx.col.measure", lang),
        t("ctx.col.lombardy", lang),
        t("ctx.col.eu", lang),
        t("ctx.col.rank", lang),
        t("ctx.col.pace", lang),
        t("ctx.col.peers_pace", lang),
        t("ctx.col.trend", lang),
    ]


def unknown_peers(data: ContextData, lang: str) -> list[Component]:
    """The warning naming the `?peers=` codes that were ignored (none: nothing)."""
    if not data.problems:
        return []
    text = t("ctx.peers.unknown", lang, codes=", ".join(data.problems))
    return [html.P(text, className="alert alert-warning", role="alert")]


def layout(data: ContextData | None, params: Mapping[str, str], lang: str) -> html.Div:
    """The whole page."""
    children: list[Component] = [page_header(t("ctx.title", lang), t("ctx.lead", lang))]
    if data is None or data.series.empty:
        children.append(html.P(t("ctx.empty", lang), className="alert alert-info"))
        return html.Div(children)
    children += unknown_peers(data, lang)
    children.append(_controls(data, params, lang))
    children.append(_compare_block(data, lang))
    if data.measure == GERD_PC_GDP:
        text = goal_text(data.series, lang)
        if text:
            children.append(
                html.Section(
                    [html.H3(t("ctx.goal.title", lang), className="h5"), html.P(text, id=GOAL_ID)],
                    className="mb-4",
                )
            )
    children.append(_trend_block(data, lang))
    children.append(_rank_block(data, lang))
    children.append(_forecast_block(data, lang))
    children.append(
        html.Section(
            [
                html.H2(t("ctx.summary.title", lang), className="h4"),
                page_table(
                    SUMMARY_ID,
                    t("ctx.summary.caption", lang),
                    summary_headers(lang),
                    summary_rows(data.series, data.ranks, data.peers, lang),
                    numeric=(1, 2, 4, 5),
                ),
                html.P(
                    t(
                        "ctx.source",
                        lang,
                        table="rd_e_gerdreg, hrst_st_rcat",
                        extracted=data.extracted,
                    ),
                    className="small text-muted",
                ),
            ]
        )
    )
    return html.Div(children)


def context_strip(
    series: pd.DataFrame, ranks: pd.DataFrame, params: Mapping[str, str], lang: str
) -> html.Section | None:
    """The overview's strip: Lombardy's latest GERD % GDP and HRST share against the EU."""
    items = []
    for measure in (GERD_PC_GDP, HRST_PC_ACT):
        found = standing(series, ranks, measure, DEFAULT_PEERS, lang)
        if found is None:
            continue
        text = t(
            "ctx.strip.item",
            lang,
            measure=t(f"ctx.short.{measure}", lang),
            value=found.value,
            year=found.year,
            eu=found.eu,
            rank=found.rank,
        )
        if found.verdict.assessable:
            text += f" — {t('ctx.col.trend', lang)}: {found.flag}"
        items.append(html.Li(text))
    if not items:
        return None
    return html.Section(
        [
            html.H2(t("ctx.strip.title", lang), className="h5"),
            html.Ul(items, className="mb-1"),
            html.A(t("ctx.strip.link", lang), href=href(PAGE_PATH, params)),
        ],
        id=STRIP_ID,
        className="s3-context-strip border rounded p-2 mb-3",
        **aria(label=t("ctx.strip.title", lang)),
    )
