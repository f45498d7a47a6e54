"""A failed forecast stays useful: the last good one is shown, marked stale, with its date.

Never "ok" for a forecast that is not finite; never the exception text (it may name server
paths) on a page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import pandas as pd

from data.analysis.forecast import STATUS_FAILED, STATUS_OK, ForecastResult, Series, fit_series
from data.forecasting import finite_or_failed, refresh
from tests.conftest import make_app
from tests.dash_client import call_callback
from tests.forecast_runs import add_observation, runs

SECRET_PATH = "/srv/s3monitor/.venv/lib/python3.11/site-packages/prophet/forecaster.py"


def fail_with_a_path(series: Series, settings: Any) -> ForecastResult:
    if series.indicator_code == "RI05":
        raise RuntimeError(f"optimisation failed in {SECRET_PATH}")
    return fit_series(series, settings)


def infinite_median(series: Series, settings: Any) -> ForecastResult:
    result = fit_series(series, settings)
    if series.indicator_code == "RI05" and result.status == STATUS_OK:
        return dataclasses.replace(result, realistic_median=math.inf)
    return result


def test_a_forecast_that_is_not_finite_is_a_failure() -> None:
    points = pd.DataFrame(
        {"date": [dt.date(2026, 1, 31)], "yhat": [1.0], "yhat_lower": [0.0], "yhat_upper": [2.0]}
    )
    good = ForecastResult("k", STATUS_OK, 5, points=points, realistic_median=3.0)
    assert finite_or_failed(good) is good
    for bad in (
        dataclasses.replace(good, realistic_median=math.inf),
        dataclasses.replace(good, p_target_met=math.nan),
        dataclasses.replace(good, points=points.assign(yhat_upper=[math.inf])),
    ):
        failed = finite_or_failed(bad)
        assert failed.status == STATUS_FAILED and "not finite" in failed.message
    insufficient = ForecastResult("k", "insufficient", 2)
    assert finite_or_failed(insufficient) is insufficient


def test_an_infinite_fit_keeps_the_previous_forecast(seeded_url: str) -> None:
    refresh(seeded_url)
    before = runs(seeded_url).loc["indicator:RI05", "realistic_median"]
    add_observation(seeded_url, "RI05", dt.date(2025, 12, 31), 90.0)
    summary = refresh(seeded_url, fit=infinite_median)
    assert summary.failed == 1
    frame = runs(seeded_url)
    after = frame.loc["indicator:RI05"]
    assert after["status"] == STATUS_OK and after["stale"]
    median = frame["realistic_median"].loc["indicator:RI05"]
    assert median == before and math.isfinite(median)


def _ri05(body: dict[str, Any]) -> dict[str, Any]:
    return next(row for row in body["data"] if row["code"] == "RI05")


def test_after_a_failed_refresh_pages_and_api_keep_the_last_good_forecast(
    seeded_url: str,
) -> None:
    refresh(seeded_url)
    client = make_app(seeded_url).test_client()
    good = _ri05(client.get("/api/v1/indicators?limit=100").get_json())
    assert good["forecast_status"] == "ok"
    add_observation(seeded_url, "RI05", dt.date(2025, 12, 31), 90.0)
    assert refresh(seeded_url, fit=fail_with_a_path).failed == 1

    # API: the same numbers, marked stale, with the date they were computed.
    stale = _ri05(client.get("/api/v1/indicators?limit=100").get_json())
    assert stale["forecast_status"] == "stale"
    assert stale["forecast_realistic_median"] == good["forecast_realistic_median"]
    assert stale["forecast_date"] == good["forecast_date"] is not None
    # Public page: the forecast is there, and says it was not updated.
    for lang, words in (("it", "l'ultimo aggiornamento non è riuscito"), ("en", "did not")):
        status, body = call_callback(
            client,
            "/public/",
            {"public-url.pathname": "/public/", "public-url.search": f"?lang={lang}"},
        )
        assert status == 200
        assert words in str(body), lang
    # Internal page: a translated note, never the exception or a path.
    status, body = call_callback(
        client,
        "/",
        {"shell-url.pathname": "/forecasts", "shell-url.search": ""},
        output_startswith="shell-header",
    )
    text = str(body)
    assert status == 200
    assert "ultimo ricalcolo è fallito" in text
    assert SECRET_PATH not in text and "optimisation failed" not in text
