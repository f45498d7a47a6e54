"""Funding and ecosystem figure builders: pure frames in, plotly figures out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.figures import funding as figures
from tests.figures import validated

LINKS = pd.DataFrame(
    [
        ("programme", "PR FESR", "ecosystem", "salute", 60.0),
        ("programme", None, "ecosystem", "salute", 40.0),
        ("ecosystem", "salute", "call", "a-call-with-a-very-long-name-" + "x" * 40, 60.0),
        ("ecosystem", "salute", "call", "b", 40.0),
    ],
    columns=["source_kind", "source", "target_kind", "target", "value"],
)


def test_flow_figure_has_one_node_per_key_and_euro_links():
    labels = {("ecosystem", "salute"): "Salute", ("programme", None): "Programma non indicato"}
    figure = validated(figures.flow_figure(LINKS, labels, "it"))
    sankey = figure.data[0]
    assert sankey.type == "sankey"
    assert len(sankey.node.label) == 5  # 2 programmes, 1 ecosystem, 2 calls
    assert "Salute" in sankey.node.label and "Programma non indicato" in sankey.node.label
    assert max(len(label) for label in sankey.node.label) <= figures.MAX_LABEL
    assert list(sankey.link.value) == [60.0, 40.0, 60.0, 40.0]
    assert sankey.link.customdata[0] == "60 €"
    assert figure.layout.height >= 420


def test_empty_inputs_give_a_blank_chart_that_says_why():
    figure = validated(figures.flow_figure(LINKS.iloc[:0], {}, "en"))
    assert figure.layout.annotations[0].text == "No call with a budget to show."
    assert figure.layout.height


def test_ranked_bars_put_the_largest_on_top_with_full_names_in_the_hover():
    frame = pd.DataFrame({"name": ["Big " + "y" * 60, "Small"], "budget_eur": [2e6, 1e6]})
    figure = validated(figures.ranked_bars(frame, "name", "budget_eur", "it", "Dotazione"))
    bar = figure.data[0]
    assert list(bar.x) == [1e6, 2e6]  # plotly draws the first category at the bottom
    assert bar.y[-1].endswith("…") and bar.customdata[-1] == frame["name"][0]
    assert list(bar.text) == ["1 mln €", "2 mln €"]
    ratio = validated(
        figures.ranked_bars(
            pd.DataFrame({"name": ["A"], "r": [3.26]}), "name", "r", "it", "x", ratio=True
        )
    )
    assert list(ratio.data[0].text) == ["3,3×"]
    assert figure.layout.separators == ",."


def test_breakdown_figure_draws_one_trace_per_measure():
    summary = pd.DataFrame({"budget_eur": [100.0, float("nan")], "granted_eur": [50.0, 7.0]})
    figure = validated(
        figures.breakdown_figure(
            summary, ["PR FESR", "Non indicato"], {"budget_eur": "B", "granted_eur": "G"}, "en"
        )
    )
    assert [trace.name for trace in figure.data] == ["B", "G"]
    assert list(figure.data[0].customdata) == ["n/a", "€100"]
    assert figure.layout.barmode == "group"


def test_province_and_month_figures():
    provinces = pd.DataFrame(
        {
            "province_name": ["Milano", "Pavia"],
            "projects": [3, 1],
            "funding_eur": [300.0, 100.0],
            "synthetic": [1, 0],
        }
    )
    bars = validated(figures.province_bars(provinces, "en"))
    assert list(bars.data[0].y) == ["Pavia", "Milano"]
    assert "synthetic: 1" in bars.data[0].hovertext[-1]
    months = pd.DataFrame(
        {
            "period": [dt.date(2024, 1, 1), dt.date(2024, 3, 1)],
            "label": ["gen 2024", "mar 2024"],
            "projects": [1, 2],
            "funding_eur": [10.0, 20.0],
            "synthetic": [0, 2],
        }
    )
    monthly = validated(figures.monthly_figure(months, "it"))
    assert list(monthly.data[0].y) == [10.0, 20.0]
    assert monthly.layout.xaxis.tickformat == "%m/%Y"
    assert validated(figures.province_bars(provinces.iloc[:0], "it")).layout.annotations


def test_comparison_and_clusters_serving_figures():
    frame = pd.DataFrame(
        {"name": ["Salute", "Nutrizione"], "a": [5.0, float("nan")], "reference": [2, 1],
         "synergy": [1, 0]}
    )  # fmt: skip
    comparison = validated(figures.comparison_figure(frame, {"a": "Dotazione"}, "it"))
    assert comparison.data[0].name == "Dotazione"
    assert list(comparison.data[0].y) == ["Nutrizione", "Salute"]
    serving = validated(figures.clusters_serving_figure(frame, "en"))
    assert [t.name for t in serving.data] == ["reference", "S3 synergy"]
    assert serving.layout.barmode == "stack"
    assert serving.data[1].marker.pattern.shape == "/"  # not colour alone
