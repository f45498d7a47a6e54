"""The process's memory over many cold page requests, with the heap settled or as built.

`app.settle_heap` (gc.freeze) keeps the collector off what the built app holds; this checks
that it does not make a serving process grow: the cold project pages (bench/cold_cpu.py's,
the cache emptied before each) are requested round after round and the resident set size
(RSS, from /proc/self/status) and the objects the collector tracks are printed every
`--every` requests. Run it once each way, in separate processes:

    .venv/bin/python bench/heap_rss.py postgresql+psycopg://…/s3bench_cold
    .venv/bin/python bench/heap_rss.py --unsettled postgresql+psycopg://…/s3bench_cold
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app, settle_heap  # noqa: E402
from bench.dash_timing import dependency, payload, poster  # noqa: E402
from bench.page_callbacks import BARE_SQL, _codes  # noqa: E402


def rss_mib() -> float:
    """The resident set size of this process, MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main() -> None:
    """Request the cold pages `--requests` times; print RSS and tracked objects as it goes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a PostgreSQL URL of a loaded database")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--unsettled", action="store_true", help="skip app.settle_heap")
    args = parser.parse_args()
    config = {"DATABASE_URL": args.url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    if not args.unsettled:
        settle_heap()
    cache = flask_app.extensions["s3m_cache"]
    client = flask_app.test_client()
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    ecosystem = _codes(args.url)["ecosystem"]
    pages = []
    for name in BARE_SQL:
        path, _, search = name.partition("?")
        values = {
            "shell-url.pathname": path,
            "shell-url.search": f"?{search}{ecosystem}" if search else "",
        }
        pages.append(poster(client, "/", payload(router, values, {})))
    print(f"heap {'as built' if args.unsettled else 'settled'}; after building:")
    print(f"  requests {0:5}  RSS {rss_mib():7.1f} MiB  tracked objects {len(gc.get_objects()):7}")
    for done in range(1, args.requests + 1):
        cache.clear()
        pages[done % len(pages)]()
        if done % args.every == 0:
            tracked = len(gc.get_objects())
            print(f"  requests {done:5}  RSS {rss_mib():7.1f} MiB  tracked objects {tracked:7}")


if __name__ == "__main__":
    main()
