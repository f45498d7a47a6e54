"""The readings of an import file: its hash and NUL bytes, and the cut between records."""

from __future__ import annotations

import hashlib
import io

import pytest

from data.importers import file_scan
from data.importers.file_scan import FileScan, complete_scan, find_cut, scan_file

# Three records, the second spanning three lines; every cell quoted, quotes doubled.
RECORDS = [
    b'"CODE";"TITLE"\n',
    b'"A1";"one line"\n',
    b'"A2";"three\nlines, one with a ""quote""\nand the end"\n',
    b'"A3";"last"\n',
]
CONTENT = b"".join(RECORDS)
ENDS = [sum(len(r) for r in RECORDS[: i + 1]) for i in range(len(RECORDS))]


def cut(content: bytes, offset: int, block: int, monkeypatch: pytest.MonkeyPatch) -> int | None:
    monkeypatch.setattr(file_scan, "BLOCK", block)
    return find_cut(lambda: io.BytesIO(content), offset)


def test_the_cut_is_the_first_record_end_at_or_after_the_offset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inside = ENDS[1] + 10  # in the record spanning lines, before its first newline
    assert CONTENT[ENDS[1] : inside].count(b"\n") == 0
    for block in (1, 2, 3, 7, 64, len(CONTENT)):  # wherever the blocks fall
        assert cut(CONTENT, inside, block, monkeypatch) == ENDS[2], block
        assert cut(CONTENT, ENDS[1], block, monkeypatch) == ENDS[2], block
        assert cut(CONTENT, ENDS[1] - 1, block, monkeypatch) == ENDS[1], block
        assert cut(CONTENT, 0, block, monkeypatch) == ENDS[0], block


def test_no_newline_inside_a_quoted_cell_is_ever_a_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    cuts = {cut(CONTENT, offset, 5, monkeypatch) for offset in range(len(CONTENT))}
    assert cuts == set(ENDS)  # the last record's newline too: a cut at the very end


def test_no_cut_past_the_search_limit_or_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    unterminated = b'"A";"no end\n' + b"more\n" * 3  # a quote that never closes
    assert cut(unterminated, 0, 4, monkeypatch) is None
    monkeypatch.setattr(file_scan, "CUT_SEARCH", 8)
    inside = ENDS[1] + 10  # 30-odd bytes before the record ends
    assert cut(CONTENT, inside, 4, monkeypatch) is None
    assert cut(CONTENT, ENDS[2] - 1, 4, monkeypatch) == ENDS[2]


def test_the_hash_and_nul_bytes_of_the_whole_file() -> None:
    scan = FileScan()
    scan_file(lambda: io.BytesIO(CONTENT), scan)
    assert scan.digest() == hashlib.sha256(CONTENT).hexdigest()
    assert (scan.size, scan.nul, scan.complete) == (len(CONTENT), False, True)
    with_nul = FileScan()
    scan_file(lambda: io.BytesIO(CONTENT + b'"A4";"x\x00y"\n'), with_nul)
    assert with_nul.nul


def test_a_scan_that_stopped_is_done_again_from_the_start() -> None:
    partial = FileScan()
    partial.update(CONTENT[:10])  # a COPY that failed after its first block
    whole = complete_scan(lambda: io.BytesIO(CONTENT), partial)
    assert whole is not partial and whole.complete
    assert whole.digest() == hashlib.sha256(CONTENT).hexdigest()
    assert complete_scan(lambda: io.BytesIO(b""), whole) is whole
