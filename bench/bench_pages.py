"""Time to ready of every internal and public page in headless Chromium (issue 15).

Each page is timed from `driver.get` until ready (bench/browser_timing.py: no Dash loading
marker left, every graph present drawn, and the page's own content present: a body cell of
its main table, its cards, its list), against a hello-world Dash page (one dcc.Location, one
callback, one graph) served the same way: the app and hello-world each on a threaded
werkzeug server on loopback, the app in login mode (as in production) with the browser
signed in through the form. One warm-up load of every page, then `--loads` loads taken in
turn across the pages; the medians and their ratios to hello-world are printed, with the
page's element count. The target is 1.5× hello-world for every page (`!` marks a miss).

Two datasets, each in a database of its own:
- `seed`: a throwaway SQLite file with the seed data, the Eurostat context files and their
  forecasts (what `make run` shows);
- `demo`: PostgreSQL (`--postgres`, a database this script drops and re-creates) with the
  same, plus `s3dash demo --projects N` synthetic projects (default 100,000) and the
  forecasts they bring (monthly funding series per ecosystem and province).

Then, on the same databases, the server half (bench/page_callbacks.py): every router and
filter callback, warm, against a trivial callback; on the seed data the overview at 1,000
indicators and the API against `/healthz` under gunicorn; on the demo data the project
pages with the cache emptied against their bare SQL aggregate.

    .venv/bin/python bench/bench_pages.py [--loads 5] [--only seed|demo] \
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/bench_pages] [--projects 100000] \
        [--pages /funding /forecasts ...] [--reuse]

`--pages` times only those paths (of INTERNAL and PUBLIC below; hello-world always) and
leaves out the server half (bench/page_callbacks.py runs it on its own). `--reuse` keeps
the PostgreSQL database of an earlier run with the same `--projects` instead of building it
again (minutes at 100,000 projects).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import page_callbacks  # noqa: E402
from bench.browser_timing import (  # noqa: E402
    HELLO_WANTED,
    Page,
    browser_medians,
    hello_world,
    log_in,
    new_driver,
    print_table,
)

TARGET = 1.5  # × hello-world, every page (issue 15)
HELLO = "hello-world Dash page"
USERNAME = "bench-admin"
PASSWORD = "bench pages password"  # a throwaway account in a throwaway database

# The page's own content: what must be there, with text, for the page to count as ready.
INTERNAL: dict[str, tuple[str, ...]] = {
    "/": ("#overview-gauges", "#overview-status-summary", "#overview-indicators-table td"),
    "/indicators": ("#indicators-table td",),
    "/indicators?indicator=RI05": ("#indicators-detail", "#indicators-detail td"),
    "/funding": ("#funding-summary", "#funding-calls-table td"),
    "/funding?call=collabora-innova": ("#funding-projects", "#funding-calls-table td"),
    "/ecosystems": ("#ecosystems-comparison-table td",),
    "/ecosystems?ecosystem=manifattura": ("#ecosystems-focus",),
    # The headquarters map is SVG in the page: ready once a marker (its <title>) is there.
    "/clusters": ("#clusters-table td", "#clusters-summary", "#clusters-map .s3-map-marker"),
    "/clusters?cluster=afil": ("#clusters-card", "#clusters-map .s3-map-marker"),
    "/forecasts": ("#forecasts-summary-table td", "#forecasts-reverse"),
    "/context": ("#context-peers li", "#context-compare-table tbody td"),
    "/data": ("#data-history-table td",),
    "/report": ("#report-indicators-table td",),
}
PUBLIC: dict[str, tuple[str, ...]] = {
    "/public/": ("#public-cards", "#public-funding-table td", "#public-clusters-table td"),
    "/public/indicators": ("#public-indicators-table td",),
    "/public/indicator/RI05": ("h1", "#public-observations-table td"),
    "/public/trends": ("#public-trends",),
    "/public/funding": ("#public-funding-table td",),
    "/public/clusters": ("#public-clusters-table td", "#clusters-map .s3-map-marker"),
    "/public/method": ("h1", "main p"),
    "/public/accessibility": ("h1", "main p"),
    "/public/context": ("#public-context-peers li", "[id^=public-context-][id$=-table] td"),
}


def build_seed(url: str, projects: int = 0) -> None:
    """Schema, seed, Eurostat context, optional demo projects, forecasts, one admin."""
    from werkzeug.security import generate_password_hash

    from data.context import seed_context
    from data.db import session_scope
    from data.forecasting import refresh
    from data.migrate import upgrade
    from data.models import AppUser
    from data.seeding import seed

    upgrade(url)
    seed(url)
    seed_context(url)
    if projects:
        from data import demo

        demo.generate(url, projects, seed=0)
    started = time.perf_counter()
    result = refresh(url)
    print(f"  forecasts: {result} ({time.perf_counter() - started:.0f} s)", flush=True)
    with session_scope(url) as session:
        session.add(
            AppUser(
                username=USERNAME,
                role="admin",
                password_hash=generate_password_hash(PASSWORD, method="scrypt"),
            )
        )


@contextmanager
def sqlite_database() -> Iterator[str]:
    """A throwaway SQLite file with the seed data."""
    with tempfile.TemporaryDirectory(prefix="s3m-bench-pages-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'pages.db'}"
        build_seed(url)
        yield url


def built_before(url: str, projects: int) -> bool:
    """Whether `url` holds a finished build of an earlier run with `projects` demo projects.

    The admin account is the build's last step, so its presence means the build completed.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            admin = connection.execute(
                text("SELECT count(*) FROM app_user WHERE username = :name"), {"name": USERNAME}
            ).scalar_one()
            synthetic = connection.execute(
                text("SELECT count(*) FROM project WHERE is_synthetic")
            ).scalar_one()
    except SQLAlchemyError:  # no such database or no schema yet
        return False
    finally:
        engine.dispose()
    return bool(admin) and synthetic == projects


