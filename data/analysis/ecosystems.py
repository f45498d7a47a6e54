"""The ecosystems side by side: clusters, dedicated calls and money, indicators, projects.

Pure functions on the frames of `data.queries` and `data.project_queries` (no database, no
Dash). "Dedicated" means linked to that ecosystem: a call serving several ecosystems counts
in full in each, and cross-cutting measures, which serve all, have their own row. Calls and
projects linked to no ecosystem get a row of their own (key None) when there are any.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data.analysis.funding import cube_sum, ratio, small_cube_sum
from data.analysis.scope import CROSS_CUTTING, role_of
from data.analysis.sums import series_sum

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


def _floats(frame: pd.DataFrame, column: str) -> list[float]:
    return [float(v) for v in pd.to_numeric(frame[column]).astype("float64").tolist()]


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

    Columns are read once as lists and every ecosystem picks its rows from those: this ran
    about fifteen pandas operations per ecosystem, whose fixed cost was most of the time on
    frames of a few dozen rows. Sums stay pandas' own (`sums.series_sum`), so no figure moves.
    """
    call_codes = [list(c) for c in calls["ecosystems"]]
    budgets, granted = _floats(calls, "budget_eur"), _floats(calls, "granted_eur")
    cluster_roles = [
        (list(reference), list(synergy), int(members))
        for reference, synergy, members in zip(
            clusters["reference_ecosystems"],
            clusters["synergy_ecosystems"],
            clusters["members_total"],
            strict=True,
        )
    ]
    indicator_codes = [c if isinstance(c, str) else None for c in indicators["ecosystem"]]
    project_codes = [c if isinstance(c, str) else None for c in projects["ecosystem"]]
    counts = [int(n) for n in projects["projects"].tolist()]
    synthetic = [int(n) for n in projects["synthetic"].tolist()]
    funding = _floats(projects, "funding_eur")
    paid = "payments_eur" in projects
    payments = _floats(projects, "payments_eur") if paid else []
    bases = _floats(projects, "paid_base_eur") if paid else []

    keys: list[str | None] = list(codes)
    if any(not c for c in call_codes) or None in project_codes:
        keys.append(None)
    rows = []
    for code in keys:
        dedicated = [i for i, c in enumerate(call_codes) if (code in c if code else not c)]
        reference: list[int] = []  # members of each cluster serving as reference
        synergy: list[int] = []
        for ref, syn, members in cluster_roles:
            roles = role_of(ref, syn, code).split("_") if code is not None else []
            if "reference" in roles:
                reference.append(members)
            if "synergy" in roles:
                synergy.append(members)
        own = [i for i, c in enumerate(project_codes) if c == code]
        rows.append(
            {
                "code": code,
                "reference_clusters": len(reference),
                "synergy_clusters": len(synergy),
                "reference_members": sum(reference),
                "dedicated_calls": len(dedicated),
                "dedicated_budget_eur": series_sum([budgets[i] for i in dedicated]),
                "dedicated_granted_eur": series_sum([granted[i] for i in dedicated]),
                "indicators": _indicator_count(indicator_codes, code),
                "projects": sum(counts[i] for i in own),
                "project_funding_eur": series_sum([funding[i] for i in own]),
                "spending_progress": _progress([payments[i] for i in own], [bases[i] for i in own])
                if paid and own
                else None,
                "synthetic": sum(synthetic[i] for i in own),
            }
        )
    frame = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    frame["code"] = frame["code"].astype(object).where(frame["code"].notna(), None)
    return frame


def _indicator_count(codes: list[str | None], code: str | None) -> int:
    if code is None:
        return 0
    if code == CROSS_CUTTING:  # indicators without an ecosystem apply to all
        return sum(c is None or c == code for c in codes)
    return sum(c == code for c in codes)


def _progress(payments: list[float], bases: list[float]) -> float | None:
    """Payments ÷ funding of the projects whose payments are known; None ("n.d.") else."""
    paid, base = series_sum(payments), series_sum(bases)
    return ratio(None if pd.isna(paid) else paid, None if pd.isna(base) else base)


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
    return series_sum([float(v) for v in values if v is not None and not pd.isna(v)])


def _place_keys(projects: pd.DataFrame) -> list[str]:
    return ["province_code", "localisation"] if "localisation" in projects else ["province_code"]


def projects_by_province(projects: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """Projects linked to `code` summed by province, largest funding first."""
    own = projects["ecosystem"].isna() if code is None else projects["ecosystem"] == code
    return cube_sum(projects[own], _place_keys(projects))


def provinces_by_ecosystem(projects: pd.DataFrame) -> dict[str | None, pd.DataFrame]:
    """`projects_by_province` of every ecosystem with projects, keyed by code (None: none).

    One group-by for all the cards of the page instead of one per card: on frames of a few
    dozen rows pandas' cost is per call, not per row.
    """
    keys = _place_keys(projects)
    every = small_cube_sum(projects, ["ecosystem", *keys])  # "" for projects without one
    rows: dict[str, list[int]] = {}  # code → positions, largest funding first (as summed)
    for position, code in enumerate(every.pop("ecosystem").tolist()):
        rows.setdefault(code, []).append(position)
    # One take puts each ecosystem's rows together; each frame is then a slice of it (a take
    # per ecosystem cost three times as much).
    grouped = every.take([i for positions in rows.values() for i in positions])
    frames: dict[str | None, pd.DataFrame] = {}
    start = 0
    for code, positions in rows.items():
        frame = grouped.iloc[start : start + len(positions)]
        frame.index = pd.RangeIndex(len(positions))
        frames[str(code) or None] = frame
        start += len(positions)
    return frames
