"""Which funding call an OpenCoesione activation procedure is: data/config/procedure_calls.csv.

OpenCoesione names the procedure that selected a project (`COD_PROCED_ATTIVAZIONE`, e.g.
`PRATT38860`) but not the Region's call code. The table from one to the other is
configuration reviewed like code (data/config/README.md). `load_procedure_calls` checks the
whole file against the calls in the database and raises MappingError listing every bad row:
an import never links a project to a call that does not exist.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib import resources
from pathlib import Path

from data.ecosystem_mapping import MappingError, config_rows

COLUMNS = ("procedure_code", "call_code", "notes")
CONFIG_NAME = "data/config/procedure_calls.csv"


def load_procedure_calls(
    known_calls: Collection[str] | None, path: Path | None = None
) -> dict[str, str]:
    """Procedure code → call code; `known_calls` None skips the check (previews only)."""
    if path is None:
        text = (resources.files("data") / "config" / "procedure_calls.csv").read_text("utf-8")
        name = CONFIG_NAME
    else:
        text, name = path.read_text(encoding="utf-8"), str(path)
    return parse_procedure_calls(text, name, known_calls)


def parse_procedure_calls(
    text: str, name: str, known_calls: Collection[str] | None
) -> dict[str, str]:
    """Parse the table; MappingError names the file and every bad row."""
    known = None if known_calls is None else set(known_calls)
    table: dict[str, str] = {}
    rows, errors = config_rows(text, name, COLUMNS)
    for number, cells in rows:
        procedure, call = cells[0].strip(), cells[1].strip()
        if not procedure or not call:
            errors.append(f"row {number}: procedure_code and call_code are both required")
        elif procedure in table:
            errors.append(f'row {number}: procedure "{procedure}" is mapped twice')
        elif known is not None and call not in known:
            errors.append(f'row {number}: unknown call code "{call}"')
        else:
            table[procedure] = call
    if errors:
        raise MappingError(f"{name}: " + "; ".join(errors))
    return table