@contextmanager
def postgres_database(url: str, projects: int, reuse: bool = False) -> Iterator[str]:
    """`url`'s database dropped, re-created and filled with the seed and the demo projects.

    With `reuse`, a finished build of the same size (`built_before`) is kept as it is.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if reuse and built_before(url, projects):
        print("  reusing the database of an earlier run", flush=True)
        yield url
        return
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    build_seed(url, projects)
    yield url


def pages(base: str, paths: Sequence[str] | None = None) -> dict[str, Page]:
    """The pages to time (`paths`, or every page), internal then public, by name."""
    every = INTERNAL | PUBLIC
    return {
        path: Page(base + path, wanted)
        for path, wanted in every.items()
        if paths is None or path in paths
    }


def known_paths(paths: Sequence[str]) -> list[str]:
    """`paths` as given, or an argparse error naming the ones the script does not know."""
    unknown = [path for path in paths if path not in INTERNAL | PUBLIC]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown page(s) {', '.join(unknown)}; known: {', '.join(INTERNAL | PUBLIC)}"
        )
    return list(paths)


def measure(url: str, loads: int, label: str, paths: Sequence[str] | None = None) -> None:
    """Serve the app on `url` in login mode beside hello-world; time and print every page."""
    from app import create_app
    from tests.browser.public_server import serve_wsgi

    config = {"DATABASE_URL": url, "S3DASH_AUTH": "login", "REDIS_URL": ""}
    config |= {"S3DASH_RATE_LIMIT": "off", "SECRET_KEY": "bench-pages"}
    flask_app = create_app(config)
    with serve_wsgi(flask_app) as app_base, serve_wsgi(hello_world()) as hello_base:
        timed = {HELLO: Page(hello_base + "/", HELLO_WANTED), **pages(app_base, paths)}
        driver = new_driver("bench-pages-chromium-")
        try:
            log_in(driver, app_base, USERNAME, PASSWORD)
            loaded = browser_medians(timed, loads, driver)
        finally:
            driver.quit()
    print()
    print_table(
        f"{label}: headless Chromium, time to ready, median of {loads} loads after 1 warm-up "
        f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})",
        loaded,
        HELLO,
        TARGET,
    )
    misses = [name for name, load in loaded.items() if load.ms > TARGET * loaded[HELLO].ms]
    print(f"pages beyond {TARGET}× hello-world: {len(misses)} of {len(loaded) - 1}")


def main() -> None:
    """Build each dataset, time every page, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--only", choices=("seed", "demo"))
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench_pages"
        ),
        help="PostgreSQL URL of a database of the benchmark's own (dropped and re-created)",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="PATH",
        help="time only these pages (and hello-world); no server half",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the PostgreSQL database of an earlier run with the same --projects",
    )
    args = parser.parse_args()
    paths = None
    if args.pages:
        try:
            paths = known_paths(args.pages)
        except argparse.ArgumentTypeError as error:
            parser.error(str(error))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log in the output
    if args.only in (None, "seed"):
        print("seed data on SQLite: building", flush=True)
        with sqlite_database() as url:
            measure(url, args.loads, "seed data (SQLite)", paths)
            if paths is None:
                page_callbacks.measure(url)
                page_callbacks.api_rates(url)
        if paths is None:
            with tempfile.TemporaryDirectory(prefix="s3m-bench-overview-") as folder:
                page_callbacks.overview(Path(folder))
    if args.only in (None, "demo"):
        print(f"\nseed + {args.projects:,} synthetic projects on PostgreSQL: building", flush=True)
        with postgres_database(args.postgres, args.projects, args.reuse) as url:
            label = f"seed + {args.projects:,} demo projects (PostgreSQL)"
            measure(url, args.loads, label, paths)
            if paths is None:
                page_callbacks.measure(url)
                page_callbacks.cold(url)


if __name__ == "__main__":
    main()
