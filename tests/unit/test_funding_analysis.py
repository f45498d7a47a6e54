"""Funding arithmetic: ratios only from two given figures, breakdowns, flow, cube sums."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data.analysis import ecosystems, funding
from data.analysis.missing import is_missing

NAN = float("nan")


def calls_frame(rows: list[dict]) -> pd.DataFrame:
    base = {
        "code": "", "name": "", "programme": "", "instrument": "", "year": NAN,
        "budget_eur": NAN, "requested_eur": NAN, "granted_eur": NAN, "applications": NAN,
        "admitted": NAN, "beneficiaries": NAN, "partners": NAN, "ecosystems": [],
    }  # fmt: skip
    return pd.DataFrame([{**base, **row} for row in rows])


CALLS = calls_frame(
    [
        {"code": "a", "name": "A", "programme": "PR FESR", "instrument": "bando", "year": 2024,
         "budget_eur": 100.0, "requested_eur": 326.0, "applications": 10, "admitted": 4,
         "granted_eur": 50.0, "beneficiaries": 5, "ecosystems": ["salute", "nutrizione"]},
        {"code": "b", "name": "B", "programme": "PR FESR", "instrument": "misura", "year": 2023,
         "granted_eur": 41.3, "beneficiaries": 108, "ecosystems": ["salute"]},
        {"code": "c", "name": "C", "instrument": "premio", "applications": 14,
         "beneficiaries": 32},
    ]
)  # fmt: skip


def test_ratios_need_both_figures():
    frame = funding.with_ratios(CALLS).set_index("code")
    assert frame.loc["a", "oversubscription"] == pytest.approx(3.26)
    assert frame.loc["a", "admission_rate"] == pytest.approx(0.4)
    assert frame.loc["a", "admission_basis"] == "admitted"
    assert frame.loc["a", "average_grant_eur"] == pytest.approx(10.0)
    # b: no budget, no applications → no oversubscription, no rate; never 0
    assert is_missing(frame.loc["b", "oversubscription"])
    assert is_missing(frame.loc["b", "admission_rate"])
    assert frame.loc["b", "average_grant_eur"] == pytest.approx(41.3 / 108)


def test_beneficiaries_outnumbering_applications_is_not_a_rate():
    frame = funding.with_ratios(CALLS).set_index("code")
    assert is_missing(frame.loc["c", "admission_rate"])  # 32 partners of 14 applications
    assert is_missing(frame.loc["c", "admission_basis"])


def test_ratio_with_a_zero_denominator_is_missing():
    frame = funding.with_ratios(calls_frame([{"budget_eur": 0.0, "requested_eur": 5.0}]))
    assert is_missing(frame.loc[0, "oversubscription"])


def test_breakdown_by_ecosystem_counts_a_call_in_each():
    summary = funding.breakdown(CALLS, "ecosystem").set_index("key", drop=False)
    assert summary.loc["salute", "calls"] == 2
    assert summary.loc["nutrizione", "calls"] == 1
    assert summary.loc["salute", "budget_eur"] == 100.0
    assert summary["key"].tolist()[-1] is None  # the call without ecosystem comes last
    assert math.isnan(summary.iloc[-1]["budget_eur"])  # no figure: n.d., not 0


def test_breakdown_by_year_is_in_time_order_and_programme_by_budget():
    years = funding.breakdown(CALLS, "year")
    assert years["key"].tolist() == ["2023", "2024", None]
    programmes = funding.breakdown(CALLS, "programme")
    assert programmes["key"].tolist() == ["PR FESR", None]
    assert programmes.iloc[0]["granted_eur"] == pytest.approx(91.3)
    assert programmes.iloc[0]["budget_known"] == 1
    with pytest.raises(ValueError):
        funding.breakdown(CALLS, "colour")


def test_flow_splits_a_call_among_its_ecosystems_and_skips_missing_budgets():
    links = funding.flow_links(CALLS)
    assert set(links["target"]) == {"salute", "nutrizione", "a"}
    into_call = links[links["target_kind"] == "call"]
    assert into_call["value"].sum() == pytest.approx(100.0)
    assert links[links["source_kind"] == "programme"]["value"].sum() == pytest.approx(100.0)
    assert funding.flow_links(CALLS.iloc[1:]).empty


def test_ranked_leaves_out_calls_without_the_figure():
    assert funding.ranked(CALLS, "granted_eur")["code"].tolist() == ["a", "b"]


def test_cube_sum():
    cube = pd.DataFrame(
        {
            "call_code": ["a", "a", None],
            "province_code": ["015", "016", "015"],
            "year": [2024, 2024, 0],
            "month": [1, 2, 0],
            "projects": [2, 1, 4],
            "funding_eur": [10.0, 30.0, float("nan")],  # no amount known for the last 4
            "funded": [2, 1, 0],
            "synthetic": [1, 0, 0],
            "synthetic_eur": [4.0, 0.0, 0.0],
        }
    )
    by_call = funding.cube_sum(cube, ["call_code"])
    # No payments in the cube: spending progress is n.d. (NaN), never 0.
    assert by_call["spending_progress"].isna().all()
    assert by_call.drop(columns=["funding_eur", "spending_progress"]).values.tolist() == [
        ["a", 3, 3, 1, 4.0],
        ["", 4, 0, 0, 0.0],
    ]
    assert by_call["funding_eur"].iloc[0] == 40.0
    assert pd.isna(by_call["funding_eur"].iloc[1])  # n.d., never 0
    assert funding.cube_sum(cube.iloc[:0], ["province_code"]).empty


def test_ecosystem_comparison():
    clusters = pd.DataFrame(
        {
            "code": ["x", "y"],
            "members_total": [10, 5],
            "reference_ecosystems": [["salute"], ["nutrizione"]],
            "synergy_ecosystems": [["salute", "nutrizione"], []],
        }
    )
    indicators = pd.DataFrame({"code": ["i1", "i2"], "ecosystem": ["salute", None]})
    projects = pd.DataFrame(
        {
            "ecosystem": ["salute", None],
            "province_code": ["015", "016"],
            "projects": [3, 1],
            "funding_eur": [30.0, 1.0],
            "synthetic": [3, 0],
            "synthetic_eur": [30.0, 0.0],
        }
    )
    frame = ecosystems.comparison(
        ["salute", "nutrizione", "trasversale"], clusters, CALLS, indicators, projects
    )
    rows = frame.set_index(frame["code"].fillna("-"))
    assert rows.loc["salute", "reference_clusters"] == 1
    assert rows.loc["salute", "synergy_clusters"] == 1
    assert rows.loc["nutrizione", "reference_members"] == 5
    assert rows.loc["salute", "dedicated_calls"] == 2
    assert rows.loc["salute", "dedicated_budget_eur"] == 100.0
    assert is_missing(rows.loc["trasversale", "dedicated_budget_eur"])
    assert rows.loc["trasversale", "indicators"] == 1  # the one without an ecosystem
    assert rows.loc["salute", "projects"] == 3 and rows.loc["salute", "synthetic"] == 3
    assert rows.loc["-", "dedicated_calls"] == 1  # call c, linked to no ecosystem
    serving = ecosystems.serving_clusters(clusters.to_dict("records"), "nutrizione")
    assert [[c["code"], c["role"]] for c in serving] == [["y", "reference"], ["x", "synergy"]]


def test_provinces_of_every_ecosystem_at_once_are_each_ones_own():
    projects = pd.DataFrame(
        {
            "ecosystem": ["salute", "salute", None, "nutrizione", "salute"],
            "province_code": ["015", "016", "015", "", "015"],
            "localisation": ["", "", "", "Lombardia", ""],
            "projects": [3, 1, 2, 4, 1],
            "funding_eur": [30.0, 50.0, 1.0, float("nan"), 5.0],
            "synthetic": [3, 0, 0, 1, 0],
            "payments_eur": [10.0, float("nan"), 0.0, float("nan"), 1.0],
            "paid_base_eur": [30.0, float("nan"), 1.0, float("nan"), 5.0],
        }
    )
    every = ecosystems.provinces_by_ecosystem(projects)
    assert set(every) == {"salute", "nutrizione", None}  # cultura has none: absent
    for code, own in every.items():
        pd.testing.assert_frame_equal(own, ecosystems.projects_by_province(projects, code))
    assert every["salute"]["province_code"].tolist() == ["016", "015"]  # largest first
    assert every["salute"]["projects"].tolist() == [1, 4]


def test_comparison_sums_are_pandas_sums_to_the_last_bit():
    # Forty calls with awkward amounts and gaps: numpy's pairwise sum (what pandas runs,
    # the gaps as 0) and the exactly rounded sum (fsum) disagree in the last bit here, so
    # equality below means the same additions in the same order as pandas.
    amounts = [0.1 * (i + 1) + 1e-3 / (i + 1) if i % 7 else NAN for i in range(40)]
    calls = calls_frame(
        [
            {"code": f"c{i}", "budget_eur": amount, "granted_eur": amount / 3,
             "ecosystems": ["salute"] if i % 3 else ["salute", "nutrizione"]}
            for i, amount in enumerate(amounts)
        ]
    )  # fmt: skip
    projects = pd.DataFrame(
        {
            "ecosystem": ["salute"] * 20,
            "province_code": ["015"] * 20,
            "projects": [1] * 20,
            "funding_eur": amounts[:20],
            "synthetic": [0] * 20,
            "payments_eur": [a / 7 for a in amounts[:20]],
            "paid_base_eur": amounts[:20],
        }
    )
    clusters = pd.DataFrame(
        columns=["code", "members_total", "reference_ecosystems", "synergy_ecosystems"]
    )
    indicators = pd.DataFrame({"code": [], "ecosystem": []})
    frame = ecosystems.comparison(["salute", "nutrizione"], clusters, calls, indicators, projects)
    salute = frame.set_index("code").loc["salute"]
    serving = calls[[("salute" in codes) for codes in calls["ecosystems"]]]
    budget = serving["budget_eur"].sum(min_count=1)
    assert salute["dedicated_budget_eur"] == budget  # exactly, not approximately
    assert math.fsum(serving["budget_eur"].dropna()) != budget
    assert salute["dedicated_granted_eur"] == serving["granted_eur"].sum(min_count=1)
    assert salute["project_funding_eur"] == projects["funding_eur"].sum(min_count=1)
    paid = projects["payments_eur"].sum(min_count=1) / projects["paid_base_eur"].sum(min_count=1)
    assert salute["spending_progress"] == paid
    nutrizione = frame.set_index("code").loc["nutrizione"]
    assert is_missing(nutrizione["project_funding_eur"]) and nutrizione["projects"] == 0
    assert is_missing(nutrizione["spending_progress"])  # no projects: "n.d."
    assert math.isnan(ecosystems.total([None, NAN]))
    assert ecosystems.total([0.1, None, 0.2]) == pd.Series([0.1, 0.2]).sum()


@pytest.mark.parametrize("seed", range(40))
def test_largest_first_is_sort_values_order(seed):
    """The Python sort of cube_sum gives sort_values' order: ties, NaN, -0.0, text and numbers."""
    import random

    chance = random.Random(seed)
    n = chance.randint(0, 30)
    amounts = [0.0, -0.0, 1.5, 2.0, 1e12, float("nan")]
    frame = pd.DataFrame(
        {
            "funding_eur": [chance.choice(amounts) for _ in range(n)],
            "text": pd.Series([chance.choice(["", "a", "b", "B", "à"]) for _ in range(n)]),
            "year": [chance.choice([2023, 2024]) for _ in range(n)],
            "share": [chance.choice([0.5, float("nan"), 0.25]) for _ in range(n)],
        }
    )
    keys = ["text", "year", "share"]
    expected = frame.sort_values(["funding_eur", *keys], ascending=[False, True, True, True])
    assert funding.largest_first(frame, keys) == list(expected.index)


