"""Where a page's time goes in headless Chromium: CDP metrics and script time by file.

For one or more pages of a running app (or hello-world), loads each page `--loads` times
after a warm-up, as bench/bench_pages.py does, with Chromium's sampling profiler on, and
prints the medians of Chromium's own counters (script, layout, style recalculation, task
time; `Performance.getMetrics`) and the sampled script time per script file. Used to decide
what to change before changing it (issue 15).

    .venv/bin/python bench/page_profile.py --database sqlite:///… /funding /forecasts
"""

from __future__ import annotations

import argparse
import collections
import logging
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pages import INTERNAL, PASSWORD, PUBLIC, USERNAME  # noqa: E402
from bench.browser_timing import (  # noqa: E402
    HELLO_WANTED,
    Page,
    hello_world,
    log_in,
    new_driver,
    time_to_ready,
)

# The page's requests to Dash (layout, callbacks): time from asking to the last byte.
REQUESTS = """
var out = {};
performance.getEntriesByType('resource').forEach(function (e) {
    var m = e.name.match(/_dash-(layout|update-component|dependencies)/);
    if (m) { out[m[1]] = (out[m[1]] || 0) + e.responseEnd - e.startTime; }
});
var nav = performance.getEntriesByType('navigation')[0];
if (nav) { out['document'] = nav.responseEnd - nav.startTime; }
return out;
"""
METRICS = ("ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "TaskDuration")


def _self_time_by_url(profile: dict[str, Any]) -> dict[str, float]:
    """Milliseconds of samples per script URL (the node's own frame: self time)."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    by_url: dict[str, float] = collections.defaultdict(float)
    for sample, delta in zip(profile.get("samples", []), deltas, strict=False):
        frame = nodes[sample]["callFrame"]
        url = frame.get("url") or f"({frame.get('functionName') or 'program'})"
        by_url[url.rsplit("/", 1)[-1].split("?")[0] or url] += delta / 1000
    return dict(by_url)


def profile_page(driver: Any, page: Page, loads: int) -> None:
    """Print the medians of the metrics and of the script time per file for `page`."""
    driver.execute_cdp_cmd("Performance.enable", {"timeDomain": "threadTicks"})
    driver.execute_cdp_cmd("Profiler.enable", {})
    driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 200})
    time_to_ready(driver, page)  # warm-up
    metrics: dict[str, list[float]] = collections.defaultdict(list)
    files: dict[str, list[float]] = collections.defaultdict(list)
    ready: list[float] = []
    for _ in range(loads):
        driver.get("about:blank")
        before = _metrics(driver)
        driver.execute_cdp_cmd("Profiler.start", {})
        load = time_to_ready(driver, page)
        profile = driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
        after = _metrics(driver)
        for name, ms in driver.execute_script(REQUESTS).items():
            files["request " + name].append(ms)
        ready.append(load.ms)
        for name in METRICS:
            metrics[name].append(1000 * (after[name] - before.get(name, 0.0)))
        for url, ms in _self_time_by_url(profile).items():
            files[url].append(ms)
    print(f"\n{page.url}: ready median {statistics.median(ready):.0f} ms, {load.nodes} elements")
    for name in METRICS:
        print(f"  {name:22} {statistics.median(metrics[name]):8.0f} ms")
    ranked = sorted(files.items(), key=lambda item: -statistics.median(item[1]))
    for url, times in [item for item in ranked if item[0].startswith("request ")]:
        print(f"  {url[:55]:55} {statistics.median(times):8.0f} ms")
    ranked = [item for item in ranked if not item[0].startswith("request ")]
    for url, times in ranked[:12]:
        print(f"  script {url[:48]:48} {statistics.median(times):8.0f} ms")


def _metrics(driver: Any) -> dict[str, float]:
    found = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return {m["name"]: float(m["value"]) for m in found}


def main() -> None:
    """Serve the app on the given database beside hello-world and profile the pages."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True, help="a database bench_pages.py built")
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log in the output
    from app import create_app
    from tests.browser.public_server import serve_wsgi

    config = {"DATABASE_URL": args.database, "S3DASH_AUTH": "login", "REDIS_URL": ""}
    config |= {"S3DASH_RATE_LIMIT": "off", "SECRET_KEY": "bench-pages"}
    with serve_wsgi(create_app(config)) as base, serve_wsgi(hello_world()) as hello:
        driver = new_driver("page-profile-chromium-")
        try:
            log_in(driver, base, USERNAME, PASSWORD)
            profile_page(driver, Page(hello + "/", HELLO_WANTED), args.loads)
            for path in args.paths:
                profile_page(driver, Page(base + path, (INTERNAL | PUBLIC)[path]), args.loads)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
