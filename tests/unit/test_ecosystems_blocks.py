"""The ecosystems page's money and clusters blocks, read from the comparison as lists."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.answer_json import to_json
from dashboard.pages import ecosystems as page
from data.analysis.ecosystems import COMPARISON_COLUMNS
from tests.components import find, text_of, walk

NAN = float("nan")


def _data(rows: list[dict]) -> page.PageData:
    base = dict.fromkeys(COMPARISON_COLUMNS, 0)
    comparison = pd.DataFrame([{**base, **row} for row in rows], columns=COMPARISON_COLUMNS)
    names = [("a", "Alfa"), ("b", "Beta"), ("c", "Gamma"), ("trasversale", "Trasversale")]
    empty = pd.DataFrame()
    return page.PageData(
        ecosystems=names,
        comparison=comparison,
        clusters=empty,
        calls=empty,
        indicators=empty,
        projects=empty,
        provinces={},
        province_names={},
        lang="en",
    )


def _answer(block: object) -> dict:
    return json.loads(to_json(block))


def test_money_block_names_the_first_largest_budget_and_counts_the_unknown():
    data = _data(
        [
            {"code": "a", "dedicated_budget_eur": NAN, "projects": 2, "project_funding_eur": 5e6},
            {"code": "b", "dedicated_budget_eur": 3e6, "projects": 0, "project_funding_eur": NAN},
            {"code": "c", "dedicated_budget_eur": 3e6, "projects": 1, "project_funding_eur": 0.0},
            {"code": None, "dedicated_budget_eur": 1e6, "projects": 0, "project_funding_eur": 0.0},
        ]
    )
    block = _answer(page.money_block(data))
    description = text_of(find(block, f"{page.MONEY_ID}-description"))
    assert "Beta leads with €3m" in description  # the tie goes to the first, as argmax
    assert "1 ecosystems have no dedicated call" in description
    rows = json.dumps(block).split("<tbody>")[1]
    assert rows.index("Alfa") < rows.index("Beta") < rows.index("Gamma")  # comparison order
    figure = _figure(block)
    project_bars = figure["data"][2]["x"][::-1]  # top first again
    # Funding of an ecosystem without projects is no bar ("n.d."), not 0.
    assert project_bars[0] == 5e6 and project_bars[1] is None and project_bars[2] == 0.0
    assert project_bars[3] is None


def test_money_block_without_any_known_budget():
    data = _data([{"code": "a", "dedicated_budget_eur": NAN}])
    block = _answer(page.money_block(data))
    description = text_of(find(block, f"{page.MONEY_ID}-description"))
    assert description == text_of(_answer(page.t("funding.ranked.empty", "en")))


def test_clusters_block_leaves_out_the_bucket_and_no_ecosystem():
    data = _data(
        [
            {"code": "a", "reference_clusters": 1, "synergy_clusters": 2},
            {"code": "b", "reference_clusters": 3, "synergy_clusters": 0},
            {"code": "trasversale", "reference_clusters": 9, "synergy_clusters": 9},
            {"code": None, "reference_clusters": 7, "synergy_clusters": 7},
        ]
    )
    block = _answer(page.clusters_block(data))
    description = text_of(find(block, f"{page.CLUSTERS_ID}-description"))
    assert "Alfa leads with 3 clusters" in description  # 3 = 3: the first
    figure = _figure(block)
    assert figure["data"][0]["y"] == ["Beta", "Alfa"] and figure["data"][0]["x"] == [3, 1]
    empty = _answer(page.clusters_block(_data([{"code": "trasversale"}])))
    assert text_of(find(empty, f"{page.CLUSTERS_ID}-description"))


def _figure(block: dict) -> dict:
    """The figure the lazy graph of `block` draws when reached."""
    return next(c["props"]["data"]["figure"] for c in walk(block) if "data" in c["props"])
