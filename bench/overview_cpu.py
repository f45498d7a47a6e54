"""The overview at 1,000 SYNTHETIC indicators: CPU time per request, not cached and cold.

bench/page_callbacks.py `overview` gives the wall time; on a shared machine it moves with
the load, while the CPU time of the process (`time.process_time`) is what the code changes.
In turn, round after round, each printed as its median and × the trivial callback:

- answer not cached: the page cache's kept answers dropped, the loaders' frames and the
  assessments kept per data version cached;
- cold: the whole cache emptied (every frame read again, the assessments and the flagged
  forecast outlooks computed again);
- the trivial callback.

`--code DIR` imports the app from DIR instead of this checkout, to compare two versions in
turn (DIR from `git archive`, with the catalogues compiled):

    git archive main | tar -x -C /tmp/before && cp -r dashboard/locale /tmp/before/dashboard/
    .venv/bin/python bench/overview_cpu.py --code /tmp/before
    .venv/bin/python bench/overview_cpu.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def main() -> None:
    """Build bench/bench_overview.py's database, time the three cases in turn, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", help="import the app from this directory (another version)")
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    code = Path(args.code).resolve() if args.code else HERE
    sys.path.insert(0, str(code))
    sys.path.insert(1, str(HERE))  # this checkout's benchmark helpers, if DIR lacks them

    from app import create_app
    from bench.bench_overview import build_database
    from bench.dash_timing import dependency, payload, poster, trivial_case
    from bench.page_callbacks import forget_answers

    with tempfile.TemporaryDirectory(prefix="s3m-overview-cpu-") as folder:
        url = build_database(Path(folder) / "overview.db", args.indicators, 20271231)
        config = {"DATABASE_URL": url, "REDIS_URL": "", "SECRET_KEY": "bench"}
        app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
        cache = app.extensions["s3m_cache"]
        client = app.test_client()
        router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
        home = {"shell-url.pathname": "/", "shell-url.search": ""}
        page = poster(client, "/", payload(router, home, {}))
        runs = {
            "answer not cached": (page, lambda: forget_answers(cache)),
            "cold (cache emptied)": (page, cache.clear),
            "trivial callback": (trivial_case(), None),
        }
        page()  # the first answer kept, for the first drop
        times: dict[str, list[float]] = {name: [] for name in runs}
        for round_ in range(2 + args.repeat):
            for name, (run, before) in runs.items():
                if before:
                    before()
                start = time.process_time()
                run()
                if round_ >= 2:
                    times[name].append((time.process_time() - start) * 1000)
    medians = {name: statistics.median(done) for name, done in times.items()}
    floor = medians["trivial callback"]
    print(f"code: {code}; load average {os.getloadavg()[0]:.2f}")
    print(f"overview, {args.indicators:,} synthetic indicators, CPU ms, median of {args.repeat}")
    for name, ms in medians.items():
        print(f"  {name:24} {ms:8.1f} ms {ms / floor:8.1f}× trivial")


if __name__ == "__main__":
    main()
