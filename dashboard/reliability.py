"""The "how reliable are these forecasts" figures: the out-of-sample backtest, in words.

Pure presentation of `data.analysis.calibration.shipped_reliability()` (the figures
bench/bench_forecast_quality.py measured on real Eurostat regional series, out of sample):
a sentence, a calibration chart (how often the 80% band held the actual value, by history
length and horizon, against the 80% it should) and the same numbers as a table. Used by
the internal /forecasts page and the public method page.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from dashboard.figures.plain import Figure, figure
from dashboard.i18n import format_number, t
from data.analysis import calibration
from data.analysis.records import records

HORIZONS = (1, 2, 3)


def _pct(value: Any, lang: str) -> str:
    return f"{format_number(round(float(value) * 100), lang, 0)}%"


def _ratio(value: Any, lang: str) -> str:
    return f"{format_number(float(value), lang, 2)}×"


def summary_text(frame: pd.DataFrame, lang: str) -> str:
    """One sentence: coverage and error against drift, over all series, 1 and 3 years ahead."""
    rows = frame[frame["points"] == "all"].set_index("horizon")
    if not {1, 3} <= set(rows.index):
        return t("nd", lang)
    return t(
        "fc.rel.summary",
        lang,
        cover1=_pct(rows.loc[1, "coverage"], lang),
        cover3=_pct(rows.loc[3, "coverage"], lang),
        rel1=_ratio(rows.loc[1, "mae_rel_drift_median"], lang),
        rel3=_ratio(rows.loc[3, "mae_rel_drift_median"], lang),
        beat=_pct(rows.loc[3, "beat_drift"], lang),
        cases=format_number(int(rows["cases"].sum()), lang, 0),
    )


def first_row(frame: pd.DataFrame, label: str, horizon: int) -> dict[str, Any] | None:
    """The first row for this history length and horizon, as a dict; None when none.

    What `frame[(frame["points"] == label) & (frame["horizon"] == horizon)].iloc[0]` reads,
    found on the two columns as lists: two masks and a take on every indicator were ~3 ms
    of a cold /forecasts.
    """
    points, horizons = frame["points"].tolist(), frame["horizon"].tolist()
    for position, (points_label, years) in enumerate(zip(points, horizons, strict=True)):
        if isinstance(points_label, str) and points_label == label and years == horizon:
            return {column: frame[column].iat[position] for column in frame.columns}
    return None


def series_text(n_points: int, years: float, lang: str, frame: pd.DataFrame) -> str | None:
    """How reliable a forecast from `n_points` values, `years` ahead, was on real series."""
    if n_points < 3 or not math.isfinite(years):
        return None
    label = calibration.bucket_label(calibration.bucket_of(n_points))
    horizon = int(min(max(round(years), 1), HORIZONS[-1]))
    row = first_row(frame, label, horizon)
    if row is None:
        return None
    return t(
        "fc.rel.series",
        lang,
        n=n_points,
        points=label,
        years=horizon,
        cover=_pct(row["coverage"], lang),
        rel=_ratio(row["mae_rel_drift_pooled"], lang),
        beyond=t("fc.rel.beyond", lang) if years > HORIZONS[-1] + 0.5 else "",
    )


def table_rows(frame: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: one row per history length and horizon."""
    headers = [
        t("fc.rel.col.points", lang),
        t("fc.rel.col.horizon", lang),
        t("fc.rel.col.cases", lang),
        t("fc.rel.col.coverage", lang),
        t("fc.rel.col.p_mid", lang),
        t("fc.rel.col.rel_drift", lang),
        t("fc.rel.col.mase", lang),
    ]
    rows = []
    for record in records(frame):
        points = t("fc.rel.all", lang) if record["points"] == "all" else str(record["points"])
        rows.append(
            [
                points,
                str(record["horizon"]),
                format_number(int(record["cases"]), lang, 0),
                f"{_pct(record['coverage'], lang)} ({_pct(record['coverage_low'], lang)}"
                f"–{_pct(record['coverage_high'], lang)})",
                _pct(record["p_in_10_90"], lang),
                _ratio(record["mae_rel_drift_median"], lang),
                format_number(float(record["mase"]), lang, 2),
            ]
        )
    return headers, rows


def coverage_figure(frame: pd.DataFrame, lang: str) -> Figure:
    """Bars: share of held-out values inside the 80% band, by history length and horizon.

    A plain dict (dashboard.figures.plain); the dashed line at 80% is plotly's `add_hline`.
    """
    by_length = frame[frame["points"] != "all"]
    bars = []
    for horizon in HORIZONS:
        rows = by_length[by_length["horizon"] == horizon]
        bars.append(
            {
                "type": "bar",
                "x": [str(p) for p in rows["points"]],
                "y": [float(v) * 100 for v in rows["coverage"]],
                "name": t("fc.rel.horizon", lang, years=horizon),
            }
        )
    layout = {
        "shapes": [
            {
                "type": "line",
                "line": {"color": "#333", "dash": "dash"},
                "x0": 0,
                "x1": 1,
                "xref": "x domain",
                "y0": 80,
                "y1": 80,
                "yref": "y",
            }
        ],
        "annotations": [
            {
                "text": t("fc.rel.nominal", lang),
                "showarrow": False,
                "x": 1,
                "xanchor": "right",
                "xref": "x domain",
                "y": 80,
                "yanchor": "bottom",
                "yref": "y",
            }
        ],
        "barmode": "group",
        "height": 320,
        "margin": {"l": 50, "r": 20, "t": 20, "b": 50},
        "xaxis": {"title": {"text": t("fc.rel.col.points", lang)}},
        "yaxis": {
            "title": {"text": t("fc.rel.col.coverage", lang)},
            "range": [0, 100],
            "ticksuffix": "%",
        },
        "legend": {"orientation": "h", "y": -0.25},
    }
    return figure(bars, layout)
