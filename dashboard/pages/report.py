"""Printable executive report (`/report`): one stable URL, A4-friendly (assets/report-print.css).

The same numbers as the overview, arranged for paper: title and date, the status summary,
the gauges, the table of indicators with their status, the trends to reverse (when the
forecasts provide them), the funding headline, the method and the sources. It follows the
URL's filters (`?ecosystem=`, `?objective=`, `?lang=`), so the overview's "Printable report"
button prints what is on screen. Editors and admins also get "Generate and print", which
records the report as issued (callbacks/report.py) so that the next "what changed" starts
there. Layout only: no SQL, no callbacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import href
from dashboard.i18n import format_date, t
from dashboard.pages.overview import (
    AttainmentData,
    gauge_grid,
    headline_cards,
    method_note,
    scope_line,
    status_summary,
    status_table,
    updated_line,
)

PAGE_PATH = "/report"
PRINT_BUTTON_ID = "report-print-button"
PRINT_SINK_ID = "report-print-sink"
GENERATE_BUTTON_ID = "report-generate-button"
GENERATED_ID = "report-recorded"  # the record's line, printed in the header
PRINT_REQUEST_ID = "report-print-request"  # the recorded report's number: prints it
CHANGES_SLOT_ID = "report-changes-slot"
TABLE_ID = "report-indicators-table"


def layout(
    data: AttainmentData,
    lang: str,
    params: Mapping[str, str],
    today: dt.date,
    trends: Component | None = None,
    changes: Component | None = None,
    can_record: bool = False,
) -> html.Div:
    """The report for the indicators in scope, generated on `today`.

    `changes`: the "what changed" section (dashboard/pages/revisions.py), printed too.
    `can_record` (editors, admins): the "Generate and print" button, which records the
    report as issued (data/report_log.py) before printing; anyone may print without it.
    """
    funding = data.headlines[data.headlines["unit"] == "€"]
    generate: list[Component] = []
    if can_record:
        generate = [
            html.Button(
                t("att.report.generate", lang),
                id=GENERATE_BUTTON_ID,
                className="btn btn-primary",
                type="button",
                title=t("att.report.generate.help", lang),
            ),
            dcc.Store(id=PRINT_REQUEST_ID),
        ]
    children: list[Component] = [
        html.Div(
            [
                *generate,
                html.Button(
                    t("att.report.print", lang),
                    id=PRINT_BUTTON_ID,
                    className="btn btn-outline-primary" if can_record else "btn btn-primary",
                    type="button",
                ),
                html.A(
                    t("att.report.back", lang),
                    href=href("/", params),
                    className="btn btn-outline-secondary",
                ),
                html.Span(id=PRINT_SINK_ID, hidden=True),
            ],
            className="d-flex flex-wrap gap-2 mt-3 d-print-none",
        ),
        html.Header(
            [
                html.H1(t("att.report.title", lang), className="h3 mt-3"),
                html.P(t("att.report.subtitle", lang), className="mb-1"),
                html.P(
                    t(
                        "att.report.generated",
                        lang,
                        date=format_date(today, lang),
                        asof=format_date(data.as_of, lang) if data.as_of else t("nd", lang),
                        version=data.data_version,
                    ),
                    id="report-generated",
                    className="mb-1",
                ),
                html.P(scope_line(data, lang), id="report-scope"),
                html.P(id=GENERATED_ID, role="status", className="mb-1"),
            ],
            className="s3-report-header",
        ),
        status_summary(data.assessments, lang, prefix="report"),
        gauge_grid(data, lang, params, prefix="report", printable=True),
    ]
    # Page 1 is the glance (summary and gauges); the details start on a new sheet.
    details: list[Component] = [] if changes is None else [html.Div(changes, id=CHANGES_SLOT_ID)]
    if trends is not None:
        details.append(html.Div(trends, id="report-trends", className="s3-report-trends mb-4"))
    details.append(
        html.Section(
            [
                html.H2(t("att.report.indicators", lang), className="h4"),
                status_table(TABLE_ID, data, lang, params, links=False),
            ],
            id="report-indicators",
            className="mb-4 s3-report-table",
        )
    )
    if len(funding):
        details.append(
            headline_cards(
                funding, lang, section_id="report-funding", title_key="att.report.funding"
            )
        )
    details += [
        method_note(data.bands, lang, section_id="report-method"),
        updated_line(data, lang, line_id="report-sources"),
    ]
    children.append(html.Div(details, className="s3-report-details"))
    return html.Div(children, id="report", className="s3-report")
