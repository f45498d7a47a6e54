"""The one-component HTML table: same structure as html.Table, every text escaped."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard.html_table import PlainCell, html_table
from dashboard.lazy_graph import DATA_TYPE, SLOT_CLASS, SLOT_TYPE, lazy_graph
from tests.html_tables import html_table_rows


def table_html(
    table_id: str, caption: str, headers: list[str], rows: list[list[PlainCell]], **options: Any
) -> str:
    """The HTML text the table component carries (an html block's `data-html`)."""
    text = html_table(table_id, caption, headers, rows, **options).to_plotly_json()["props"]
    assert isinstance(text["data-html"], str)
    return text["data-html"]


def test_table_has_caption_headers_and_numeric_alignment() -> None:
    text = table_html("t1", "Caption", ["Year", "Value"], [["2019", "1,34%"]], numeric=(1,))
    assert text.startswith('<table id="t1" class="table table-sm')
    assert '<caption id="t1-caption">Caption</caption>' in text
    assert '<th scope="col">Year</th><th scope="col" class="text-end">Value</th>' in text
    assert '<tr><td>2019</td><td class="text-end">1,34%</td></tr>' in text
    named = table_html("t2", "C", ["Year", "V"], [["2019", None]], row_headers=True)
    assert '<th scope="row" class="fw-normal">2019</th><td></td>' in named


def test_text_is_escaped_and_kept_on_one_line() -> None:
    hostile = '<script>alert("x")</script>\n\n# not a heading & *not emphasis*'
    text = table_html('t"3', hostile, [hostile], [[hostile]])
    assert "<script>" not in text and "\n" not in text
    assert 'id="t&quot;3"' in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; # not a heading &amp;" in text
    component = html_table("t4", "C", ["A"], [[hostile], [1.5]])
    assert html_table_rows(component.to_plotly_json(), "t4") == [
        ['<script>alert("x")</script> # not a heading & *not emphasis*'],
        ["1.5"],
    ]


def test_only_plain_cells() -> None:
    with pytest.raises(TypeError, match="text or a number"):
        table_html("t", "C", ["A"], [[["nested"]]])  # type: ignore[list-item]  # wrong on purpose


def test_lazy_graph_is_a_sized_box_with_its_figure_beside() -> None:
    figure = {"data": [], "layout": {"height": 300}}
    box = lazy_graph("chart", figure, {"locale": "it"}, {"height": "300px"})
    slot, store = box.children
    assert slot.id == {"type": SLOT_TYPE, "chart": "chart"} and slot.className == SLOT_CLASS
    assert slot.style == {"height": "300px"}
    assert store.id == {"type": DATA_TYPE, "chart": "chart"}
    assert store.data == {
        "id": "chart",
        "figure": figure,
        "config": {"locale": "it"},
        "style": {"height": "300px"},
    }


def test_a_marked_cell_is_escaped_text_in_a_span_of_its_classes():
    from dashboard.html_table import Marked

    block = html_table("t", "C", ["A"], [[Marked("<b>probabile</b>", "badge text-bg-success")]])
    markup = block.to_plotly_json()["props"]["data-html"]
    assert '<td><span class="badge text-bg-success">&lt;b&gt;probabile&lt;/b&gt;</span></td>' in (
        markup
    )
