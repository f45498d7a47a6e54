"""The table pager (dashboard/pager.py): which rows a page holds and which pages it links."""

from __future__ import annotations

import json
from typing import Any

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.pager import Page, _numbers, page_of, pager
from tests.components import text_of, walk


def nodes_of(block: Any) -> list[dict[str, Any]]:
    """Every component of a pager, as the browser gets it (its markup read back)."""
    return list(walk(json.loads(json.dumps(block, cls=PlotlyJSONEncoder))))


@pytest.mark.parametrize(
    ("total", "number", "count", "start", "stop"),
    [
        (0, 1, 1, 0, 0),  # an empty table still has its one (empty) page
        (50, 1, 1, 0, 50),
        (51, 2, 2, 50, 51),
        (1008, 21, 21, 1000, 1008),
        (1000, 20, 20, 950, 1000),
    ],
)
def test_a_page_holds_its_rows(total, number, count, start, stop):
    page = Page(number, total)
    assert (page.count, page.start, page.stop) == (count, start, stop)


def test_a_page_beyond_the_last_gives_the_first_and_says_which_was_asked():
    assert page_of(120, "3") == (Page(3, 120), None)
    assert page_of(120, "4") == (Page(1, 120), 4)
    assert page_of(120, None) == (Page(1, 120), None)


@pytest.mark.parametrize(
    ("number", "count", "expected"),
    [
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 20, [1, 2, 3, None, 20]),
        (10, 20, [1, None, 8, 9, 10, 11, 12, None, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
        (5, 20, [1, 2, 3, 4, 5, 6, 7, None, 20]),  # page 2 shown, not "…" for one page
        (20, 20, [1, None, 18, 19, 20]),
    ],
)
def test_the_pages_linked_are_the_ends_and_the_neighbours(number, count, expected):
    assert _numbers(Page(number, count * 50)) == expected


def test_one_page_needs_no_pager():
    assert pager("p", "/", {}, Page(1, 50), "en") is None


def test_pager_links_keep_the_query_and_mark_the_current_page():
    block = pager("p", "/", {"lang": "en", "page": "2", "objective": "A & B"}, Page(2, 120), "en")
    nodes = nodes_of(block)
    links = {text_of(n): n["props"]["href"] for n in nodes if n["type"] == "A"}
    assert links == {
        "« Previous": "/?lang=en&objective=A+%26+B",
        "1": "/?lang=en&objective=A+%26+B",
        "3": "/?lang=en&objective=A+%26+B&page=3",
        "Next »": "/?lang=en&objective=A+%26+B&page=3",
    }
    labels = {n["props"].get("aria-label") for n in nodes if n["type"] == "A"}
    assert labels == {"Previous page", "Page 1", "Page 3", "Next page"}
    current = [n for n in nodes if n["props"].get("aria-current") == "page"]
    assert [text_of(n) for n in current] == ["2"]
    nav = next(n for n in nodes if n["type"] == "Nav")
    assert nav["props"]["aria-label"] == "Table pages"
    assert "Rows 51–100 of 120" in text_of(nodes)


def test_the_last_page_has_no_next_link_and_italian_counts_use_its_marks():
    block = pager("p", "/", {}, Page(21, 1008), "it")
    nodes = nodes_of(block)
    links = [text_of(n) for n in nodes if n["type"] == "A"]
    assert "Successiva »" not in links and links[0] == "« Precedente"
    assert "Righe 1.001–1.008 di 1.008" in text_of(nodes)
