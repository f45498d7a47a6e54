"""Forecasts on the database (SQLite): refresh, skip by hash, failures, CLI, background."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from decimal import Decimal

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select

from data.analysis.forecast import DEFAULT_SETTINGS, Series, fit_series
from data.analysis.missing import is_missing
from data.db import current_data_version, session_scope
from data.forecast_cli import forecast
from data.forecast_launch import refresh_in_background
from data.forecast_worker import fit_batch
from data.forecasting import (
    UnknownSeriesError,
    batch_size,
    has_forecasts,
    latest_forecast_points,
    load_series,
    refresh,
)
from data.models import Ecosystem, ForecastRun, Project
from data.settings import PROJECT_ROOT, state_dir
from tests.forecast_runs import NUMBERS, add_observation, fail_ri05, runs

SEED_CODES = [f"RI0{i}" for i in range(1, 9)]


def die_on_ri05(series: Series, settings):  # kills its worker process, as an OOM kill would
    if series.indicator_code == "RI05":
        os._exit(1)
    return fit_series(series, settings)


def points(url: str) -> pd.DataFrame:
    with session_scope(url) as session:
        return latest_forecast_points(session)


def test_refresh_fits_the_seed_then_fits_nothing(seeded_url):
    first = refresh(seeded_url)
    assert (first.fitted, first.skipped, first.failed, first.insufficient) == (6, 0, 0, 2)
    assert first.line().startswith("fitted 6, skipped 0, failed 0, insufficient 2 in ")
    before, before_points = runs(seeded_url), points(seeded_url)

    second = refresh(seeded_url)
    assert (second.fitted, second.skipped, second.failed, second.insufficient) == (0, 8, 0, 0)
    pd.testing.assert_frame_equal(runs(seeded_url), before)

    # Refitting from scratch gives the very same numbers: same data, same seed.
    with session_scope(seeded_url) as session:
        session.execute(delete(ForecastRun))
    third = refresh(seeded_url)
    assert third.fitted == 6
    pd.testing.assert_frame_equal(runs(seeded_url)[NUMBERS], before[NUMBERS])
    pd.testing.assert_frame_equal(points(seeded_url), before_points)


def test_every_seed_indicator_gets_a_verdict_or_a_reason(seeded_url):
    refresh(seeded_url)
    frame = runs(seeded_url)
    assert sorted(frame["indicator_code"]) == SEED_CODES
    for key, row in frame.iterrows():
        if row["status"] == "ok":
            assert row["outlook"] in ("likely", "uncertain", "unlikely"), key
            assert 0.0 <= row["p_target_met"] <= 1.0, key
            assert row["realistic_low"] <= row["realistic_median"] <= row["realistic_high"], key
        else:
            assert row["status"] == "not_started", key
            assert row["message"], key
    assert set(frame.index[frame["status"] == "not_started"]) == {
        "indicator:RI07",
        "indicator:RI08",
    }
    # The level indicator with the printed 0 baseline starts at its first observation.
    assert frame.loc["indicator:RI06", "n_points"] == 3
    # RI06 fell from 583.400 € to 407.000 €: a trend to reverse whatever its outlook.
    assert frame.loc["indicator:RI06", "trend_to_reverse"]
    assert frame.loc["indicator:RI02", "outlook"] == "likely"  # 530 against a target of 450
    cumulative = points(seeded_url).query("series_key == 'indicator:RI05'")
    assert (cumulative["yhat_lower"] >= 73.6).all()
    assert cumulative["date"].iloc[-1] == dt.date(2027, 12, 31)


def test_a_failing_series_keeps_its_previous_forecast_marked_stale(seeded_url):
    refresh(seeded_url)
    before = runs(seeded_url)
    add_observation(seeded_url, "RI01", dt.date(2025, 12, 31), 4.2)
    add_observation(seeded_url, "RI05", dt.date(2025, 12, 31), 90.0)

    summary = refresh(seeded_url, fit=fail_ri05)
    assert (summary.fitted, summary.failed, summary.skipped) == (1, 1, 6)
    assert summary.errors == [("indicator:RI05", "RuntimeError: boom on RI05")]
    after = runs(seeded_url)
    ri05 = after.loc["indicator:RI05"]
    assert ri05["stale"] and "boom" in ri05["error"]
    assert ri05["realistic_median"] == before.loc["indicator:RI05", "realistic_median"]
    assert after.loc["indicator:RI01", "n_points"] == 5  # the others went on

    healed = refresh(seeded_url)
    assert (healed.fitted, healed.skipped) == (1, 7)
    assert not runs(seeded_url).loc["indicator:RI05", "stale"]


def test_workers_give_the_same_numbers_and_survive_a_failure(seeded_url, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(seeded_url.removeprefix("sqlite:///"), copy)
    copy_url = f"sqlite:///{copy}"
    refresh(seeded_url, jobs=1)
    summary = refresh(copy_url, jobs=2, fit=fail_ri05)
    assert (summary.fitted, summary.failed, summary.insufficient) == (5, 1, 2)
    serial, parallel = runs(seeded_url), runs(copy_url)
    others = [k for k in serial.index if k != "indicator:RI05"]
    pd.testing.assert_frame_equal(parallel.loc[others, NUMBERS], serial.loc[others, NUMBERS])
    # No previous run to keep: a failed run is stored, and retried by the next refresh.
    assert parallel.loc["indicator:RI05", "status"] == "failed"
    retry = refresh(copy_url, jobs=2)
    assert (retry.fitted, retry.skipped) == (1, 7)


def copy_of(url: str, folder, name: str) -> str:
    copy = folder / name
    shutil.copy(url.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


def test_batches_give_the_numbers_of_single_fits_and_a_failure_stays_in_its_series(
    seeded_url, tmp_path
):
    one_by_one = copy_of(seeded_url, tmp_path, "one.db")
    refresh(one_by_one, jobs=1, batch=1)
    calls = []
    for jobs in (1, 2):
        batched = copy_of(seeded_url, tmp_path, f"batched{jobs}.db")
        # Batches of 3: RI05 fails between RI04 and RI06, which are stored all the same.
        summary = refresh(
            batched, jobs=jobs, fit=fail_ri05, batch=3, progress=lambda *a: calls.append(a)
        )
        assert (summary.fitted, summary.failed, summary.insufficient) == (5, 1, 2), jobs
        serial, parallel = runs(one_by_one), runs(batched)
        assert parallel.loc["indicator:RI05", "status"] == "failed"
        for key in ("indicator:RI04", "indicator:RI06"):
            assert parallel.loc[key, "status"] == "ok", (jobs, key)
        others = [k for k in serial.index if k != "indicator:RI05"]
        pd.testing.assert_frame_equal(parallel.loc[others, NUMBERS], serial.loc[others, NUMBERS])
        one_points, batch_points = points(one_by_one), points(batched)
        keep = one_points["series_key"] != "indicator:RI05"
        pd.testing.assert_frame_equal(batch_points, one_points[keep].reset_index(drop=True))
        # Progress still counts series, one call each, up to the total.
        assert [c[:2] for c in calls] == [(i, 8) for i in range(1, 9)], jobs
        calls.clear()


def test_a_worker_that_dies_fails_its_batch_and_loses_no_forecast(seeded_url):
    refresh(seeded_url)
    before = runs(seeded_url)
    for code, value in (("RI01", 4.2), ("RI04", 3.0), ("RI05", 90.0), ("RI06", 500.0)):
        add_observation(seeded_url, code, dt.date(2025, 12, 31), value)
    summary = refresh(seeded_url, jobs=2, fit=die_on_ri05, batch=1)
    assert summary.failed >= 1 and summary.fitted + summary.failed == 4
    errors = dict(summary.errors)
    assert errors["indicator:RI05"].startswith("worker failed: BrokenProcessPool")
    after = runs(seeded_url)
    for key in errors:  # every series the dead pool took down keeps its previous forecast
        assert after.loc[key, "stale"] and after.loc[key, "status"] == "ok", key
        assert after["realistic_median"].loc[key] == before["realistic_median"].loc[key], key
    healed = refresh(seeded_url, jobs=2)
    assert (healed.fitted, healed.failed) == (len(errors), 0)


def test_batch_size_spreads_the_work_over_the_workers():
    assert batch_size(300, 2) == 8  # capped: short batches keep both workers busy to the end
    assert batch_size(20, 2) == 3  # at least four batches per worker
    assert batch_size(6, 2) == 1
    assert batch_size(0, 2) == 1
    assert batch_size(20, 1) == 5


def test_a_failing_series_fails_alone_in_its_batch(seeded_url):
    with session_scope(seeded_url) as session:
        series = [s for s in load_series(session) if s.indicator_code in ("RI04", "RI05", "RI06")]
    results = fit_batch(fail_ri05, series, DEFAULT_SETTINGS)
    assert [r.key for r in results] == [s.key for s in series]
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert results[1].message == "RuntimeError: boom on RI05"


def test_progress_only_and_unknown_series(seeded_url):
    calls = []
    summary = refresh(
        seeded_url, only=["RI01", "indicator:RI03"], progress=lambda *a: calls.append(a)
    )
    assert summary.fitted == 2
    assert [c[:2] for c in calls] == [(1, 2), (2, 2)]
    assert set(runs(seeded_url).index) == {"indicator:RI01", "indicator:RI03"}
    with pytest.raises(UnknownSeriesError, match="RI99"):
        refresh(seeded_url, only=["RI99"])


def test_refresh_bumps_the_data_version_so_cached_pages_renew(seeded_url):
    with session_scope(seeded_url) as session:
        version = current_data_version(session)
    refresh(seeded_url, only=["RI01"])
    with session_scope(seeded_url) as session:
        assert current_data_version(session) > version


def test_funding_series_are_forecast_and_pruned_when_gone(seeded_url):
    with session_scope(seeded_url) as session:
        ecosystem = session.scalars(select(Ecosystem).order_by(Ecosystem.id)).first()
        assert ecosystem is not None
        for i, month in enumerate([1, 2, 3, 4, 5, 6]):
            session.add(
                Project(
                    code=f"SYN-{i}",
                    title=f"synthetic project {i}",
                    ecosystem_id=ecosystem.id,
                    province_code="015",
                    province_name="Milano",
                    public_funding_eur=Decimal(100000 + 10000 * i),
                    start_date=dt.date(2024, month, 10),
                    is_synthetic=True,
                )
            )
        code = ecosystem.code
    summary = refresh(seeded_url)
    frame = runs(seeded_url)
    for key in (f"funding:ecosystem:{code}", "funding:province:015"):
        assert frame.loc[key, "status"] == "ok", key
        assert is_missing(frame.loc[key, "p_target_met"])  # no target for funding
    assert summary.fitted == 8
    with session_scope(seeded_url) as session:
        session.execute(delete(Project))
    pruned = refresh(seeded_url)
    assert pruned.pruned == 2
    assert not any(k.startswith("funding:") for k in runs(seeded_url).index)


def test_refresh_in_background_runs_off_the_calling_process(seeded_url, tmp_path):
    log = tmp_path / "background.log"
    process = refresh_in_background(seeded_url, ["RI01"], log_path=log)
    assert process.wait(timeout=180) == 0, log.read_text()
    assert set(runs(seeded_url).index) == {"indicator:RI01"}
    assert "fitted 1, skipped 0, failed 0, insufficient 0" in log.read_text()


def test_cli_refresh_if_missing_and_validation(seeded_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    runner = CliRunner()
    assert not has_forecasts(seeded_url)
    result = runner.invoke(forecast, ["--if-missing"])
    assert result.exit_code == 0, result.output
    assert "fitted 6, skipped 0, failed 0, insufficient 2 in" in result.output
    assert has_forecasts(seeded_url)
    again = runner.invoke(forecast, ["--if-missing"])
    assert "nothing to do" in again.output
    second = runner.invoke(forecast, [])
    assert "fitted 0, skipped 8, failed 0, insufficient 0 in" in second.output
    assert runner.invoke(forecast, ["--jobs", "0"]).exit_code == 2
    unknown = runner.invoke(forecast, ["--only", "RI99"])
    assert unknown.exit_code == 2 and "unknown series: RI99" in unknown.output


def test_cli_backtest_prints_and_saves_the_table_beside_the_database(seeded_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    result = CliRunner().invoke(forecast, ["--backtest"])
    assert result.exit_code == 0, result.output
    assert "not_enough_points" in result.output and "indicator:RI05" in result.output
    assert "mae_rel_drift" in result.output and "mase" in result.output
    folder = state_dir(seeded_url)
    assert folder != PROJECT_ROOT and PROJECT_ROOT not in folder.parents
    saved = list(folder.glob("backtest-*.csv"))
    assert len(saved) == 1 and str(saved[0]) in result.output
    table = pd.read_csv(saved[0])
    assert len(table) == 8
    assert set(table.loc[table["status"] == "ok", "series"]) == {
        "indicator:RI01",
        "indicator:RI04",
        "indicator:RI05",
    }


def test_files_of_a_database_live_beside_it_never_in_the_source_tree(tmp_path):
    assert state_dir(f"sqlite:///{tmp_path / 'x.db'}") == tmp_path.resolve()
    server = state_dir("postgresql+psycopg://u:secret@db.example:5432/s3m")
    assert PROJECT_ROOT not in server.parents and "secret" not in str(server)
    assert server.name == "s3monitor-db-example-s3m"
