"""The shared ecosystem filter applied to frames (pure: no DB, no Dash).

Rows that serve every ecosystem (no ecosystem, or the cross-cutting bucket) stay in a
filtered view, because they serve the selected ecosystem too; pages label them as such.
Funded projects are the exception: one without an ecosystem is unassigned, and stays out.
"""

from __future__ import annotations

import pandas as pd

CROSS_CUTTING = "trasversale"


def serves_ecosystem(codes: object, ecosystem: str) -> bool:
    """True when a row with these ecosystem code(s) serves `ecosystem`."""
    if codes is None or (isinstance(codes, float) and pd.isna(codes)) or codes == "":
        return True  # no ecosystem given: it serves all
    listed = [codes] if isinstance(codes, str) else list(codes)  # type: ignore[call-overload]
    return not listed or ecosystem in listed or CROSS_CUTTING in listed


def filter_by_ecosystem(frame: pd.DataFrame, column: str, ecosystem: str | None) -> pd.DataFrame:
    """Rows of `frame` whose `column` (a code or a list of codes) serves `ecosystem`."""
    if not ecosystem:
        return frame
    mask = frame[column].map(lambda codes: serves_ecosystem(codes, ecosystem))
    return frame[mask.astype(bool)]


def filter_projects_by_ecosystem(
    frame: pd.DataFrame, column: str, ecosystem: str | None
) -> pd.DataFrame:
    """Rows of a project frame whose ecosystem `column` is `ecosystem` or cross-cutting.

    A project without an ecosystem is unassigned (no mapping rule matched it), not open
    to all as a call without one is: a filtered view leaves it out, as
    data.project_queries does in SQL.
    """
    if not ecosystem:
        return frame
    return frame[frame[column].isin([ecosystem, CROSS_CUTTING])]
