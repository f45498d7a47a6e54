"""Forecasts page: per indicator the outlook at its target date, and the trends to reverse.

Layout only, from frames the callbacks load: the stored forecast runs and points
(`data.forecasting`), the indicators and observations. Nothing here fits a model; an
indicator without a stored forecast says why. `trends_to_reverse_panel` is reused by the
overview.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard import reliability
from dashboard.aria import aria
from dashboard.components import chart_block, data_table, page_header
from dashboard.figures.forecast import forecast_figure, forecast_table
from dashboard.html_table import Marked, PlainCell
from dashboard.i18n import (
    format_date,
    format_number,
    format_probability,
    format_value,
    localized,
    t,
)
from data.analysis import calibration
from data.analysis.forecast import (
    DEFAULT_SETTINGS,
    STATUS_FAILED,
    STATUS_INSUFFICIENT,
    STATUS_MISSING,
    STATUS_NOT_STARTED,
    STATUS_OK,
    STATUS_TARGET_PASSED,
    ForecastSettings,
    Series,
    indicator_outlooks,
    indicator_series_list,
)
from data.analysis.missing import as_date, is_missing, number_or_none
from data.analysis.records import records

PAGE_PATH = "/forecasts"
SUMMARY_TABLE_ID = "forecasts-summary-table"
REVERSE_PANEL_ID = "forecasts-reverse"
STATUS_ID = "forecasts-status"
RELIABILITY_ID = "forecasts-reliability"
RELIABILITY_CHART_ID = "forecasts-reliability-chart"
RELIABILITY_TABLE_ID = "forecasts-reliability-table"
FUNDING_PREFIX = "funding:"
FUNDING_TABLE_ID = "forecasts-funding-table"
FUNDING_PICKER_ID = "forecasts-series-picker"
FUNDING_CHOSEN_ID = "forecasts-funding-chosen"
FUNDING_PROBLEM_ID = "forecasts-series-problem"
OUTLOOK_CLASSES = {"likely": "success", "uncertain": "warning", "unlikely": "danger"}


# --------------------------------------------------------------------------- texts


def _name(row: Mapping[str, Any], lang: str) -> str:
    return str(row[localized("name", lang)])


def percent(p: float | None, lang: str) -> str:
    """P as a whole percentage: `77%`, `< 5%`, `> 95%`; missing → n.d."""
    return format_probability(p, lang)


def outlook_label(outlook: str | None, lang: str) -> str:
    """The outlook (likely / uncertain / unlikely) in `lang`; n.d. when none."""
    return t(f"fc.outlook.{outlook}", lang) if outlook in OUTLOOK_CLASSES else t("nd", lang)


def realistic_text(row: Mapping[str, Any], lang: str) -> str:
    """`166,5 M€ (159,3 M€ – 173,7 M€)`: median and 80% interval at the target date."""
    if is_missing(row.get("realistic_median")):
        return t("nd", lang)
    unit = str(row.get("unit") or "")
    return t(
        "fc.realistic",
        lang,
        median=format_value(_round(row["realistic_median"]), unit, lang),
        low=format_value(_round(row["realistic_low"]), unit, lang),
        high=format_value(_round(row["realistic_high"]), unit, lang),
    )


def _round(value: float) -> float:
    # Three significant figures are all a 3-point forecast can claim.
    if value == 0 or is_missing(value):
        return value
    digits = 2 - int(math.floor(math.log10(abs(value))))
    return round(value, max(digits, 0)) if digits > 0 else round(value, digits)


def pace_text(row: Mapping[str, Any], lang: str) -> str:
    """The pace verdict ("needs 4.1× the current pace"), or why no ratio applies."""
    required, ratio = row.get("required_pace"), number_or_none(row.get("pace_ratio"))
    if is_missing(required):
        return t("nd", lang)
    if ratio is None:  # pace_ratio is None when nothing more is required
        return t("fc.pace.reached", lang)
    if math.isinf(ratio):
        return t("fc.pace.away", lang)
    if ratio <= 1:
        return t("fc.pace.enough", lang)
    return t("fc.pace.needs", lang, ratio=format_number(ratio, lang, 1))


def pace_values(row: Mapping[str, Any], lang: str) -> str:
    """`34,8 M€ / 84,8 M€ per year`: projected and required pace."""
    if is_missing(row.get("projected_pace")) or is_missing(row.get("required_pace")):
        return t("nd", lang)
    unit = str(row.get("unit") or "")
    return t(
        "fc.pace.values",
        lang,
        projected=format_value(_round(row["projected_pace"]), unit, lang),
        required=format_value(_round(row["required_pace"]), unit, lang),
    )


def reason_text(
    row: Mapping[str, Any], lang: str, settings: ForecastSettings = DEFAULT_SETTINGS
) -> str | None:
    """Why an indicator has no verdict (None when it has one)."""
    status = row.get("status")
    if status == STATUS_OK:
        return None
    if status == STATUS_INSUFFICIENT:
        return t("fc.reason.insufficient", lang, n=row["n_points"], min=settings.min_points)
    if status == STATUS_NOT_STARTED:
        return t("fc.reason.not_started", lang)
    if status == STATUS_TARGET_PASSED:
        return t("fc.reason.target_passed", lang)
    if status == STATUS_FAILED:
        # Never the error text: it may name server paths; `s3dash forecast` logs it.
        return t("fc.reason.failed", lang)
    return t("fc.reason.missing", lang)


def _notes(row: Mapping[str, Any], lang: str) -> list[str]:
    notes = []
    if row.get("stale"):
        notes.append(t("fc.stale", lang, date=format_date(row.get("created_at"), lang)))
    if row.get("outdated") and row.get("status") != STATUS_MISSING:
        notes.append(t("fc.outdated", lang))
    if row.get("trend_to_reverse"):
        notes.append(t("fc.flag.reverse", lang))
    notes += [t(f"fc.note.{code}", lang) for code in row.get("notes") or ()]
    return notes


def _outlook_badge(outlook: str | None, lang: str) -> PlainCell:
    # A badge inside the html table (one component for the whole table, not one per cell).
    if outlook not in OUTLOOK_CLASSES:
        return t("nd", lang)
    return Marked(outlook_label(outlook, lang), f"badge text-bg-{OUTLOOK_CLASSES[outlook]}")


# --------------------------------------------------------------------------- trends to reverse


def _reverse_rank(row: Mapping[str, Any]) -> tuple[float, float]:
    ratio = number_or_none(row.get("pace_ratio"))
    gap = 0.0 if ratio is None else (1e12 if math.isinf(ratio) else ratio)
    p = number_or_none(row.get("p_target_met"))
    return (-gap, 1.0 if p is None else p)


def _reverse_item(row: Mapping[str, Any], lang: str) -> html.Li:
    unit = str(row.get("unit") or "")
    why = []
    if row.get("outlook") == "unlikely":
        why.append(t("fc.reverse.unlikely", lang, p=percent(row.get("p_target_met"), lang)))
    if row.get("recent_trend_wrong"):
        why.append(
            t(
                "fc.reverse.recent",
                lang,
                previous=format_value(row.get("previous_value"), unit, lang),
                last=format_value(row.get("last_value"), unit, lang),
            )
        )
    pace = pace_text(row, lang)
    if not is_missing(row.get("projected_pace")):
        pace = f"{pace} ({pace_values(row, lang)})"
    text = t(
        "fc.reverse.item",
        lang,
        code=row["code"],
        name=_name(row, lang),
        why="; ".join(why),
        pace=pace,
    )
    return html.Li(text)


def trends_to_reverse_panel(frame: pd.DataFrame, lang: str) -> html.Section:
    """The ranked list of trends to reverse (frame: `indicator_outlooks`), largest gap first."""
    # Only the flagged rows become records (the overview may hold thousands of indicators).
    marks = frame["trend_to_reverse"].tolist() if "trend_to_reverse" in frame.columns else []
    flagged = records(frame[[bool(mark) for mark in marks]]) if marks else []
    flagged.sort(key=_reverse_rank)
    body: Component
    if flagged:
        body = html.Ol([_reverse_item(row, lang) for row in flagged], className="mb-0")
    else:
        body = html.P(t("fc.reverse.none", lang), className="mb-0")
    return html.Section(
        [
            html.H2(t("fc.reverse.title", lang), className="h4"),
            html.P(t("fc.reverse.lead", lang), className="text-muted"),
            body,
        ],
        id=REVERSE_PANEL_ID,
        className="s3-reverse alert alert-light border mb-4",
        **aria(label=t("fc.reverse.title", lang)),
    )


# --------------------------------------------------------------------------- page parts


def summary_table(frame: pd.DataFrame, lang: str) -> html.Div:
    """Every indicator: outlook, P(target met), realistic target, target, pace, notes."""
    headers = [
        t("col.code", lang),
        t("col.indicator", lang),
        t("fc.col.outlook", lang),
        t("fc.col.p", lang),
        t("fc.col.realistic", lang),
        t("col.target", lang),
        t("fc.col.pace", lang),
        t("fc.col.note", lang),
    ]
    rows = []
    for row in records(frame):
        reason = reason_text(row, lang)
        pace = pace_text(row, lang)
        if not is_missing(row.get("projected_pace")):
            pace = f"{pace_values(row, lang)}: {pace}"
        rows.append(
            [
                row["code"],
                _name(row, lang),
                _outlook_badge(row.get("outlook"), lang),
                percent(row.get("p_target_met"), lang),
                realistic_text(row, lang),
                f"{format_value(row['target_value'], row['unit'], lang)} "
                f"({format_date(row['target_date'], lang)})",
                pace,
                " ".join(([reason] if reason else []) + _notes(row, lang)),
            ]
        )
    return data_table(SUMMARY_TABLE_ID, t("fc.summary.caption", lang), headers, rows, numeric=(3,))


def method_note(lang: str, settings: ForecastSettings = DEFAULT_SETTINGS) -> html.Details:
    """How the numbers are computed, with the settings' own values."""
    values = {
        "changepoints": settings.max_changepoints,
        "min_points": settings.min_points,
        "damping_pct": f"{format_number(round((1 - settings.damping) * 100), lang, 0)}%",
        "likely": format_number(settings.likely_threshold, lang),
        "unlikely": format_number(settings.unlikely_threshold, lang),
    }
    return html.Details(
        [
            html.Summary(t("fc.method.title", lang)),
            html.P(t("fc.method.model", lang, count=None, **values)),
            html.P(t("fc.method.uncertainty", lang, count=None, **values)),
            html.P(t("fc.method.pace", lang)),
            html.P(t("fc.method.caveat", lang)),
        ],
        className="mb-3",
    )


