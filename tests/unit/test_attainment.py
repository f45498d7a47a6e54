"""The attainment engine on the real seed indicators, with every expectation worked by hand.

t0 = 31/12/2022 (baseline date), T = 31/12/2027 (target date), so T − t0 = 1826 days
(2023, 2025, 2026, 2027: 365 days each; 2024: 366). The latest observation with a value:
- 30/04/2025: t − t0 = 365 + 366 + 31 + 28 + 31 + 30 = 851 days → e = 851 / 1826 = 0.4660
- 31/12/2024: t − t0 = 365 + 366 = 731 days → e = 731 / 1826 = 0.4003
"""

from __future__ import annotations

import datetime as dt
import math
import random

import pandas as pd
import pytest

from data.analysis.attainment import (
    ACCELERATION_NEEDED,
    ACHIEVED,
    DETERIORATION,
    LIMITED_PROGRESS,
    NOT_ASSESSABLE,
    NOTE_ANNUAL_PARTIAL_SKIPPED,
    NOTE_DRAFTS_SKIPPED,
    NOTE_LEVEL_BASELINE_ZERO,
    ON_TRACK,
    REASON_NO_OBSERVATION_AFTER_BASE,
    REASON_NOT_STARTED,
    STATUSES,
    BandsError,
    StatusBands,
    assess,
    assess_all,
    assess_each,
    bands_from_settings,
    count_by_status,
    parse_bands,
)
from data.analysis.records import records
from data.settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "data" / "seed"
T0, T = dt.date(2022, 12, 31), dt.date(2027, 12, 31)
DAYS_TOTAL = 1826
E_APR_2025 = 851 / DAYS_TOTAL  # 0.4660
E_DEC_2024 = 731 / DAYS_TOTAL  # 0.4003


