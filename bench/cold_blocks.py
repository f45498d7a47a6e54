"""Where a cold clusters page spends its own CPU time: the request and the parts inside it.

Each view is requested cold (the cache emptied), as the app serves it; the CPU time
(`time.process_time`) of the whole request and of the functions named in `PARTS`, each
wrapped for the run, is kept per request, and the medians printed. A part's time includes
the parts it calls. Timed inside the cold request, the blocks see fresh frames, as a
reader's first view does (timed again on one kept frame, pandas' lazy indexes are built
already and they read lower). `--code DIR` imports the app from DIR (a `git archive` with
the catalogues compiled), to compare two versions in turn on one database:

    .venv/bin/python bench/cold_blocks.py --code /tmp/before \\
        postgresql+psycopg://postgres@127.0.0.1:5432/s3bench_cold

The database is one loaded by bench/page_callbacks.py (or bench/cold_parts.py --load).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

VIEWS = ("", "?ecosystem=manifattura")
PAGES, FIGURES = "dashboard.pages.clusters", "dashboard.figures.clusters"
PARTS = [
    ("callbacks.clusters", "page_data"),
    (PAGES, "layout"),
    (PAGES, "map_block"),
    (FIGURES, "hq_map"),
    (PAGES, "members_block"),
    (PAGES, "province_block"),
    (FIGURES, "province_map"),
    (PAGES, "clusters_table"),
    (PAGES, "matrix_block"),
    ("callbacks.loaders", "clusters"),
    ("callbacks.loaders", "projects_by_province"),
    ("callbacks.loaders", "indicators"),
    ("callbacks.loaders", "ecosystems"),
]


def _timed(module_name: str, name: str, spent: list[float]) -> None:
    """Replace `module_name.name` by a wrapper adding its CPU time to `spent[-1]`."""
    module = importlib.import_module(module_name)
    function = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[-1] += time.process_time() - start

    setattr(module, name, wrapper)


def main() -> None:
    """Print each cold clusters view's CPU time and its parts', medians of `--repeat`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a PostgreSQL URL of a loaded database")
    parser.add_argument("--code", help="import the app from this directory (another version)")
    parser.add_argument("--repeat", type=int, default=22)
    args = parser.parse_args()
    code = Path(args.code).resolve() if args.code else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(code))

    from app import create_app
    from bench.dash_timing import dependency, payload, poster
    from bench.page_callbacks import print_load

    print_load()
    print(f"code: {code}")
    spent: dict[str, list[float]] = {f"{m.rsplit('.', 1)[1]}.{n}": [] for m, n in PARTS}
    for (module_name, name), times in zip(PARTS, spent.values(), strict=True):
        _timed(module_name, name, times)
    config = {"DATABASE_URL": args.url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    cache = flask_app.extensions["s3m_cache"]
    client = flask_app.test_client()
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    for search in VIEWS:
        values = {"shell-url.pathname": "/clusters", "shell-url.search": search}
        page: Callable[[], Any] = poster(client, "/", payload(router, values, {}))
        requests: list[float] = []
        for times in spent.values():
            times.clear()
        for _ in range(args.repeat + 2):  # two warm-up rounds, dropped
            for times in spent.values():
                times.append(0.0)
            cache.clear()
            start = time.process_time()
            page()
            requests.append(time.process_time() - start)
        print(f"/clusters{search}: request CPU {statistics.median(requests[2:]) * 1000:.2f} ms")
        for part, times in spent.items():
            print(f"  {part:34} {statistics.median(times[2:]) * 1000:6.2f} ms")
    print_load()


if __name__ == "__main__":
    main()
