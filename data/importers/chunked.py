"""Import a large projects file chunk by chunk, still all-or-nothing in ONE transaction.

dispatch.import_file holds a whole file in memory, which is right for the product's
own CSV/XLSX (20 MB at most). An OpenCoesione export can hold a million projects, so this
module streams it instead (opencoesione.py reads it `chunk_rows` rows at a time) and, for
every chunk, runs the same checks (data.importers.checks.check) and the same upsert
(data.importers.writing.write_rows) as the in-memory importer, inside one transaction:

- a problem anywhere stops the writing (the rest of the file is still checked, so the answer
  lists every problem, up to MAX_PROBLEMS, and says how many more there are), and the
  transaction is rolled back: nothing is written, the previous data stay intact, and the
  attempt is recorded as refused;
- a code repeated in two different chunks is caught through a sorted array of 64-bit code
  hashes (8 bytes per row, not a set of strings); a hash match is confirmed on the text in a
  second reading of the file, which also names the first row;
- the ORM objects of each chunk are dropped from the session once written, so the memory
  in use does not grow with the file (what grows: the code hashes and the ids of inserted
  rows that undo needs, about 16 bytes per row).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data.db import bump_data_version, session_scope
from data.ecosystem_mapping import EcosystemMapping, MappingError, load_mapping
from data.importers import copy_load
from data.importers.checks import ParsedRow, check, synthetic_takeovers
from data.importers.file_scan import FileScan, NulByteError, OpenStream, complete_scan
from data.importers.opencoesione import CHUNK_ROWS, SKIP_REASONS, OpenCoesioneReader
from data.importers.problems import Problem
from data.importers.writing import (
    Audit,
    Counts,
    ImportResult,
    Replaced,
    database_refusal,
    write_rows,
)
from data.models import Ecosystem, FundingCall, ImportBatch
from data.procedure_calls import load_procedure_calls

if TYPE_CHECKING:  # numpy only on the row-by-row path: the COPY path never loads it
    import numpy as np
    import numpy.typing as npt

MAX_PROBLEMS = 200
# The per-row outcome is kept for the first rows only (the upload preview shows a few).
ACTIONS_KEPT = 1_000
# Undo keeps the previous state of every updated row; past this many the batch is too big
# to undo (its `replaced` stays empty and undo refuses it), rather than hold it all.
UNDO_UPDATED_LIMIT = 20_000

Progress = Callable[[int, int], None]  # (bytes done, bytes in total)


@dataclass
class _Problems:
    """The first MAX_PROBLEMS problems, and how many there were in all."""

    kept: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, problems: list[Problem]) -> None:
        self.total += len(problems)
        room = MAX_PROBLEMS - len(self.kept)
        if room > 0:
            self.kept += problems[:room]

    def listed(self) -> list[Problem]:
        shown = sorted(self.kept, key=lambda p: p.row or 0)
        more = self.total - len(shown)
        if more > 0:
            msg = f"{more} more problems not listed (the first {len(shown)} are shown)"
            shown.append(Problem(None, None, msg))
        return shown


@dataclass
class _Totals(copy_load.Loaded):
    # inserted_ids: 8 bytes per id (a list of ints would take 36): undo needs them, a
    # million of them.

    def add_warnings(self, warnings: list[Problem]) -> None:
        self.warnings_total += len(warnings)
        room = MAX_PROBLEMS - len(self.warnings)
        if room > 0:
            self.warnings += warnings[:room]

    def add(self, counts: Counts) -> None:
        self.inserted += counts.inserted
        self.updated += counts.updated
        self.unchanged += counts.unchanged
        for row, action in counts.actions.items():
            if len(self.actions) >= ACTIONS_KEPT:
                break
            self.actions[row] = action
        self.inserted_ids.extend(counts.replaced.inserted)
        if self.undo_possible:
            self.updated_states += counts.replaced.updated
            if len(self.updated_states) > UNDO_UPDATED_LIMIT:
                self.undo_possible, self.updated_states = False, []

    def take(self, loaded: copy_load.Loaded) -> None:
        """The counts of the COPY path, which wrote the whole file at once."""
        for name in (f.name for f in fields(copy_load.Loaded)):
            setattr(self, name, getattr(loaded, name))

    def replaced(self) -> str:
        if not self.undo_possible:
            return ""
        return Replaced("projects", self.inserted_ids.tolist(), self.updated_states).to_json()


class _SeenCodes:
    """Codes of earlier chunks as a sorted array of their 64-bit hashes."""

    def __init__(self) -> None:
        self._hashes: npt.NDArray[np.int64] | None = None  # made by the first chunk

    def repeated(self, codes: list[str]) -> list[int]:
        """Positions in `codes` whose hash an earlier chunk had; then remember `codes`."""
        import numpy as np

        if self._hashes is None:
            self._hashes = np.empty(0, dtype=np.int64)
        hashes = np.fromiter((hash(c) for c in codes), dtype=np.int64, count=len(codes))
        where = np.searchsorted(self._hashes, hashes)
        hits: list[int] = []
        if len(self._hashes):
            found = self._hashes[np.minimum(where, len(self._hashes) - 1)] == hashes
            hits = [int(i) for i in np.flatnonzero(found)]
        self._hashes = np.union1d(self._hashes, hashes)
        return hits


def _stream_size(open_stream: OpenStream) -> int:
    with open_stream() as stream:
        return stream.seek(0, io.SEEK_END)


def import_opencoesione(
    url: str,
    open_stream: OpenStream,
    file_name: str,
    *,
    dry_run: bool = False,
    username: str = "",
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportResult:
    """Validate and upsert an OpenCoesione projects file, streamed, in one transaction.

    Only the projects localised in Lombardy are imported; the others are counted by reason.
    The source's inconsistencies are warnings (imported and flagged), format errors refuse
    the file. `open_stream` opens the file afresh: COPY's reading of it hashes it too (a
    large file is read three times at once: data.importers.copy_split); the row-by-row
    path reads it once to hash it, once to import it and, only when a code may repeat,
    once more to confirm it. Raises NulByteError, with nothing recorded, when the file
    holds a NUL byte (the generic reader words where: data.importers.dispatch), and
    SQLAlchemyError only when the database cannot even record the attempt.
    """
    # The hash is taken while COPY reads the file, or else by a reading of its own (_hash).
    audit = Audit(url, "projects", file_name, "", username, 0)
    totals = _Totals()
    scan = FileScan()
    try:
        with session_scope(url) as session:
            result = _run(
                session,
                open_stream,
                audit,
                _stream_size(open_stream),
                dry_run,
                progress,
                chunk_rows,
                totals,
                scan,
            )
    except SQLAlchemyError as exc:
        _hash(audit, scan, open_stream)
        try:
            return audit.record("refused", [Problem(None, None, database_refusal(exc))])
        except SQLAlchemyError:
            raise exc from None
    if isinstance(result, ImportResult):
        return result
    _hash(audit, scan, open_stream)
    audit.rows = totals.rows
    outcome = "dry-run" if dry_run and not result.total else "refused"
    recorded = audit.record(outcome, result.listed())
    recorded.problems_total = result.total
    _fill(recorded, totals)
    if result.total:  # nothing would be written: no counts of rows written
        recorded.inserted = recorded.updated = recorded.unchanged = 0
        recorded.actions = {}
    _record_report(url, recorded)
    return recorded


def _hash(audit: Audit, scan: FileScan, open_stream: OpenStream) -> None:
    """The file's SHA-256 into `audit`, from `scan` or else a reading of its own.

    NulByteError if the file holds a NUL byte: it is refused by the generic reader.
    """
    if audit.sha256:
        return
    scan = complete_scan(open_stream, scan)
    if scan.nul:
        raise NulByteError
    audit.sha256 = scan.digest()


def _record_report(url: str, result: ImportResult) -> None:
    if result.batch_id is None:
        return
    report = json.dumps(result.report(), ensure_ascii=False)
    with session_scope(url) as session:
        session.execute(
            update(ImportBatch).where(ImportBatch.id == result.batch_id).values(report=report)
        )


def _run(
    session: Session,
    open_stream: OpenStream,
    audit: Audit,
    size: int,
    dry_run: bool,
    progress: Progress | None,
    chunk_rows: int,
    totals: _Totals,
    scan: FileScan,
) -> ImportResult | _Problems:
    """One transaction: ImportResult when committed, else the problems, rolled back.

    `scan` is fed by the COPY path's reading of the file, when it takes place.
    """
    problems = _Problems()
    try:
        mapping = load_mapping(list(session.scalars(select(Ecosystem.code))))
    except MappingError as exc:
        problems.add([Problem(None, None, f"the ecosystem mapping cannot be used: {exc}")])
        return problems
    try:
        calls = load_procedure_calls(list(session.scalars(select(FundingCall.code))))
    except MappingError as exc:
        problems.add([Problem(None, None, f"the procedure → call table cannot be used: {exc}")])
        return problems
    batch = audit.batch("dry-run" if dry_run else "committed")
    session.add(batch)
    session.flush()  # every written project carries the batch id
    batch_id = batch.id
    repeats: dict[str, int] = {}  # code → a later row whose code hash an earlier chunk had
    with open_stream() as stream:
        reader = OpenCoesioneReader(stream, mapping, audit.file_name, calls)
        header = reader.read_header()
        if header:
            session.rollback()
            problems.add(header)
            return problems
        fast = None
        if copy_load.available(session):
            fast = copy_load.load(
                session,
                open_stream,
                scan,
                reader.header,
                mapping,
                calls,
                reader.source,
                batch_id,
                size,
                progress,
                actions_kept=ACTIONS_KEPT,
                undo_limit=UNDO_UPDATED_LIMIT,
                warnings_kept=MAX_PROBLEMS,
            )
        if fast is not None:
            totals.take(fast)
        # Before the row-by-row path reads a row: a file with a NUL byte goes to the generic
        # reader. The COPY path's reading has usually scanned the file already.
        _hash(audit, scan, open_stream)
        seen = _SeenCodes()
        chunks = _checked_chunks(session, reader, chunk_rows) if fast is None else iter(())
        for rows, chunk_problems, warnings in chunks:
            totals.rows += len(rows)
            totals.add_warnings(warnings)
            totals.linked_to_call += sum(1 for r in rows if r.values.get("call_code"))
            codes = [str(r.values.get("code") or "") for r in rows]
            for i in seen.repeated(codes):
                repeats.setdefault(codes[i], rows[i].row)
            problems.add(chunk_problems)
            # Once anything is wrong nothing will be committed: stop writing, keep checking.
            # A repeated code hash is not enough to stop: it is confirmed only at the end
            # (writing a true duplicate again is harmless, the transaction is rolled back).
            if not problems.total and rows:
                totals.add(write_rows(session, "projects", rows, batch_id, "draft"))
                session.expunge_all()  # written rows leave the identity map: flat memory
            if progress is not None:
                progress(reader.bytes_read, size)
        if fast is None:
            totals.skipped = {r: reader.skipped[r] for r in SKIP_REASONS if reader.skipped[r]}
    if repeats:
        problems.add(_confirm_repeats(open_stream, audit.file_name, repeats))
    if totals.rows == 0 and not problems.total:
        message = "the file has a header but no data rows"
        if totals.skipped:
            message = "no project of the file is localised in Lombardy: nothing to import"
        problems.add([Problem(None, None, message)])
    if problems.total or dry_run:
        session.rollback()
        return problems
    session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(rows=totals.rows, replaced=totals.replaced(), sha256=audit.sha256)
    )
    if totals.inserted or totals.updated:
        bump_data_version(session)
    result = ImportResult("projects", totals.rows, "committed", [], batch_id)
    _fill(result, totals)
    result.funding_changed = bool(totals.inserted or totals.updated)
    session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(report=json.dumps(result.report(), ensure_ascii=False))
    )
    return result


def _checked_chunks(
    session: Session, reader: OpenCoesioneReader, chunk_rows: int
) -> Iterator[tuple[list[ParsedRow], list[Problem], list[Problem]]]:
    # The shared checks of the product format, on each chunk translated into it; the
    # source's inconsistencies were found by the reader, as warnings.
    for chunk in reader.chunks(chunk_rows):
        rows, problems = check(session, "projects", chunk.frame, synthetic_takeovers)
        translated = [chunk.in_file_terms(p) for p in problems]
        merged = sorted([*chunk.problems, *translated], key=lambda p: p.row or 0)
        yield rows, merged, chunk.warnings


def _confirm_repeats(
    open_stream: OpenStream, file_name: str, repeats: dict[str, int]
) -> list[Problem]:
    # A hash match may in theory be two different codes: read the codes again, as text.
    first: dict[str, int] = {}
    with open_stream() as stream:
        reader = OpenCoesioneReader(stream, EcosystemMapping({}, ""), file_name)
        reader.read_header()
        for chunk in reader.chunks():
            for number, code in zip(chunk.frame.index, chunk.frame["code"], strict=True):
                if code in repeats and code not in first:
                    first[code] = int(number)
    return [
        Problem(row, "COD_LOCALE_PROGETTO", f"duplicate of row {first[code]} (code {code})")
        for code, row in repeats.items()
        if code in first and first[code] < row
    ]


def _fill(result: ImportResult, totals: _Totals) -> None:
    result.rows = totals.rows
    result.inserted, result.updated = totals.inserted, totals.updated
    result.unchanged = totals.unchanged
    result.actions = dict(totals.actions) if totals.actions else {}
    result.skipped = dict(totals.skipped)
    result.warnings = sorted(totals.warnings, key=lambda p: p.row or 0)
    result.warnings_total = totals.warnings_total
    result.linked_to_call = totals.linked_to_call
