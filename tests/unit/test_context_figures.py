"""The context page's comparison chart: the lead region marked, the others plain lines."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.context import MARKER_SIZE, comparison_figure, isolated


def test_isolated_values_are_those_with_no_neighbour_year() -> None:
    values = [1.0, None, 2.0, 3.0, None, None, 4.0]
    assert isolated(values) == [True, False, False, False, False, False, True]
    assert isolated([]) == []
    assert isolated([None, 5.0, None]) == [False, True, False]


def test_only_the_lead_and_values_standing_alone_carry_markers() -> None:
    table = pd.DataFrame(
        {
            "ITC4": [1.1, 1.2, 1.3, 1.4],
            "DE1": [3.0, 3.1, 3.2, 3.3],
            "ES51": [1.5, None, 1.6, None],
        },
        index=[2018, 2019, 2020, 2021],
    )
    labels = {"ITC4": "Lombardia", "DE1": "Baden-Württemberg", "ES51": "Cataluña"}
    figure = comparison_figure(table, labels, "% GDP", "it", "ITC4", goal=3.0)
    lead, full, gappy, goal = figure["data"]
    assert lead["mode"] == "lines+markers" and lead["marker"] == {"size": MARKER_SIZE}
    assert full["mode"] == "lines" and "marker" not in full
    # A value between two gaps would be invisible as a line alone: it keeps its marker.
    assert gappy["mode"] == "lines+markers"
    assert gappy["marker"]["size"] == [MARKER_SIZE, 0, MARKER_SIZE, 0]
    assert gappy["y"] == [1.5, None, 1.6, None] and gappy["connectgaps"] is False
    assert [t["name"] for t in figure["data"][:3]] == list(labels.values())
    assert goal["y"] == [3.0, 3.0]
