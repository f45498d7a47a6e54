"""Every router and filter callback of both apps, warm and cold, against its floor.

- `measure(database_url)` builds the app on that database and posts, through the Flask test
  client as the browser would (bench/dash_timing.py), the router callback of every internal
  page (`/`, `/indicators`, one indicator, `/funding`, one call, `/ecosystems`, `/clusters`,
  one cluster, `/forecasts`, `/report`, `/data`, `/context`, and the views filtered by
  `?ecosystem=`), the public router on every public view, and the filter callbacks
  (ecosystem filter, objective filter, call picker, cluster card, public map button). Each
  case is the median of `repeat` requests after two warm-up requests (the cache filled:
  "warm"), divided by the trivial callback of the same run. It prints a table and returns
  the rows: bench/bench_pages.py calls it.
- `cold(database_url)`: the pages that sum projects with the cache emptied before every
  request (the first view after an import), against the bare SQL aggregate each needs.
- `overview(folder)`: the overview at 1,000 SYNTHETIC indicators (bench/bench_overview.py's
  database), warm (the answer from the page cache), answer not cached (the page built from
  cached frames) and cold (cache emptied), in turn with the trivial callback.
- `api_rates(database_url)`: `/api/v1/indicators` against `/healthz` in requests/s under
  gunicorn with 2 workers (bench/bench_public.py's harness).

`__main__` runs the first three and the API on a throwaway seeded SQLite database (seed,
Eurostat files, forecasts), then, with `--postgres URL`, `measure` and `cold` on that
PostgreSQL database (created for the run and dropped after) with the seed and `--projects`
SYNTHETIC projects (`s3dash demo`). The load average is printed before and after.

    .venv/bin/python bench/page_callbacks.py
    .venv/bin/python bench/page_callbacks.py --postgres \\
        postgresql+psycopg://postgres@127.0.0.1:5432/s3bench_pages --projects 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from bench.dash_timing import (  # noqa: E402
    dependency,
    interleaved_medians,
    median_ms,
    payload,
    poster,
    trivial_case,
)
from callbacks import clusters as clusters_page  # noqa: E402
from dashboard.pages import clusters as clusters_layout  # noqa: E402
from data.db import session_scope  # noqa: E402
from data.models import Cluster, Ecosystem, FundingCall, Indicator  # noqa: E402

TRIVIAL = "trivial callback (baseline)"
# What every warm request pays on top of the trivial callback: the data version of the cache
# keys, read from the database once per request (a round trip to a PostgreSQL server).
VERSION = "data version read (in every request)"


@dataclass(frozen=True)
class Row:
    """One timed case: median milliseconds, response size and ratio to the trivial callback."""

    name: str
    ms: float
    kib: float
    ratio: float


def _codes(url: str) -> dict[str, str]:
    """A real code of each kind the drill-down pages take, read from the database."""
    with session_scope(url) as session:
        indicators = session.scalars(select(Indicator.code).order_by(Indicator.sort_order)).all()
        return {
            "indicator": "RI05" if "RI05" in indicators else indicators[0],
            "call": session.scalars(select(FundingCall.code).order_by(FundingCall.id)).first()
            or "",
            "cluster": session.scalars(select(Cluster.code).order_by(Cluster.id)).first() or "",
            "ecosystem": session.scalars(
                select(Ecosystem.code)
                .where(Ecosystem.cross_cutting.is_(False))
                .order_by(Ecosystem.sort_order)
            ).first()
            or "",
            "objective": next(
                iter(
                    session.scalars(
                        select(Indicator.objective).where(Indicator.objective.is_not(None))
                    )
                ),
                "",
            ),
        }


def cases(client: FlaskClient, codes: dict[str, str]) -> dict[str, Callable[[], int]]:
    """Every router and filter callback, by name, as functions posting one request each."""
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    public = dependency(client, "/public/", {"public-url.pathname", "public-url.search"})

    def page(path: str, search: str = "") -> Callable[[], int]:
        values = {"shell-url.pathname": path, "shell-url.search": search}
        return poster(client, "/", payload(router, values, {}))

    def public_page(path: str) -> Callable[[], int]:
        values = {"public-url.pathname": path, "public-url.search": ""}
        return poster(client, "/public/", payload(public, values, {}))

    def callback(
        prefix: str, values: dict[str, Any], state: dict[str, Any], output: str = ""
    ) -> Callable[[], int]:
        dep = dependency(client, prefix, set(values), output)
        return poster(client, prefix, payload(dep, values, state))

    eco = f"?ecosystem={codes['ecosystem']}"
    run: dict[str, Callable[[], int]] = {
        "/": page("/"),
        f"/{eco}": page("/", eco),
        "/indicators": page("/indicators"),
        f"/indicators?indicator={codes['indicator']}": page(
            "/indicators", f"?indicator={codes['indicator']}"
        ),
        "/funding": page("/funding"),
        f"/funding{eco}": page("/funding", eco),
        f"/funding?call={codes['call']}": page("/funding", f"?call={codes['call']}"),
        "/ecosystems": page("/ecosystems"),
        f"/ecosystems{eco}": page("/ecosystems", eco),
        "/clusters": page("/clusters"),
        f"/clusters{eco}": page("/clusters", eco),
        f"/clusters?cluster={codes['cluster']}": page("/clusters", f"?cluster={codes['cluster']}"),
        "/forecasts": page("/forecasts"),
        f"/forecasts{eco}": page("/forecasts", eco),
        "/report": page("/report"),
        "/data": page("/data"),
        "/context": page("/context"),
        "ecosystem filter (into the URL)": callback(
            "/", {"shell-ecosystem-filter.value": codes["ecosystem"]}, {"shell-url.search": ""}
        ),
        "objective filter (into the URL)": callback(
            "/", {"overview-objective-filter.value": codes["objective"]}, {"shell-url.search": ""}
        ),
        "call picker (into the URL)": callback(
            "/", {"funding-call-picker.value": codes["call"]}, {"shell-url.search": ""}
        ),
        "cluster card": callback(
            "/",
            {f"{clusters_layout.PICKER_ID}.value": codes["cluster"]},
            {"shell-url.search": ""},
            output="clusters-card.children",
        ),
        "cluster chosen on a chart": callback(
            "/",
            {
                f"{clusters_page.CLICKABLE[0]}.clickData": {
                    "points": [{"customdata": codes["cluster"]}]
                }
            },
            {},
        ),
    }
    for path in (
        "/public/",
        "/public/indicators",
        f"/public/indicator/{codes['indicator']}",
        "/public/trends",
        "/public/funding",
        "/public/clusters",
        "/public/method",
        "/public/accessibility",
        "/public/context",
    ):
        run[path] = public_page(path)
    run["public map button"] = callback(
        "/public/", {"public-map-button.n_clicks": 1}, {"public-url.search": ""}
    )
    return run


def _version_read(flask_app: Any) -> Callable[[], int]:
    """One read of the data version, as a request makes it (a pooled connection)."""
    from data.db import request_data_version

    def read() -> int:
        with flask_app.test_request_context():
            request_data_version()
        return 0  # no response body

    return read


def print_rows(title: str, rows: list[Row], unit: str = "× trivial") -> None:
    """The table: median ms, response KiB, ratio."""
    print(title)
    print(f"  {'callback':44} {'median ms':>10} {'KiB':>8} {unit:>12}")
    for row in rows:
        print(f"  {row.name:44} {row.ms:10.1f} {row.kib:8.0f} {row.ratio:12.1f}")


def measure(database_url: str, repeat: int = 15) -> list[Row]:
    """Time every router and filter callback (warm) on this database; print and return them."""
    config = {"DATABASE_URL": database_url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    client = flask_app.test_client()
    run = cases(client, _codes(database_url))
    run[VERSION] = _version_read(flask_app)
    run[TRIVIAL] = trivial_case()
    timed = {name: median_ms(case, repeat) for name, case in run.items()}
    floor = timed[TRIVIAL][0]
    rows = [Row(name, ms, size / 1024, ms / floor) for name, (ms, size) in timed.items()]
    print_rows(f"{database_url}: median of {repeat} warm requests", rows)
    return rows


# The bare SQL aggregate each project page needs: one hand-written GROUP BY over `project`
# by the keys the page shows, computing the columns the page shows (the floor for anything
# that sums the projects of a view). The funding page shows all ten of
# data.project_queries.AGGREGATE_COLUMNS (counts, net and gross money, synthetic share,
# payments and their base, fallbacks, warnings) by call, place, programme and month; the
# ecosystems page five by ecosystem and place; the clusters map two by province; the
# forecasts the monthly sums with the province's name.
SERVING = "ecosystem_id IN (SELECT id FROM ecosystem WHERE code = :code OR cross_cutting)"
MONTH = "(extract(year FROM start_date) * 100 + extract(month FROM start_date))"
FUNDING = "coalesce(net_funding_eur, public_funding_eur)"
PROGRESS = f"sum(payments_eur), sum({FUNDING}) FILTER (WHERE payments_eur IS NOT NULL)"
EVERY_AGGREGATE = (
    f"count(*), sum({FUNDING}), count({FUNDING}), count(*) FILTER (WHERE is_synthetic), "
    f"sum({FUNDING}) FILTER (WHERE is_synthetic), sum(public_funding_eur), {PROGRESS}, "
    "count(*) FILTER (WHERE net_funding_eur IS NULL AND public_funding_eur IS NOT NULL), "
    "count(*) FILTER (WHERE warnings <> '')"
)
CUBE = "call_id, province_code, localisation, programme_code"
BARE_SQL = {
    "/funding": f"SELECT {CUBE}, {MONTH}, {EVERY_AGGREGATE} FROM project GROUP BY 1, 2, 3, 4, 5",
    "/funding?ecosystem=": f"SELECT {CUBE}, {MONTH}, {EVERY_AGGREGATE} FROM project "
    f"WHERE {SERVING} GROUP BY 1, 2, 3, 4, 5",
    "/ecosystems": "SELECT ecosystem_id, province_code, localisation, count(*), "
    f"sum({FUNDING}), count(*) FILTER (WHERE is_synthetic), {PROGRESS} "
    "FROM project GROUP BY 1, 2, 3",
    "/clusters": f"SELECT province_code, count(*), sum({FUNDING}) FROM project GROUP BY 1",
    "/clusters?ecosystem=": f"SELECT province_code, count(*), sum({FUNDING}) FROM project "
    f"WHERE {SERVING} GROUP BY 1",
    "/forecasts": f"SELECT ecosystem_id, province_code, {MONTH}, max(province_name), "
    f"sum({FUNDING}) FROM project WHERE start_date IS NOT NULL GROUP BY 1, 2, 3",
}


def cold(
    database_url: str,
    repeat: int = 9,
    variants: Mapping[str, Callable[[], Callable[[], None]]] | None = None,
) -> list[Row]:
    """The project pages with the cache emptied before every request, against bare SQL.

    Cold is the first view after an import (every worker shares the cache): the page reads
    every frame, aggregates the projects in SQL and renders. Each page is divided by the
    bare SQL aggregate it needs (BARE_SQL), timed on a pooled connection in the same run,
    all taken in turn (bench/dash_timing.interleaved_medians). `variants` (bench/cold_parts.py)
    are other ways of serving the page, each timed in turn too: a variant is a function that
    changes the app and returns the function that undoes it.
    """
    from sqlalchemy import text

    from data.db import get_engine

    config = {"DATABASE_URL": database_url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    cache = flask_app.extensions["s3m_cache"]
    client = flask_app.test_client()
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    ecosystem = _codes(database_url)["ecosystem"]
    engine = get_engine(database_url)
    rows = []
    for name, sql in BARE_SQL.items():
        path, _, search = name.partition("?")
        search = f"?{search}{ecosystem}" if search else ""

        def bare(sql: str = sql) -> int:
            with engine.connect() as connection:
                return len(connection.execute(text(sql), {"code": ecosystem}).all())

        values = {"shell-url.pathname": path, "shell-url.search": search}
        page = poster(client, "/", payload(router, values, {}))
        runs = {"bare": (bare, None), "page": (page, cache.clear)}
        for variant, change in (variants or {}).items():
            runs[variant] = (_changed(page, change), cache.clear)
        medians, sizes = interleaved_medians(runs, repeat)
        floor = medians["bare"]
        for run in list(runs)[1:]:
            label = f"{path}{search}" + ("" if run == "page" else f" [{run}]")
            rows.append(
                Row(
                    f"{label} (bare SQL {floor:.1f} ms)",
                    medians[run],
                    sizes[run] / 1024,
                    medians[run] / floor,
                )
            )
    print_rows(f"{database_url}: cold (cache emptied), median of {repeat}", rows, "× bare SQL")
    return rows


def _changed(
    page: Callable[[], int], change: Callable[[], Callable[[], None]]
) -> Callable[[], int]:
    """`page` requested with the app changed by `change` (undone right after)."""

    def run() -> int:
        undo = change()
        try:
            return page()
        finally:
            undo()

    return run


def seeded_sqlite(folder: Path) -> str:
    """A throwaway SQLite database with the seed, the context files and every forecast."""
    url = f"sqlite:///{folder / 'pages.db'}"
    _load(url)
    return url


def _load(url: str, projects: int = 0) -> None:
    """Migrate and seed `url` (+ the Eurostat files), add synthetic projects, forecast all."""
    from data.context import seed_context
    from data.demo import generate
    from data.forecasting import refresh
    from data.migrate import upgrade
    from data.seeding import seed

    upgrade(url)
    seed(url)
    seed_context(url)
    if projects:
        generate(url, projects, seed=2027)  # SYNTHETIC, marked so: `s3dash demo --projects N`
    refresh(url)


@contextmanager
def throwaway_postgres(url: str) -> Iterator[str]:
    """The PostgreSQL database named by `url`, created empty for the run and dropped after."""
    import psycopg
    from sqlalchemy.engine import make_url

    from data.db import get_engine

    parsed = make_url(url)
    name = parsed.database
    admin = parsed.set(drivername="postgresql", database="postgres")
    admin_url = admin.render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        get_engine(url).dispose()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def overview(folder: Path, indicators: int = 1000, repeat: int = 9) -> list[Row]:
    """The overview at `indicators` SYNTHETIC indicators, three ways, against trivial.

    - warm: the router's answer comes from the page cache (callbacks/page_cache.py);
    - answer not cached: the kept answers are dropped before every request, the data
      loaders' frames stay cached: the cost of building the page from cached data;
    - cold: the whole cache emptied before every request (loaders read the database).

    The database is bench/bench_overview.py's (seed + synthetic indicators, unpublished).
    All four cases are taken in turn, round after round (interleaved_medians).
    """
    from bench.bench_overview import build_database

    url = build_database(folder / "overview.db", indicators, 20271231)
    config = {"DATABASE_URL": url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    client = flask_app.test_client()
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    home = {"shell-url.pathname": "/", "shell-url.search": ""}
    page = poster(client, "/", payload(router, home, {}))
    cache = flask_app.extensions["s3m_cache"]
    at = f"/ at {indicators:,} indicators"
    runs: dict[str, tuple[Callable[[], Any], Callable[[], None] | None]] = {
        f"{at}, warm (page cache)": (page, None),
        f"{at}, answer not cached": (page, lambda: forget_answers(cache)),
        f"{at}, cold (cache emptied)": (page, cache.clear),
        TRIVIAL: (trivial_case(), None),
    }
    medians, sizes = interleaved_medians(runs, repeat)
    floor = medians[TRIVIAL]
    rows = [Row(name, ms, sizes[name] / 1024, ms / floor) for name, ms in medians.items()]
    print_rows(f"overview, {indicators:,} synthetic indicators, median of {repeat} in turn", rows)
    return rows


def forget_answers(cache: Any) -> None:
    """Drop the router answers and layouts the page cache kept (its "page:" keys) and
    nothing else: the loaders' frames stay. The in-process cache only (the benchmarks')."""
    from flask_caching.backends import SimpleCache

    if not isinstance(cache.cache, SimpleCache):
        raise TypeError(f"forget_answers needs the in-process cache, not {type(cache.cache)}")
    kept = cache.cache._cache  # SimpleCache's dict of key -> (expiry, value)
    answers = [key for key in kept if key.startswith("page:")]
    if not answers:  # the row would time the page cache, not the page: say so
        raise LookupError("no kept answer to drop: the page cache's keys have changed")
    for key in answers:
        del kept[key]


def api_rates(database_url: str, requests: int = 2000, threads: int = 8, rounds: int = 5) -> None:
    """/api/v1/indicators against /healthz, in requests/s, under gunicorn with 2 workers.

    bench/bench_public.py's harness (the production entry point, rate limit off), rounds
    taken in turn; the medians and the ratio of the medians are printed.
    """
    import statistics

    from bench.bench_public import gunicorn, throughput

    rates: dict[str, list[float]] = {"/healthz": [], "/api/v1/indicators": []}
    with gunicorn(database_url, "off") as base:
        for _ in range(rounds):
            for path, done in rates.items():
                done.append(throughput(base, path, requests, threads))
    healthz, api = (statistics.median(done) for done in rates.values())
    print(f"gunicorn, 2 workers: median of {rounds} rounds of {requests} GETs, {threads} clients")
    print(f"  /healthz            {healthz:8.0f} req/s")
    print(f"  /api/v1/indicators  {api:8.0f} req/s   {api / healthz:.2f}x /healthz")


def print_load() -> None:
    """The machine's load average: the numbers are read against it (a shared machine)."""
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


def main() -> None:
    """Seeded SQLite, the overview at 1,000 indicators, the API; then 100,000 projects on
    PostgreSQL (with --postgres)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--postgres",
        help="a PostgreSQL URL whose database this run may create and drop "
        "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/s3bench_pages)",
    )
    parser.add_argument("--projects", type=int, default=100_000)
    args = parser.parse_args()
    print_load()
    with tempfile.TemporaryDirectory(prefix="s3m-bench-pages-") as folder:
        url = seeded_sqlite(Path(folder))
        measure(url, args.repeat)
        overview(Path(folder), repeat=args.repeat)
        api_rates(url)
    if args.postgres:
        with throwaway_postgres(args.postgres) as url:
            _load(url, args.projects)
            print(f"\nPostgreSQL, seed + {args.projects:,} SYNTHETIC projects")
            measure(url, args.repeat)
            cold(url)
    print_load()


if __name__ == "__main__":
    main()
