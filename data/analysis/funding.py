"""Funding arithmetic on the calls frame: derived ratios, breakdowns, the money flow.

Pure functions on DataFrames (no database, no Dash). A missing figure stays missing: a
ratio needs both of its figures, a sum of nothing is NaN ("n.d."), never 0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from data.analysis.sums import group_sum
from data.project_queries import AGGREGATE_COLUMNS

MONEY = ("budget_eur", "requested_eur", "granted_eur")
COUNTS = ("applications", "beneficiaries", "partners")
BREAKDOWNS = ("programme", "year", "ecosystem", "instrument")
RATIOS = ("oversubscription", "admission_rate", "average_grant_eur")


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """One quotient of two figures; None ("n.d.") when either is missing or the base is 0."""
    if numerator is None or denominator is None or pd.isna(numerator) or pd.isna(denominator):
        return None
    if denominator <= 0:
        return None
    return float(numerator) / float(denominator)


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    num, den = _float(numerator), _float(denominator)
    # On the arrays: four Series operations cost more than the arithmetic on a page's groups.
    n, d = num.to_numpy(), den.to_numpy()
    with np.errstate(all="ignore"):  # as pandas: inf or NaN, masked below
        quotient = n / d
    known = ~np.isnan(n) & ~np.isnan(d) & (d > 0)
    return pd.Series(np.where(known, quotient, np.nan), index=num.index)


def _float(values: pd.Series) -> pd.Series:
    """`values` as float64 (what is not a number: NaN); a float64 column as it is."""
    if values.dtype == "float64":
        return values
    return pd.to_numeric(values, errors="coerce").astype("float64")


def with_ratios(calls: pd.DataFrame) -> pd.DataFrame:
    """`calls` plus oversubscription, admission_rate (+ its basis) and average_grant_eur.

    - oversubscription = requested / budget;
    - admission rate = admitted / applications, or beneficiaries / applications when the
      admitted count is not given (`admission_basis` says which). Beneficiaries can
      outnumber applications (every partner of a joint application is one): such a
      quotient is not a rate, so it stays missing;
    - average grant = granted / beneficiaries.
    """
    frame = calls.copy()
    frame["oversubscription"] = _ratio(frame["requested_eur"], frame["budget_eur"])
    admitted = _ratio(frame["admitted"], frame["applications"])
    by_beneficiaries = _ratio(frame["beneficiaries"], frame["applications"])
    by_beneficiaries = by_beneficiaries.where(by_beneficiaries <= 1)
    frame["admission_rate"] = admitted.fillna(by_beneficiaries)
    frame["admission_basis"] = [
        "admitted" if pd.notna(a) else ("beneficiaries" if pd.notna(b) else None)
        for a, b in zip(admitted, by_beneficiaries, strict=True)
    ]
    frame["average_grant_eur"] = _ratio(frame["granted_eur"], frame["beneficiaries"])
    return frame


def _keys(calls: pd.DataFrame, by: str) -> list[list[str | None]]:
    """Each call's keys: one, or for `ecosystem` one per ecosystem it serves (None: none)."""
    if by == "ecosystem":
        return [list(codes) if len(codes) else [None] for codes in calls["ecosystems"]]
    if by == "year":
        return [[None if pd.isna(y) else str(int(y))] for y in calls["year"]]
    return [[v if isinstance(v, str) and v.strip() else None] for v in calls[by]]


def _figures(calls: pd.DataFrame, column: str) -> tuple[list[float], bool]:
    """A figure column as a list, and whether pandas would sum it as integers."""
    values = calls[column]
    if values.dtype.kind not in "iuf":  # e.g. all missing: object; numbers as pandas reads them
        values = pd.to_numeric(values, errors="coerce")
    integer = values.dtype.kind in "iu"
    return values.tolist() if integer else values.astype("float64").tolist(), integer


def breakdown(calls: pd.DataFrame, by: str) -> pd.DataFrame:
    """Calls summed by programme, year, ecosystem or instrument.

    Columns: key (None: not given), calls, the money and count columns (sums of the given
    figures; NaN when no call of the group gives one), budget_known (calls with a budget).
    Sorted by budget, then granted, largest first (years in time order); the group without
    a key comes last.

    Summed on lists (a page has four breakdowns of a few dozen calls, where pandas' cost
    was per call), with `sums.group_sum`: the same floats a pandas group-by gives.
    """
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}")
    return breakdowns(calls, (by,))[by]


def breakdowns(calls: pd.DataFrame, bys: tuple[str, ...] = BREAKDOWNS) -> dict[str, pd.DataFrame]:
    """`breakdown(calls, by)` for each of `bys`, the figure columns read once for all."""
    figures = {} if calls.empty else {c: _figures(calls, c) for c in (*MONEY, *COUNTS)}
    return {by: _summed(calls, by, figures) for by in bys}


