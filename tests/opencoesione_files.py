"""OpenCoesione-format project files written by the tests, from the documented columns.

The layout follows the OpenCoesione open-data CSV: `;` separated, UTF-8, decimal comma,
dates as YYYYMMDD, the documented column names, plus a few columns the importer ignores.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

COLUMNS = [
    "COD_LOCALE_PROGETTO",
    "CUP",
    "OC_TITOLO_PROGETTO",
    "OC_TEMA_SINTETICO",
    "FINANZ_TOTALE_PUBBLICO",
    "COD_REGIONE",  # ignored by the importer, as every column it does not use
    "DEN_REGIONE",
    "COD_PROVINCIA",
    "DEN_PROVINCIA",
    "OC_DATA_INIZIO_PROGETTO",
    "OC_DATA_FINE_PROGETTO_PREVISTA",
    "OC_DATA_FINE_PROGETTO_EFFETTIVA",
    "COD_PROCED_ATTIVAZIONE",
    "OC_FINANZ_UE_NETTO",
]
PROVINCES = [("15", "MILANO"), ("016", "BERGAMO"), ("17", "BRESCIA"), ("108", "MONZA")]
THEMES = ["Agenda digitale", "Energia", "Ricerca e innovazione", "Cultura e turismo"]


def oc_row(n: int, **overrides: str) -> dict[str, str]:
    """Project number n, valid, with a spread of provinces, themes and amounts."""
    code, name = PROVINCES[n % len(PROVINCES)]
    row = {
        "COD_LOCALE_PROGETTO": f"1LOMBFESR{n:07d}",
        "CUP": f"E12F2300{n:07d}"[:15],
        "OC_TITOLO_PROGETTO": f"Progetto di ricerca n. {n}; «prova»",
        "OC_TEMA_SINTETICO": THEMES[n % len(THEMES)],
        "FINANZ_TOTALE_PUBBLICO": f"{1000 + n},{n % 100:02d}",
        "COD_REGIONE": "03",
        "DEN_REGIONE": "LOMBARDIA",
        "COD_PROVINCIA": code,
        "DEN_PROVINCIA": name,
        "OC_DATA_INIZIO_PROGETTO": f"2024{1 + n % 12:02d}15",
        "OC_DATA_FINE_PROGETTO_PREVISTA": "20261231",
        "OC_DATA_FINE_PROGETTO_EFFETTIVA": "",
        "COD_PROCED_ATTIVAZIONE": f"{100 + n % 3}",
        "OC_FINANZ_UE_NETTO": "12,5",
    }
    row.update(overrides)
    return row


def oc_bytes(
    rows: list[dict[str, str]], columns: list[str] | None = None, delimiter: str = ";"
) -> bytes:
    """The rows as an OpenCoesione CSV (UTF-8, `;`, every cell quoted as OpenCoesione does)."""
    columns = columns or COLUMNS
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8")


def write_oc_file(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write the rows to `path` and return it."""
    path.write_bytes(oc_bytes(rows))
    return path


def write_file_with_a_nul_byte(path: Path) -> bytes:
    """600 projects with a NUL byte in row 552's title, past the first 64 KB (the block
    dispatch reads to recognise the format), written to `path`; its bytes."""
    place = {"COD_REGIONE": "003", "COD_PROVINCIA": "003015", "DEN_PROVINCIA": "MILANO"}
    rows = [oc_row(n, **place) for n in range(600)]
    rows[550]["OC_TITOLO_PROGETTO"] = "Pro\x00getto"
    content = oc_bytes(rows)
    assert content.index(b"\x00") > 64 * 1024
    path.write_bytes(content)
    return content


def assert_refused_by_the_generic_reader(url: str, path: Path, content: bytes) -> None:
    """`s3dash import projects PATH` gives the generic reader's answer: the NUL byte's row
    and column, one attempt recorded (and none by the streaming importer)."""
    from sqlalchemy import select

    from data.db import session_scope
    from data.importers.dispatch import import_file, import_path
    from data.models import ImportBatch

    result = import_path(url, "projects", path)
    generic = import_file(url, "projects", content, path.name)
    answer = [(p.row, p.column, p.message) for p in result.problems]
    assert answer == [(p.row, p.column, p.message) for p in generic.problems]
    # (The generic reader names the column as the header spells it: quotes included.)
    assert [(row, column) for row, column, _ in answer] == [(552, '"OC_TITOLO_PROGETTO"')]
    assert "NUL" in answer[0][2]
    with session_scope(url) as session:
        stmt = select(ImportBatch.outcome).where(ImportBatch.file_name == path.name)
        assert list(session.scalars(stmt)) == ["refused", "refused"]


# --- the real export in ../shared/data (see its README) ------------------------------------

REAL_EXPORT = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "opencoesione"
    / "progetti_esteso_CULTURA_TURISMO_2021-2027_20250430.csv"
)
# Read from the file (data/README.md of ../shared): 872 projects, 12 in Lombardy, the
# others in other regions, national (COD_REGIONE 000) or abroad (997); 2 end before they
# start, both outside Lombardy.
REAL_SKIPPED = {"other_region": 750, "national": 44, "abroad": 66}
REAL_WARNINGS = 2


def real_export() -> Path:
    """The real OpenCoesione export (the test skips, or fails in CI, when it is absent)."""
    if not REAL_EXPORT.exists():
        from tests.conftest import skip_or_fail

        skip_or_fail(f"{REAL_EXPORT} not found: the shared real data sit beside the clone")
    return REAL_EXPORT


def real_lombardy_rows() -> pd.DataFrame:
    """The rows of the real export localised in Lombardy, read by pandas on its own."""
    frame = pd.read_csv(real_export(), sep=";", dtype=str, keep_default_na=False)
    lombardy = frame["COD_REGIONE"].str.split(":::").map(lambda parts: "003" in parts)
    return frame[lombardy]


def euro_sum(rows: pd.DataFrame, column: str) -> float:
    """A pandas sum of an OpenCoesione amount column (decimal comma), to the cent."""
    return round(float(pd.to_numeric(rows[column].str.replace(",", ".")).sum()), 2)


def import_real_export(url: str) -> str:
    """`s3dash import projects` of the real export into `url`; asserts success, the
    Lombardy scope, the skip counts and the warnings; returns the command's output."""
    from click.testing import CliRunner

    from data.cli import main

    env = {"DATABASE_URL": url, "S3DASH_LANG": "en"}
    done = CliRunner().invoke(main, ["import", "projects", str(real_export())], env=env)
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert "projects: 12 rows imported — 12 new" in out
    assert "860 rows are not about Lombardy and were skipped: 750 in other regions, " in out
    assert "44 national, 66 abroad." in out
    assert f"{REAL_WARNINGS} warnings (inconsistencies of the source" in out
    assert "0 of 12 projects linked to a call" in out
    return out
