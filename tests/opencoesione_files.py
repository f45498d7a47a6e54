"""OpenCoesione-format project files written by the tests, from the documented columns.

The layout follows the OpenCoesione open-data CSV: `;` separated, UTF-8, decimal comma,
dates as YYYYMMDD, the documented column names, plus a few columns the importer ignores.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

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


def write_oc_file(path: Path, rows: list[dict[str, str]], **options: object) -> Path:
    """Write the rows to `path` and return it."""
    path.write_bytes(oc_bytes(rows, **options))  # type: ignore[arg-type]
    return path