def _summed(
    calls: pd.DataFrame, by: str, figures: dict[str, tuple[list[float], bool]]
) -> pd.DataFrame:
    columns = ["key", "calls", *MONEY, *COUNTS, "budget_known"]
    if calls.empty:
        return pd.DataFrame(columns=columns)
    groups: dict[str | None, list[int]] = {}  # key → row positions, in first-seen order
    for position, keys in enumerate(_keys(calls, by)):
        for key in keys:
            groups.setdefault(key, []).append(position)
    rows: list[dict[str, Any]] = []
    for key, members in groups.items():
        row: dict[str, Any] = {"key": key, "calls": len(members)}
        for column, (values, integer) in figures.items():
            picked = [values[i] for i in members]
            row[column] = sum(picked) if integer else group_sum(picked)
        row["budget_known"] = sum(v == v for v in (figures["budget_eur"][0][i] for i in members))
        rows.append(row)
    order: Callable[[dict[str, Any]], tuple[Any, ...]] = (
        _year_order if by == "year" else _budget_order
    )
    rows.sort(key=order)
    summary = pd.DataFrame(rows, columns=columns)
    summary["key"] = summary["key"].astype(object).where(summary["key"].notna(), None)
    return summary


def _year_order(row: dict[str, Any]) -> tuple[bool, str]:
    return row["key"] is None, str(row["key"] or "")


def _budget_order(row: dict[str, Any]) -> tuple[bool, bool, float, bool, float, str]:
    """Largest budget, then granted, first; a missing figure after the known ones."""
    budget, granted = float(row["budget_eur"]), float(row["granted_eur"])
    return (
        row["key"] is None,
        budget != budget,
        -budget if budget == budget else 0.0,
        granted != granted,
        -granted if granted == granted else 0.0,
        str(row["key"] or ""),
    )


def flow_links(calls: pd.DataFrame, measure: str = "budget_eur") -> pd.DataFrame:
    """Programme → ecosystem → call links carrying `measure` (calls without it left out).

    A call serving several ecosystems is split equally among them here only, so that the
    flow adds up to the calls' total; the breakdowns count it in full in each ecosystem.
    Columns: source_kind, source, target_kind, target, value. Keys are None when the
    programme or ecosystem is not given.
    """
    rows: list[tuple[str, str | None, str, str | None, float]] = []
    for _, call in calls.iterrows():
        value = pd.to_numeric(call[measure], errors="coerce")
        if pd.isna(value) or value <= 0:
            continue
        programme = call["programme"] if isinstance(call["programme"], str) else ""
        ecosystems = list(call["ecosystems"]) or [None]
        share = float(value) / len(ecosystems)
        for ecosystem in ecosystems:
            rows.append(("programme", programme.strip() or None, "ecosystem", ecosystem, share))
            rows.append(("ecosystem", ecosystem, "call", call["code"], share))
    frame = pd.DataFrame(rows, columns=["source_kind", "source", "target_kind", "target", "value"])
    if frame.empty:
        return frame
    keys = ["source_kind", "source", "target_kind", "target"]
    return frame.groupby(keys, dropna=False, sort=False)["value"].sum().reset_index()


def ranked(calls: pd.DataFrame, measure: str, top: int = 15) -> pd.DataFrame:
    """The `top` calls by `measure`, largest first; calls without it left out."""
    frame = calls[pd.to_numeric(calls[measure], errors="coerce").notna()]
    return frame.sort_values(measure, ascending=False, kind="stable").head(top)


