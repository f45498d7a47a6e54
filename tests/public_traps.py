"""A seeded database with traps for the public app, and reading what the public app renders.

The traps: a draft observation, an unpublished indicator (with a published observation and
a stored forecast), an unpublished call, a synthetic project, and a current forecast for a
published indicator. None of the SECRETS may appear anywhere the public can see.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from data.db import bump_data_version, session_scope
from data.models import Ecosystem, FundingCall, Indicator, Observation, Project
from data.queries import indicators_frame, observations_frame
from tests.dash_client import call_callback
from tests.forecast_runs import stored_run

# The traps: none of these may appear anywhere in the public app.
DRAFT_VALUE = 4242.42  # a draft observation of RI05
SECRET_INDICATOR = "RI99"
SECRET_NAMES = ("Indicatore riservato", "Confidential indicator")
SECRET_INDICATOR_VALUE = 31337.0
SECRET_FORECAST_MEDIAN = 97531.25
SECRET_CALL = "Bando riservato XYZ"
SECRET_CALL_BUDGET = Decimal("8642097")
SYNTHETIC_TITLE = "Progetto sintetico dimostrativo"
SYNTHETIC_FUNDING = Decimal("6180339")
SECRETS = (
    SECRET_INDICATOR,
    *SECRET_NAMES,
    "31337",
    "31.337",
    "31,337",
    "97531",
    "97.531",
    "97,531",
    SECRET_CALL,
    "bando-riservato",
    "8642097",
    "8.642.097",
    "8,642,097",
    "8,6 mln",
    "€8.6m",
    SYNTHETIC_TITLE,
    "SYN-PUB",
    "6180339",
    "6.180.339",
    "6,2 mln",
    "€6.2m",
    "4242.42",
    "4.242",
    "4,242",
)
# A current forecast of RI05 (published): shown.
RI05_P = 0.123
RI05_MEDIAN = 151.5

VIEWS = [
    "/public/",
    "/public/indicators",
    "/public/indicator/RI05",
    "/public/indicator/RI07",
    "/public/trends",
    "/public/funding",
    "/public/clusters",
    "/public/method",
    "/public/accessibility",
]
LANG_QUERIES = {"it": "", "en": "?lang=en"}


def add_traps(url: str) -> None:
    """The draft, unpublished and synthetic rows, and two stored forecasts."""
    with session_scope(url) as s:
        ri05 = s.scalars(select(Indicator).where(Indicator.code == "RI05")).one()
        s.add(
            Observation(
                indicator_id=ri05.id,
                date=dt.date(2025, 6, 30),
                value=DRAFT_VALUE,
                status="draft",
                source="draft import",
            )
        )
        secret = Indicator(
            code=SECRET_INDICATOR,
            name_it=SECRET_NAMES[0],
            name_en=SECRET_NAMES[1],
            unit="n.",
            kind="cumulative",
            baseline_value=0.0,
            baseline_date=dt.date(2022, 12, 31),
            target_value=100.0,
            target_date=dt.date(2027, 12, 31),
            published=False,
            source="riservato",
            sort_order=99,
        )
        secret.observations = [
            Observation(
                date=dt.date(2024, 12, 31),
                value=SECRET_INDICATOR_VALUE,
                status="published",
                source="riservato",
            )
        ]
        s.add(secret)
        eco = s.scalars(select(Ecosystem).where(Ecosystem.code == "salute")).one()
        s.add(
            FundingCall(
                code="bando-riservato",
                name=SECRET_CALL,
                budget_eur=SECRET_CALL_BUDGET,
                granted_eur=SECRET_CALL_BUDGET,
                published=False,
                source="riservato",
                ecosystems=[eco],
            )
        )
        s.add(
            Project(
                code="SYN-PUB-1",
                title=SYNTHETIC_TITLE,
                is_synthetic=True,
                province_code="015",
                province_name="Milano",
                public_funding_eur=SYNTHETIC_FUNDING,
                ecosystem_id=eco.id,
                source="demo",
            )
        )
        s.flush()
        indicators = indicators_frame(s)
        observations = observations_frame(s)
        for code, p, median, outlook in (
            ("RI05", RI05_P, RI05_MEDIAN, "unlikely"),
            (SECRET_INDICATOR, 0.9, SECRET_FORECAST_MEDIAN, "likely"),
        ):
            stored_run(
                s,
                indicators,
                observations,
                code,
                p_target_met=p,
                outlook=outlook,
                realistic_median=median,
                realistic_low=median - 20,
                realistic_high=median + 20,
                projected_pace=20.0,
                required_pace=80.0,
                trend_to_reverse=outlook == "unlikely",
            )
        bump_data_version(s)


def render(client: Any, path: str, search: str = "") -> dict[str, Any]:
    status, body = call_callback(
        client, "/public/", {"public-url.pathname": path, "public-url.search": search}
    )
    assert status == 200, body
    return body["response"]


def text_of(response: dict[str, Any]) -> str:
    return json.dumps(response, ensure_ascii=False)


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, (where, secret)
