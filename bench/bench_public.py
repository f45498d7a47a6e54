"""Benchmark of the public page's weight and of the open data API's throughput.

Serves the real production entry point (`gunicorn app:server`, 2 workers) on loopback, on a
throwaway SQLite database loaded with the seed, then measures:

1. **First load of /public/** in headless Chromium with an empty cache: the bytes transferred
   (compressed, as on the wire, headers included: the sum of `encodedDataLength` of every
   request in Chrome's performance log), the bytes once decoded, and the number of requests;
   the extra bytes the cluster map costs when the reader asks for it (plotly.js); and the
   compressed size of the bundles Dash would also have sent (dash-bootstrap-components,
   dash_table) that the public index leaves out.
2. **API requests per second**: a bounded number of GET requests from a few threads, with
   keep-alive, to `/healthz` (the baseline: a route that touches nothing), to API endpoints
   (JSON and CSV), with rate limiting off and on (a limit too high to trip: its cost only).

Prints the numbers and the ratios to the baselines of the same run.

    .venv/bin/python bench/bench_public.py
    .venv/bin/python bench/bench_public.py --requests 4000 --threads 8
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data.migrate import upgrade  # noqa: E402
from data.seeding import seed  # noqa: E402

API_PATHS = (
    "/api/v1/indicators",
    "/api/v1/observations?limit=100",
    "/api/v1/clusters?format=csv",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(database_url: str, rate_limit: str) -> Iterator[str]:
    """`gunicorn app:server` with 2 workers on a free loopback port; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(16),
        "REDIS_URL": "",
        "S3DASH_RATE_LIMIT": rate_limit,
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "app:server",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


# --- first load in Chromium ---------------------------------------------------------------


def chrome() -> Any:
    """Headless Chromium with an empty cache, logging the network (for the bytes)."""
    from tests.browser.chromium import headless_chromium

    profile = Path(tempfile.mkdtemp(prefix="bench-chromium-"))
    return headless_chromium(profile, logs=("performance",))


def network(driver: Any) -> dict[str, dict[str, Any]]:
    """Requests since the last call: url, encoded (wire) and decoded bytes, by request id."""
    requests: dict[str, dict[str, Any]] = {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        rid = params.get("requestId")
        if message["method"] == "Network.responseReceived":
            requests.setdefault(rid, {"encoded": 0, "decoded": 0})["url"] = params["response"][
                "url"
            ]
        elif message["method"] == "Network.dataReceived":
            requests.setdefault(rid, {"encoded": 0, "decoded": 0})["decoded"] += params[
                "dataLength"
            ]
        elif message["method"] == "Network.loadingFinished":
            requests.setdefault(rid, {"encoded": 0, "decoded": 0})["encoded"] = params[
                "encodedDataLength"
            ]
    return {rid: r for rid, r in requests.items() if r.get("url", "").startswith("http")}


def wait_for(driver: Any, script: str, timeout: float = 30) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))
    time.sleep(0.5)  # let late requests (fonts, lazy chunks) finish


def first_load(base: str, path: str, ready: str) -> dict[str, Any]:
    """Bytes and requests of a first load of `path` with a cold cache."""
    driver = chrome()
    try:
        driver.get(base + path)
        wait_for(driver, ready)
        load = network(driver)
        extra: dict[str, Any] = {}
        if path.startswith("/public"):
            # The cluster map, when the reader asks for it: plotly.js and the figure.
            driver.execute_script("document.getElementById('public-map-button').click();")
            wait_for(driver, "return document.querySelector('#public-map-slot .main-svg');")
            extra = network(driver)
        return {"load": load, "map": extra}
    finally:
        driver.quit()


def summarise(requests: dict[str, dict[str, Any]]) -> tuple[int, int, int]:
    encoded = sum(r["encoded"] for r in requests.values())
    decoded = sum(r["decoded"] for r in requests.values())
    return encoded, decoded, len(requests)


