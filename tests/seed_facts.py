"""Facts of the seed that several tests check, and indicators added to it by hand.

The statuses of the seed are worked out by hand in tests/unit/test_attainment.py.
"""

from __future__ import annotations

import datetime as dt

SEED_STATUSES = {
    "RI01": ("In linea", "On track"),
    "RI02": ("Raggiunto", "Achieved"),
    "RI03": ("Progressi limitati", "Limited progress"),
    "RI04": ("Progressi limitati", "Limited progress"),
    "RI05": ("Progressi limitati", "Limited progress"),
    "RI06": ("In peggioramento", "Deterioration"),
    "RI07": ("Non valutabile", "Not assessable"),
    "RI08": ("Non valutabile", "Not assessable"),
}
OBJECTIVE_RI04_06 = "Rafforzare l'innovazione, lo sviluppo e il trasferimento tecnologico"


def add_ecosystem_indicator(url: str, ecosystem: str = "smart-mobility") -> None:
    """A test-only indicator of one ecosystem, acceleration needed by hand.

    Cumulative 0 → 100 by 31/12/2027; 40 at 30/04/2025: p = 0.40, e = 851 / 1826 = 0.4660,
    R = 0.858, so 0.60 ≤ R < 0.95.
    """
    add_test_indicators(url, ["TX01"], ecosystem)


def add_test_indicators(url: str, codes: list[str], ecosystem: str = "smart-mobility") -> None:
    """Test-only indicators of one ecosystem, after the seed's in display order, each
    defined and observed as `add_ecosystem_indicator`'s (acceleration needed)."""
    from sqlalchemy import select

    from data.db import bump_data_version, session_scope
    from data.models import Ecosystem, Indicator, Observation

    with session_scope(url) as session:
        eco = session.scalars(select(Ecosystem).where(Ecosystem.code == ecosystem)).one()
        for order, code in enumerate(codes, start=99):
            indicator = Indicator(
                code=code,
                name_it=f"Indicatore di prova {code} (solo test)",
                name_en=f"Test indicator {code} (tests only)",
                unit="n.",
                kind="cumulative",
                direction="higher",
                objective="Obiettivo di prova",
                ecosystem_id=eco.id,
                baseline_value=0.0,
                baseline_date=dt.date(2022, 12, 31),
                target_value=100.0,
                target_date=dt.date(2027, 12, 31),
                measure_started=True,
                published=True,
                sort_order=order,
                notes="test only",
                source="tests",
            )
            session.add(indicator)
            session.flush()
            session.add(
                Observation(
                    indicator_id=indicator.id,
                    date=dt.date(2025, 4, 30),
                    value=40.0,
                    status="published",
                    source="tests",
                )
            )
        bump_data_version(session)
