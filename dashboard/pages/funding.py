"""Funding page: every call, measure and agreement with the figures the documents give."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.components import data_table, page_header
from dashboard.i18n import format_eur, format_number, t

PAGE_PATH = "/funding"
TABLE_ID = "funding-calls-table"


def layout(calls: pd.DataFrame, ecosystem_names: dict[str, str], lang: str) -> html.Div:
    """The calls table with the sums of the available figures."""
    rows = [
        [
            html.Div([html.Div(c["name"]), html.Small(c["source"], className="text-muted")]),
            c["programme"],
            c["instrument"],
            "" if pd.isna(c["year"]) else str(int(c["year"])),
            format_eur(c["budget_eur"], lang, compact=True),
            format_eur(c["requested_eur"], lang, compact=True),
            format_eur(c["granted_eur"], lang, compact=True),
            format_number(c["applications"], lang),
            format_number(c["beneficiaries"], lang),
            ", ".join(ecosystem_names.get(code, code) for code in c["ecosystems"]),
        ]
        for _, c in calls.iterrows()
    ]
    summary = t(
        "funding.summary",
        lang,
        n=len(calls),
        budget=format_eur(calls["budget_eur"].sum(), lang, compact=True),
        requested=format_eur(calls["requested_eur"].sum(), lang, compact=True),
        granted=format_eur(calls["granted_eur"].sum(), lang, compact=True),
    )
    return html.Div(
        [
            page_header(t("funding.title", lang)),
            html.P(summary, id="funding-summary"),
            data_table(
                TABLE_ID,
                t("funding.table", lang),
                [
                    t("col.call", lang),
                    t("col.programme", lang),
                    t("col.instrument", lang),
                    t("col.year", lang),
                    t("col.budget", lang),
                    t("col.requested", lang),
                    t("col.granted", lang),
                    t("col.applications", lang),
                    t("col.beneficiaries", lang),
                    t("col.ecosystems", lang),
                ],
                rows,
                numeric=(3, 4, 5, 6, 7, 8),
            ),
        ]
    )
