"""The overview's gauge cards are written as HTML directly: byte for byte the markup of the
html components they were built of (the reference below is that code, kept as it was)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

import pytest
from dash import html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.figures.attainment import STATUS_COLOURS, svg_data_uri
from dashboard.figures.public import HEIGHT as GAUGE_HEIGHT
from dashboard.figures.public import WIDTH as GAUGE_WIDTH
from dashboard.figures.public import gauge_svg
from dashboard.i18n import localized, t
from dashboard.pages.overview import (
    INK_MUTED,
    PRINT_GAUGE_WIDTH,
    _detail_href,
    explanation,
    gauge_card,
    gauge_details,
    gauge_label,
    gauge_values,
    status_badge,
)
from dashboard.static_markup import markup
from data.analysis.attainment import NOT_ASSESSABLE, STATUSES, Assessment


def component_card(
    assessment: Assessment,
    indicator: Mapping[str, object],
    lang: str,
    params: Mapping[str, str],
    printable: bool = False,
) -> html.Div:
    """The card as html components: `gauge_card` before it wrote its HTML itself (its texts
    come from the same functions: what is compared is how the card is written)."""
    code = assessment.code
    unit = str(indicator["unit"])
    name = str(indicator[localized("name", lang)])
    if assessment.status == NOT_ASSESSABLE or assessment.p is None:
        body: Component = html.P(
            explanation(assessment, unit, lang),
            className="s3-gauge-none small d-flex align-items-center justify-content-center "
            "text-center px-2 mb-0",
            style={
                "minHeight": f"{round(PRINT_GAUGE_WIDTH * GAUGE_HEIGHT / GAUGE_WIDTH)}px"
                if printable
                else f"{GAUGE_HEIGHT}px",
                "color": INK_MUTED,
            },
        )
    else:
        width = PRINT_GAUGE_WIDTH if printable else GAUGE_WIDTH
        svg = gauge_svg(assessment.p, assessment.e, STATUS_COLOURS[assessment.status])
        body = html.Img(
            id=f"{'report' if printable else 'overview'}-gauge-{code}",
            src=svg_data_uri(svg),
            alt=gauge_label(assessment, lang),
            width=width,
            height=round(width * GAUGE_HEIGHT / GAUGE_WIDTH),
            className="s3-gauge",
        )
    footer_children: list[Component] = [
        html.Div([html.Span(gauge_values(assessment, unit, lang), className="fw-semibold")]),
        html.Div(gauge_details(assessment, unit, lang), className="small text-muted"),
    ]
    if not printable:
        footer_children.append(
            html.A(
                t("att.gauge.how", lang),
                href=_detail_href(code, params),
                className="small d-print-none",
                **aria(label=f"{t('att.gauge.how', lang)}: {code}"),
            )
        )
    return html.Div(
        [
            html.Div(
                [
                    html.H3(
                        [html.Span(code, className="fw-bold me-1"), html.Span(name)],
                        className="h6 mb-1 s3-gauge-title",
                        style={"fontSize": ".9rem"},
                    ),
                    status_badge(assessment.status, lang),
                ],
                className="flex-grow-1",
            ),
            body,
            html.Div(footer_children, className="text-center"),
        ],
        id=f"{'report' if printable else 'overview'}-card-{code}",
        className="s3-gauge-card border rounded p-2 bg-white d-flex flex-column",
        style={"borderTop": f"6px solid {STATUS_COLOURS[assessment.status]}"},
    )


BASE = Assessment(
    code="RX<1>&",
    kind="cumulative",
    direction="higher",
    status="on_track",
    reason="pace",
    p=0.5,
    e=0.4,
    r=1.25,
    base_value=0.0,
    base_date=dt.date(2022, 12, 31),
    base_is_first_observation=False,
    latest_value=50.0,
    latest_date=dt.date(2025, 4, 30),
    target_value=100.0,
    target_date=dt.date(2027, 12, 31),
    expected_value=40.0,
    elapsed_days=851,
    total_days=1826,
    on_track_band=0.95,
    acceleration_band=0.6,
)
CASES = {
    **{status: dataclasses.replace(BASE, status=status) for status in STATUSES},
    "not started": dataclasses.replace(
        BASE, status=NOT_ASSESSABLE, reason="not_started", p=None, e=None, r=None
    ),
    "target is the base": dataclasses.replace(
        BASE, status="deterioration", reason="target_equals_base", p=None, r=None
    ),
    "a newer draft": dataclasses.replace(
        BASE, draft_value=73.6, draft_date=dt.date(2025, 6, 30), notes=("drafts_skipped",)
    ),
    "no value yet": dataclasses.replace(
        BASE,
        status=NOT_ASSESSABLE,
        reason="no_observation",
        latest_value=None,
        latest_date=None,
        p=None,
        e=None,
    ),
}
INDICATOR = {
    "unit": "M€",
    "name_it": 'Risorse "prova" <b>&</b> altro',
    "name_en": "Resources <i>'test'</i> & more",
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("printable", [False, True])
def test_a_card_is_the_markup_of_its_components(case, lang, printable):
    assessment = CASES[case]
    params = {"lang": "en", "ecosystem": "salute & co"}
    expected = markup(component_card(assessment, INDICATOR, lang, params, printable))
    assert gauge_card(assessment, INDICATOR, lang, params, printable).html == expected
    badge = markup(status_badge(assessment.status, lang))
    assert gauge_card(assessment, INDICATOR, lang, params, printable, badge).html == expected


def test_a_data_uri_quotes_as_urllib_does():
    import random
    from urllib.parse import quote

    from dashboard.figures.attainment import svg_data_uri

    rng = random.Random(15)
    texts = [gauge_svg(p / 10, 0.4, "#c2410c") for p in range(-3, 14)]
    texts += ["".join(chr(rng.randrange(128)) for _ in range(200)) for _ in range(50)]
    texts += ["<text>Città – 25%</text>", "€ ✓ ↑"]  # not ASCII: urllib's own quote
    for text in texts:
        assert svg_data_uri(text) == "data:image/svg+xml;charset=utf-8," + quote(text)
