"""'How reliable are these forecasts': the quoted backtest figures and the probability text."""

from __future__ import annotations

import pytest

from dashboard import reliability
from dashboard.i18n import format_probability
from data.analysis import calibration
from tests.figures import validated


@pytest.mark.parametrize(
    ("p", "text"),
    [(0.005, "< 5%"), (0.049, "< 5%"), (0.5, "50%"), (0.951, "> 95%"), (0.995, "> 95%")],
)
def test_probabilities_near_the_ends_are_never_0_or_100(p, text):
    assert format_probability(p, "en") == text
    assert format_probability(None, "en") == "n/a"


def test_shipped_figures_meet_the_targets_they_are_quoted_for():
    frame = calibration.shipped_reliability()
    overall = frame[frame["points"] == "all"]
    assert list(overall["horizon"]) == [1, 2, 3]
    assert overall["coverage"].between(0.75, 0.85).all()
    assert overall["p_in_10_90"].between(0.75, 0.85).all()
    assert (overall["mae_rel_drift_median"] <= 1.0).all()
    assert set(frame["points"]) == {"all", "3-4", "5-7", "8-11", "12+"}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_texts_table_and_chart_in_both_languages(lang):
    frame = calibration.shipped_reliability()
    summary = reliability.summary_text(frame, lang)
    assert "80%" in summary and "drift" in summary
    headers, rows = reliability.table_rows(frame, lang)
    assert len(rows) == len(frame) and all(len(r) == len(headers) for r in rows)
    assert any("MASE" in h for h in headers)
    figure = validated(reliability.coverage_figure(frame, lang))
    assert len(figure.data) == 3  # one bar series per horizon


def test_a_short_series_quotes_the_figures_of_its_length():
    frame = calibration.shipped_reliability()
    text = reliability.series_text(4, 3.2, "en", frame)
    assert text is not None
    cover = frame[(frame["points"] == "3-4") & (frame["horizon"] == 3)]["coverage"].iloc[0]
    assert "from 4 values" in text and "3-4 values" in text and "3 years" in text
    assert f"{round(cover * 100)}%" in text
    beyond = reliability.series_text(3, 5, "en", frame)
    assert beyond is not None and "Beyond three years" in beyond
    assert reliability.series_text(2, 3, "en", frame) is None


def test_first_row_reads_what_the_masks_read() -> None:
    frame = calibration.shipped_reliability()
    labels = [*dict.fromkeys(frame["points"].tolist()), "no such length"]
    found = 0
    for label in labels:
        for horizon in [*reliability.HORIZONS, 99]:
            cell = frame[(frame["points"] == label) & (frame["horizon"] == horizon)]
            row = reliability.first_row(frame, label, horizon)
            if cell.empty:
                assert row is None
                continue
            assert row is not None
            expected = cell.iloc[0].to_dict()
            assert list(row) == list(expected)
            assert all(str(row[k]) == str(expected[k]) for k in row), (label, horizon)
            found += 1
    assert found >= 2 * len(reliability.HORIZONS)  # real cells were compared, not just misses
