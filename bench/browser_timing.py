"""Timing pages in headless Chromium, for the benchmarks: time to ready against hello-world.

A page is *ready* when the document has loaded, no Dash loading marker is left
(`._dash-loading`, `[data-dash-is-loading]`), every graph on the page has drawn
(`.dash-graph .main-svg`) and each of the page's own selectors matches an element with
text in it: the benchmark names what the reader came for (a table's body cell, a list
item), so a page that is quick because it is empty cannot win. Charts drawn only when the
reader reaches them (dashboard/lazy_graph.py) count when they are in the window at the
top; the ones below are not counted unless asked for (`charts`: then the timer scrolls to
each in turn, as a reader would, until that many have drawn). A chart painted first as
server-drawn SVG counts once its picture is in the page.

The baseline is a hello-world Dash page (one dcc.Location, one callback, one graph) served
the same way. `browser_medians` takes one warm-up load of each page, then the loads in turn
(round robin), so a busy spell of a shared machine weighs on every page alike.

Beside the time, each load records the CPU time the browser's processes spent on it (Linux
/proc, in 10 ms ticks): on a machine shared with other work the wall time swings with their
load, the CPU time much less, so its ratio to hello-world is the steadier measure of the
page's own work.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

READY = """
const wanted = arguments[0];
if (document.readyState !== 'complete') { return false; }
for (const selector of wanted) {
    const found = Array.from(document.querySelectorAll(selector));
    if (!found.some(function (el) { return el.textContent.trim() !== ''; })) { return false; }
}
if (document.querySelector('._dash-loading, [data-dash-is-loading="true"]')) { return false; }
// A chart drawn on reaching it (dashboard/lazy_graph.py) counts once it is in view.
for (const box of document.querySelectorAll('.s3-lazy-graph:empty')) {
    const r = box.getBoundingClientRect();
    if (r.bottom > 0 && r.top < window.innerHeight) { return false; }
}
// A chart painted first as SVG (dashboard/lazy_graph.py) counts once its picture is in.
for (const box of document.querySelectorAll('.s3-svg-first')) {
    if (!box.querySelector('svg[role=img], .dash-graph')) { return false; }
}
const graphs = document.querySelectorAll('.dash-graph');
for (const g of graphs) { if (!g.querySelector('.main-svg')) { return false; } }
const pictures = document.querySelectorAll('.s3-svg-first svg[role=img]').length;
return [graphs.length + pictures, document.getElementsByTagName('*').length];
"""

# Which of the page's selectors match nothing with text (said when a page times out).
MISSING = """
return arguments[0].filter(function (selector) {
    return !Array.from(document.querySelectorAll(selector)).some(function (el) {
        return el.textContent.trim() !== '';
    });
});
"""

# Scroll to the first chart not drawn yet, as a reader going down the page would.
SCROLL_TO_LAZY = """
const box = document.querySelector('.s3-lazy-graph:empty');
if (box) { box.scrollIntoView({block: 'center'}); }
"""


@dataclass(frozen=True)
class Page:
    """A page to time: its URL, the selectors of its own content, charts to scroll to."""

    url: str
    wanted: tuple[str, ...]
    charts: int = 0


@dataclass(frozen=True)
class Load:
    """One timed load: milliseconds to ready, graphs drawn, DOM elements at that moment, and
    the browser's CPU milliseconds over the load."""

    ms: float
    graphs: int
    nodes: int
    cpu_ms: float = 0.0


def hello_world() -> Any:
    """The hello-world Dash page's WSGI app: one dcc.Location, one callback, one graph."""
    from dash import Dash, Input, Output, dcc, html

    app = Dash(__name__)
    app.layout = html.Div([dcc.Location(id="url"), dcc.Graph(id="hello-graph")])

    @app.callback(Output("hello-graph", "figure"), Input("url", "pathname"))
    def draw(pathname: str) -> dict[str, Any]:
        return {"data": [{"x": [1, 2, 3], "y": [1, 3, 2]}], "layout": {"title": str(pathname)}}

    return app.server


HELLO_WANTED = ("#hello-graph",)
TIMEOUT = 120.0  # seconds; a page slower than this is broken, not slow


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


def time_to_ready(driver: Any, page: Page, timeout: float = TIMEOUT) -> Load:
    """Load `page` from a blank tab and time it until ready (see the module docstring)."""
    driver.get("about:blank")
    before = browser_cpu_s(driver)
    start = time.perf_counter()
    driver.get(page.url)
    while True:
        if page.charts:
            driver.execute_script(SCROLL_TO_LAZY)
        state = driver.execute_script(READY, list(page.wanted))
        if state is not False and state[0] >= page.charts:
            ms = (time.perf_counter() - start) * 1000
            after = browser_cpu_s(driver)
            cpu = sum(s - before.get(pid, 0.0) for pid, s in after.items()) * 1000
            return Load(ms, int(state[0]), int(state[1]), cpu)
        if time.perf_counter() - start > timeout:
            missing = driver.execute_script(MISSING, list(page.wanted))
            raise TimeoutError(f"{page.url} not ready after {timeout:.0f} s; empty: {missing}")
        time.sleep(0.01)


def new_driver(prefix: str = "bench-chromium-") -> Any:
    """A headless Chromium with a throwaway profile (tests/browser/chromium.py's flags)."""
    from tests.browser.chromium import headless_chromium

    return headless_chromium(Path(tempfile.mkdtemp(prefix=prefix)))


def browser_loads(
    pages: Mapping[str, Page], loads: int, driver: Any | None = None
) -> dict[str, list[Load]]:
    """Every load of each page after one warm-up load, taken in turn across the pages.

    `driver`: a browser already prepared (e.g. logged in); a fresh one otherwise.
    """
    own = driver is None
    driver = driver or new_driver()
    try:
        for page in pages.values():
            time_to_ready(driver, page)  # warm-up: caches, first-request work
        runs: dict[str, list[Load]] = {name: [] for name in pages}
        for _ in range(loads):
            for name, page in pages.items():
                runs[name].append(time_to_ready(driver, page))
        return runs
    finally:
        if own:
            driver.quit()


def median_load(done: list[Load]) -> Load:
    """The median time to ready and CPU time, with the last load's graph and element counts."""
    return Load(
        statistics.median(load.ms for load in done),
        done[-1].graphs,
        done[-1].nodes,
        statistics.median(load.cpu_ms for load in done),
    )


def browser_medians(
    pages: Mapping[str, Page], loads: int, driver: Any | None = None
) -> dict[str, Load]:
    """Median load of each page (see `browser_loads`)."""
    return {name: median_load(done) for name, done in browser_loads(pages, loads, driver).items()}


def log_in(driver: Any, base: str, username: str, password: str) -> None:
    """Sign in through the login form, as a reader does (S3DASH_AUTH=login)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "/login?next=/data")
    driver.find_element(By.ID, "login-username").send_keys(username)
    driver.find_element(By.ID, "login-password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 60).until(lambda d: "/login" not in d.current_url)


def print_table(
    title: str, loaded: Mapping[str, Load], baseline: str, target: float | None = None
) -> None:
    """Medians and ratios to the baseline page, one line per page (`!` beyond `target`)."""
    base = loaded[baseline].ms
    print(title)
    print(f"{'page':44} {'median ms':>10} {'graphs':>7} {'elements':>9} {'× hello':>8}")
    for name, load in loaded.items():
        ratio = load.ms / base
        flag = " !" if target is not None and ratio > target else ""
        print(f"{name:44} {load.ms:10.0f} {load.graphs:7d} {load.nodes:9d} {ratio:8.2f}{flag}")
