"""The ecosystem filter, written once: what serves an ecosystem, in pandas and in SQL.

`EcosystemScope(code)` answers for every page, the forecasts and the report which
indicators, calls, clusters and funded projects a view filtered by `?ecosystem=` shows:

- indicators and calls: those linked to the ecosystem or to the cross-cutting bucket, and
  those linked to none (the source gives none: they serve every ecosystem); pages label
  them as such;
- clusters: those whose reference ecosystem or S3 synergies include it (`role_of`);
- funded projects: those linked to it or to the cross-cutting bucket. A project without an
  ecosystem is unassigned (no mapping rule matched it: data/config/ecosystem_mapping.csv),
  not open to all as a call without one is, so a filtered view leaves it out. Projects are
  filtered in SQL only (`project_clause`): the table may hold a million rows.

`EcosystemScope(None)` is the unfiltered view. Pure apart from building the SQL clause
(no session, no Dash).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, select

from data.analysis.missing import is_missing
from data.models import Ecosystem, Project

CROSS_CUTTING = "trasversale"  # the code of the bucket of measures that serve every ecosystem
# How a cluster serves an ecosystem (the clusters page's matrix shows each).
ROLES = ("reference_synergy", "reference", "synergy")


def is_cross_cutting(code: object) -> bool:
    """True for the cross-cutting bucket's code."""
    return code == CROSS_CUTTING


def role_of(reference: Sequence[str], synergy: Sequence[str], ecosystem: str) -> str:
    """How a cluster serves an ecosystem: one of ROLES, or "" when it does not."""
    is_reference, is_synergy = ecosystem in reference, ecosystem in synergy
    if is_reference and is_synergy:
        return "reference_synergy"
    if is_reference:
        return "reference"
    return "synergy" if is_synergy else ""


def s3_ecosystems(ecosystems: pd.DataFrame) -> pd.DataFrame:
    """The S3 ecosystems of an ecosystems frame, without the cross-cutting bucket."""
    return ecosystems[~ecosystems["code"].map(is_cross_cutting).astype(bool)]


def _no_codes(codes: object) -> bool:
    return is_missing(codes) or codes == ""


@dataclass(frozen=True)
class EcosystemScope:
    """What a view filtered by one ecosystem (None: unfiltered) shows."""

    ecosystem: str | None = None

    def serves(self, codes: object) -> bool:
        """True when a row linked to these ecosystem code(s) (one, a list, or none) serves it."""
        if not self.ecosystem or _no_codes(codes):
            return True  # no filter, or no ecosystem given: it serves all
        listed: list[object] = [codes]  # one code
        if isinstance(codes, Iterable) and not isinstance(codes, str):
            listed = list(codes)
        return not listed or self.ecosystem in listed or CROSS_CUTTING in listed

    def rows(self, frame: pd.DataFrame, column: str) -> pd.DataFrame:
        """Rows of `frame` whose `column` (a code or a list of codes) serves the ecosystem."""
        if not self.ecosystem:
            return frame
        return frame[frame[column].map(self.serves).astype(bool)]

    def indicators(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Indicators (column `ecosystem`: a code or None) serving the ecosystem."""
        return self.rows(frame, "ecosystem")

    def calls(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Calls (column `ecosystems`: a list of codes) serving the ecosystem."""
        return self.rows(frame, "ecosystems")

    def clusters(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Clusters whose reference ecosystem or S3 synergies include the ecosystem."""
        if not self.ecosystem:
            return frame
        serves = [
            role_of(reference, synergy, self.ecosystem) != ""
            for reference, synergy in zip(
                frame["reference_ecosystems"], frame["synergy_ecosystems"], strict=True
            )
        ]
        return frame[pd.Series(serves, index=frame.index, dtype=bool)]

    def project_codes(self) -> tuple[str, ...] | None:
        """The ecosystem codes a serving project is linked to; None: every project."""
        return (self.ecosystem, CROSS_CUTTING) if self.ecosystem else None

    def project_clause(self) -> ColumnElement[bool] | None:
        """The SQL condition on `project` for the projects serving it; None: no condition.

        The linked ecosystem ids are resolved by a sub-query: an IN on the indexed column,
        no join on the big table.
        """
        codes = self.project_codes()
        if codes is None:
            return None
        serving = select(Ecosystem.id).where(Ecosystem.code.in_(codes))
        return Project.ecosystem_id.in_(serving)
