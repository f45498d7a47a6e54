"""What each part of issue 15's cold-page work saves, measured in one process, in turn.

Each project page is requested cold (the cache emptied) as the app serves it, and again
with one part undone: its answer serialized by plotly's `to_json_plotly` instead of
dashboard/answer_json.py ("plotly JSON"), and its reads each in their own session instead of
the request's one reading connection ("session per read"). All of them and the bare SQL
aggregate of the page (bench/page_callbacks.py `BARE_SQL`) are timed in turn, round after
round, so the ratios stay readable on a shared machine. First, six small reads in one
request with and without the shared connection (`small_reads`). The database is one loaded by
bench/page_callbacks.py (`--load` loads an empty one first: seed + SYNTHETIC projects).

    .venv/bin/python bench/cold_parts.py --load \\
        postgresql+psycopg://postgres@127.0.0.1:5432/s3bench_cold
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dash._callback  # noqa: E402
from plotly.io.json import to_json_plotly  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

import data.db  # noqa: E402
from bench.dash_timing import interleaved_medians  # noqa: E402
from bench.page_callbacks import _load, cold, print_load  # noqa: E402
from callbacks import context, loaders, shell  # noqa: E402
from data.db import get_engine, request_reader, request_session  # noqa: E402

READERS = (loaders, shell, context)  # the modules that read through `request_reader`
READER = "request_reader"


def plotly_json() -> Callable[[], None]:
    """Serialize with plotly's function, as Dash does out of the box."""
    ours = dash._callback.to_json
    dash._callback.to_json = to_json_plotly
    return lambda: setattr(dash._callback, "to_json", ours)


def session_per_read() -> Callable[[], None]:
    """Every read in its own session, the data version on its own connection (as before)."""
    from flask import current_app

    def version() -> int:
        with get_engine(current_app.config["DATABASE_URL"]).connect() as connection:
            return connection.scalar(data.db._VERSION_QUERY) or 0

    kept = [(module, getattr(module, READER)) for module in READERS]
    kept_version = data.db._read_data_version
    for module in READERS:
        setattr(module, READER, request_session)
    data.db._read_data_version = version

    def undo() -> None:
        for module, reader in kept:
            setattr(module, READER, reader)
        data.db._read_data_version = kept_version

    return undo


def small_reads(url: str, requests: int = 25) -> None:
    """Six small reads in one request (three frames, twice) through the request's reading
    connection and through a session each, the two in turn; prints the medians."""
    from app import create_app
    from data import queries

    config = {"DATABASE_URL": url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none"})
    frames = (queries.ecosystems_frame, queries.clusters_frame, queries.headlines_frame) * 2

    def reads(opener: Callable[[], AbstractContextManager[Session]]) -> Callable[[], int]:
        def run() -> int:
            with flask_app.test_request_context("/"):
                for frame in frames:
                    with opener() as session:
                        frame(session)
            return 0

        return run

    medians, _ = interleaved_medians(
        {"reader": (reads(request_reader), None), "session": (reads(request_session), None)},
        requests,
        warmup=5,
    )
    print(
        f"six small reads in a request: {medians['reader']:.1f} ms on the request's reading "
        f"connection, {medians['session']:.1f} ms with a session each (median of {requests})"
    )


def main() -> None:
    """Time the cold pages as served and with each part undone, on the database given."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a PostgreSQL URL of a loaded database")
    parser.add_argument("--load", action="store_true", help="load seed + projects first")
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    if args.load:
        _load(args.url, args.projects)
    print_load()
    small_reads(args.url)
    cold(args.url, args.repeat, {"plotly JSON": plotly_json, "session per read": session_per_read})
    print_load()


if __name__ == "__main__":
    main()
