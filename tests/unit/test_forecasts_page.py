"""The forecasts page over HTTP (no browser), its figure builders and the reverse panel."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

import pandas as pd
import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.figures.forecast import forecast_figure, forecast_rows
from dashboard.pages import forecasts
from dashboard.pages.forecasts import SUMMARY_TABLE_ID, trends_to_reverse_panel
from data.forecasting import refresh
from tests import dash_client
from tests.components import find, texts
from tests.figures import validated

SEED_CODES = [f"RI0{i}" for i in range(1, 9)]
OUTLOOKS = {
    "it": ("probabile", "incerta", "improbabile"),
    "en": ("likely", "uncertain", "unlikely"),
}
NO_FORECAST = {"it": "Nessuna previsione", "en": "No forecast"}


def summary_rows(content) -> dict[str, str]:
    table = find(content, SUMMARY_TABLE_ID)
    assert table is not None
    body = table["props"]["children"][2]  # caption, thead, tbody
    return {texts(row)[0]: " | ".join(texts(row)) for row in body["props"]["children"]}


def page(client, search=""):
    return dash_client.render(client, "/forecasts", search)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_page_states_outlook_p_and_realistic_target_for_every_seed_indicator(
    seeded_url, client, lang
):
    refresh(seeded_url)
    rows = summary_rows(page(client, f"?lang={lang}"))
    assert sorted(rows) == SEED_CODES
    for code, row in rows.items():
        if code in ("RI07", "RI08"):  # the source says the measure has not started
            assert NO_FORECAST[lang] in row, row
            continue
        assert any(f"| {word} |" in row for word in OUTLOOKS[lang]), row
        assert "%" in row, row  # P(target met)
        assert " – " in row, row  # realistic target: median (low – high)
    decimal = {"it": ",", "en": "."}[lang]
    # the realistic median is not the last value (the cumulative floor may be its low end)
    assert f"| 73{decimal}6 M€ (" not in rows["RI05"]
    assert "2" + decimal + "7×" in rows["RI05"]  # "needs 2.7× the current pace"


def test_page_without_forecasts_says_why_and_never_fits(seeded_url, client, monkeypatch):
    import data.analysis.forecast as fc

    def no_fitting(*args, **kwargs):
        raise AssertionError("a web request tried to fit a model")

    monkeypatch.setattr(fc, "prophet_increments", no_fitting)
    monkeypatch.setattr(fc, "fit_series", no_fitting)
    monkeypatch.setitem(sys.modules, "prophet", None)  # any `import prophet` now fails
    content = page(client)
    assert "s3dash forecast" in " ".join(texts(content))
    rows = summary_rows(content)
    assert all("Non ancora calcolata" in rows[code] for code in SEED_CODES[:6])


def test_page_follows_the_ecosystem_filter(seeded_url, client):
    refresh(seeded_url)
    from data.db import session_scope
    from data.queries import ecosystems_frame

    with session_scope(seeded_url) as session:
        code = ecosystems_frame(session)["code"].iloc[0]
    rows = summary_rows(page(client, f"?ecosystem={code}"))
    # The seed indicators serve every ecosystem (none is given): they stay in a filtered view.
    assert sorted(rows) == SEED_CODES


def test_trends_to_reverse_are_ranked_by_pace_gap(seeded_url, client):
    refresh(seeded_url)
    panel = find(page(client), "forecasts-reverse")
    items = [t for t in texts(panel) if t[:2] == "RI"]
    assert [item[:4] for item in items] == ["RI04", "RI03", "RI05", "RI06"]
    assert re.search(r"serve \d+,\d× il ritmo attuale \(", items[0]), items[0]


def test_panel_without_flags_says_so():
    frame = pd.DataFrame({"code": ["X"], "trend_to_reverse": [False]})
    assert "Nessun andamento" in " ".join(
        texts(trends_to_reverse_panel(frame, "it").to_plotly_json())
    )


def test_figure_has_history_band_forecast_target_and_required_path():
    history = pd.DataFrame(
        {"date": [dt.date(2023, 12, 31), dt.date(2024, 12, 31)], "value": [1.0, 2.0]}
    )
    points = pd.DataFrame(
        {
            "date": [dt.date(2025, 1, 31), dt.date(2027, 12, 31)],
            "yhat": [2.1, 5.0],
            "yhat_lower": [2.0, 4.0],
            "yhat_upper": [2.2, 6.0],
        }
    )
    figure = validated(forecast_figure(history, points, "M€", "en", 10.0, dt.date(2027, 12, 31)))
    names = [trace.name for trace in figure.data]
    assert names == [
        "80% interval",
        "Forecast (median)",
        "Required trajectory",
        "Target",
        "Observed values",
    ]
    assert figure.data[1].y[0] == 2.0  # the forecast starts at the last observed value
    assert figure.layout.separators == ".,"
    assert figure.layout.template.layout.plot_bgcolor == "white"  # plotly_white
    rows = forecast_rows(history, points, "M€", "it")
    assert len(rows) == 4
    assert rows[-1] == ["31/12/2027", "previsto", "5 M€", "4 M€", "6 M€"]


def test_page_says_how_reliable_the_forecasts_are(seeded_url, client):
    refresh(seeded_url)
    content = page(client, "?lang=en")
    section = " ".join(texts(find(content, "forecasts-reliability")))
    assert "How reliable are these forecasts" in section and "80% band held" in section
    assert "forecasts-reliability-table" in str(find(content, "forecasts-reliability"))
    # every fitted seed indicator says how reliable a forecast of its length is
    words = " ".join(texts(content))
    assert words.count("Reliability: forecast from") == 6


def _funding_series(code: str, by: str = "ecosystem"):
    """A SYNTHETIC monthly funding series of three months (not real data)."""
    from data.analysis.forecast import Series

    dates = (dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1))
    return Series(
        key=f"funding:{by}:{code}",
        kind="flow",
        direction="higher",
        dates=dates,
        values=(100.0, 200.0, 300.0),
        horizon=dt.date(2024, 6, 1),
    )


def test_funding_series_are_one_table_and_the_chosen_series_in_full():
    from callbacks.params import SERIES
    from callbacks.url_picker import picked_search
    from dashboard.pages import forecasts as fc_page
    from tests.components import graphs, has, table_rows

    series = [_funding_series("a"), _funding_series("b"), _funding_series("015", "province")]
    labels = {s.key: f"Serie {s.key[-1]}" for s in series}
    fitted = [s.key for s in series[:2]]  # the province series has no stored run
    runs = pd.DataFrame({"series_key": fitted, "status": ["ok", "ok"]})
    points = pd.DataFrame(
        {
            "series_key": fitted,
            "date": [dt.date(2024, 6, 1)] * 2,
            "yhat": [400.0, 500.0],
            "yhat_lower": [350.0, 450.0],
            "yhat_upper": [450.0, 550.0],
        }
    )

    def section(chosen=None, lang="it"):
        built = fc_page.funding_section(series, labels, runs, points, lang, False, chosen)
        return json.loads(json.dumps(built, cls=PlotlyJSONEncoder))

    first = section()
    rows = table_rows(first, fc_page.FUNDING_TABLE_ID)
    assert [row[0] for row in rows] == ["Serie a", "Serie b", "Serie 5"]  # every series
    assert "400 €" in rows[0][2] and "350 €" in rows[0][3]
    assert "Non ancora calcolata" in rows[2][2]  # no run: says why
    assert [g["id"] for g in graphs(first)] == ["forecasts-funding-ecosystem-a"]  # the first
    picker = find(first, fc_page.FUNDING_PICKER_ID)["props"]
    assert picker["value"] == "ecosystem:a" and len(picker["options"]) == 3
    second = section("ecosystem:b")
    assert [g["id"] for g in graphs(second)] == ["forecasts-funding-ecosystem-b"]
    assert not has(second, fc_page.FUNDING_PROBLEM_ID)
    unknown = section("ecosystem:zz", "en")
    assert "“ecosystem:zz” not found" in " ".join(texts(find(unknown, "forecasts-series-problem")))
    assert [g["id"] for g in graphs(unknown)] == ["forecasts-funding-ecosystem-a"]
    province = section("province:015")
    assert "Non ancora calcolata" in " ".join(texts(find(province, fc_page.FUNDING_CHOSEN_ID)))
    assert picked_search("province:015", "?lang=en", SERIES, "") == "?lang=en&series=province%3A015"


def test_the_panel_reads_again_only_the_series_their_runs_flag(seeded_url, app):
    """callbacks.forecasts.outlooks gives the flagged rows of every indicator's outlooks."""
    from callbacks import loaders
    from callbacks.forecasts import outlooks
    from data.analysis.forecast import indicator_outlooks

    refresh(seeded_url)
    with app.test_request_context("/"):
        every = indicator_outlooks(
            loaders.indicators(public=False),
            loaders.observations(public=False),
            loaders.forecast_runs(),
        )
        flagged = every[every["trend_to_reverse"]].reset_index(drop=True)
        kept = outlooks(SEED_CODES).reset_index(drop=True)
    assert sorted(flagged["code"]) == ["RI03", "RI04", "RI05", "RI06"]
    pd.testing.assert_frame_equal(kept, flagged)


def test_series_points_are_the_masks_rows() -> None:
    # One pass over the keys instead of a mask per series: the same frame for every key,
    # a key with no points, and every row under one key (where the mask copies instead).
    points = pd.DataFrame(
        {
            "series_key": ["a", "b", "a", "c", "a"],
            "date": pd.to_datetime(["2024-01-31"] * 5),
            "value": [1.0, 2.0, None, 4.0, 5.0],
        },
        index=[10, 11, 12, 13, 14],
    )
    for frame in (points, points[points["series_key"] == "a"], points.iloc[:0]):
        points_of = forecasts.series_points(frame)
        for key in ("a", "b", "c", "none"):
            expected = frame[frame["series_key"] == key]
            pd.testing.assert_frame_equal(points_of(key), expected)
            assert points_of(key).index.equals(expected.index)
