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
`driver.get` to ready: no Dash loading marker left (`._dash-loading`,
`[data-dash-is-loading]`), the page's content present (the peer list and a body cell of
every table) and every graph on the page drawn (`.dash-graph .main-svg`). The internal
page's charts below the fold are drawn when the reader reaches them (dashboard/lazy_graph.py),
so "ready" counts the graphs present at the top; the last line times the same page until
all three charts are drawn, scrolling to each as a reader would. One warm-up load each,
then the median of `--loads` loads taken in turn (a busy spell of the shared machine weighs
on every page alike), with the ratios to hello-world. Beside the time, the CPU time the
browser's processes spent on each load (Linux /proc, in 10 ms ticks): on a machine shared
with other work the wall time swings with their load, the CPU time much less, so its ratio
to hello-world is the steadier measure of the page's own work.

    .venv/bin/python bench/bench_context.py [--repeat 10] [--loads 5]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from bench.browser_timing import hello_world  # noqa: E402
from bench.dash_timing import dependency, median_ms, payload, poster, trivial_case  # noqa: E402
from data.context import MEASURES, forecast_key, seed_context  # noqa: E402
from data.forecasting import refresh  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.seeding import seed  # noqa: E402

READY = """
const wanted = arguments[0];
if (document.readyState !== 'complete') { return false; }
for (const selector of wanted) { if (!document.querySelector(selector)) { return false; } }
if (document.querySelector('._dash-loading, [data-dash-is-loading="true"]')) { return false; }
const graphs = document.querySelectorAll('.dash-graph');
for (const g of graphs) { if (!g.querySelector('.main-svg')) { return false; } }
return graphs.length;
"""


# The page's own content, every table filled: the peers, then a body cell of each table.
INTERNAL_READY = [
    "#context-peers li",
    *(f"#context-{name}-table tbody td" for name in ("compare", "rank", "forecast")),
    "#context-summary tbody td",
]
PUBLIC_READY = [
    "#public-context-peers li",
    *(f"#public-context-{m.replace('_', '-')}-table tbody td" for m in MEASURES),
]


# Scroll to the first chart not drawn yet, as a reader going down the page would.
SCROLL_TO_LAZY = """
const box = document.querySelector('.s3-lazy-graph:empty');
if (box) { box.scrollIntoView({block: 'center'}); }
"""


def process_cpu_s() -> dict[int, tuple[int, float]]:
    """Every process's parent and CPU seconds so far (user + system), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        found[int(name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return found


def browser_cpu_s(driver: Any) -> dict[int, float]:
    """CPU seconds so far of each process the browser runs (the driver's descendants)."""
    every = process_cpu_s()
    tree = {driver.service.process.pid}
    grown = True
    while grown:
        children = {pid for pid, (parent, _) in every.items() if parent in tree} - tree
        tree |= children
        grown = bool(children)
    tree.discard(driver.service.process.pid)  # chromedriver itself: the harness's
    return {pid: every[pid][1] for pid in tree if pid in every}


def time_to_ready(
    driver: Any, url: str, wanted: list[str], charts: int = 0, timeout: float = 60
) -> tuple[float, int, float]:
    """Milliseconds from navigating to `url` until the page is ready, its graph count, and
    the browser's CPU milliseconds over that time.

    Ready: every selector of `wanted` matches, no Dash loading marker is left and every
    graph has drawn; with `charts`, also scrolled to each chart drawn on reaching it until
    that many graphs are drawn.
    """
    driver.get("about:blank")
    before = browser_cpu_s(driver)
    start = time.perf_counter()
    driver.get(url)
    while True:
        if charts:
            driver.execute_script(SCROLL_TO_LAZY)
        graphs = driver.execute_script(READY, wanted)
        if graphs is not False and graphs >= charts:
            ms = (time.perf_counter() - start) * 1000
            after = browser_cpu_s(driver)
            cpu = sum(s - before.get(pid, 0.0) for pid, s in after.items()) * 1000
            return ms, int(graphs), cpu
        if time.perf_counter() - start > timeout:
            raise TimeoutError(url)
        time.sleep(0.01)


def browser_medians(
    pages: dict[str, tuple[str, list[str], int]], loads: int
) -> dict[str, tuple[float, int, float]]:
    """Median time to ready of each page (url, ready selectors, charts to scroll to draw)
    after one warm-up load, its graph count and the median browser CPU time of a load."""
    from tests.browser.chromium import headless_chromium

    driver = headless_chromium(Path(tempfile.mkdtemp(prefix="bench-context-chromium-")))
    try:
        for url, wanted, charts in pages.values():
            time_to_ready(driver, url, wanted, charts)  # warm-up: caches, first-request work
        runs: dict[str, list[tuple[float, int, float]]] = {name: [] for name in pages}
        # Round robin, so that a busy spell of a shared machine weighs on every page alike.
        for _ in range(loads):
            for name, (url, wanted, charts) in pages.items():
                runs[name].append(time_to_ready(driver, url, wanted, charts))
        return {
            name: (
                statistics.median(ms for ms, _, _ in done),
                done[-1][1],
                statistics.median(cpu for _, _, cpu in done),
            )
            for name, done in runs.items()
        }
    finally:
        driver.quit()


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
                "hello-world Dash page": (hello_base + "/", ["#hello-graph"], 0),
                "/context": (app_base + "/context", INTERNAL_READY, 0),
                "/context?peers=DE1,ES51": (
                    app_base + "/context?peers=DE1,ES51",
                    INTERNAL_READY,
                    0,
                ),
                "/public/context": (app_base + "/public/context", PUBLIC_READY, 0),
                "/context, all 3 charts": (app_base + "/context", INTERNAL_READY, 3),
            }
            loaded = browser_medians(pages, args.loads)
        hello, _, hello_cpu = loaded["hello-world Dash page"]
        print()
        print(f"headless Chromium, time to ready: median of {args.loads} loads after 1 warm-up")
        ratio_head = f"{'× hello':>8}"
        print(
            f"{'page':28} {'median ms':>10} {'graphs':>7} {ratio_head} {'cpu ms':>7} {ratio_head}"
        )
        for name, (ms, graphs, cpu) in loaded.items():
            ratio = f"{cpu / hello_cpu:8.2f}" if hello_cpu else f"{'n/a':>8}"
            print(f"{name:28} {ms:10.0f} {graphs:7d} {ms / hello:8.2f} {cpu:7.0f} {ratio}")


if __name__ == "__main__":
    main()
