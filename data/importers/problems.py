"""What is wrong with an import file: the first stage every importer module builds on.

Kept apart from the reading and checking (data.validation) so that the OpenCoesione reader,
which data.validation itself calls, can word its problems without importing it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The name of the frame index holding each row's number in the file.
ROW_INDEX_NAME = "row"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file; `row` 1 is the header, None the whole file."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in `import_batch.errors`."""
        return {"row": self.row, "column": self.column, "message": self.message}