def test_ratio_of_columns_is_the_series_expression_it_replaced():
    """Array arithmetic, the same floats as the Series expression: NaN, 0, negative bases."""
    numerators = pd.Series([1.0, NAN, 3.0, 5.0, 0.0, 7.0, 1e308, 2.0], index=list("abcdefgh"))
    denominators = pd.Series([2.0, 1.0, NAN, 0.0, -1.0, 3.0, 1e-308, -0.0], index=list("abcdefgh"))
    expected = (numerators / denominators).where(
        numerators.notna() & denominators.notna() & (denominators > 0)
    )
    pd.testing.assert_series_equal(funding._ratio(numerators, denominators), expected)
    integers = pd.Series([3, 4], dtype="int64")  # not float64: converted first
    pd.testing.assert_series_equal(
        funding._ratio(integers, pd.Series([2.0, 0.0])), pd.Series([1.5, NAN])
    )


def test_breakdowns_at_once_are_each_breakdown():
    every = funding.breakdowns(CALLS)
    assert list(every) == list(funding.BREAKDOWNS)
    for by, summary in every.items():
        pd.testing.assert_frame_equal(summary, funding.breakdown(CALLS, by))
    empty = funding.breakdowns(CALLS.iloc[:0])
    assert all(summary.empty for summary in empty.values())


