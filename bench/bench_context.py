"""Benchmark of the context page (internal and public) on the shipped Eurostat files.

Builds a throwaway SQLite database under a temporary folder (seed + the six shipped Eurostat
files, ~49,000 values, + Lombardy's context forecasts), then times, through the Flask test
client as the browser posts them (bench/dash_timing.py), the router callback rendering
`/context` (default and `?peers=DE1,ES51`, warm cache: the laid-out page is kept per data
version and view; then the same with the cache emptied before each request, as the first
reader after an import finds it), `/public/context`, the overview (which now carries the
context strip) and the trivial callback (the floor).

Then, in the same run, issue 17's item 5 as the reader sees it: the app (threaded werkzeug
server on loopback, the same database) and a hello-world Dash page (one dcc.Location, one
callback, one graph) served the same way, and headless Chromium timing each page from
`driver.get` to ready as bench/browser_timing.py defines it for every browser benchmark (no
Dash loading marker left, every graph in view drawn, the page's own content there with
text: here the peer list and a body cell of every table). The internal page's charts below
the fold are drawn when the reader reaches them (dashboard/lazy_graph.py); the last line
times the same page until all three charts are drawn, scrolling to each as a reader would.
One warm-up load each, then the median of `--loads` loads taken in turn (a busy spell of
the shared machine weighs on every page alike), with the ratios to hello-world, beside the
browser's CPU time per load and its ratio (the steadier one on a shared machine).

    .venv/bin/python bench/bench_context.py [--repeat 10] [--loads 5]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from bench.browser_timing import HELLO_WANTED, Page, browser_medians, hello_world  # noqa: E402
from bench.dash_timing import dependency, median_ms, payload, poster, trivial_case  # noqa: E402
from data.context import MEASURES, forecast_key, seed_context  # noqa: E402
from data.forecasting import refresh  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.seeding import seed  # noqa: E402

# The page's own content, every table filled: the peers, then a body cell of each table.
INTERNAL_READY = (
    "#context-peers li",
    *(f"#context-{name}-table tbody td" for name in ("compare", "rank", "forecast")),
    "#context-summary tbody td",
)
PUBLIC_READY = (
    "#public-context-peers li",
    *(f"#public-context-{m.replace('_', '-')}-table tbody td" for m in MEASURES),
)


def main() -> None:
    """Build the database, time each render, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    from tests.browser.public_server import serve_wsgi

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log in the output
    with tempfile.TemporaryDirectory(prefix="s3m-bench-context-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'context.db'}"
        upgrade(url)
        seed(url)
        seed_context(url)
        refresh(url, only=[forecast_key(m) for m in MEASURES])
        config = {"DATABASE_URL": url, "S3DASH_AUTH": "none", "REDIS_URL": ""}
        config |= {"S3DASH_RATE_LIMIT": "off", "SECRET_KEY": "bench"}
        flask_app = create_app(config)
        client = flask_app.test_client()
        internal = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
        public = dependency(client, "/public/", {"public-url.pathname", "public-url.search"})

        def page(path: str, search: str = "") -> Callable[[], int]:
            values = {"shell-url.pathname": path, "shell-url.search": search}
            return poster(client, "/", payload(internal, values, {}))

        cache = flask_app.extensions["s3m_cache"]
        cold = {"/context, cold cache": page("/context")}
        cases = {
            "/context": page("/context"),
            "/context?peers=DE1,ES51": page("/context", "?peers=DE1,ES51"),
            "/ (overview + strip)": page("/"),
            "/forecasts": page("/forecasts"),
            "/public/context": poster(
                client,
                "/public/",
                payload(
                    public,
                    {"public-url.pathname": "/public/context", "public-url.search": ""},
                    {},
                ),
            ),
            "trivial (baseline)": trivial_case(),
        }
        results = {name: median_ms(run, args.repeat) for name, run in cases.items()}
        results |= {
            name: median_ms(run, args.repeat, before_each=cache.clear) for name, run in cold.items()
        }
        floor = results["trivial (baseline)"][0]
        print(f"median of {args.repeat} requests after 2 warm-up requests each")
        print(f"{'callback':28} {'median ms':>10} {'response kB':>12} {'× trivial':>10}")
        for name, (ms, size) in results.items():
            print(f"{name:28} {ms:10.1f} {size / 1024:12.0f} {ms / floor:10.0f}")
        with serve_wsgi(flask_app) as app_base, serve_wsgi(hello_world()) as hello_base:
            pages = {
                "hello-world Dash page": Page(hello_base + "/", HELLO_WANTED),
                "/context": Page(app_base + "/context", INTERNAL_READY),
                "/context?peers=DE1,ES51": Page(
                    app_base + "/context?peers=DE1,ES51", INTERNAL_READY
                ),
                "/public/context": Page(app_base + "/public/context", PUBLIC_READY),
                "/context, all 3 charts": Page(app_base + "/context", INTERNAL_READY, 3),
            }
            loaded = browser_medians(pages, args.loads)
        hello = loaded["hello-world Dash page"]
        print()
        print(f"headless Chromium, time to ready: median of {args.loads} loads after 1 warm-up")
        ratio_head = f"{'× hello':>8}"
        print(
            f"{'page':28} {'median ms':>10} {'graphs':>7} {ratio_head} {'cpu ms':>7} {ratio_head}"
        )
        for name, load in loaded.items():
            cpu = f"{load.cpu_ms / hello.cpu_ms:8.2f}" if hello.cpu_ms else f"{'n/a':>8}"
            ratio = f"{load.ms / hello.ms:8.2f}"
            print(f"{name:28} {load.ms:10.0f} {load.graphs:7d} {ratio} {load.cpu_ms:7.0f} {cpu}")


if __name__ == "__main__":
    main()
