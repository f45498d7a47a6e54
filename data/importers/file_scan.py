"""Readings of an import file: its hash and NUL bytes, and a cut between two records.

One reading of the whole file, in order, gives its SHA-256 and whether it holds a NUL
byte; a reading of its first half finds where it can be cut in two at a record boundary.

The audit records the hash of the whole file. A NUL byte sends the file to the generic
reader (data.importers.dispatch), which says where the byte is. The COPY path stages a
large file in two parts at once (data.importers.copy_split), so it needs a cut between
two records.

A record of an OpenCoesione CSV may span lines, because a quoted cell can hold a newline.
Every quote inside a cell is doubled, so a newline ends a record exactly when an even number
of quotes come before it. PostgreSQL's COPY finds the end of a CSV line the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import IO

BLOCK = 1 << 20
# How far past the middle a cut is looked for. A file with no record boundary that close
# (a cell of a megabyte, or an odd quote) is not cut: it is staged in one part.
CUT_SEARCH = 1 << 20

OpenStream = Callable[[], IO[bytes]]


class NulByteError(Exception):
    """The file holds a NUL byte: the generic reader refuses it and says where."""


class FileScan:
    """What one reading of the whole file found; the reading gives it the blocks in order."""

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self.size = 0  # bytes read so far
        self.nul = False
        self.complete = False

    def update(self, block: bytes) -> None:
        self._sha256.update(block)
        self.nul = self.nul or b"\x00" in block
        self.size += len(block)

    def finish(self) -> None:
        """The file was read to its end."""
        self.complete = True

    def digest(self) -> str:
        return self._sha256.hexdigest()


def scan_file(open_stream: OpenStream, scan: FileScan) -> None:
    """Read the whole file into `scan`."""
    with open_stream() as stream:
        while block := stream.read(BLOCK):
            scan.update(block)
    scan.finish()


def complete_scan(open_stream: OpenStream, scan: FileScan) -> FileScan:
    """`scan` if it read the whole file, or else a scan from a reading of its own."""
    if scan.complete:
        return scan
    fresh = FileScan()
    scan_file(open_stream, fresh)
    return fresh


def find_cut(open_stream: OpenStream, offset: int) -> int | None:
    """Where to cut the file in two: after the first record end at or after `offset`.

    The cut is just after a newline that ends a record; None when there is none within
    CUT_SEARCH bytes of `offset`.

    Counting quotes is the only work on the way (0.13 s for the first half of the
    1,000,000-row benchmark file, against 0.3 s to hash the whole file): both parts wait
    for it.
    """
    quotes, position = 0, 0
    with open_stream() as stream:
        while block := stream.read(BLOCK):
            start = max(offset - position, 0)
            quotes += block.count(b'"', 0, start)
            while (newline := block.find(b"\n", start)) >= 0:
                quotes += block.count(b'"', start, newline)
                if quotes % 2 == 0:
                    return position + newline + 1
                start = newline + 1
            quotes += block.count(b'"', start)
            position += len(block)
            if position - offset >= CUT_SEARCH:
                return None
    return None
