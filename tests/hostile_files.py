"""A corpus of malformed import files, generated (nothing big is committed).

Each case: the KIND, the file name and bytes, and what the refusal must say — a fragment of
the message, and the row and column when the problem has a place. Used on SQLite
(tests/unit/test_hostile_files.py) and on PostgreSQL (tests/integration/), which must give
the same answers. The zip bomb is built separately (`zip_bomb`): it is large.
"""

from __future__ import annotations

import copy
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from tests.unit.conftest import SAMPLES, to_csv


@dataclass(frozen=True)
class Case:
    """One malformed file and the refusal it must get."""

    kind: str
    name: str
    content: bytes
    message: str
    row: int | None = None
    column: str | None = None


def _rows(kind: str, **changes: str) -> list[dict[str, str]]:
    rows = copy.deepcopy(SAMPLES[kind])
    rows[0].update(changes)
    return rows


def _csv(kind: str, **changes: str) -> bytes:
    return to_csv(_rows(kind, **changes))


def _crlf(content: bytes) -> bytes:
    return content.replace(b"\n", b"\r\n")


def corpus() -> list[Case]:
    """Every malformed file but the bomb."""
    ecosystems = _crlf(to_csv(SAMPLES["ecosystems"])).decode()
    projects = _crlf(to_csv(SAMPLES["projects"])).decode()
    return [
        # wrong encodings, with and without a byte-order mark
        Case("ecosystems", "utf16-bom-crlf.csv", ecosystems.encode("utf-16"), "UTF-16"),
        Case("ecosystems", "utf16le-crlf.csv", ecosystems.encode("utf-16-le"), "UTF-16"),
        Case("ecosystems", "utf16be.csv", ecosystems.encode("utf-16-be"), "UTF-16"),
        Case("ecosystems", "utf32-bom.csv", ecosystems.encode("utf-32"), "UTF-32"),
        Case("ecosystems", "utf32le.csv", ecosystems.encode("utf-32-le"), "UTF-32"),
        Case("projects", "projects-utf16-bom-crlf.csv", projects.encode("utf-16"), "UTF-16"),
        Case("projects", "projects-utf16le.csv", projects.encode("utf-16-le"), "UTF-16"),
        # a NUL byte in a cell; an over-long cell
        Case("ecosystems", "nul.csv", _csv("ecosystems", name_it="Mani\x00fattura"), "NUL", 2,
             "name_it"),
        Case("projects", "projects-nul.csv", _csv("projects", title="Pro\x00getto"), "NUL", 2,
             "title"),
        Case("ecosystems", "long-cell.csv", _csv("ecosystems", name_en="x" * 200_000),
             "200,000 characters", 2, "name_en"),
        # numbers that are not finite, or overflow
        Case("observations", "inf.csv", _csv("observations", value="inf"), "not a number", 2,
             "value"),
        Case("observations", "nan.csv", _csv("observations", value="nan"), "not a number", 2,
             "value"),
        Case("observations", "1e308.csv", _csv("observations", value="1e308"), "too large", 2,
             "value"),
        Case("observations", "1e400.csv", _csv("observations", value="-1e400"), "too large", 2,
             "value"),
        Case("headlines", "headline-huge.csv", _csv("headlines", value="9e99"), "too large", 2,
             "value"),
        # product-format projects: provinces as strict as in the OpenCoesione format
        Case("projects", "province-999.csv", _csv("projects", province_code="999"),
             "not the ISTAT code of a Lombardy province", 2, "province_code"),
        Case("projects", "province-15.csv", _csv("projects", province_code="15"),
             "not the ISTAT code of a Lombardy province", 2, "province_code"),
        # calls whose figures contradict each other
        Case("calls", "closes-before-opening.csv",
             _csv("calls", opened_on="2024-05-01", closed_on="2024-04-30"),
             "closes (2024-04-30) before it opens (2024-05-01)", 2, "closed_on"),
        Case("calls", "admits-more.csv", _csv("calls", applications="10", admitted="11"),
             "admits 11 applications but received only 10", 2, "admitted"),
        Case("calls", "grants-more.csv",
             _csv("calls", requested_eur="1000.00", granted_eur="1000.01"),
             "more than the 1000.00 EUR requested", 2, "granted_eur"),
        # workbooks that are not ordinary spreadsheets
        Case("ecosystems", "many-entries.xlsx", _zip({f"x/{i}.xml": b"<a/>" for i in range(300)}),
             "300 parts"),
        Case("ecosystems", "ratio.xlsx", _zip({"xl/worksheets/sheet1.xml": b"<r/>" * 2_000_000}),
             "compressed"),
        Case("ecosystems", "not-a-zip.xlsx", b"PK\x03\x04 not really", "not a readable XLSX"),
    ]  # fmt: skip


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BOMB_BLOCK = b'<row><c t="n"><v>0</v></c></row>' * 32_000  # 1 MB of sheet XML
BOMB_BLOCKS = 1536  # 1.5 GB once expanded, as in the report
SHEET = "xl/worksheets/sheet1.xml"


def zip_bomb(blocks: int = BOMB_BLOCKS) -> bytes:
    """A real workbook whose one sheet expands to `blocks` MB (1.5 GB: about 4 MB on disk).

    Built without compressing 1.5 GB: after a full flush, deflate encodes the same block to
    the same bytes, so the compressed sheet is one compressed block repeated. The CRC is
    the real one and the other parts are openpyxl's own: the archive is a valid workbook
    all the way through, which openpyxl would read (for ten minutes and gigabytes).
    """
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    with zipfile.ZipFile(buffer) as template:
        parts = {name: template.read(name) for name in template.namelist()}
    sheet = parts[SHEET]
    # Without the template's <dimension ref="A1"/>, a reader must go through every row.
    head = re.sub(rb"<dimension[^>]*/>", b"", sheet[: sheet.index(b"<sheetData")])
    head += b"<sheetData>"
    tail = b"</sheetData></worksheet>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    unit = compressor.compress(BOMB_BLOCK) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(BOMB_BLOCK) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert unit == again, "deflate did not repeat itself"
    data = start + unit * blocks + compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(blocks):
        crc = zlib.crc32(BOMB_BLOCK, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(BOMB_BLOCK) * blocks + len(tail)
    entries: list[tuple[str, bytes, tuple[int, int] | None]] = [
        (name, content, None) for name, content in parts.items() if name != SHEET
    ]
    entries.append((SHEET, data, (crc, size)))
    return _raw_zip(entries)


def _raw_zip(entries: list[tuple[str, bytes, tuple[int, int] | None]]) -> bytes:
    """A ZIP archive; an entry with (crc, size) holds raw deflate data, the others stored."""
    out = io.BytesIO()
    directory = io.BytesIO()
    for name, data, deflated in entries:
        method, (crc, size) = (8, deflated) if deflated else (0, (zlib.crc32(data), len(data)))
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, method, 0, 0, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + encoded + data)
        directory.write(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset) + encoded
        )
    start, listing = out.tell(), directory.getvalue()
    count = len(entries)
    out.write(listing)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(listing), start, 0))
    return out.getvalue()
