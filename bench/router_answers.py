"""Write every router answer of both apps to a folder, to compare two versions byte for byte.

Each view (bench/answer_json_equal.py `views`, both languages, plus every ecosystem's
`?ecosystem=` on /ecosystems, /clusters, /funding and /forecasts and every `?cluster=`) is
posted cold (the cache emptied first) and its answer written to OUT as one file. Run it
with the same PYTHONHASHSEED on each version (`--code DIR`: a `git archive` with the
catalogues compiled) and compare the folders:

    PYTHONHASHSEED=0 .venv/bin/python bench/router_answers.py URL /tmp/answers/after
    PYTHONHASHSEED=0 .venv/bin/python bench/router_answers.py --code /tmp/before URL \\
        /tmp/answers/before
    diff -rq /tmp/answers/before /tmp/answers/after
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote


def main() -> None:
    """Post every router view once, cold, and write its answer to a file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a loaded database (bench/page_callbacks.py's loader)")
    parser.add_argument("out", type=Path, help="the folder to write the answers to")
    parser.add_argument("--code", help="import the app from this directory (another version)")
    args = parser.parse_args()
    code = Path(args.code).resolve() if args.code else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(code))

    from sqlalchemy import select

    from app import create_app
    from bench.answer_json_equal import views
    from bench.dash_timing import answer, dependency, payload
    from bench.page_callbacks import _codes
    from data.db import session_scope
    from data.models import Cluster, Ecosystem

    config = {"DATABASE_URL": args.url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    cache = flask_app.extensions["s3m_cache"]
    client = flask_app.test_client()
    with session_scope(args.url) as session:
        ecosystems = session.scalars(select(Ecosystem.code).order_by(Ecosystem.code)).all()
        clusters = session.scalars(select(Cluster.code).order_by(Cluster.code)).all()
    found = views(_codes(args.url))
    for lang in ("", "&lang=en"):
        found += [
            ("/", path, f"?ecosystem={e}{lang}")
            for path in ("/ecosystems", "/clusters", "/funding", "/forecasts")
            for e in ecosystems
        ]
        found += [("/", "/clusters", f"?cluster={c}{lang}") for c in clusters]
    routers = {
        "/": dependency(client, "/", {"shell-url.pathname", "shell-url.search"}),
        "/public/": dependency(client, "/public/", {"public-url.pathname", "public-url.search"}),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    written = set()
    for prefix, path, query in found:
        name = quote(f"{path}{query}", safe="") + ".json"
        if name in written:
            continue
        url = "shell-url" if prefix == "/" else "public-url"
        body = payload(routers[prefix], {f"{url}.pathname": path, f"{url}.search": query}, {})
        cache.clear()
        (args.out / name).write_bytes(answer(client, prefix, body))
        written.add(name)
    print(f"{len(written)} answers written to {args.out}")


if __name__ == "__main__":
    main()
