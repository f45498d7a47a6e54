"""Benchmark of `s3dash import projects` on an OpenCoesione-format file, on PostgreSQL.

Writes a SYNTHETIC OpenCoesione CSV of `--rows` projects in the layout of the real exports
(`;`, every cell quoted, decimal comma, YYYYMMDD dates, COD_REGIONE `003`, 6-digit
COD_PROVINCIA, gross and net funding, commitments, payments, programme, CUP nature, plus
columns the importer ignores: 22 columns; with `--layout real`, the 200 columns of the real
export in ../shared, in its order, whose cells the importer does not read are copied from
its rows) into a temporary folder, creates a throwaway PostgreSQL
database (`--db-name`, dropped at the end), migrates and seeds it, then times `--repeat`
pairs (default 3) of a raw COPY and an import of the same file, one after the other so
that both see the same load (the imported rows are deleted, untimed, after each import, so
every import is a first one), and prints each pair and the medians:

- the raw COPY rate: the same file loaded by `COPY … FROM STDIN (FORMAT csv)` into a table
  of text columns, nothing else (the fastest PostgreSQL can take these rows);
- the import rate in rows per second of the real command line, `s3dash import projects
  FILE`, in a child process (wall time of the whole command: process start, hashing,
  COPY, checks, derivation, merge, one commit), and its ratio to the raw COPY rate
  (issue 12 asks for at least 25%);
- for context, the rate of COPY of the same rows already in product form into `project`
  itself, with its indexes and foreign keys (rolled back), and the import's ratio to it;
- the peak resident memory of that process, next to the peak of the same command on a
  1,000-row file: if memory stays flat, the two are close. (The 1,000-row import runs
  first.)
- the WAL each import wrote, and the checkpoints the server made meanwhile.

Every pair starts from the same state (`settle`): the forecast refresh that the last import
started in the background has ended (waited for up to 15 minutes; the wait is printed) and
a CHECKPOINT has been made. The removal of the last pair's rows runs after that wait, so
that the refresh's lock on `project` cannot keep its VACUUM from truncating the table (it
gives truncation up rather than wait for a reader): a first import then writes new pages.
Without these, an import could pay in its timed seconds for its predecessor's removal: the
checkpoint that the removal's WAL made due fell inside it (in 3 of 5 imports timed that
way), and the heap pages the removal freed, when not truncated, were reused and logged as
full-page images after that checkpoint (once measured: 527 MB of WAL against 480 MB).

    .venv/bin/python bench/bench_import.py                       # 20,000 rows
    .venv/bin/python bench/bench_import.py --rows 1000000 --repeat 5
    .venv/bin/python bench/bench_import.py --rows 1000000 --repeat 5 --layout real

The server comes from TEST_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test);
only the database name is replaced. No timing is asserted anywhere: this prints numbers.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data import queries  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.seeding import seed  # noqa: E402
from tests.opencoesione_files import REAL_EXPORT  # noqa: E402 — the layout --layout real copies

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COLUMNS = [
    "COD_LOCALE_PROGETTO",
    "CUP",
    "OC_TITOLO_PROGETTO",
    "OC_SINTESI_PROGETTO",
    "OC_TEMA_SINTETICO",
    "FINANZ_UE",
    "FINANZ_TOTALE_PUBBLICO",
    "OC_FINANZ_TOT_PUB_NETTO",
    "IMPEGNI",
    "TOT_PAGAMENTI",
    "COD_REGIONE",
    "DEN_REGIONE",
    "COD_PROVINCIA",
    "DEN_PROVINCIA",
    "OC_DATA_INIZIO_PROGETTO",
    "OC_DATA_FINE_PROGETTO_PREVISTA",
    "OC_DATA_FINE_PROGETTO_EFFETTIVA",
    "COD_PROCED_ATTIVAZIONE",
    "OC_CODICE_PROGRAMMA",
    "CUP_COD_NATURA",
    "CUP_COD_CATEGORIA",
    "OC_STATO_PROGETTO",
]
PROVINCES = [
    ("003015", "MILANO"),
    ("003016", "BERGAMO"),
    ("003017", "BRESCIA"),
    ("003108", "MONZA"),
]
THEMES = ["Agenda digitale", "Energia", "Ricerca e innovazione", "Competitività imprese"]
NATURES = ["02", "03", "07"]  # services, public works, incentives


def write_file(path: Path, rows: int, prefix: str = "BENCH", layout: Layout | None = None) -> None:
    """A synthetic OpenCoesione file, written row by row (never held in memory).

    `layout`: the columns of a real export, in its order (see `real_layout`); the cells of
    the columns COLUMNS does not name are copied from its rows in turn.
    """
    header = layout.header if layout else COLUMNS
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for n in range(rows):
            cells = dict(zip(COLUMNS, _synthetic_row(n, prefix), strict=True))
            if layout:
                padding = layout.rows[n % len(layout.rows)]
                writer.writerow(
                    [cells[c] if c in cells else padding[i] for i, c in enumerate(header)]
                )
            else:
                writer.writerow(cells.values())


def _synthetic_row(n: int, prefix: str) -> list[str]:
    """The cells of project n, in the order of COLUMNS."""
    code, name = PROVINCES[n % len(PROVINCES)]
    gross = 1000 + (n * 7919) % 2000000
    return [
        f"{prefix}{n:09d}",
        f"E{n:014d}",
        f"[SINTETICO] Progetto di benchmark n. {n}",
        "Progetto sintetico generato da bench/bench_import.py per misurare l'import",
        THEMES[n % len(THEMES)],
        f"{(n * 37) % 500000},{n % 100:02d}",
        f"{gross},{n % 100:02d}",
        f"{gross - (n % 3)},{n % 100:02d}",
        f"{gross // 2},00",
        f"{gross // 3},00",
        "003",
        "LOMBARDIA",
        code,
        name,
        f"{2021 + n % 5}{1 + n % 12:02d}{1 + n % 28:02d}",
        "20271231",
        "",
        f"PRATT{100 + n % 7}",
        "2021IT16RFPR010",
        NATURES[n % len(NATURES)],
        "097",
        "In corso",
    ]


@dataclass(frozen=True)
class Layout:
    """The columns of a real export, in its order, and its rows (the cells COLUMNS lacks)."""

    header: list[str]
    rows: list[list[str]]


def real_layout(path: Path = REAL_EXPORT) -> Layout:
    """The layout of the real OpenCoesione export in ../shared (200 columns, 872 rows).

    Columns of COLUMNS that it lacks come after its own.
    """
    if not path.exists():
        sys.exit(f"--layout real: {path} not found (the shared real data sit beside the clone)")
    with path.open(encoding="utf-8", newline="") as source:
        reader = csv.reader(source, delimiter=";")
        header = next(reader)
        rows = list(reader)
    return Layout([*header, *(c for c in COLUMNS if c not in header)], rows)


# The project table's columns, as write_project_file writes them.
PROJECT_COLUMNS = [*queries.PROJECT_COLUMNS, "import_batch_id"]


def write_project_file(path: Path, source: Path, batch: int) -> None:
    """The rows of `source` already in the `project` table's form (for the second baseline)."""
    with (
        source.open(encoding="utf-8", newline="") as raw,
        path.open("w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.DictReader(raw, delimiter=";")
        writer = csv.writer(out, lineterminator="\n")
        for r in reader:
            day = r["OC_DATA_INIZIO_PROGETTO"]
            writer.writerow(
                [
                    r["COD_LOCALE_PROGETTO"],
                    r["CUP"],
                    r["OC_TITOLO_PROGETTO"],
                    r["COD_PROVINCIA"][3:],
                    r["DEN_PROVINCIA"].title(),
                    r["OC_TEMA_SINTETICO"],
                    *(
                        r[c].replace(",", ".")
                        for c in (
                            "FINANZ_TOTALE_PUBBLICO",
                            "OC_FINANZ_TOT_PUB_NETTO",
                            "IMPEGNI",
                            "TOT_PAGAMENTI",
                        )
                    ),
                    r["OC_CODICE_PROGRAMMA"],
                    r["COD_PROCED_ATTIVAZIONE"],
                    "province",
                    "none: no rule matched",
                    "",
                    f"{day[:4]}-{day[4:6]}-{day[6:]}",
                    "2027-12-31",
                    "OpenCoesione — bench",
                    "false",
                    batch,
                ]
            )


def project_copy_seconds(url: str, path: Path, source: Path) -> float:
    """Seconds to COPY the rows, already in product form, into `project` itself (indexes,
    constraints and foreign keys included), in a transaction then rolled back (and the
    table vacuumed, untimed, so that the import finds it as it was)."""
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO import_batch (kind, file_name, sha256, username, rows, outcome, "
            "errors, is_synthetic, replaced, report) VALUES ('projects', 'bench', '', '', 0, "
            "'dry-run', '', false, '', '') RETURNING id"
        )
        row = cursor.fetchone()
        assert row is not None
        conn.commit()
        write_project_file(path, source, int(row[0]))
        columns = ", ".join(PROJECT_COLUMNS)
        sql = f"COPY project ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (warnings))"
        start = time.perf_counter()
        with cursor.copy(sql) as copy, path.open("rb") as rows:
            while block := rows.read(1 << 20):
                copy.write(block)
        elapsed = time.perf_counter() - start
        conn.rollback()
        # The rolled-back rows stay in the table and its unique index as dead entries with
        # the very codes the timed import then inserts: every insert would step over them.
        conn.autocommit = True
        cursor.execute("VACUUM project")
        return elapsed


def raw_copy_seconds(url: str, path: Path) -> float:
    """Seconds to COPY the file into a table of text columns (nothing checked, nothing
    derived): the baseline the import is compared with."""
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with path.open(encoding="utf-8", newline="") as source:
        header = next(csv.reader(source, delimiter=";"))
    columns = ", ".join(f'"{c}" text' for c in header)
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE raw_copy ({columns}) ON COMMIT DROP")
        start = time.perf_counter()
        sql = "COPY raw_copy FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        with cursor.copy(sql) as copy, path.open("rb") as source:
            while block := source.read(1 << 20):
                copy.write(block)
        conn.commit()
        return time.perf_counter() - start


def _admin_url(server: str) -> str:
    return make_url(server).set(database="postgres").render_as_string(hide_password=False)


def create_database(server: str, name: str) -> str:
    """A fresh, empty database on the server of `server` (dropped first if left over)."""
    engine = create_engine(_admin_url(server), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(server: str, name: str) -> None:
    """Drop the benchmark database."""
    engine = create_engine(_admin_url(server), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def run_import(url: str, path: Path) -> float:
    """`s3dash import projects PATH` in a child process; its wall time in seconds.

    Also prints the CPU time of the command's own process (user + sys, the server's
    excluded): steadier than wall time on a loaded machine, for its Python side."""
    env = {**os.environ, "DATABASE_URL": url}
    command = [str(Path(sys.executable).parent / "s3dash"), "import", "projects", str(path)]
    # Output to files, not pipes: the forecast refresh that the command starts in the
    # background after its commit inherits them, and waiting for a pipe would time it too.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        code = subprocess.run(command, env=env, stdout=out, stderr=err).returncode
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code != 0:
        sys.exit(f"import failed:\n{stdout[-2000:]}\n{stderr[-2000:]}")
    summary = [line for line in stdout.splitlines() if "rows imported" in line]
    print("  " + (summary[0] if summary else stdout.strip()))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(f"  CPU of the command's process: {cpu:.2f} s (the server's not included)")
    return elapsed


def wait_for_forecast_refresh(url: str, timeout: float = 900.0) -> float | None:
    """Wait until the forecast refresh that an import of `url` started in the background
    has ended: it would otherwise share the CPU with the next, timed import (it is the
    previous command's work, not this one's). Linux: the processes are found in /proc.
    The seconds waited, or None when it was still running after `timeout`."""
    marker = f"DATABASE_URL={url}".encode()
    started = time.monotonic()
    deadline = started + timeout
    while time.monotonic() < deadline:
        running = False
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                if b"data.forecast_cli" not in (proc / "cmdline").read_bytes():
                    continue
                running = marker in (proc / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if running:
                break
        if not running:
            return time.monotonic() - started
        time.sleep(0.5)
    return None


def settle(url: str) -> None:
    """Let the previous step's work end before the next timing: the forecast refresh that
    an import started in the background (it reads `project`, and VACUUM cannot truncate the
    table under its lock), and the WAL written so far (a checkpoint, so that the next import
    does not pay for the one the last import and its removal made due)."""
    waited = wait_for_forecast_refresh(url)
    if waited is None:
        print("  (a forecast refresh was still running: the next timings share the CPU)")
    elif waited >= 1:
        print(f"  (waited {waited:.0f} s for the forecast refresh to end)")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("CHECKPOINT"))
    except SQLAlchemyError as exc:  # CHECKPOINT needs superuser or pg_checkpoint
        print(f"  (no CHECKPOINT between pairs: {exc.__class__.__name__})")
    finally:
        engine.dispose()


def wal_state(url: str) -> tuple[str, int]:
    """The server's WAL position and how many checkpoints it has made (pg_stat_bgwriter)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        lsn, checkpoints = conn.execute(
            text(
                "SELECT pg_current_wal_lsn()::text,"
                " checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter"
            )
        ).one()
    engine.dispose()
    return str(lsn), int(checkpoints)


def wal_written(before: tuple[str, int], after: tuple[str, int]) -> str:
    """The WAL written and the checkpoints made between two wal_state readings."""
    megabytes = (_lsn(after[0]) - _lsn(before[0])) / 1e6
    return f"WAL written: {megabytes:.0f} MB; checkpoints meanwhile: {after[1] - before[1]}"


def _lsn(lsn: str) -> int:
    high, low = lsn.split("/")
    return (int(high, 16) << 32) + int(low, 16)


def children_peak_mb() -> float:
    """Peak resident memory of the largest child process so far (Linux: KiB → MiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def remove_import(url: str) -> None:
    """Delete the rows of the newest projects import (untimed), so that the next timed
    import inserts into `project` as the first one did, and vacuum the table."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        batch = conn.scalar(
            text(
                "SELECT max(id) FROM import_batch WHERE kind = 'projects' AND outcome = 'committed'"
            )
        )
        conn.execute(text("DELETE FROM project WHERE import_batch_id = :b"), {"b": batch})
        conn.execute(text("VACUUM ANALYZE project"))
    engine.dispose()


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="raw COPY / import pairs timed")
    parser.add_argument("--server", default=os.environ.get("TEST_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--db-name", default="s3bench_import")
    parser.add_argument(
        "--layout",
        choices=("bench", "real"),
        default="bench",
        help="bench: the 22 columns of COLUMNS; real: the 200 columns of the real export, in "
        "its order, the cells the importer does not read copied from its rows",
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    copies: list[float] = []
    imports: list[float] = []
    with tempfile.TemporaryDirectory(prefix="s3bench-import-") as tmp:
        small, big = Path(tmp) / "oc_1000.csv", Path(tmp) / f"oc_{args.rows}.csv"
        layout = real_layout() if args.layout == "real" else None
        write_file(small, 1_000, prefix="WARMUP", layout=layout)  # codes apart: only inserts
        started = time.perf_counter()
        write_file(big, args.rows, layout=layout)
        size_mb = big.stat().st_size / 1024 / 1024
        print(
            f"file: {args.rows:,} rows in the {args.layout} layout, {size_mb:.1f} MB "
            f"(written in {time.perf_counter() - started:.1f} s)"
        )
        url = create_database(args.server, args.db_name)
        try:
            upgrade(url)
            seed(url)
            print("COPY of the same rows, in product form, into `project`:")
            project_elapsed = project_copy_seconds(url, Path(tmp) / "product.csv", big)
            print("1,000-row file:")
            run_import(url, small)
            small_peak = children_peak_mb()
            # Raw COPY and import alternate, so that both see the same load; the imported
            # rows are removed (untimed) after each import, so every import is a first one.
            for n in range(1, args.repeat + 1):
                settle(url)
                copies.append(raw_copy_seconds(url, big))
                print(f"{args.rows:,}-row file, pair {n} (load average {os.getloadavg()[0]:.1f}):")
                print(f"  raw COPY {copies[-1]:.1f} s")
                before = wal_state(url)
                imports.append(run_import(url, big))
                print(
                    f"  import {imports[-1]:.1f} s: {100 * copies[-1] / imports[-1]:.1f}% "
                    f"of the raw COPY rate (load average {os.getloadavg()[0]:.1f})"
                )
                print("  " + wal_written(before, wal_state(url)))
                if n < args.repeat:
                    settle(url)
                    remove_import(url)
            big_peak = children_peak_mb()
        finally:
            drop_database(args.server, args.db_name)
    copy_elapsed, elapsed = median(copies), median(imports)
    ratios = sorted(100 * c / i for c, i in zip(copies, imports, strict=True))
    copy_rate, import_rate = args.rows / copy_elapsed, args.rows / elapsed
    print(f"medians of {args.repeat} pairs:")
    print(f"raw COPY rate: {copy_rate:,.0f} rows/s ({copy_elapsed:.1f} s for {args.rows:,} rows)")
    print(f"import rate: {import_rate:,.0f} rows/s ({elapsed:.1f} s for {args.rows:,} rows)")
    # The pairs' own ratios: each pair's COPY and import ran back to back, under one load.
    print(
        f"import / raw COPY: {median(ratios):.1f}%, the median of the {args.repeat} pairs' "
        f"ratios (target: at least 25%); per pair: {', '.join(f'{r:.1f}%' for r in ratios)}; "
        f"(the two medians above: {100 * import_rate / copy_rate:.1f}%)"
    )
    project_rate = args.rows / project_elapsed
    print(
        f"COPY into `project` (indexes, foreign keys): {project_rate:,.0f} rows/s "
        f"({project_elapsed:.1f} s, once); import / that: {100 * import_rate / project_rate:.1f}%"
    )
    print(
        f"peak RSS of `s3dash import`: {big_peak:.0f} MB "
        f"(1,000-row file: {small_peak:.0f} MB; ratio {big_peak / small_peak:.2f})"
    )


if __name__ == "__main__":
    main()
