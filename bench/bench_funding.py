"""Benchmark of the ecosystem filter on the funding and ecosystems pages, on PostgreSQL.

For each size (10k, 100k, 1M by default) the project table of a throwaway PostgreSQL
database is filled with SYNTHETIC projects by `s3dash demo` (data.demo.generate: marked
synthetic, never shown to the public), on top of the seed. Then, in the same process:

- `bare SQL aggregate`: one hand-written GROUP BY of the filtered projects by province
  (`SELECT province_code, count(*), sum(...) ... GROUP BY province_code`): the floor for
  anything that sums the projects of one ecosystem;
- `funding_cube query`: the aggregate the funding page runs (data.project_queries), alone;
- `funding page, cold`: the router callback rendering `/funding?ecosystem=…`, which is
  what choosing an ecosystem in the filter triggers, with the cache emptied before every
  request (the first view after an import);
- `funding page, warm`: the same with the cache filled (every later view, every worker);
- `ecosystems page, cold`: the router rendering `/ecosystems?ecosystem=…`;
- `trivial callback`: a one-line Dash callback (Flask + Dash request handling only).

Medians of `--repeat` requests; ratios to the bare SQL aggregate of the same run.

    .venv/bin/python bench/bench_funding.py                      # 10k, 100k, 1M
    .venv/bin/python bench/bench_funding.py --sizes 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app import create_app  # noqa: E402
from bench.dash_timing import dependency, median_ms, payload, poster, trivial_case  # noqa: E402
from data.db import get_engine, session_scope  # noqa: E402
from data.demo import generate  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.project_queries import funding_cube  # noqa: E402
from data.seeding import seed  # noqa: E402

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
BENCH_DB = "s3bench_funding"
ECOSYSTEM = "sostenibilita"

BARE_SQL = text(
    """
    SELECT p.province_code, count(*), sum(p.public_funding_eur)
    FROM project p
    WHERE p.ecosystem_id IN (SELECT id FROM ecosystem WHERE code = :code OR cross_cutting)
    GROUP BY p.province_code
    """
)


@contextmanager
def throwaway_database(admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for the run, dropped at the end."""
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    url = make_url(admin_url).set(drivername="postgresql+psycopg", database=BENCH_DB)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        get_engine(url.render_as_string(hide_password=False)).dispose()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def fill(url: str, n_projects: int) -> float:
    """Replace the synthetic projects with `n_projects` new ones; seconds it took."""
    started = time.perf_counter()
    generate(url, n_projects, seed=2027)
    with get_engine(url).connect() as connection:  # fresh statistics, as autovacuum would
        connection.execute(text("ANALYZE project"))
        connection.commit()
    return time.perf_counter() - started


def sql_case(url: str, run: Callable[..., object]) -> Callable[[], int]:
    """A function timing one query `run(session)` on a pooled connection."""

    def call() -> int:
        with session_scope(url) as session:
            run(session)
        return 0

    return call


def main() -> None:
    """Fill, time, print medians and ratios for every size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--admin-url", default=ADMIN_URL, help="a PostgreSQL server to use")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    with throwaway_database(args.admin_url) as url:
        upgrade(url)
        seed(url)
        flask_app = create_app({"DATABASE_URL": url, "REDIS_URL": "", "SECRET_KEY": "bench"})
        cache = flask_app.extensions["s3m_cache"]
        client = flask_app.test_client()
        router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})

        def page(path: str) -> Callable[[], int]:
            values = {"shell-url.pathname": path, "shell-url.search": f"?ecosystem={ECOSYSTEM}"}
            return poster(client, "/", payload(router, values, {}))

        cases: dict[str, tuple[Callable[[], int], Callable[[], None] | None]] = {
            "bare SQL aggregate": (
                sql_case(url, lambda s: s.execute(BARE_SQL, {"code": ECOSYSTEM}).all()),
                None,
            ),
            "funding_cube query": (sql_case(url, lambda s: funding_cube(s, ECOSYSTEM)), None),
            "funding page, cold": (page("/funding"), cache.clear),
            "funding page, warm": (page("/funding"), None),
            "ecosystems page, cold": (page("/ecosystems"), cache.clear),
            "trivial callback": (trivial_case(), None),
        }
        print(f"PostgreSQL, filter ?ecosystem={ECOSYSTEM}, median of {args.repeat} requests")
        for size in sizes:
            seconds = fill(url, size)
            print(f"\n{size:,} synthetic projects (generated in {seconds:.1f} s)")
            results = {
                name: median_ms(run, args.repeat, before_each=before)[0]
                for name, (run, before) in cases.items()
            }
            floor = results["bare SQL aggregate"]
            print(f"  {'case':24} {'median ms':>10} {'× bare SQL':>11}")
            for name, ms in results.items():
                print(f"  {name:24} {ms:10.1f} {ms / floor:11.2f}")


if __name__ == "__main__":
    main()