def cube_sum(cube: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The project aggregate `cube` (data.project_queries.funding_cube) summed by `keys`.

    Columns: the keys ("" for a missing text key), the aggregate columns of the cube
    (projects, funding_eur — NaN when no amount is known — funded, synthetic, …) and
    spending_progress; largest funding first.
    """
    sums = [c for c in AGGREGATE_COLUMNS if c in cube.columns]
    columns = [*keys, *sums, "spending_progress"]
    if cube.empty:
        return pd.DataFrame(columns=columns)
    # Text keys: a missing one (no call, no province) becomes "" so that groupby keeps it
    # (most keys have none: their column is used as it is, without a copy of the cube).
    text_keys = [k for k in keys if not pd.api.types.is_numeric_dtype(cube[k]) and cube[k].hasnans]
    frame = cube.assign(**{k: cube[k].astype(object).fillna("") for k in text_keys})
    # min_count=1: a group where no amount is known stays NaN ("n.d."), not 0.
    summary = frame.groupby(keys, sort=False, as_index=False)[sums].sum(min_count=1)
    summary["spending_progress"] = spending_progress(summary)
    return summary.take(largest_first(summary, keys))[columns].reset_index(drop=True)


def largest_first(summary: pd.DataFrame, keys: list[str]) -> list[int]:
    """Positions of `summary`'s rows by funding_eur, largest first, then by `keys`; NaN last.

    The order `sort_values(["funding_eur", *keys], ascending=[False, True, …])` gives, as a
    Python sort: sort_values factorized every key column, most of cube_sum's time on a few
    dozen groups (a tie it leaves keeps the rows' order, as Python's sort does).
    """
    return _largest_first(summary["funding_eur"].tolist(), [summary[k].tolist() for k in keys])


def _largest_first(funding: list[float], keys: list[list[Any]]) -> list[int]:
    """`largest_first` on the columns as lists."""

    def last_if_nan(value: Any) -> tuple[bool, Any]:
        # NaN never equals itself: it would end the comparison of two rows there.
        return (True, 0) if value != value else (False, value)

    largest = [-v if v == v else v for v in funding]
    rows = [(last_if_nan(f), *(last_if_nan(c[i]) for c in keys)) for i, f in enumerate(largest)]
    return sorted(range(len(rows)), key=rows.__getitem__)


def small_cube_sum(cube: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """`cube_sum(cube, keys)`, the same frame, summed on lists: for a cube of a few hundred rows.

    pandas' group-by, its sort and the frame built around them cost more than the sums on
    the ecosystems page's 96 rows. Counts are summed as Python ints (int64 in pandas: the same
    whole numbers), money with `sums.group_sum` (pandas' Kahan sum, bit for bit), groups in
    the order they first appear (`sort=False`). A cube this does not cover (a numeric key
    with gaps, which the group-by would drop; a column neither int64 nor float64) goes to
    `cube_sum`.
    """
    sums = [c for c in AGGREGATE_COLUMNS if c in cube.columns]
    dtypes = {c: str(cube[c].dtype) for c in sums}
    numeric_gaps = any(pd.api.types.is_numeric_dtype(cube[k]) and cube[k].hasnans for k in keys)
    if cube.empty or numeric_gaps or not set(dtypes.values()) <= {"int64", "float64"}:
        return cube_sum(cube, keys)
    # Text keys as cube_sum has them: a missing one is "" (its column then of object dtype).
    filled = {k: cube[k].astype(object).fillna("") for k in keys if cube[k].hasnans}
    key_columns = {k: filled[k] if k in filled else cube[k] for k in keys}
    groups: dict[tuple[Any, ...], list[int]] = {}
    for position, key in enumerate(zip(*(c.tolist() for c in key_columns.values()), strict=True)):
        groups.setdefault(key, []).append(position)
    values = {c: cube[c].tolist() for c in sums}
    summed: dict[str, list[Any]] = {
        c: [
            sum(column[i] for i in rows)
            if dtypes[c] == "int64"
            else group_sum(column[i] for i in rows)
            for rows in groups.values()
        ]
        for c, column in values.items()
    }
    group_keys = [list(k) for k in zip(*groups, strict=True)]  # a cube with rows has groups
    summed["spending_progress"] = _progress_list(summed)
    order = _largest_first(summed["funding_eur"], group_keys)
    # pd.array, then the frame, infer a key's dtype as the group-by's result does (a text
    # key filled with "" comes back as text); tested against cube_sum.
    key_dtypes: dict[str, Any] = {k: column.dtype for k, column in key_columns.items()}
    columns: dict[str, Any] = {
        k: pd.array([column[i] for i in order], dtype=key_dtypes[k])
        for k, column in zip(keys, group_keys, strict=True)
    }
    for name, column in summed.items():
        dtype = dtypes.get(name, "float64")  # spending_progress: float64
        columns[name] = np.array([column[i] for i in order], dtype=dtype)
    return pd.DataFrame(columns)


def _progress_list(summed: dict[str, list[Any]]) -> list[float]:
    """`spending_progress` of each group, on lists: payments ÷ base where both are known."""
    if "payments_eur" not in summed or "paid_base_eur" not in summed:
        return [float("nan")] * len(summed["funding_eur"])
    return [
        p / b if p == p and b == b and b > 0 else float("nan")
        for p, b in zip(summed["payments_eur"], summed["paid_base_eur"], strict=True)
    ]


def spending_progress(frame: pd.DataFrame) -> pd.Series:
    """Payments ÷ funding of the projects whose payments are known; NaN ("n.d.") else.

    Never 0 for a missing figure: a group with no known payment has no progress to show.
    """
    if "payments_eur" not in frame or "paid_base_eur" not in frame:
        return pd.Series(float("nan"), index=frame.index)
    return _ratio(frame["payments_eur"], frame["paid_base_eur"])
