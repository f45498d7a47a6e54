"""The ecosystems side by side: clusters, dedicated calls and money, indicators, projects.

Pure functions on the frames of `data.queries` and `data.project_queries` (no database, no
Dash). "Dedicated" means linked to that ecosystem: a call serving several ecosystems counts
in full in each, and cross-cutting measures, which serve all, have their own row. Calls and
projects linked to no ecosystem get a row of their own (key None) when there are any.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data.analysis.funding import cube_sum, ratio
from data.analysis.scope import CROSS_CUTTING, role_of

COMPARISON_COLUMNS = [
    "code",  # None: linked to no ecosystem
    "reference_clusters",
    "synergy_clusters",
    "reference_members",
    "dedicated_calls",
    "dedicated_budget_eur",
    "dedicated_granted_eur",
    "indicators",
    "projects",
    "project_funding_eur",
    "spending_progress",
    "synthetic",
]


def _calls_of(calls: pd.DataFrame, code: str | None) -> pd.DataFrame:
    if code is None:
        mask = [len(codes) == 0 for codes in calls["ecosystems"]]
    else:
        mask = [code in codes for codes in calls["ecosystems"]]
    return calls[pd.Series(mask, index=calls.index, dtype=bool)]


def _clusters_of(clusters: pd.DataFrame, code: str, role: str) -> pd.DataFrame:
    """The clusters serving `code` as `role` ("reference" or "synergy"), by scope.role_of."""
    mask = [
        role in role_of(reference, synergy, code).split("_")
        for reference, synergy in zip(
            clusters["reference_ecosystems"], clusters["synergy_ecosystems"], strict=True
        )
    ]
    return clusters[pd.Series(mask, index=clusters.index, dtype=bool)]


def _indicators_of(indicators: pd.DataFrame, code: str | None) -> pd.DataFrame:
    if code == CROSS_CUTTING:  # indicators without an ecosystem apply to all
        return indicators[indicators["ecosystem"].isna() | (indicators["ecosystem"] == code)]
    return indicators[indicators["ecosystem"] == code]


def _projects_of(projects: pd.DataFrame, code: str | None) -> pd.DataFrame:
    if code is None:
        return projects[projects["ecosystem"].isna()]
    return projects[projects["ecosystem"] == code]


def comparison(
    codes: list[str],
    clusters: pd.DataFrame,
    calls: pd.DataFrame,
    indicators: pd.DataFrame,
    projects: pd.DataFrame,
) -> pd.DataFrame:
    """One row per ecosystem code (in the given order), plus one for "no ecosystem" if used.

    `projects` is `project_queries.by_ecosystem_and_province`. Money sums are NaN when no
    dedicated call gives the figure ("n.d.", not 0).
    """
    keys: list[str | None] = list(codes)
    if any(len(c) == 0 for c in calls["ecosystems"]) or projects["ecosystem"].isna().any():
        keys.append(None)
    rows = []
    for code in keys:
        dedicated = _calls_of(calls, code)
        reference = _clusters_of(clusters, code, "reference") if code else clusters[:0]
        synergy = _clusters_of(clusters, code, "synergy") if code else clusters[:0]
        own_projects = _projects_of(projects, code)
        rows.append(
            {
                "code": code,
                "reference_clusters": len(reference),
                "synergy_clusters": len(synergy),
                "reference_members": int(reference["members_total"].sum()),
                "dedicated_calls": len(dedicated),
                "dedicated_budget_eur": pd.to_numeric(dedicated["budget_eur"]).sum(min_count=1),
                "dedicated_granted_eur": pd.to_numeric(dedicated["granted_eur"]).sum(min_count=1),
                "indicators": len(_indicators_of(indicators, code)) if code else 0,
                "projects": int(own_projects["projects"].sum()),
                "project_funding_eur": own_projects["funding_eur"].sum(min_count=1),
                "spending_progress": _progress(own_projects),
                "synthetic": int(own_projects["synthetic"].sum()),
            }
        )
    frame = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    frame["code"] = frame["code"].astype(object).where(frame["code"].notna(), None)
    return frame


def _progress(projects: pd.DataFrame) -> float | None:
    """Payments ÷ funding of the projects whose payments are known; None ("n.d.") else."""
    if "payments_eur" not in projects or projects.empty:
        return None
    paid = projects["payments_eur"].sum(min_count=1)
    base = projects["paid_base_eur"].sum(min_count=1)
    return ratio(None if pd.isna(paid) else float(paid), None if pd.isna(base) else float(base))


Record = dict[Any, Any]  # one row of a frame, as `DataFrame.to_dict("records")` gives it


def serving_clusters(clusters: list[Record], code: str) -> list[Record]:
    """Clusters serving `code`, reference ones first, each with `role` (reference | synergy).

    Records, not frames: this runs once per ecosystem card on a few dozen rows, where
    pandas' fixed cost per call was most of the page.
    """
    reference: list[Record] = []
    synergy: list[Record] = []
    for cluster in clusters:
        # A cluster serving as both counts once, as reference.
        role = role_of(cluster["reference_ecosystems"], cluster["synergy_ecosystems"], code)
        if "reference" in role.split("_"):
            reference.append({**cluster, "role": "reference"})
        elif role == "synergy":
            synergy.append({**cluster, "role": "synergy"})
    return reference + synergy


def dedicated_calls(calls: list[Record], code: str) -> list[Record]:
    """The calls linked to `code`."""
    return [call for call in calls if code in call["ecosystems"]]


def cross_cutting_calls(calls: list[Record]) -> list[Record]:
    """The calls that serve every ecosystem (linked to the cross-cutting bucket)."""
    return dedicated_calls(calls, CROSS_CUTTING)


def own_indicators(indicators: list[Record], code: str) -> list[Record]:
    """The indicators of `code` (for the cross-cutting bucket: those that apply to all)."""
    cross = code == CROSS_CUTTING  # indicators without an ecosystem apply to all
    return [
        i
        for i in indicators
        if i["ecosystem"] == code or (cross and not isinstance(i["ecosystem"], str))
    ]


def total(values: list[float | None]) -> float:
    """The sum of the known amounts, NaN ("n.d.") when none is known (pandas' min_count=1)."""
    known = [float(v) for v in values if v is not None and not pd.isna(v)]
    return float(pd.Series(known, dtype=float).sum()) if known else float("nan")


def _place_keys(projects: pd.DataFrame) -> list[str]:
    return ["province_code", "localisation"] if "localisation" in projects else ["province_code"]


def projects_by_province(projects: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """Projects linked to `code` summed by province, largest funding first."""
    return cube_sum(_projects_of(projects, code), _place_keys(projects))


def provinces_by_ecosystem(projects: pd.DataFrame) -> dict[str | None, pd.DataFrame]:
    """`projects_by_province` of every ecosystem with projects, keyed by code (None: none).

    One group-by for all the cards of the page instead of one per card: on frames of a few
    dozen rows pandas' cost is per call, not per row.
    """
    keys = _place_keys(projects)
    every = cube_sum(projects, ["ecosystem", *keys])  # "" for projects without one
    return {
        str(code) or None: rows.drop(columns="ecosystem").reset_index(drop=True)
        for code, rows in every.groupby("ecosystem", sort=False)
    }