def print_load(name: str, requests: dict[str, dict[str, Any]], top: int = 0) -> tuple[int, int]:
    encoded, decoded, count = summarise(requests)
    print(
        f"  {name:<34} {encoded / 1024:8.1f} KiB on the wire  {decoded / 1024:8.1f} KiB decoded"
        f"  {count:3d} requests  (decoded/wire {decoded / max(encoded, 1):.1f}x)"
    )
    for r in sorted(requests.values(), key=lambda r: -r["encoded"])[:top]:
        url = r["url"].split("/", 3)[-1].split("?")[0]
        print(f"      {r['encoded'] / 1024:7.1f} KiB  /{url[-70:]}")
    return encoded, decoded


# Bundles Dash would put in every app's index (their libraries are imported by the internal
# app) and the public index leaves out.
LEFT_OUT = (
    "dash_bootstrap_components/_components/dash_bootstrap_components.min.js",
    "dash/dash_table/bundle.js",
)


def left_out_bundles(base: str) -> int:
    """Compressed (brotli) bytes of the bundles the public index does not reference."""
    total = 0
    for suite in LEFT_OUT:
        request = urllib.request.Request(
            f"{base}/public/_dash-component-suites/{suite}", headers={"Accept-Encoding": "br"}
        )
        with urllib.request.urlopen(request) as response:
            total += len(response.read())
    return total


# --- API throughput -------------------------------------------------------------------------


def throughput(base: str, path: str, total: int, threads: int) -> float:
    """Requests per second for `total` GETs of `path` from `threads` keep-alive clients."""
    host, port = base.removeprefix("http://").split(":")
    per_thread = total // threads
    errors: list[str] = []

    def worker() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        for _ in range(per_thread):
            conn.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{path}: {response.status}")
        conn.close()

    for _ in range(20):  # warm-up: both workers load their caches
        urllib.request.urlopen(base + path).read()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    start = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return per_thread * threads / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="GETs per endpoint")
    parser.add_argument("--threads", type=int, default=8, help="concurrent keep-alive clients")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-load part")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-public-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        seed(url)
        print(f"gunicorn app:server --workers 2 on loopback, seeded SQLite ({folder})\n")

        with gunicorn(url, "off") as base:
            if not args.no_browser:
                print("First load, cold cache (headless Chromium, compression negotiated):")
                public = first_load(
                    base, "/public/", "return document.querySelector('#public-cards');"
                )
                wire, decoded = print_load("/public/", public["load"], top=8)
                map_wire, _ = print_load("+ cluster map, on demand", public["map"], top=2)
                left_out = left_out_bundles(base)
                print(
                    f"\n  /public/ first load: {wire:,} bytes on the wire, {decoded:,} decoded"
                    f" (compression saves {1 - wire / decoded:.0%}). The map adds"
                    f" {map_wire:,} bytes ({map_wire / wire:.1f}x the page) only when asked"
                    f" for; the bundles left out of the index would add {left_out:,} bytes"
                    f" ({left_out / wire:.0%} of the page).\n"
                )

            print(
                f"API throughput, {args.requests} GETs per path, {args.threads} keep-alive clients:"
            )
            baseline = throughput(base, "/healthz", args.requests, args.threads)
            print(f"  {'/healthz (baseline)':<40} {baseline:8.0f} req/s   1.00x")
            for path in API_PATHS:
                rate = throughput(base, path, args.requests, args.threads)
                print(f"  {path:<40} {rate:8.0f} req/s   {rate / baseline:.2f}x")

        with gunicorn(url, "1000000/minute") as base:
            print("With rate limiting on (in-process counters, a limit too high to trip):")
            baseline_limited = throughput(base, "/healthz", args.requests, args.threads)
            print(f"  {'/healthz (not limited)':<40} {baseline_limited:8.0f} req/s")
            for path in API_PATHS[:1]:
                rate = throughput(base, path, args.requests, args.threads)
                print(f"  {path:<40} {rate:8.0f} req/s   {rate / baseline_limited:.2f}x")


if __name__ == "__main__":
    main()