def reliability_section(lang: str) -> html.Section:
    """The "how reliable are these forecasts" section: backtest on real series, chart, table."""
    frame = calibration.shipped_reliability()
    headers, rows = reliability.table_rows(frame, lang)
    table = data_table(
        RELIABILITY_TABLE_ID,
        t("fc.rel.table.caption", lang),
        headers,
        rows,
        numeric=(2, 3, 4, 5, 6),
    )
    return html.Section(
        [
            html.H2(t("fc.rel.title", lang), className="h4"),
            html.P(reliability.summary_text(frame, lang)),
            chart_block(
                RELIABILITY_CHART_ID,
                t("fc.rel.chart.title", lang),
                t("fc.rel.chart.describe", lang),
                reliability.coverage_figure(frame, lang),
                table,
                lang,
                lazy=True,
            ),
        ],
        id=RELIABILITY_ID,
        className="mt-3 mb-4",
    )


def _reliability_note(row: Mapping[str, Any], series: Series, lang: str) -> list[Component]:
    if row.get("status") != STATUS_OK or not series.dates:
        return []
    years = (as_date(row["target_date"]) - series.dates[-1]).days / 365.25
    text = reliability.series_text(series.n_points, years, lang, calibration.shipped_reliability())
    return [html.P(text, className="small text-muted mb-1")] if text else []


