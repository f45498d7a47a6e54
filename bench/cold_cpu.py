"""The cold project pages' own CPU time, beside their wall time and their bare SQL.

On a shared machine the wall-clock ratio of a cold page to its bare SQL aggregate
(bench/page_callbacks.py `cold`) moves with the load; the CPU time the page's process spends
(`time.process_time`: rendering, pandas, JSON, fetching rows, not the time waiting for
PostgreSQL) moves much less, and it is what the code changes. Each page is requested cold (the
cache emptied) and its bare SQL (`BARE_SQL`) run, in turn, round after round; printed per page:
the medians of the bare SQL, of the page, their ratio and the page's CPU time.

`--code DIR` imports the app from DIR instead of this checkout, to compare two versions
of the code on one database in turn (DIR from `git archive`, with the catalogues compiled):

    git archive 1d79600 | tar -x -C /tmp/before && cp -r dashboard/locale /tmp/before/dashboard/
    .venv/bin/python bench/cold_cpu.py --code /tmp/before postgresql+psycopg://…/s3bench_cold
    .venv/bin/python bench/cold_cpu.py postgresql+psycopg://…/s3bench_cold

`--parts` also prints, under each page, the median CPU time of the functions in `PARTS` it
calls (the clusters pages' blocks, the loaders and the router callback around the page:
the page's CPU less the router callback's is what the request costs outside it), timed
inside the cold requests; `--part MODULE:FUNCTION` (repeatable) times those functions
instead, `--page` (repeatable, a `BARE_SQL` key) times only those pages.

The app is built and then settled as a server settles it (`app.settle_heap`, when the
code has it: gc.freeze); `--unsettled` leaves the heap as built, to time both. Beside the
median CPU time, the 90th percentile and the full collections (generation 2) the
collector ran during the timed rounds: how many, and their CPU time in all.

The database is one loaded by bench/page_callbacks.py (or bench/cold_parts.py --load).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

# With --parts, the CPU time of these functions inside each cold request (a part's time
# includes the parts it calls): where the clusters pages spend theirs. Timed inside the
# request, the blocks see fresh frames, as a reader's first view does (timed again on one
# kept frame, pandas' lazy indexes are built already and they read lower).
PAGES, FIGURES = "dashboard.pages.clusters", "dashboard.figures.clusters"
PARTS = [
    ("callbacks.first_paint", "answer"),  # the router callback: the page, header, footer
    ("callbacks.clusters", "page_data"),
    (PAGES, "layout"),
    (PAGES, "map_block"),
    (FIGURES, "hq_map"),
    (PAGES, "members_block"),
    (PAGES, "province_block"),
    (PAGES, "clusters_table"),
    ("callbacks.loaders", "clusters"),
    ("callbacks.loaders", "projects_by_province"),
    ("callbacks.loaders", "indicators"),
    ("callbacks.loaders", "ecosystems"),
    ("callbacks.loaders", "calls"),
    ("callbacks.loaders", "project_cube"),
    ("callbacks.loaders", "projects_by_ecosystem"),
]


def _timed(module_name: str, name: str, spent: list[float]) -> None:
    """Replace `module_name.name` by a wrapper adding its CPU time (ms) to `spent[-1]`."""
    module = importlib.import_module(module_name)
    function = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            if spent:  # not outside the timed rounds (the app's own calls at start-up)
                spent[-1] += (time.process_time() - start) * 1000

    setattr(module, name, wrapper)


def _full_collections(spent: list[float]) -> None:
    """Add the CPU time (ms) of every full collection the collector runs to `spent`."""
    started: list[float] = []

    def watch(phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            started.append(time.process_time())
        elif started:
            spent.append((time.process_time() - started.pop()) * 1000)

    gc.callbacks.append(watch)


def main() -> None:
    """Time every cold project page against its bare SQL, with its CPU time."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a PostgreSQL URL of a loaded database")
    parser.add_argument("--code", help="import the app from this directory (another version)")
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--parts", action="store_true", help="also the CPU time of PARTS")
    parser.add_argument(
        "--part",
        action="append",
        metavar="MODULE:FUNCTION",
        help="time this function instead of PARTS (repeatable; implies --parts)",
    )
    parser.add_argument("--page", action="append", help="only this page (a BARE_SQL key)")
    parser.add_argument("--unsettled", action="store_true", help="skip app.settle_heap")
    args = parser.parse_args()
    code = Path(args.code).resolve() if args.code else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(code))

    from sqlalchemy import text

    import app
    import data
    from app import create_app
    from bench.dash_timing import dependency, payload, poster
    from bench.page_callbacks import BARE_SQL, _codes, print_load
    from data.db import get_engine

    print_load()
    print(f"code: {Path(data.__file__).parent.parent}")
    parts = [tuple(p.split(":", 1)) for p in args.part] if args.part else PARTS
    spent: dict[str, list[float]] = {f"{m.rsplit('.', 1)[1]}.{n}": [] for m, n in parts}
    if args.parts or args.part:
        for (module_name, name), times in zip(parts, spent.values(), strict=True):
            _timed(module_name, name, times)
    config = {"DATABASE_URL": args.url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    settle = None if args.unsettled else getattr(app, "settle_heap", None)
    if settle is not None:
        settle()
    print(f"heap: {'settled (app.settle_heap)' if settle else 'as built'}")
    collections: list[float] = []
    _full_collections(collections)
    cache = flask_app.extensions["s3m_cache"]
    client = flask_app.test_client()
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    ecosystem = _codes(args.url)["ecosystem"]
    engine = get_engine(args.url)
    print(
        f"  {'page':32} {'bare ms':>8} {'page ms':>8} {'× bare':>7} {'page CPU ms':>12}"
        f" {'CPU p90':>8} {'full GCs':>9}"
    )
    for name, sql in BARE_SQL.items():
        if args.page and name not in args.page:
            continue
        path, _, search = name.partition("?")
        search = f"?{search}{ecosystem}" if search else ""
        values = {"shell-url.pathname": path, "shell-url.search": search}
        page = poster(client, "/", payload(router, values, {}))
        bare_ms, page_ms, cpu_ms = [], [], []
        for times in spent.values():
            times.clear()
        for round_ in range(args.repeat + 2):  # two warm-up rounds
            if round_ == 2:
                collections.clear()
            start = time.perf_counter()
            with engine.connect() as connection:
                connection.execute(text(sql), {"code": ecosystem}).all()
            bare = time.perf_counter() - start
            cache.clear()
            for times in spent.values():
                times.append(0.0)
            start, cpu = time.perf_counter(), time.process_time()
            page()
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
            if round_ >= 2:
                bare_ms.append(bare * 1000)
                page_ms.append(wall * 1000)
                cpu_ms.append(cpu * 1000)
        floor, served = statistics.median(bare_ms), statistics.median(page_ms)
        p90 = statistics.quantiles(cpu_ms, n=10)[-1]
        print(
            f"  {path + search:32} {floor:8.1f} {served:8.1f} {served / floor:7.2f} "
            f"{statistics.median(cpu_ms):12.1f} {p90:8.1f} "
            f"{len(collections):3} {sum(collections):4.0f}ms"
        )
        for part, times in spent.items():
            if any(times):  # a part this page calls
                print(f"      {part:30} {statistics.median(times[2:]):24.2f}")
    print_load()


if __name__ == "__main__":
    main()
