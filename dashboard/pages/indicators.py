"""Indicators page: the list (trend, status, latest value) and one indicator's detail.

`?indicator=RI05` opens the detail: the time series with base, observations ("n.d." as a
gap), target and the linear required trajectory; how the status was computed, with the
actual numbers; notes and source. Layout only: no SQL, no callbacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.citations import source_text
from dashboard.components import chart_block, data_table, href, page_header
from dashboard.figures.attainment import (
    STATUS_COLOURS,
    sparkline_svg,
    svg_data_uri,
    timeseries_figure,
)
from dashboard.figures.revisions import mark_target_revision
from dashboard.figures.svg_lines import line_chart_svg
from dashboard.i18n import format_date, format_number, format_share, format_value, localized, t
from dashboard.pages.overview import (
    AttainmentData,
    base_text,
    explanation,
    format_ratio,
    latest_cell,
    note_texts,
    objective_filter,
    scope_line,
    status_badge,
)
from data.analysis.attainment import Assessment
from data.analysis.missing import as_date

PAGE_PATH = "/indicators"
TABLE_ID = "indicators-table"
OBSERVATIONS_TABLE_ID = "indicators-observations-table"
OBJECTIVE_FILTER_ID = "indicators-objective-filter"
DETAIL_ID = "indicators-detail"
CHART_ID = "indicators-detail-chart"
HOW_ID = "indicators-detail-how"


def _published(observations: pd.DataFrame) -> pd.DataFrame:
    if "status" not in observations.columns:
        return observations
    return observations[observations["status"] == "published"]


def _series(observations: pd.DataFrame) -> dict[str, tuple[list[dt.date], list[float | None]]]:
    """Published dates and values per indicator code (NaN kept: it is a gap)."""
    series: dict[str, tuple[list[dt.date], list[float | None]]] = {}
    for code, rows in _published(observations).groupby("indicator_code", sort=False):
        rows = rows.sort_values("date")
        values = [None if pd.isna(v) else float(v) for v in rows["value"]]
        series[str(code)] = ([as_date(d) for d in rows["date"]], values)
    return series


def _values_text(
    dates: Sequence[dt.date], values: Sequence[float | None], unit: str, lang: str
) -> str:
    return ", ".join(
        f"{format_value(v, unit, lang)} ({format_date(d, lang, month=True)})"
        for d, v in zip(dates, values, strict=True)
    ) or t("att.sparkline.none", lang)


def sparkline(
    code: str,
    dates: Sequence[dt.date],
    values: Sequence[float | None],
    unit: str,
    status: str,
    lang: str,
) -> html.Img:
    """A small trend image with every value in its text alternative."""
    return html.Img(
        src=svg_data_uri(sparkline_svg(dates, values, STATUS_COLOURS[status])),
        alt=t("att.sparkline.alt", lang, code=code, values=_values_text(dates, values, unit, lang)),
        width=120,
        height=32,
        className="s3-sparkline",
    )


def list_layout(
    data: AttainmentData,
    lang: str,
    params: Mapping[str, str],
    objectives: Sequence[str],
    objective: str | None,
) -> html.Div:
    """Every indicator in scope: trend, status, latest value, base, target; every value."""
    name_col = localized("name", lang)
    series = _series(data.observations)
    rows = []
    for assessment, ind in zip(data.assessments, data.indicators.to_dict("records"), strict=True):
        code, unit = str(ind["code"]), str(ind["unit"])
        dates, values = series.get(code, ([], []))
        latest = latest_cell(assessment, unit, lang)
        rows.append(
            [
                html.A(
                    code,
                    href=href(PAGE_PATH, {**params, "indicator": code}),
                    title=t("att.list.open", lang, code=code),
                ),
                html.Div(
                    [html.Div(ind[name_col]), html.Small(ind["objective"], className="text-muted")]
                ),
                sparkline(code, dates, values, unit, assessment.status, lang),
                status_badge(assessment.status, lang),
                latest,
                base_text(assessment, unit, lang),
                f"{format_value(ind['target_value'], unit, lang)} "
                f"({format_date(ind['target_date'], lang, month=True)})",
            ]
        )
    units = dict(zip(data.indicators["code"], data.indicators["unit"], strict=True))
    obs_rows = [
        [
            obs["indicator_code"],
            format_date(obs["date"], lang),
            format_value(obs["value"], units.get(obs["indicator_code"], ""), lang),
            t(f"status.{obs['status']}", lang),
            obs["note"],
        ]
        for obs in data.observations.to_dict("records")
    ]
    return html.Div(
        [
            page_header(t("indicators.title", lang), t("att.list.lead", lang)),
            objective_filter(OBJECTIVE_FILTER_ID, objectives, objective, lang),
            html.P(scope_line(data, lang), className="mb-2"),
            data_table(
                TABLE_ID,
                t("att.table.caption", lang),
                [
                    t("col.code", lang),
                    t("col.indicator", lang),
                    t("att.col.trend", lang),
                    t("att.col.status", lang),
                    t("col.latest", lang),
                    t("att.col.base", lang),
                    t("col.target", lang),
                ],
                rows,
                numeric=(4, 5, 6),
            ),
            html.H2(t("indicators.observations", lang), className="h4 mt-4"),
            data_table(
                OBSERVATIONS_TABLE_ID,
                t("indicators.observations", lang),
                [
                    t("col.code", lang),
                    t("col.date", lang),
                    t("col.value", lang),
                    t("col.status", lang),
                    t("notes", lang),
                ],
                obs_rows,
                numeric=(2,),
            ),
        ]
    )


def _inputs_table(assessment: Assessment, unit: str, lang: str) -> html.Div:
    direction = (
        t(f"att.direction.{assessment.direction}", lang)
        if assessment.direction in ("higher", "lower")
        else assessment.direction
    )
    kind = (
        t(f"kind.{assessment.kind}", lang)
        if assessment.kind in ("cumulative", "annual", "level")
        else assessment.kind
    )
    rows = [
        [t("att.in.kind", lang), kind],
        [t("att.in.direction", lang), direction],
        [t("att.in.y0", lang), base_text(assessment, unit, lang)],
        [t("att.in.t0", lang), format_date(assessment.base_date, lang)],
        [t("att.in.yt", lang), format_value(assessment.latest_value, unit, lang)],
        [t("att.in.t", lang), format_date(assessment.latest_date, lang)],
        [t("att.in.yT", lang), format_value(assessment.target_value, unit, lang)],
        [t("att.in.T", lang), format_date(assessment.target_date, lang)],
        [
            t("att.in.bands", lang),
            f"{format_number(assessment.on_track_band, lang, 2)}; "
            f"{format_number(assessment.acceleration_band, lang, 2)}",
        ],
    ]
    return data_table(
        "indicators-detail-inputs",
        t("att.how.inputs", lang),
        [t("att.in.name", lang), t("att.in.value", lang)],
        rows,
    )


def formula_lines(assessment: Assessment, unit: str, lang: str) -> list[str]:
    """p, e and R written out with the indicator's own numbers (empty when not computed)."""
    if assessment.e is None:
        return []

    def number(value: float | None) -> str:
        return format_number(value, lang)

    lines = []
    if assessment.p is not None:
        lines.append(
            t(
                "att.how.p",
                lang,
                yt=number(assessment.latest_value),
                y0=number(assessment.base_value),
                yT=number(assessment.target_value),
                p=format_number(assessment.p, lang, 3),
            )
        )
    lines.append(
        t(
            "att.how.e",
            lang,
            t=format_date(assessment.latest_date, lang),
            t0=format_date(assessment.base_date, lang),
            T=format_date(assessment.target_date, lang),
            days=format_number(assessment.elapsed_days, lang),
            total=format_number(assessment.total_days, lang),
            e=format_number(assessment.e, lang, 3),
        )
    )
    if assessment.r is not None and assessment.p is not None:
        lines.append(
            t(
                "att.how.r",
                lang,
                p=format_number(assessment.p, lang, 3),
                e=format_number(assessment.e, lang, 3),
                r=format_ratio(assessment.r, lang),
            )
        )
    if assessment.expected_value is not None:
        lines.append(
            t(
                "att.how.expected_value",
                lang,
                value=format_value(assessment.expected_value, unit, lang),
            )
        )
    return lines


