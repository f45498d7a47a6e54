"""The real OpenCoesione export of ../shared/data, imported as a new user would (issue 12).

`s3dash import projects` keeps the 12 Lombardy projects, skips and counts the 860 others by
reason, reports the source's 2 inconsistencies as warnings, and the funding page's net and
gross totals equal a pandas sum of the same rows. The same import on PostgreSQL is in
tests/integration/test_opencoesione_postgres.py.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from dashboard.i18n import format_eur
from dashboard.pages import funding as page
from data.db import session_scope
from data.models import Ecosystem, ImportBatch, Project
from data.project_queries import funding_cube
from tests.components import find, text_of
from tests.dash_client import render
from tests.opencoesione_files import (
    REAL_SKIPPED,
    REAL_WARNINGS,
    euro_sum,
    import_real_export,
    real_lombardy_rows,
)

CAMPUS = "D45B22000290003---5894968"  # 61.6 M€ of building works (CUP_COD_NATURA 03)


def test_real_export_keeps_lombardy_and_counts_the_rest(seeded_url: str) -> None:
    import_real_export(seeded_url)
    expected = real_lombardy_rows()
    with session_scope(seeded_url) as session:
        stored = session.execute(
            select(Project.code, Project.localisation, Project.programme_code).order_by(
                Project.code
            )
        ).all()
        batch = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert batch is not None
        report = json.loads(batch.report)
    assert [r.code for r in stored] == sorted(expected["COD_LOCALE_PROGETTO"])
    assert {r.localisation for r in stored} == {"province"}  # none spans two provinces
    assert "2021IT16RFPR010" in {r.programme_code for r in stored}
    assert report["skipped"] == REAL_SKIPPED
    assert report["warnings_total"] == REAL_WARNINGS


def test_real_export_money_equals_a_pandas_sum(seeded_url: str, client) -> None:
    import_real_export(seeded_url)
    rows = real_lombardy_rows()
    net, gross = euro_sum(rows, "OC_FINANZ_TOT_PUB_NETTO"), euro_sum(rows, "FINANZ_TOTALE_PUBBLICO")
    payments = euro_sum(rows, "TOT_PAGAMENTI")
    with session_scope(seeded_url) as session:
        cube = funding_cube(session)
    assert round(cube["funding_eur"].sum(), 2) == net
    assert round(cube["gross_eur"].sum(), 2) == gross
    assert round(cube["payments_eur"].sum(), 2) == payments
    content = render(client, "/funding")
    summary = text_of(find(content, page.PROJECTS_SUMMARY_ID))
    assert f"12 progetti, {format_eur(net, 'it')} di finanziamento pubblico netto" in summary
    assert f"il lordo (FINANZ_TOTALE_PUBBLICO) è {format_eur(gross, 'it')}" in summary
    assert "Pagamenti: " + format_eur(payments, "it") in summary


def test_public_works_are_never_filed_by_theme(seeded_url: str) -> None:
    import_real_export(seeded_url)
    with session_scope(seeded_url) as session:
        campus = session.execute(
            select(Project.ecosystem_id, Project.ecosystem_rule, Project.net_funding_eur).where(
                Project.code == CAMPUS
            )
        ).one()
        themed = session.scalars(
            select(Project.ecosystem_rule)
            .join(Ecosystem, Ecosystem.id == Project.ecosystem_id)
            .where(Ecosystem.code == "cultura")
        ).all()
    assert campus.net_funding_eur == 61_600_000
    assert campus.ecosystem_id is None
    assert "public works (CUP_COD_NATURA 03)" in campus.ecosystem_rule
    # Every assignment records its rule: here the theme rule, for services and incentives.
    assert themed and all(r.startswith("theme Cultura e turismo → cultura") for r in themed)


def test_spending_progress_by_programme_and_ecosystem_is_payments_over_funding(
    seeded_url: str, client
) -> None:
    from dashboard.i18n import format_number
    from dashboard.pages import ecosystems as eco_page

    import_real_export(seeded_url)
    rows = real_lombardy_rows()
    content = render(client, "/funding")
    table = text_of(find(content, f"{page.PROGRAMME_ID}-table"))
    for programme, own in rows.groupby("OC_CODICE_PROGRAMMA"):
        paid = euro_sum(own, "TOT_PAGAMENTI") / euro_sum(own, "OC_FINANZ_TOT_PUB_NETTO")
        assert str(programme) in table
        assert f"{format_number(100 * paid, 'it', 0)}%" in table
    comparison = render(client, "/ecosystems")
    assert "Avanzamento spesa" in text_of(find(comparison, eco_page.COMPARISON_ID))
