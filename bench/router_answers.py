"""A digest of every router answer and first-paint layout, to compare two versions byte for byte.

Earlier passes checked by hand that a change of how pages are built leaves what they send
the same; this writes one line per answer (name, SHA-256, bytes) so that two versions of the
code, run on one database, can be compared with `diff`. Every view of both apps in both
languages (bench/answer_json_equal.py `views`), plus every ecosystem on the filtered pages and
every cluster's card, each posted to the router three ways: cold (the cache emptied), again
with only the kept answers dropped (the frames then come back through the cache), and as
the first-paint layout (`_dash-layout`, cold); then every filter callback of
bench/page_callbacks.py `cases`, cold. Run with PYTHONHASHSEED=0 (set here by re-running
itself), so that nothing depends on the order of a set:

    .venv/bin/python bench/router_answers.py URL --out /tmp/after.txt
    .venv/bin/python bench/router_answers.py URL --code /tmp/before --out /tmp/before.txt
    diff /tmp/before.txt /tmp/after.txt && echo identical

`--seed` first loads the seed into the (empty) database at URL: run it once, with the first
version, and give the same URL to the second.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient


def _names(url: str, table: str, where: str = "") -> list[str]:
    from sqlalchemy import text

    from data.db import get_engine

    with get_engine(url).connect() as connection:
        rows = connection.execute(text(f"SELECT code FROM {table} {where} ORDER BY code"))
        return [row[0] for row in rows]


def requests(client: FlaskClient, url: str) -> dict[str, Callable[[], bytes]]:
    """Every request to digest, by name: a function posting it once and returning its bytes."""
    from bench.answer_json_equal import _layout, views
    from bench.dash_timing import answer, dependency, payload
    from bench.page_callbacks import _codes

    codes = _codes(url)
    addresses = views(codes)
    for lang in ("", "&lang=en"):
        for eco in _names(url, "ecosystem"):
            for path in ("/", "/funding", "/ecosystems", "/clusters", "/forecasts"):
                addresses.append(("/", path, f"?ecosystem={eco}{lang}"))
        for cluster in _names(url, "cluster"):
            addresses.append(("/", "/clusters", f"?cluster={cluster}{lang}"))
    routers = {
        "/": dependency(client, "/", {"shell-url.pathname", "shell-url.search"}),
        "/public/": dependency(client, "/public/", {"public-url.pathname", "public-url.search"}),
    }
    found: dict[str, Callable[[], bytes]] = {}
    for prefix, path, query in dict.fromkeys(addresses):
        field = "shell-url" if prefix == "/" else "public-url"
        body = payload(routers[prefix], {f"{field}.pathname": path, f"{field}.search": query}, {})
        found[f"router {path}{query}"] = partial(answer, client, prefix, body)
        found[f"layout {path}{query}"] = _layout(client, prefix, path + query)
    return found


def filter_callbacks(client: FlaskClient, url: str) -> dict[str, Callable[[], bytes]]:
    """The filter callbacks of bench/page_callbacks.py, each returning its answer's bytes."""
    import bench.dash_timing as timing
    from bench.page_callbacks import _codes, cases

    posted: list[bytes] = []
    answer = timing.answer

    def keeping(client_: FlaskClient, prefix: str, body: dict[str, Any]) -> bytes:
        posted.append(answer(client_, prefix, body))
        return posted[-1]

    timing.answer = keeping  # type: ignore[assignment]  # poster() looks it up at call time

    def bytes_of(post: Callable[[], int]) -> Callable[[], bytes]:
        return lambda: posted[-1] if post() else b""

    return {
        f"callback {name}": bytes_of(post)
        for name, post in cases(client, _codes(url)).items()
        if not name.startswith("/")  # the router views are in `requests`
    }


def main() -> None:
    """Print (or write) name, digest and size of every answer, in a fixed order."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the database (the same one for both versions)")
    parser.add_argument("--code", help="import the app from this directory (another version)")
    parser.add_argument("--out", help="write the digests here (default: standard output)")
    parser.add_argument("--seed", action="store_true", help="first load the seed into URL")
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(
            sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"}
        )
    code = Path(args.code).resolve() if args.code else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(code))

    from app import create_app
    from bench.page_callbacks import _load, forget_answers

    if args.seed:
        _load(args.url)
    config = {"DATABASE_URL": args.url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    cache = flask_app.extensions["s3m_cache"]
    client = flask_app.test_client()
    lines = []
    for name, request in requests(client, args.url).items():
        cache.clear()
        ways = [("cold", request())]
        if name.startswith("router"):
            # The frames stay and come back through the cache; an answer never kept (a bad
            # parameter) is simply rendered again.
            with contextlib.suppress(LookupError):
                forget_answers(cache)
            ways.append(("frames cached", request()))
        for way, data in ways:
            lines.append(f"{name} [{way}]\t{hashlib.sha256(data).hexdigest()}\t{len(data)}")
    for name, request in filter_callbacks(client, args.url).items():
        cache.clear()
        data = request()
        lines.append(f"{name} [cold]\t{hashlib.sha256(data).hexdigest()}\t{len(data)}")
    text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(text)
        print(f"{len(lines)} answers digested into {args.out} (code: {code})")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
