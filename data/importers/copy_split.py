"""The staging COPY of a large file in two parts at once, on two reader connections.

One COPY is parsed by one server backend. For the 1,000,000-row benchmark file, its 2.7 s
ran on one core while the other core was idle. A file of SPLIT_MIN_BYTES or more is
therefore cut at a record boundary near its middle (data.importers.file_scan). Each part
is staged, and its combinations derived, by its own reader in a thread of its own, so the
two backends work at once. The first part keeps the header line. The caller numbers the
second part's records after the first part's.

The cut is found first, on the calling thread, by counting the quotes of the first half
(0.1-0.3 s; in a thread beside the relays it held the GIL for 2.9 s). A third thread then
reads the whole file for its hash and NUL bytes, well ahead of the COPYs, which the server
slows down.

Progress callbacks are called on the calling thread only (click's progress bar is not
thread-safe).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from sqlalchemy.orm import Session

from data.importers.file_scan import BLOCK, FileScan, OpenStream, find_cut, scan_file

# Below this size one reader stages the whole file: the gain would be small, and a second
# connection and two threads would cost more than they save.
SPLIT_MIN_BYTES = 8 << 20
PROGRESS_EVERY = 0.25  # seconds

T = TypeVar("T")
# Stages one part on a reader: (reader, its blocks, whether they start with the header).
StagePart = Callable[[Session, Iterator[bytes], bool], T]
Progress = Callable[[int, int], None]


def part_count(size: int) -> int:
    """How many readers stage a file of `size` bytes."""
    return 2 if size >= SPLIT_MIN_BYTES else 1


@dataclass
class _Sent:
    """Bytes of a part handed to its COPY so far (for the progress shown)."""

    done: int = 0


def stage_parts(
    readers: Sequence[Session],
    open_stream: OpenStream,
    size: int,
    scan: FileScan,
    stage: StagePart[T],
    progress: Progress | None,
) -> list[tuple[Session, T]]:
    """Each part staged by `stage` on its reader, in file order, with what it returned.

    One reader: the whole file, read once for the COPY and for `scan`. Two readers: two
    parts, or one when no cut is found. The first error of a part is raised once both
    parts have stopped.
    """
    # The cut is found before the threads start: counting quotes holds the GIL, and beside
    # the threads that relay the parts it took 2.9 s instead of 0.35 s, all of which the
    # second part waited.
    cut = find_cut(open_stream, size // 2) if len(readers) > 1 else None
    if cut is None or cut >= size:
        whole = _scanned(open_stream, scan, size, progress)
        return [(readers[0], stage(readers[0], whole, True))]
    first, second = _Sent(), _Sent()
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="oc-stage") as pool:
        scanning = pool.submit(scan_file, open_stream, scan)
        first_part = pool.submit(stage, readers[0], _from(open_stream, 0, cut, first), True)
        second_part = pool.submit(stage, readers[1], _from(open_stream, cut, None, second), False)
        futures: list[Future[Any]] = [scanning, first_part, second_part]
        _follow(futures, progress, lambda: first.done + second.done, size)
    scanning.result()
    return [(readers[0], first_part.result()), (readers[1], second_part.result())]


def _follow(
    futures: Sequence[Future[Any]], progress: Progress | None, done: Callable[[], int], size: int
) -> None:
    """Wait for every future, showing progress meanwhile."""
    pending = set(futures)
    while pending:
        _, pending = wait(pending, timeout=PROGRESS_EVERY)
        if progress is not None:
            progress(done(), size)


def _scanned(
    open_stream: OpenStream, scan: FileScan, size: int, progress: Progress | None
) -> Iterator[bytes]:
    """The whole file, each block read into `scan` as it goes to the COPY."""
    with open_stream() as stream:
        while block := stream.read(BLOCK):
            scan.update(block)
            yield block
            if progress is not None:
                progress(scan.size, size)
    scan.finish()


def _from(open_stream: OpenStream, start: int, end: int | None, sent: _Sent) -> Iterator[bytes]:
    """The file's blocks from `start` to `end` (None: its end)."""
    with open_stream() as stream:
        stream.seek(start)
        yield from _range(stream, start, end, sent)


def _range(stream: IO[bytes], position: int, end: int | None, sent: _Sent) -> Iterator[bytes]:
    """The blocks of `stream` from `position` (where it stands) to `end` (None: its end)."""
    while end is None or position < end:
        block = stream.read(BLOCK if end is None else min(BLOCK, end - position))
        if not block:
            return
        position += len(block)
        sent.done += len(block)
        yield block
