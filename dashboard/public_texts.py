"""The public page's text views and the "embed this" box.

The method in plain words and the accessibility statement; the iframe snippet that fits its
height to the content. Layout only.
"""

from __future__ import annotations

import html as html_text
from typing import Any

from dash import html
from dash.development.base_component import Component

from dashboard import reliability
from dashboard.aria import aria
from dashboard.components import page_header
from dashboard.figures.public import bar_percent
from dashboard.i18n import foreign, format_share, t
from dashboard.public_parts import (
    EMBED_CODE_ID,
    METHOD,
    PublicData,
    PublicView,
    public_table,
    section,
    status_badge,
    with_query,
)
from data.analysis import calibration
from data.analysis.attainment import STATUSES

# --------------------------------------------------------------------------- method, a11y


def method_summary(view: PublicView) -> html.Section:
    """The method in two paragraphs, with a link to the whole of it."""
    lang = view.lang
    return section(
        "public-method-summary",
        t("pub.method.title", lang),
        [
            html.P(t("pub.method.short", lang)),
            html.P(html.A(t("pub.method.link", lang), href=view.href(METHOD))),
        ],
    )


def method_view(data: PublicData, view: PublicView) -> list[Component]:
    """How the page's figures are computed, in plain words, with the configured bands."""
    lang = view.lang
    on = format_share(data.bands.on_track, lang)
    acc = format_share(data.bands.acceleration, lang)
    statuses = [
        html.Li([status_badge(s, lang), " ", t(f"pub.method.status.{s}", lang, on=on, acc=acc)])
        for s in STATUSES
    ]
    return [
        page_header(t("pub.method.title", lang), t("pub.method.lead", lang)),
        html.H2(t("pub.method.progress.title", lang), className="h4"),
        html.P(t("pub.method.progress", lang)),
        html.P(t("pub.method.example", lang)),
        html.H2(t("pub.method.statuses.title", lang), className="h4"),
        html.Ul(statuses, className="s3p-status-list"),
        html.P(t("pub.method.kinds", lang)),
        html.H2(t("pub.method.forecast.title", lang), className="h4"),
        html.P(t("pub.method.forecast", lang)),
        html.P(t("pub.method.trends", lang)),
        *reliability_part(lang),
        html.H2(t("pub.method.funding.title", lang), className="h4"),
        html.P(t("pub.method.funding", lang)),
        html.H2(t("pub.method.data.title", lang), className="h4"),
        html.P(t("pub.method.data", lang)),
        html.P(t("pub.method.nd", lang)),
    ]


def reliability_part(lang: str) -> list[Component]:
    """The "how reliable are these forecasts" part: the backtest in words and a bar table."""
    frame = calibration.shipped_reliability()
    headers, rows = reliability.table_rows(frame, lang)
    cells: list[list[Any]] = []
    for row, coverage in zip(rows, frame["coverage"], strict=True):
        bar = html.Div(
            [
                html.Span(row[3]),
                html.Span(
                    className="s3p-bar",
                    style={"width": f"{bar_percent(float(coverage), 1.0)}%"},
                    **aria(hidden=True),
                ),
            ],
            className="s3p-bar-cell",
        )
        cells.append([*row[:3], bar, *row[4:]])
    return [
        html.H3(t("fc.rel.title", lang), className="h5"),
        html.P(reliability.summary_text(frame, lang)),
        html.P(t("fc.rel.chart.describe", lang), className="small"),
        public_table("pub-method-reliability", t("fc.rel.table.caption", lang), headers, cells),
    ]


def accessibility_view(view: PublicView) -> list[Component]:
    """The accessibility statement (EU Web Accessibility Directive, AgID model)."""
    lang = view.lang
    parts: list[Component] = [page_header(t("pub.a11y.title", lang), t("pub.a11y.lead", lang))]
    for key in ("status", "tested", "limits", "feedback", "enforcement", "date"):
        parts += [
            html.H2(t(f"pub.a11y.{key}.title", lang), className="h4"),
            html.P(t(f"pub.a11y.{key}", lang)),
        ]
    parts.append(
        html.P(
            html.A(
                t("pub.a11y.agid", lang),
                href="https://form.agid.gov.it",
                hrefLang="it",
                lang=foreign("it", lang),
            )
        )
    )
    return parts


# --------------------------------------------------------------------------- embedding


def embed_snippet(view: PublicView, title: str) -> str:
    """The HTML a web editor pastes: the iframe, and a listener that fits its height."""
    src = view.origin + with_query(view.path, view.query(embed=True))
    origin = view.origin
    return (
        f'<iframe src="{html_text.escape(src)}" title="{html_text.escape(title)}" '
        'style="width:100%;border:0" height="600" loading="lazy"></iframe>\n'
        "<script>\n"
        'addEventListener("message", function (e) {\n'
        f'  if (e.origin !== "{origin}" || !e.data || e.data.type !== "s3monitor:height") return;\n'
        '  document.querySelectorAll("iframe").forEach(function (f) {\n'
        "    if (f.contentWindow === e.source) f.height = e.data.height;\n"
        "  });\n"
        "});\n"
        "</script>"
    )


def embed_box(view: PublicView, title: str) -> html.Details:
    """The "embed this view" box: the snippet in a read-only text area, and the address."""
    lang = view.lang
    url = view.origin + with_query(view.path, view.query(embed=True))
    return html.Details(
        [
            html.Summary(t("pub.embed.title", lang)),
            html.P(t("pub.embed.lead", lang)),
            html.Label(t("pub.embed.code", lang), htmlFor=EMBED_CODE_ID, className="form-label"),
            html.Textarea(
                embed_snippet(view, title),
                id=EMBED_CODE_ID,
                # Dash types this boolean HTML attribute as a string; React takes the bool.
                readOnly=True,  # type: ignore[arg-type]
                rows=8,
                spellCheck="false",
                className="form-control font-monospace small",
            ),
            html.P(
                [t("pub.embed.url", lang), " ", html.Code(url, id="public-embed-url")],
                className="small mt-2 mb-1",
            ),
            html.P(t("pub.embed.allowed", lang), className="small s3p-muted mb-0"),
        ],
        className="s3p-embed-box s3p-details mt-4",
    )