def _history(series: Series) -> pd.DataFrame:
    return pd.DataFrame({"date": list(series.dates), "value": list(series.values)})


def describe(row: Mapping[str, Any], series: Series, points: pd.DataFrame, lang: str) -> str:
    """The chart's description in words."""
    unit = str(row.get("unit") or "")
    last = points.iloc[-1]
    text = t(
        "fc.describe",
        lang,
        last=format_value(series.values[-1], unit, lang),
        last_date=format_date(series.dates[-1], lang),
        date=format_date(last["date"], lang),
        median=format_value(_round(last["yhat"]), unit, lang),
        low=format_value(_round(last["yhat_lower"]), unit, lang),
        high=format_value(_round(last["yhat_upper"]), unit, lang),
    )
    if not is_missing(row.get("target_value")) and not is_missing(row.get("p_target_met")):
        text += " " + t(
            "fc.describe.target",
            lang,
            target=format_value(row["target_value"], unit, lang),
            p=percent(row["p_target_met"], lang),
            outlook=outlook_label(row.get("outlook"), lang),
            pace=pace_text(row, lang),
        )
    return text


def indicator_section(
    row: Mapping[str, Any], series: Series, points: pd.DataFrame, lang: str
) -> Component:
    """One indicator: chart, description and table, or the reason there is no forecast."""
    code = str(row["code"])
    chart_id = f"forecasts-chart-{code.lower()}"
    title = t(
        "fc.chart.title",
        lang,
        code=code,
        name=_name(row, lang),
        date=format_date(row["target_date"], lang),
    )
    notes: list[Component] = [
        html.P(note, className="small text-muted mb-1") for note in _notes(row, lang)
    ]
    notes += _reliability_note(row, series, lang)
    history = _history(series)
    if row.get("status") == STATUS_OK and len(points) and len(history):
        figure = forecast_figure(
            history, points, str(row["unit"]), lang, row["target_value"], row["target_date"]
        )
        table = forecast_table(
            f"{chart_id}-table",
            t("fc.table.caption", lang, code=code),
            history,
            points,
            str(row["unit"]),
            lang,
        )
        block = chart_block(
            chart_id, title, describe(row, series, points, lang), figure, table, lang, lazy=True
        )
        return html.Div([block, *notes], id=f"forecasts-{code.lower()}")
    rows = [
        [format_date(d, lang), format_value(v, str(row["unit"]), lang)]
        for d, v in zip(series.dates, series.values, strict=True)
    ]
    return html.Section(
        [
            html.H3(title, className="h5"),
            html.P(reason_text(row, lang), className="alert alert-secondary"),
            *notes,
            data_table(
                f"{chart_id}-history",
                t("fc.history.caption", lang, code=code),
                [t("col.date", lang), t("col.value", lang)],
                rows,
                numeric=(1,),
            ),
        ],
        id=f"forecasts-{code.lower()}",
        className="s3-chart mb-4",
        **aria(label=title),
    )


