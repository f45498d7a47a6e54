"""The one reading of an import file: its hash, its NUL bytes and the cut between records."""

from __future__ import annotations

import hashlib
import io

import pytest

from data.importers import file_scan
from data.importers.file_scan import FileScan, complete_scan, scan_file

# Three records, the second spanning three lines; every cell quoted, quotes doubled.
RECORDS = [
    b'"CODE";"TITLE"\n',
    b'"A1";"one line"\n',
    b'"A2";"three\nlines, one with a ""quote""\nand the end"\n',
    b'"A3";"last"\n',
]
CONTENT = b"".join(RECORDS)


def scanned(content: bytes, cut_after: int | None, block: int) -> FileScan:
    scan = FileScan()
    if cut_after is not None:
        scan.cut_after(cut_after)
    for start in range(0, len(content), block):
        scan.update(content[start : start + block])
    scan.finish()
    return scan


def test_the_cut_is_the_first_record_end_at_or_after_the_offset() -> None:
    boundaries = [sum(len(r) for r in RECORDS[: i + 1]) for i in range(len(RECORDS))]
    inside = boundaries[1] + 10  # in the record spanning lines, before its first newline
    assert CONTENT[boundaries[1] : inside].count(b"\n") == 0
    for block in (1, 2, 3, 7, 64, len(CONTENT)):  # wherever the blocks fall
        assert scanned(CONTENT, inside, block).cut() == boundaries[2], block
        assert scanned(CONTENT, boundaries[1], block).cut() == boundaries[2], block
        assert scanned(CONTENT, 0, block).cut() == boundaries[0], block
        assert scanned(CONTENT, boundaries[1] - 1, block).cut() == boundaries[1], block


def test_no_newline_inside_a_quoted_cell_is_ever_a_cut() -> None:
    boundaries = {sum(len(r) for r in RECORDS[: i + 1]) for i in range(len(RECORDS))}
    cuts = {scanned(CONTENT, offset, 5).cut() for offset in range(len(CONTENT))}
    assert cuts - {None} <= boundaries
    assert None not in cuts  # the last record ends with a newline: a cut at the very end


def test_no_cut_past_the_search_limit_or_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    unterminated = b'"A";"no end\n' + b"more\n" * 3  # a quote that never closes
    assert scanned(unterminated, 0, 4).cut() is None
    monkeypatch.setattr(file_scan, "CUT_SEARCH", 8)
    inside = sum(len(r) for r in RECORDS[:2]) + 10  # 30-odd bytes before the record ends
    assert scanned(CONTENT, inside, 4).cut() is None
    assert scanned(CONTENT, sum(len(r) for r in RECORDS[:3]) - 1, 4).cut() is not None


def test_the_hash_and_nul_bytes_of_the_whole_file() -> None:
    scan = scanned(CONTENT, len(CONTENT) // 2, 3)
    assert scan.digest() == hashlib.sha256(CONTENT).hexdigest()
    assert (scan.size, scan.nul, scan.complete) == (len(CONTENT), False, True)
    with_nul = CONTENT + b'"A4";"x\x00y"\n'
    assert scanned(with_nul, None, 1 << 20).nul


def test_a_scan_that_stopped_is_done_again_from_the_start() -> None:
    partial = FileScan()
    partial.update(CONTENT[:10])  # a COPY that failed after its first block
    whole = complete_scan(lambda: io.BytesIO(CONTENT), partial)
    assert whole is not partial and whole.complete
    assert whole.digest() == hashlib.sha256(CONTENT).hexdigest()
    read = FileScan()
    scan_file(lambda: io.BytesIO(CONTENT), read)
    assert complete_scan(lambda: io.BytesIO(b""), read) is read
