"""The COPY path's reads of a staged file, its columns stored read-first or in file order.

Writes a SYNTHETIC file of `--rows` projects in the 200-column layout of the real export in
../shared (bench_import.py `--layout real`), creates a throwaway PostgreSQL database
(`--db-name`, dropped at the end), migrates and seeds it, then `--repeat` times, alternating,
stages the file on one connection as the import does with its columns stored in each of the
two orders, and times the statement whose rows the import forwards (`COPY (SELECT …) TO
STDOUT`, read and dropped): the order the import uses (`copy_load._stored_order`, the
columns it reads first) against the file's own order, the baseline. Prints each time, the
medians and their ratio. No timing is asserted anywhere.

    TEST_DATABASE_URL=… .venv/bin/python bench/staged_order.py --rows 200000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import (  # noqa: E402
    DEFAULT_SERVER,
    create_database,
    drop_database,
    median,
    real_layout,
    write_file,
)

from data.ecosystem_mapping import load_mapping  # noqa: E402
from data.importers import copy_load  # noqa: E402
from data.importers.copy_pipe import driver_connection, literal_sql  # noqa: E402
from data.importers.opencoesione import OpenCoesioneReader  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Ecosystem, FundingCall  # noqa: E402
from data.procedure_calls import load_procedure_calls  # noqa: E402
from data.seeding import seed  # noqa: E402

Order = Callable[[list[str]], list[str]]
ORDERS: dict[str, Order] = {
    "read columns first": copy_load._stored_order,
    "file order (baseline)": list,
}


def forward_seconds(url: str, path: Path, order: Order) -> float:
    """Stage `path` with its columns stored in `order`; seconds of the forwarded rows' select."""
    engine = create_engine(url)
    with Session(engine) as session, Session(engine) as reader:
        mapping = load_mapping(list(session.scalars(select(Ecosystem.code))))
        calls = load_procedure_calls(list(session.scalars(select(FundingCall.code))))
        with path.open("rb") as stream:
            opencoesione = OpenCoesioneReader(stream, mapping, path.name, calls)
            if opencoesione.read_header():
                sys.exit("the benchmark file's header was refused")
        header = opencoesione.header
        rules = copy_load._Rules(mapping, calls, opencoesione.source)
        stored_order = copy_load._stored_order
        setattr(copy_load, "_stored_order", order)  # noqa: B010 — the order under test
        try:
            copy_load._stage(reader, _blocks(path), True, header, rules, path.stat().st_size)
        finally:
            setattr(copy_load, "_stored_order", stored_order)  # noqa: B010
        types = copy_load._column_types(session)
        values = ", ".join(f"d.{c}::{types[c]}" for c in ("code", *copy_load.WRITTEN))
        rows = copy_load._rows_sql(header, "c.skip = ''", 0)
        sql = f"SELECT {values}, NULL::int, false FROM ({rows}) d WHERE {copy_load._ACCEPTED}"
        for setting in ("enable_nestloop", "enable_mergejoin"):  # as copy_load._write
            reader.execute(text(f"SET LOCAL {setting} = off"))
        connection = driver_connection(reader)
        statement = literal_sql(reader, sql, copy_load._row_params())
        start = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY ({statement}) TO STDOUT (FORMAT binary)"),
        ):
            while connection.pgconn.get_copy_data(0)[0] >= 0:
                pass
            while connection.pgconn.get_result() is not None:
                pass
        elapsed = time.perf_counter() - start
        reader.rollback()
    engine.dispose()
    return elapsed


def _blocks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            yield block


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--server", default=os.environ.get("TEST_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--db-name", default="s3bench_staged_order")
    args = parser.parse_args()
    times: dict[str, list[float]] = {label: [] for label in ORDERS}
    with tempfile.TemporaryDirectory(prefix="s3bench-order-") as tmp:
        path = Path(tmp) / f"oc_{args.rows}.csv"
        write_file(path, args.rows, layout=real_layout())
        print(f"file: {args.rows:,} rows in the real layout, {path.stat().st_size / 1e6:.0f} MB")
        url = create_database(args.server, args.db_name)
        try:
            upgrade(url)
            seed(url)
            for n in range(1, args.repeat + 1):
                for label, order in ORDERS.items():
                    times[label].append(forward_seconds(url, path, order))
                    print(f"round {n}, {label}: {times[label][-1]:.2f} s", flush=True)
        finally:
            drop_database(args.server, args.db_name)
    first, baseline = (median(times[label]) for label in ORDERS)
    print(f"medians: read columns first {first:.2f} s, file order {baseline:.2f} s")
    print(f"read columns first / file order: {first / baseline:.2f}")


if __name__ == "__main__":
    main()
