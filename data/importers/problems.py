"""What is wrong with an import file: the first stage, which every other importer module uses.

A module of its own so that the readers (data.importers.reading, .opencoesione) can word
their problems without importing the checks that come after them.
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
