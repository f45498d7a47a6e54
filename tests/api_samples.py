"""A small database of every kind for the API tests, with its traps.

A draft, an n.d., unpublished and synthetic rows, a zero that must stay zero, a negative
number, formula-like text, and real Eurostat rows of Lombardy and one peer.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from data.db import bump_data_version, session_scope
from data.models import (
    Cluster,
    ClusterEcosystem,
    Ecosystem,
    FundingCall,
    Indicator,
    Observation,
    Project,
)
from tests.context_files import load_context

FORMULA_AREAS = '=HYPERLINK("http://example.invalid","click")'
FORMULA_CALL_NAME = "@SUM(A1:A2) bando"
FORMULA_TITLE = "+cmd|' /C calc'!A0"
REAL_PROJECTS = ["P001", "P002", "P003", "P004", "P005"]


def fill_sample_data(url: str) -> None:
    """A few rows of every kind, with the traps: a draft, an n.d., unpublished and synthetic
    rows, a zero that must stay zero, a negative number and formula-like text."""
    with session_scope(url) as s:
        eco = {
            code: Ecosystem(
                code=code,
                name_it=f"{code} (it)",
                name_en=f"{code} (en)",
                cross_cutting=code == "trasversale",
                sort_order=i,
                source="test §1",
            )
            for i, code in enumerate(["sostenibilita", "salute", "trasversale"])
        }
        s.add_all(eco.values())
        s.flush()

        alpha = Cluster(
            code="CL-A",
            name="Cluster Alpha",
            legal_form=None,
            address="Via Roma 1",
            postcode="20100",
            city="Milano",
            province_code="015",
            province_name="Milano",
            lat=45.46,
            lon=9.19,
            coords_approximate=True,
            website="https://alpha.example",
            members_total=100,
            members_firms=80,
            members_research=15,
            members_other=5,
            technology_areas=FORMULA_AREAS,
            source="test §2",
        )
        alpha.ecosystem_links = [
            ClusterEcosystem(ecosystem_id=eco["sostenibilita"].id, is_reference=True),
            ClusterEcosystem(ecosystem_id=eco["salute"].id, is_synergy=True),
        ]
        beta = Cluster(
            code="CL-B",
            name="Cluster Beta",
            legal_form="Associazione",
            address="Via Verdi 2",
            postcode="24100",
            city="Bergamo",
            province_code="016",
            province_name="Bergamo",
            lat=45.69,
            lon=9.67,
            coords_approximate=False,
            website="",
            members_total=50,
            members_firms=40,
            members_research=5,
            members_other=5,
            source="test §2",
        )
        beta.ecosystem_links = [
            ClusterEcosystem(ecosystem_id=eco["salute"].id, is_reference=True),
        ]
        s.add_all([alpha, beta])

        published = Indicator(
            code="IND-PUB",
            name_it="Investimenti",
            name_en="Investments",
            unit="M€",
            kind="cumulative",
            direction="higher",
            objective="Obiettivo 1",
            ecosystem=eco["sostenibilita"],
            baseline_value=None,  # n.d. in the source
            baseline_date=dt.date(2022, 12, 31),
            target_value=100.0,
            target_date=dt.date(2027, 12, 31),
            notes="-2 rispetto al 2023",
            source="test §3",
            sort_order=1,
        )
        published.observations = [
            Observation(date=dt.date(2022, 12, 31), value=-1.5, status="published", source="t"),
            Observation(date=dt.date(2023, 12, 31), value=10.5, status="published", source="t"),
            Observation(date=dt.date(2024, 12, 31), value=None, status="published", source="t"),
            Observation(date=dt.date(2025, 4, 30), value=999.0, status="draft", source="t"),
        ]
        hidden = Indicator(
            code="IND-HIDDEN",
            name_it="Nascosto",
            name_en="Hidden",
            unit="n.",
            kind="annual",
            direction="higher",
            baseline_value=1.0,
            baseline_date=dt.date(2022, 12, 31),
            target_value=2.0,
            target_date=dt.date(2027, 12, 31),
            published=False,
            source="test §3",
            sort_order=2,
        )
        hidden.observations = [
            Observation(date=dt.date(2023, 12, 31), value=42.0, status="published", source="t")
        ]
        empty = Indicator(
            code="IND-EMPTY",
            name_it="Senza dati",
            name_en="No data yet",
            unit="n.",
            kind="level",
            direction="lower",
            baseline_value=0.0,  # a real zero: must stay 0, not become null
            baseline_date=dt.date(2022, 12, 31),
            target_value=5.0,
            target_date=dt.date(2027, 12, 31),
            measure_started=False,
            source="test §3",
            sort_order=3,
        )
        s.add_all([published, hidden, empty])

        call = FundingCall(
            code="CALL-PUB",
            name=FORMULA_CALL_NAME,
            programme="PR FESR 2021-27",
            instrument="bando",
            year=2024,
            budget_eur=Decimal("1000000.00"),
            requested_eur=None,  # n.d.
            granted_eur=Decimal("583400.50"),
            applications=12,
            admitted=None,
            beneficiaries=7,
            status="chiuso",
            source="test §4",
            ecosystems=[eco["sostenibilita"], eco["salute"]],
        )
        secret_call = FundingCall(
            code="CALL-HIDDEN", name="Bando riservato", published=False, source="test §4"
        )
        s.add_all([call, secret_call])
        s.flush()

        for i, code in enumerate(REAL_PROJECTS):
            s.add(
                Project(
                    code=code,
                    cup=f"E1{i}",
                    title=FORMULA_TITLE if code == "P001" else f"Progetto {code}",
                    call_id=call.id,
                    ecosystem_id=eco["sostenibilita"].id,
                    province_code="015",
                    province_name="Milano",
                    theme="Ricerca e innovazione",
                    public_funding_eur=None if code == "P003" else Decimal("1000.00") * (i + 1),
                    start_date=dt.date(2024, 1, 1),
                    end_date=None,
                    source="test §5",
                )
            )
        s.add(
            Project(
                code="SYN-001",
                title="Synthetic demo project",
                is_synthetic=True,
                public_funding_eur=Decimal("5"),
                source="demo",
            )
        )
        bump_data_version(s)
    # Real shipped Eurostat rows of Lombardy and one peer (under one page): /context
    load_context(url, regions=("ITC4", "DE1"))
