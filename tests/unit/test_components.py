"""Shared presentation pieces: tables stay light, charts keep their own height."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
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


def test_a_grid_is_one_block_with_its_title_sort_buttons_pages_and_a_safe_csv():
    from dashboard.grid import Column, grid
    from tests.components import find, grid_csv, grid_rows, walk

    columns = [
        Column("name", "Name", pinned=True, tooltip="source"),
        Column("amount", "Amount", "number"),
        Column("link", "Link", "link", export=False),
        Column("source", "Source", shown=False),
    ]
    records = [
        {
            "code": f"c{n}",
            "name": "=HYPERLINK(1)" if n == 0 else f"<b>{n}</b>",
            "amount": None if n == 1 else 10.5 * n,
            "amount_fmt": "n.d." if n == 1 else f"{10.5 * n} €",
            "link": f"/funding?call=c{n}" if n else "",
            "link_text": "Projects →",
            "source": "Doc",
        }
        for n in range(25)
    ]
    section = grid("g", "Title", columns, records, "it", "g.csv", page_size=20, level=2, key="code")
    title = section.children[0]
    assert isinstance(title, html.H2) and title.to_plotly_json()["props"]["id"] == "g-title"
    tree = json.loads(json.dumps(section, cls=PlotlyJSONEncoder))
    rows = grid_rows(tree, "g")
    assert list(rows)[:2] == ["c0", "c1"] and len(rows) == 25
    assert rows["c1"]["amount"] is None and rows["c2"]["amount"] == 21.0
    assert rows["c2"]["name"] == "<b>2</b>"  # escaped text, not markup
    assert rows["c3"]["link"] == "/funding?call=c3" and rows["c0"]["link"] == ""
    body = [c for c in walk(tree) if c["type"] == "Tr" and "data-row" in c["props"]]
    assert ["hidden" in r["props"] for r in body] == [False] * 20 + [True] * 5  # page 1
    assert find(tree, "g-export")["type"] == "Button" and find(tree, "g-filter")
    heads = [c for c in walk(tree) if c["type"] == "Th" and c["props"].get("scope") == "col"]
    assert [h["props"]["data-field"] for h in heads] == ["name", "amount", "link"]
    csv = grid_csv(tree, "g")
    assert list(csv[0]) == ["Name", "Amount", "Source"]  # the link left out, the source in
    assert csv[0]["Name"] == "'=HYPERLINK(1)" and csv[2]["Amount"] == 21.0  # numbers raw
    assert json.loads(find(tree, "g")["props"]["data-csv"])["rows"][1][1] == ""
    with pytest.raises(ValueError, match="path on this site"):
        grid("g", "T", [Column("link", "L", "link")], [{"link": "javascript:x"}], "it", "g.csv")
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("x", "X", "markdown")


def test_a_heading_sets_its_id_only_when_given():
    assert heading(2, "T", className="h5").to_plotly_json()["props"] == {
        "children": "T",
        "className": "h5",
    }
    h3 = heading(3, "T", className="h5", id="x")
    assert isinstance(h3, html.H3) and h3.to_plotly_json()["props"]["id"] == "x"
