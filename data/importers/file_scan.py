"""One reading of an import file, in order: its hash, NUL bytes, a cut between records.

The reading gives the file's SHA-256, whether it holds a NUL byte, and where it can be cut
in two at a record boundary.

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
import threading
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
    """What one reading of the file found. The reading gives it the blocks in file order.

    One thread feeds it. `cut()` may be called from another thread: it waits until the cut
    is known.
    """

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self.size = 0  # bytes read so far
        self.nul = False
        self.complete = False
        self._cut_from: int | None = None
        self._quotes = 0  # quotes before self.size, while the cut is looked for
        self._cut: int | None = None
        self._settled = threading.Event()

    def cut_after(self, offset: int) -> None:
        """Look for the first record boundary at or after `offset` (before any block)."""
        self._cut_from = offset

    def update(self, block: bytes) -> None:
        self._sha256.update(block)
        self.nul = self.nul or b"\x00" in block
        if self._cut_from is not None and not self._settled.is_set():
            self._look_for_cut(block)
        self.size += len(block)

    def finish(self) -> None:
        """The file was read to its end."""
        self.complete = True
        self.settle()

    def settle(self) -> None:
        """No more cut will be found (the end of the file, or the reading failed)."""
        self._settled.set()

    def cut(self) -> int | None:
        """The offset just after the newline that ends a record; None if the file is not cut.

        Waits until the reading reaches the cut, gives up looking for it, or stops.
        """
        self._settled.wait()
        return self._cut

    def digest(self) -> str:
        return self._sha256.hexdigest()

    def _look_for_cut(self, block: bytes) -> None:
        assert self._cut_from is not None
        start = max(self._cut_from - self.size, 0)
        if start >= len(block):  # the middle is further on
            self._quotes += block.count(b'"')
            return
        self._quotes += block.count(b'"', 0, start)
        position = start
        while (newline := block.find(b"\n", position)) >= 0:
            self._quotes += block.count(b'"', position, newline)
            if self._quotes % 2 == 0:
                self._cut = self.size + newline + 1
                self.settle()
                return
            position = newline + 1
        self._quotes += block.count(b'"', position)
        if self.size + len(block) - self._cut_from >= CUT_SEARCH:
            self.settle()


def scan_file(open_stream: OpenStream, scan: FileScan) -> None:
    """Read the whole file into `scan`. The cut is settled even if the reading fails."""
    try:
        with open_stream() as stream:
            while block := stream.read(BLOCK):
                scan.update(block)
        scan.finish()
    finally:
        scan.settle()


def complete_scan(open_stream: OpenStream, scan: FileScan) -> FileScan:
    """`scan` if it read the whole file, or else a scan from a reading of its own."""
    if scan.complete:
        return scan
    fresh = FileScan()
    scan_file(open_stream, fresh)
    return fresh