@pytest.fixture(scope="module")
def seed_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The seed CSVs read as the queries return them (dates as dates, "n.d." as NaN)."""
    indicators = pd.read_csv(SEED / "indicators.csv", keep_default_na=False, na_values=[""])
    for column in ("baseline_date", "target_date"):
        indicators[column] = pd.to_datetime(indicators[column]).dt.date
    indicators["measure_started"] = indicators["measure_started"].astype(str).eq("True")
    observations = pd.read_csv(SEED / "observations.csv")
    observations["date"] = pd.to_datetime(observations["date"]).dt.date
    return indicators, observations


@pytest.fixture(scope="module")
def seed(seed_frames) -> dict[str, object]:
    indicators, observations = seed_frames
    return {row["code"]: assess(row, observations) for row in indicators.to_dict("records")}


def test_the_seed_dates_are_the_ones_worked_by_hand():
    assert (T - T0).days == DAYS_TOTAL
    assert (dt.date(2025, 4, 30) - T0).days == 851
    assert (dt.date(2024, 12, 31) - T0).days == 731


def test_ri01_cumulative_prizes_on_track(seed):
    # p = (3.1 − 0) / (5.25 − 0) = 0.5905; e = 0.4660; R = 0.5905 / 0.4660 = 1.267 ≥ 0.95
    a = seed["RI01"]
    assert a.latest_value == 3.1 and a.latest_date == dt.date(2025, 4, 30)
    assert a.p == pytest.approx(3.1 / 5.25) == pytest.approx(0.590, abs=1e-3)
    assert a.e == pytest.approx(E_APR_2025) == pytest.approx(0.466, abs=1e-3)
    assert a.r == pytest.approx(1.27, abs=5e-3)
    assert a.status == ON_TRACK


def test_ri02_annual_uses_the_latest_full_year_and_is_achieved(seed):
    # April 2025 is "n.d."; the latest full year is 2024 with 530 ≥ 450 → achieved.
    # p = (530 − 430) / (450 − 430) = 5; e = 0.4003.
    a = seed["RI02"]
    assert (a.latest_value, a.latest_date) == (530, dt.date(2024, 12, 31))
    assert a.p == pytest.approx(5.0)
    assert a.e == pytest.approx(E_DEC_2024)
    assert a.status == ACHIEVED


def test_ri03_uses_december_2024_because_april_2025_is_nd(seed):
    # p = 30 / 350 = 0.0857; e = 0.4003; R = 0.214 → 0 ≤ R < 0.60 → limited progress
    a = seed["RI03"]
    assert a.latest_date == dt.date(2024, 12, 31)
    assert a.p == pytest.approx(30 / 350)
    assert a.r == pytest.approx(0.21, abs=5e-3)
    assert a.status == LIMITED_PROGRESS


def test_ri04_and_ri05_limited_progress(seed):
    # RI04: p = 7 / 250 = 0.028; R = 0.028 / 0.4660 = 0.060
    assert seed["RI04"].r == pytest.approx(0.06, abs=5e-3)
    assert seed["RI04"].status == LIMITED_PROGRESS
    # RI05: p = 73.6 / 300 = 0.2453; R = 0.2453 / 0.4660 = 0.526
    assert seed["RI05"].p == pytest.approx(73.6 / 300)
    assert seed["RI05"].r == pytest.approx(0.53, abs=5e-3)
    assert seed["RI05"].status == LIMITED_PROGRESS


def test_ri06_level_with_baseline_zero_takes_the_first_observation_and_deteriorates(seed):
    # Baseline 0 = "not available": base = 447 360 at 31/12/2023.
    # p = (407 000 − 447 360) / (450 000 − 447 360) = −40 360 / 2 640 = −15.29 < 0
    # e = (30/04/2025 − 31/12/2023) / (31/12/2027 − 31/12/2023) = 486 / 1461 = 0.3326
    # R = −15.29 / 0.3326 = −45.96 < 0 → deterioration
    a = seed["RI06"]
    assert a.base_is_first_observation
    assert NOTE_LEVEL_BASELINE_ZERO in a.notes
    assert (a.base_value, a.base_date) == (447360, dt.date(2023, 12, 31))
    assert (a.elapsed_days, a.total_days) == (486, 1461)
    assert a.p == pytest.approx(-40360 / 2640)
    assert a.r == pytest.approx(-45.96, abs=0.01)
    assert a.status == DETERIORATION


def test_ri07_ri08_measures_not_started_are_not_assessable(seed):
    # Their observations are 0, which would read as "limited progress": the measure has not
    # started, so no status is given at all.
    for code in ("RI07", "RI08"):
        assert seed[code].status == NOT_ASSESSABLE
        assert seed[code].reason == REASON_NOT_STARTED
        assert seed[code].r is None


def test_assess_all_counts_the_seed(seed_frames):
    frame = assess_all(*seed_frames)
    assert frame["code"].tolist() == [f"RI0{i}" for i in range(1, 9)]
    assert count_by_status(frame) == {
        ACHIEVED: 1,
        ON_TRACK: 1,
        ACCELERATION_NEEDED: 0,
        LIMITED_PROGRESS: 3,
        DETERIORATION: 1,
        NOT_ASSESSABLE: 2,
    }
    assert list(count_by_status(frame)) == list(STATUSES)


@pytest.mark.parametrize("with_status", [True, False])
def test_assess_each_equals_assessing_each_indicator_alone(with_status):
    """assess_each buckets the observations in one pass; each indicator must get exactly
    what filtering the frame for it gives: interleaved rows, drafts, "n.d.", an indicator
    without observations and observations of an indicator not in the list."""
    rng = random.Random(2027)
    kinds = ("cumulative", "annual", "level")
    indicators = pd.DataFrame(
        [
            indicator(
                code=f"X{i}",
                kind=kinds[i % 3],
                direction="lower" if i % 5 else "higher",
                baseline_value=None if i % 7 == 0 else float(i % 4),
            )
            for i in range(40)
        ]
    )
    # Columns assess_each does not read, one of a pandas dtype that records() boxes itself.
    indicators["unit"] = "n."
    indicators["sort_order"] = pd.array([None if i == 3 else i for i in range(40)], "Int64")
    rows = []
    for _ in range(300):
        day = T0 + dt.timedelta(days=rng.randrange(-200, 1500))
        value = None if rng.random() < 0.1 else rng.uniform(-20, 150)
        rows.append((f"X{rng.randrange(45)}", day, value, rng.choice(["published", "draft"])))
    rng.shuffle(rows)
    frame = pd.DataFrame(rows, columns=["indicator_code", "date", "value", "status"])
    frame["value"] = frame["value"].astype(float)
    if not with_status:
        frame = frame.drop(columns="status")
    alone = [assess(row, frame) for row in records(indicators)]
    assert assess_each(indicators, frame) == alone
    assert len({a.status for a in alone}) > 2  # the case exercises several statuses


# --------------------------------------------------------------------------- synthetic cases


def indicator(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "code": "X1",
        "kind": "cumulative",
        "direction": "higher",
        "baseline_value": 0.0,
        "baseline_date": T0,
        "target_value": 100.0,
        "target_date": T,
        "measure_started": True,
    }
    row.update(overrides)
    return row


def observations(*points: tuple[str, float | None], status: str = "published") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_code": ["X1"] * len(points),
            "date": [dt.date.fromisoformat(d) for d, _ in points],
            "value": [math.nan if v is None else v for _, v in points],
            "status": [status] * len(points),
        }
    )


def test_bands_come_from_configuration():
    # p = 40 / 100 = 0.4; e = 0.4660; R = 0.858: acceleration needed with the default
    # bands, on track when the on-track band is lowered to 0.80.
    obs = observations(("2025-04-30", 40))
    assert assess(indicator(), obs).status == ACCELERATION_NEEDED
    bands = bands_from_settings({"S3DASH_STATUS_BANDS": "0.80,0.50"})
    assert bands == StatusBands(on_track=0.80, acceleration=0.50)
    assert assess(indicator(), obs, bands).status == ON_TRACK
    # ... and limited progress when the acceleration band is raised above R.
    assert assess(indicator(), obs, parse_bands("0.95,0.90")).status == LIMITED_PROGRESS


def test_band_edges_are_inclusive():
    # A 4-day target with the value read on day 2: e = 2 / 4 = 0.5 exactly, so R = 2p.
    row = indicator(baseline_date=dt.date(2023, 1, 1), target_date=dt.date(2023, 1, 5))

    def status(value: float) -> str:
        return assess(row, observations(("2023-01-03", value))).status

    assert status(47.5) == ON_TRACK  # R = 0.95
    assert status(47.4) == ACCELERATION_NEEDED  # R = 0.948
    assert status(30.0) == ACCELERATION_NEEDED  # R = 0.60
    assert status(29.9) == LIMITED_PROGRESS  # R = 0.598
    assert status(0.0) == LIMITED_PROGRESS  # R = 0
    assert status(-0.1) == DETERIORATION  # R < 0
    assert status(100.0) == ACHIEVED


def test_direction_lower_is_better():
    # From 100 down to 50: at 80 by April 2025, p = (80 − 100) / (50 − 100) = 0.4 → R = 0.858
    row = indicator(direction="lower", baseline_value=100.0, target_value=50.0)
    assert assess(row, observations(("2025-04-30", 80))).status == ACCELERATION_NEEDED
    # Going up is moving away: p = (110 − 100) / (50 − 100) = −0.2 → deterioration
    assert assess(row, observations(("2025-04-30", 110))).status == DETERIORATION
    # At or below the target: achieved
    assert assess(row, observations(("2025-04-30", 49))).status == ACHIEVED


def test_cumulative_counts_the_running_total_since_the_baseline():
    # Values before the baseline date are not "after the baseline": ignored.
    obs = observations(("2022-06-30", 500), ("2024-12-31", 10))
    a = assess(indicator(), obs)
    assert a.latest_value == 10 and a.p == pytest.approx(0.1)


def test_annual_skips_part_year_values():
    # April 2025 (part year, 200) is not comparable with full years: December 2024 counts.
    row = indicator(kind="annual", baseline_value=40.0, target_value=50.0)
    a = assess(row, observations(("2024-12-31", 45), ("2025-04-30", 200)))
    assert (a.latest_value, a.latest_date) == (45, dt.date(2024, 12, 31))
    assert NOTE_ANNUAL_PARTIAL_SKIPPED in a.notes
    assert a.status != ACHIEVED


def test_level_compares_the_latest_value():
    # A level may fall back: the latest value counts, not the best one.
    row = indicator(kind="level", baseline_value=10.0, target_value=20.0)
    a = assess(row, observations(("2023-12-31", 25), ("2025-04-30", 12)))
    assert a.latest_value == 12 and a.status == LIMITED_PROGRESS  # p = 0.2, R = 0.43


def test_level_baseline_zero_with_one_observation_is_not_assessable():
    row = indicator(kind="level", baseline_value=0.0, target_value=20.0)
    a = assess(row, observations(("2024-12-31", 12)))
    assert a.status == NOT_ASSESSABLE
    assert a.reason == REASON_NO_OBSERVATION_AFTER_BASE
    assert a.base_is_first_observation and a.base_value == 12


def test_no_observation_after_the_baseline_is_not_assessable():
    a = assess(indicator(), observations(("2024-12-31", None)))  # only "n.d."
    assert a.status == NOT_ASSESSABLE
    assert assess(indicator(), observations()).status == NOT_ASSESSABLE


def test_nd_is_missing_never_zero():
    # The "n.d." in April 2025 does not pull the latest value down to 0.
    a = assess(indicator(), observations(("2024-12-31", 60), ("2025-04-30", None)))
    assert a.latest_value == 60 and a.status == ON_TRACK  # p = 0.6, e = 0.4003, R = 1.50


def test_drafts_do_not_count():
    obs = pd.concat(
        [observations(("2024-12-31", 10)), observations(("2025-04-30", 99), status="draft")]
    )
    a = assess(indicator(), obs)
    assert a.latest_value == 10
    assert NOTE_DRAFTS_SKIPPED in a.notes
    # the newer draft is reported (staff see it), never counted
    assert (a.draft_value, a.draft_date) == (99, dt.date(2025, 4, 30))
    older = pd.concat(
        [observations(("2024-12-31", 10)), observations(("2023-12-31", 5), status="draft")]
    )
    assert assess(indicator(), older).draft_value is None


@pytest.mark.parametrize(
    "text",
    ["", "0.95", "0.95,0.60,0.1", "abc,0.6", "0.60,0.95", "0.95,0", "0.95,-0.1", "nan,0.5"],
)
def test_invalid_band_setting_is_a_clear_error(text):
    with pytest.raises(BandsError, match="S3DASH_STATUS_BANDS"):
        parse_bands(text)


def test_invalid_band_setting_stops_the_app(seeded_url):
    from tests.conftest import make_app

    with pytest.raises(BandsError, match="ON_TRACK,ACCELERATION"):
        make_app(seeded_url, S3DASH_STATUS_BANDS="high,low")


def test_assessed_rows_read_back_the_same_assessments():
    """data.analysis.assessed: kept as rows (pickled in the cache), read back equal."""
    import pickle

    from data.analysis.assessed import AssessedRows, as_row

    rng = random.Random(15)
    indicators = pd.DataFrame(
        [indicator(code=f"Y{i}", kind=("cumulative", "annual", "level")[i % 3]) for i in range(30)]
    )
    rows = [
        (
            f"Y{rng.randrange(30)}",
            T0 + dt.timedelta(days=rng.randrange(1, 1500)),
            rng.uniform(-5, 120),
        )
        for _ in range(120)
    ]
    frame = pd.DataFrame(rows, columns=["indicator_code", "date", "value"])
    every = assess_each(indicators, frame)
    kept = pickle.loads(pickle.dumps([as_row(a) for a in every]))
    assessed = AssessedRows(kept)
    assert len(assessed) == len(every) and bool(assessed)
    assert list(assessed) == every
    assert [assessed[i] for i in range(len(every))] == every
    assert assessed[5:17] == every[5:17] and assessed[-1] == every[-1]
    assert assessed.statuses == [a.status for a in every]
    assert count_by_status(assessed) == count_by_status(every)
    assert len({a.status for a in every}) > 2
    assert not AssessedRows([]) and count_by_status(AssessedRows([]))[ACHIEVED] == 0