def series_value(key: str) -> str:
    """A funding series' value in the URL and the picker: `ecosystem:<code>`, `province:<code>`."""
    return key.removeprefix(FUNDING_PREFIX)


def _funding_block(
    series: Series,
    run: Mapping[str, Any] | None,
    series_points: pd.DataFrame,
    label: str,
    lang: str,
) -> Component:
    """One funding series: chart, description and table, or why it has no forecast."""
    chart_id = "forecasts-" + series.key.replace(":", "-").replace(" ", "-").lower()
    if run is None or run["status"] != STATUS_OK or not len(series_points):
        reason = reason_text(run or {"status": STATUS_MISSING}, lang)
        return html.P(f"{label}: {reason}", className="text-muted", id=FUNDING_CHOSEN_ID)
    history = _history(series)
    last = series_points.iloc[-1]
    description = t(
        "fc.funding.describe",
        lang,
        last_date=format_date(series.dates[-1], lang, month=True),
        last=format_value(series.values[-1], "€", lang),
        date=format_date(last["date"], lang, month=True),
        median=format_value(last["yhat"], "€", lang),
        low=format_value(last["yhat_lower"], "€", lang),
        high=format_value(last["yhat_upper"], "€", lang),
    )
    figure = forecast_figure(history, series_points, "€", lang)
    table = forecast_table(f"{chart_id}-table", label, history, series_points, "€", lang)
    block = chart_block(chart_id, label, description, figure, table, lang, lazy=True)
    return html.Div(block, id=FUNDING_CHOSEN_ID)


def _funding_row(
    series: Series,
    run: Mapping[str, Any] | None,
    series_points: pd.DataFrame,
    label: str,
    lang: str,
) -> list[PlainCell]:
    """A series' line of the overview table: its last month and the forecast at the end."""
    last_month = (
        f"{format_date(series.dates[-1], lang, month=True)}: "
        f"{format_value(series.values[-1], '€', lang)}"
        if series.dates
        else t("nd", lang)
    )
    if run is None or run["status"] != STATUS_OK or not len(series_points):
        reason = reason_text(run or {"status": STATUS_MISSING}, lang)
        return [label, last_month, reason, ""]
    last = series_points.iloc[-1]
    interval = f"{format_value(last['yhat_lower'], '€', lang)} – "
    interval += format_value(last["yhat_upper"], "€", lang)
    return [label, last_month, format_value(last["yhat"], "€", lang), interval]


def _series_picker(options: Mapping[str, str], chosen: str, lang: str) -> html.Div:
    return html.Div(
        [
            html.Label(
                t("fc.funding.pick", lang), htmlFor=FUNDING_PICKER_ID, className="me-2 mb-0"
            ),
            dbc.Select(
                id=FUNDING_PICKER_ID,
                options=[{"label": label, "value": v} for v, label in options.items()],
                value=chosen,
                className="s3-filter-select s3-call-select",
            ),
        ],
        className="d-flex align-items-center mb-3 d-print-none",
    )


def series_points(points: pd.DataFrame) -> Callable[[str], pd.DataFrame]:
    """Each series' forecast points, as `points[points["series_key"] == key]` gives them.

    The keys are read once and the rows taken by position: a mask over every point for
    each of the page's ~45 series was ~3 ms of a cold `/forecasts`.
    """
    positions: dict[str, list[int]] = {}
    if len(points):
        for position, key in enumerate(points["series_key"].tolist()):
            positions.setdefault(key, []).append(position)

    def points_of(key: str) -> pd.DataFrame:
        # `take` is what the mask does with the positions it selects
        return points.take(np.asarray(positions.get(key, ()), dtype=np.intp))

    return points_of