def how_computed(assessment: Assessment, unit: str, lang: str) -> html.Section:
    """Inputs, the formula with the actual numbers and the verdict."""
    children: list[Component] = [html.H2(t("att.how.title", lang), className="h4")]
    children.append(_inputs_table(assessment, unit, lang))
    lines = formula_lines(assessment, unit, lang)
    if lines:
        # Monospace in the body colour: Bootstrap's pink <code> is below 4.5:1 on white.
        children.append(
            html.Ul(
                [html.Li(html.Code(line, className="text-body")) for line in lines],
                className="mb-2",
            )
        )
    children.append(html.P(explanation(assessment, unit, lang), className="fw-semibold"))
    return html.Section(children, id=HOW_ID, className="mb-4")


def detail_layout(
    data: AttainmentData,
    code: str,
    lang: str,
    params: Mapping[str, str],
    target_revised: dt.date | None = None,
) -> html.Div:
    """One indicator: status, time series chart, how it was computed, notes and source.

    `target_revised`: when the target was last revised in the app, marked on the chart.
    """
    back = html.A(
        t("att.detail.back", lang),
        href=href(PAGE_PATH, {k: v for k, v in params.items() if k != "indicator"}),
        className="d-inline-block mt-3",
    )
    records = data.indicators.to_dict("records")
    position = next((i for i, ind in enumerate(records) if ind["code"] == code), None)
    if position is None:
        return html.Div(
            [
                back,
                page_header(t("indicators.title", lang)),
                html.P(t("att.detail.missing", lang, code=code), className="alert alert-warning"),
            ],
            id=DETAIL_ID,
        )
    ind, assessment = records[position], data.assessments[position]
    unit = str(ind["unit"])
    name = ind[localized("name", lang)]
    dates, values = _series(data.observations).get(code, ([], []))
    observations = data.observations[data.observations["indicator_code"] == code]
    table_rows = [
        [
            format_date(obs["date"], lang),
            format_value(obs["value"], unit, lang),
            t(f"status.{obs['status']}", lang),
            obs["note"],
        ]
        for obs in observations.to_dict("records")
    ]
    if assessment.target_date is not None:
        table_rows.append(
            [
                format_date(assessment.target_date, lang),
                format_value(assessment.target_value, unit, lang),
                t("att.chart.target", lang),
                "",
            ]
        )
    description = t(
        "att.chart.description",
        lang,
        values=_values_text(dates, values, unit, lang),
        base=base_text(assessment, unit, lang),
        target=format_value(assessment.target_value, unit, lang),
        target_date=format_date(assessment.target_date, lang),
    )
    summary = [
        (t("col.latest", lang), latest_cell(assessment, unit, lang)),
        (
            t("col.target", lang),
            f"{format_value(assessment.target_value, unit, lang)} "
            f"({format_date(assessment.target_date, lang, month=True)})",
        ),
        (t("att.col.base", lang), base_text(assessment, unit, lang)),
        (t("att.col.progress", lang), format_share(assessment.p, lang)),
        (t("att.col.expected", lang), format_share(assessment.e, lang)),
        (t("att.col.pace", lang), format_ratio(assessment.r, lang)),
    ]
    facts = html.Dl(
        [
            html.Div(
                [
                    html.Dt(label, className="small text-muted"),
                    html.Dd(value, className="fw-semibold mb-0"),
                ]
            )
            for label, value in summary
        ],
        className="mb-3",
        style={
            "display": "grid",
            "gridTemplateColumns": "repeat(auto-fill, minmax(11rem, 1fr))",
            "gap": ".5rem",
        },
    )
    kind = (
        t(f"kind.{ind['kind']}", lang)
        if ind["kind"] in ("cumulative", "annual", "level")
        else ind["kind"]
    )
    direction = (
        t(f"att.direction.{ind['direction']}", lang)
        if ind["direction"] in ("higher", "lower")
        else ind["direction"]
    )
    children: list[Component] = [
        back,
        page_header(f"{code} — {name}"),
        html.P(
            t("att.detail.meta", lang, kind=kind, direction=direction, objective=ind["objective"]),
            className="text-muted",
        ),
        html.Div(
            [
                status_badge(assessment.status, lang),
                html.Span(explanation(assessment, unit, lang), className="ms-2"),
            ],
            className="mb-3",
            id="indicators-detail-status",
        ),
        facts,
    ]
    children += [
        html.P(note, className="alert alert-info") for note in note_texts(assessment, unit, lang)
    ]
    figure = timeseries_figure(assessment, dates, values, unit, lang)
    mark_target_revision(
        figure, assessment.target_date, assessment.target_value, target_revised, lang
    )
    title = t("att.chart.title", lang, code=code)
    children.append(
        chart_block(
            CHART_ID,
            title,
            description,
            figure,
            data_table(
                "indicators-detail-table",
                t("att.chart.table", lang, code=code),
                [
                    t("col.date", lang),
                    t("col.value", lang),
                    t("col.status", lang),
                    t("notes", lang),
                ],
                table_rows,
                numeric=(1,),
            ),
            lang,
            level=2,  # straight under the page's h1
            # In the window at load: painted as SVG, no plotly.js until the reader reaches
            # for it (hover, focus, click).
            first_paint_svg=line_chart_svg(figure.to_dict(), title, lang),
        )
    )
    children.append(how_computed(assessment, unit, lang))
    children.append(
        html.Section(
            [
                html.H2(t("notes", lang), className="h4"),
                html.P(ind["notes"] or t("nd", lang)),
                html.P([html.Strong(f"{t('source', lang)}: "), source_text(ind["source"], lang)]),
            ],
            id="indicators-detail-notes",
        )
    )
    return html.Div(children, id=DETAIL_ID)
