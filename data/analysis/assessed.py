"""Assessments kept as plain rows, and read back as Assessments only where a page shows them.

The overview keeps every indicator's assessment per data version (callbacks/overview.py) and
reads it back on every page it builds: a thousand `Assessment` objects took ~3.5 ms to
unpickle, their rows of plain values a quarter of that. A page counts every status but
shows a few dozen assessments (24 gauges, a page of the table), so `AssessedRows` builds
an `Assessment` only when one is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from data.analysis.attainment import ASSESSMENT_COLUMNS, Assessment

Row = tuple[Any, ...]  # an Assessment's fields, in ASSESSMENT_COLUMNS order
STATUS = ASSESSMENT_COLUMNS.index("status")


def as_row(assessment: Assessment) -> Row:
    """The assessment's fields, in order (`Assessment(*row)` gives it back)."""
    return tuple(getattr(assessment, name) for name in ASSESSMENT_COLUMNS)


class AssessedRows(Sequence[Assessment]):
    """A list of assessments held as rows; an item is built when it is read."""

    def __init__(self, rows: Iterable[Row]) -> None:
        """The assessments of `rows` (from `as_row`), in their order."""
        self._rows = list(rows)

    def __len__(self) -> int:
        """How many assessments."""
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Assessment: ...

    @overload
    def __getitem__(self, index: slice) -> list[Assessment]: ...

    def __getitem__(self, index: int | slice) -> Assessment | list[Assessment]:
        """The assessment at `index`, or a list of those in a slice."""
        if isinstance(index, slice):
            return [Assessment(*row) for row in self._rows[index]]
        return Assessment(*self._rows[index])

    def __iter__(self) -> Iterator[Assessment]:
        """Every assessment, in order."""
        return (Assessment(*row) for row in self._rows)

    @property
    def statuses(self) -> list[str]:
        """Every assessment's status, without building the assessments."""
        return [row[STATUS] for row in self._rows]