def funding_section(
    series_list: Sequence[Series],
    labels: Mapping[str, str],
    runs: pd.DataFrame,
    points: pd.DataFrame,
    lang: str,
    filtered: bool,
    chosen: str | None = None,
) -> html.Section | None:
    """Monthly funding forecasts per ecosystem and province (None when no projects).

    Every series has a line in one table (last month, forecast at the end, interval); the
    series `chosen` (`series_value`; the first when None or unknown) has its chart and
    monthly table below, and a picker writes another into the URL (`?series=`). Drawing
    every series at once (some thirty charts, each with its folded table) made the page
    five times a bare Dash page at 100,000 projects.
    """
    if not series_list:
        return None
    by_key = {r["series_key"]: r for r in records(runs)} if len(runs) else {}
    values = {series_value(s.key): labels.get(s.key, s.key) for s in series_list}
    children: list[Component] = [
        html.H2(t("fc.funding.title", lang), className="h4"),
        html.P(t("fc.funding.lead", lang, date=format_date(series_list[0].horizon, lang))),
    ]
    if filtered:
        children.append(html.P(t("fc.funding.filtered", lang), className="small text-muted"))
    if chosen is not None and chosen not in values:
        children.append(
            html.P(
                t("fc.funding.unknown", lang, value=chosen, first=next(iter(values.values()))),
                className="alert alert-warning",
                role="alert",
                id=FUNDING_PROBLEM_ID,
            )
        )
        chosen = None
    chosen = chosen or next(iter(values))
    rows = []
    block: Component | None = None
    points_of = series_points(points)
    for series in series_list:
        own_points = points_of(series.key)
        run, label = by_key.get(series.key), labels.get(series.key, series.key)
        rows.append(_funding_row(series, run, own_points, label, lang))
        if series_value(series.key) == chosen:
            block = _funding_block(series, run, own_points, label, lang)
    headers = [
        t("fc.funding.col.series", lang),
        t("fc.funding.col.last", lang),
        t("fc.funding.col.forecast", lang, date=format_date(series_list[0].horizon, lang)),
        t("fc.funding.col.interval", lang),
    ]
    children.append(
        data_table(
            FUNDING_TABLE_ID,
            t("fc.funding.table.caption", lang),
            headers,
            rows,
            numeric=(2, 3),
            row_headers=True,
        )
    )
    children.append(_series_picker(values, chosen, lang))
    if block is not None:
        children.append(block)
    return html.Section(children, id="forecasts-funding", className="mt-4")


def _status_line(runs: pd.DataFrame, lang: str) -> html.P:
    if not len(runs):
        return html.P(t("forecasts.none", lang), className="alert alert-info", id=STATUS_ID)
    newest = runs.sort_values("created_at").iloc[-1]
    when = newest["created_at"]
    stamp = f"{format_date(when, lang)} {when:%H:%M}" if isinstance(when, dt.datetime) else ""
    return html.P(
        t("fc.computed", lang, when=stamp, model=newest["model_version"]),
        className="text-muted",
        id=STATUS_ID,
    )


def indicator_parts(
    indicators: pd.DataFrame,
    observations: pd.DataFrame,
    runs: pd.DataFrame,
    points: pd.DataFrame,
    lang: str,
) -> list[Component | None]:
    """The page down to its funding section.

    Status, method, trends to reverse, summary table, reliability, each indicator's series.
    """
    every = indicator_series_list(indicators, observations)
    outlooks = indicator_outlooks(indicators, observations, runs, given=every)
    sections = []
    points_of = series_points(points)
    for row, series in zip(records(outlooks), every, strict=True):
        sections.append(indicator_section(row, series, points_of(series.key), lang))
    return [
        page_header(t("forecasts.title", lang), t("fc.lead", lang)),
        _status_line(runs, lang),
        method_note(lang),
        trends_to_reverse_panel(outlooks, lang),
        summary_table(outlooks, lang),
        # The verdicts first, then how far to trust them: the reliability chart sits below
        # the fold and is drawn when reached (at the top, its plotly draw was half the
        # page's script time).
        reliability_section(lang),
        html.H2(t("fc.section.indicators", lang), className="h4 mt-4"),
        *sections,
    ]


def layout(parts: Sequence[Component | None], funding: html.Section | None) -> html.Div:
    """The page: `indicator_parts`, then the funding section (`funding_section`)."""
    return html.Div([c for c in (*parts, funding) if c is not None])
