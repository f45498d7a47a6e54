"""Benchmark of the context page (internal and public) on the shipped Eurostat files.

Builds a throwaway SQLite database under a temporary folder (seed + the six shipped Eurostat
files, ~49,000 values, + Lombardy's context forecasts), then times, through the Flask test
client as the browser posts them (bench/dash_timing.py), the router callback rendering
`/context` (default and `?peers=DE1,ES51`, warm cache), `/public/context`, the overview
(which now carries the context strip) and the trivial callback (the floor).

    .venv/bin/python bench/bench_context.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from bench.dash_timing import dependency, median_ms, payload, poster, trivial_case  # noqa: E402
from data.context import MEASURES, forecast_key, seed_context  # noqa: E402
from data.forecasting import refresh  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.seeding import seed  # noqa: E402


def main() -> None:
    """Build the database, time each render, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="s3m-bench-context-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'context.db'}"
        upgrade(url)
        seed(url)
        seed_context(url)
        refresh(url, only=[forecast_key(m) for m in MEASURES])
        client = create_app({"DATABASE_URL": url, "S3DASH_AUTH": "none"}).test_client()
        internal = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
        public = dependency(client, "/public/", {"public-url.pathname", "public-url.search"})

        def page(path: str, search: str = "") -> object:
            values = {"shell-url.pathname": path, "shell-url.search": search}
            return poster(client, "/", payload(internal, values, {}))

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
        floor = results["trivial (baseline)"][0]
        print(f"median of {args.repeat} requests after 2 warm-up requests each")
        print(f"{'callback':28} {'median ms':>10} {'response kB':>12} {'× trivial':>10}")
        for name, (ms, size) in results.items():
            print(f"{name:28} {ms:10.1f} {size / 1024:12.0f} {ms / floor:10.0f}")


if __name__ == "__main__":
    main()