@pytest.mark.parametrize("seed", range(40))
def test_small_cube_sum_is_cube_sum(seed):
    """The list version gives cube_sum's frame: order, dtypes, Kahan sums, gaps, repeated keys."""
    import random

    chance = random.Random(seed)
    n = chance.randint(0, 40)
    amounts = [0.1, 0.2, 1e16, -1e16, 3.3, 1e308, float("nan"), -0.0]
    places = pd.Series([chance.choice(["015", "016", "", None]) for _ in range(n)], dtype="str")
    cube = pd.DataFrame(
        {
            "ecosystem": pd.Series(
                [chance.choice(["salute", "cultura", None]) for _ in range(n)], dtype=object
            ),
            "province_code": places if seed % 2 else places.fillna("015"),
            "localisation": pd.Series([chance.choice(["", "region"]) for _ in range(n)]),
            "projects": pd.Series([chance.randint(0, 5) for _ in range(n)], dtype="int64"),
            "funding_eur": pd.Series([chance.choice(amounts) for _ in range(n)], dtype="float64"),
            "synthetic": pd.Series([chance.randint(0, 2) for _ in range(n)], dtype="int64"),
            "payments_eur": pd.Series([chance.choice(amounts) for _ in range(n)], dtype="float64"),
            "paid_base_eur": pd.Series(
                [chance.choice([*amounts, 0.0, -1.0]) for _ in range(n)], dtype="float64"
            ),
        }
    )
    if seed % 5 == 0:
        cube = cube.drop(columns=["payments_eur", "paid_base_eur"])
    if seed % 4 == 0:  # a text key of object dtype with no gap
        cube["ecosystem"] = cube["ecosystem"].fillna("cultura")
    keys = ["ecosystem", "province_code", "localisation"][: 1 + seed % 3]
    pd.testing.assert_frame_equal(funding.small_cube_sum(cube, keys), funding.cube_sum(cube, keys))
