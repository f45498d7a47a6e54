"""Shared presentation pieces: tables stay light, charts keep their own height."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from dash import html
from plotly.utils import PlotlyJSONEncoder

from dashboard.components import Cell, chart_block, data_table, heading
from dashboard.html_table import BLOCK_CLASS
from tests.components import table_rows


def rows(n: int) -> list[list[Cell]]:
    return [[f"31/12/{2000 + i}", "a|b", 1000 + i] for i in range(n)]


def test_a_plain_table_is_one_html_block_with_the_same_cells():
    block = data_table("t", "Caption", ["Data", "Tipo", "Valore"], rows(41), (2,))
    table = block.children
    assert isinstance(table, html.Div)
    props = table.to_plotly_json()["props"]
    assert props["className"] == BLOCK_CLASS
    markup = props["data-html"]
    assert '<caption id="t-caption">Caption</caption>' in markup
    assert '<th scope="col" class="text-end">Valore</th>' in markup  # numbers right
    assert markup.count("<tr>") == 1 + 41
    serialised = json.loads(json.dumps(block, cls=PlotlyJSONEncoder))
    assert table_rows(serialised, "t")[0] == ["31/12/2000", "a|b", "1000"]
    assert block.to_plotly_json()["props"]["aria-labelledby"] == "t-caption"
    named = data_table("n", "C", ["a", "b"], [["x", 1]], row_headers=True).children
    assert (
        '<th scope="row" class="fw-normal">x</th>' in named.to_plotly_json()["props"]["data-html"]
    )


def test_tables_with_components_stay_html_components():
    with_link: list[list[Cell]] = [[html.A("x", href="#"), "y", 1]] * 3
    assert isinstance(data_table("t", "C", ["a", "b", "c"], with_link, ()).children, html.Table)


def test_a_chart_takes_its_figures_height_unless_told():
    figure = go.Figure(layout={"height": 340})
    table = data_table("t", "C", ["a"], [["1"]], ())

    def graph_style(**kwargs):
        section = chart_block("c", "T", "D", figure, table, "it", **kwargs)
        graph = section.children[2].children
        return getattr(graph, "style", None)

    assert graph_style() == {"height": "340px"}
    assert graph_style(height=120) == {"height": "120px"}
    bare = chart_block("c", "T", "D", go.Figure(), table, "it").children[2].children
    assert "style" not in bare.to_plotly_json()["props"]  # never style=None (Dash 4.4 crash)


def test_every_table_scrolls_in_a_named_keyboard_region():
    with_link: list[list[Cell]] = [[html.A("x", href="#"), "y", 1]]
    for table_rows_ in (rows(3), with_link):  # html block and html components alike
        props = data_table("t", "C", ["a", "b", "c"], table_rows_, ()).to_plotly_json()["props"]
        assert props["role"] == "region" and props["tabIndex"] == "0"
        assert props["aria-labelledby"] == "t-caption"


def test_a_chart_is_a_named_figure_with_a_local_language_mode_bar_and_no_cloud():
    table = data_table("t", "C", ["a"], [["1"]], ())
    for lang in ("it", "en"):
        section = chart_block("c", "Title", "D", go.Figure(), table, lang, level=2)
        assert isinstance(section.children[0], html.H2)
        wrapper = section.children[2]
        props = wrapper.to_plotly_json()["props"]
        # role="img" may not hold the mode bar's buttons (axe: nested-interactive)
        assert props["role"] == "figure" and props["aria-label"] == "Title"
        assert props["aria-describedby"] == "c-description"
        config = wrapper.children.config
        assert config["locale"] == lang and "sendDataToCloud" in config["modeBarButtonsToRemove"]
    assert isinstance(chart_block("c", "T", "D", go.Figure(), table, "it").children[0], html.H3)


def test_tab_leaves_a_grid_and_its_title_takes_the_level_asked():
    from dashboard.grid import Column, grid

    section = grid("g", "Title", [Column("a", "A")], [{"a": 1}], "it", "g.csv", level=2)
    title = section.children[0].children[0]
    assert isinstance(title, html.H2) and title.to_plotly_json()["props"]["id"] == "g-title"
    options = section.children[1].dashGridOptions
    # AG Grid: `false` from these callbacks hands Tab back to the browser
    assert options["tabToNextCell"] == {"function": "false"}
    assert options["tabToNextHeader"] == {"function": "false"}


def test_a_heading_sets_its_id_only_when_given():
    assert heading(2, "T", className="h5").to_plotly_json()["props"] == {
        "children": "T",
        "className": "h5",
    }
    h3 = heading(3, "T", className="h5", id="x")
    assert isinstance(h3, html.H3) and h3.to_plotly_json()["props"]["id"] == "x"
