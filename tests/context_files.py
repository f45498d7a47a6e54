"""Eurostat context files for the tests: rows of the shipped files (data/context/), filtered.

Taken byte for byte from the shipped files, so the values a test checks are the real ones
(Lombardy's GERD in 2019 is 1.34% of GDP in rd_e_gerdreg_total_pc_gdp.csv).
"""

from __future__ import annotations

from collections.abc import Collection

from data.context import CONTEXT_DIR, DEFAULT_PEERS, EU, ITALY, LOMBARDY, import_eurostat

REGIONS = (LOMBARDY, ITALY, EU, *DEFAULT_PEERS)
GERD = "rd_e_gerdreg_total_pc_gdp"


def shipped_rows(measure: str, regions: Collection[str] | None = REGIONS) -> bytes:
    """The shipped file of `measure`, keeping the header and the rows of `regions`.

    With regions None, every row; the NUTS-2 regions the rank counts are kept otherwise
    only when listed, so callers that need ranks pass None.
    """
    lines = (CONTEXT_DIR / f"{measure}.csv").read_bytes().splitlines(keepends=True)
    if regions is None:
        return b"".join(lines)
    wanted = {r.encode() for r in regions}
    return lines[0] + b"".join(line for line in lines[1:] if line.split(b",")[3] in wanted)


def load_context(
    url: str, measures: Collection[str] = (GERD,), regions: Collection[str] | None = REGIONS
) -> None:
    """Import these measures' rows through the Eurostat importer (raises if refused)."""
    for measure in measures:
        result = import_eurostat(
            url, shipped_rows(measure, regions), f"{measure}.csv", extracted="2022-03"
        )
        if not result.ok:
            raise AssertionError(result.summary())
