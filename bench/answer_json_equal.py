"""Every view's answer written by dashboard/answer_json.py against plotly's, byte for byte.

Posts every router view of both apps in both languages (and the filtered views), every filter
callback of bench/page_callbacks.py, and fetches every first-paint layout (`_dash-layout` with
the page as `Referer`), once with the app's serializer and once with plotly's
`to_json_plotly` (the cache emptied before each request, so both are rendered), and prints
how many were identical; it exits 1 on the first difference. It also prints the median ms
of the two serializers on each answer (the data they were given, taken in turn).

    .venv/bin/python bench/answer_json_equal.py                 # seeded SQLite
    .venv/bin/python bench/answer_json_equal.py --postgres \\
        postgresql+psycopg://postgres@127.0.0.1:5432/s3bench_json --projects 100000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dash._callback  # noqa: E402
import dash.dash  # noqa: E402
from plotly.io.json import to_json_plotly  # noqa: E402

from app import create_app  # noqa: E402
from bench.dash_timing import answer, dependency, payload  # noqa: E402
from bench.page_callbacks import (  # noqa: E402
    _codes,
    _load,
    cases,
    print_load,
    seeded_sqlite,
    throwaway_postgres,
)
from dashboard import answer_json  # noqa: E402

INTERNAL = "/ /indicators /funding /ecosystems /clusters /forecasts /report /data /context"
PUBLIC = (
    "/public/ /public/indicators /public/trends /public/funding /public/clusters "
    "/public/method /public/accessibility /public/context"
)


def _serializer(write: Callable[[Any], str]) -> None:
    dash._callback.to_json = write
    dash.dash.to_json = write


def views(codes: dict[str, str]) -> list[tuple[str, str, str]]:
    """(app prefix, path, query) of every router view, Italian and English."""
    eco = f"ecosystem={codes['ecosystem']}"
    internal = [(p, "") for p in INTERNAL.split()] + [
        (p, eco) for p in ("/", "/funding", "/ecosystems", "/clusters", "/forecasts")
    ]
    internal += [("/indicators", f"indicator={codes['indicator']}")]
    internal += [
        ("/funding", f"call={codes['call']}"),
        ("/clusters", f"cluster={codes['cluster']}"),
    ]
    public = [(p, "") for p in (*PUBLIC.split(), f"/public/indicator/{codes['indicator']}")]
    found = []
    for lang in ("", "lang=en"):
        for prefix, addresses in (("/", internal), ("/public/", public)):
            for path, query in addresses:
                both = "&".join(q for q in (query, lang) if q)
                found.append((prefix, path, f"?{both}" if both else ""))
    return found


def compare(database_url: str) -> int:
    """Render every answer with both serializers; print the count and the timings."""
    config = {"DATABASE_URL": database_url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    cache = flask_app.extensions["s3m_cache"]
    client = flask_app.test_client()
    codes = _codes(database_url)
    routers = {
        "/": dependency(client, "/", {"shell-url.pathname", "shell-url.search"}),
        "/public/": dependency(client, "/public/", {"public-url.pathname", "public-url.search"}),
    }
    requests: dict[str, Callable[[], bytes]] = {}
    for prefix, path, query in views(codes):
        url = "shell-url" if prefix == "/" else "public-url"
        body = payload(routers[prefix], {f"{url}.pathname": path, f"{url}.search": query}, {})
        requests[f"{path}{query}"] = partial(answer, client, prefix, body)
        requests[f"layout {path}{query}"] = _layout(client, prefix, path + query)
    captured: list[Any] = []
    for name, post in cases(client, codes).items():
        if name.startswith("/"):
            continue  # the router views are above, in both languages
        requests[name] = lambda post=post: post() and captured[-1][1]  # type: ignore[misc]

    def capture(write: Callable[[Any], str]) -> Callable[[Any], str]:
        def written(value: Any) -> str:
            text = write(value)
            captured.append((value, text.encode()))
            return text

        return written

    plotly_ms: list[float] = []
    ours_ms: list[float] = []
    for name, request in requests.items():
        answers = []
        for write in (to_json_plotly, answer_json.to_json):
            _serializer(capture(write))
            cache.clear()
            answers.append(request())
        _serializer(answer_json.to_json)
        if answers[0] != answers[1]:
            print(f"DIFFERENT: {name}")
            return 1
        value = captured[-1][0]  # what Dash handed the serializer for this answer
        plotly, ours = (
            statistics.median(_times(w, value)) for w in (to_json_plotly, answer_json.to_json)
        )
        plotly_ms.append(plotly)
        ours_ms.append(ours)
        size = len(answers[0]) / 1024
        print(f"  identical: {name} ({size:.0f} KiB; plotly {plotly:.1f} ms, ours {ours:.1f} ms)")
    print(f"{len(requests)} answers identical byte for byte")
    plotly_sum, ours_sum = sum(plotly_ms), sum(ours_ms)
    print(f"serializing them, sum of medians: plotly {plotly_sum:.0f} ms, ours {ours_sum:.0f} ms")
    return 0


def _times(write: Callable[[Any], str], value: Any, repeat: int = 5) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        write(value)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _layout(client: Any, prefix: str, address: str) -> Callable[[], bytes]:
    def get() -> bytes:
        referer = f"http://localhost{address}"
        response = client.get(f"{prefix}_dash-layout", headers={"Referer": referer})
        assert response.status_code == 200
        return bytes(response.data)

    return get


def main() -> None:
    """Seeded SQLite, or a throwaway PostgreSQL database with SYNTHETIC projects."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL this run may create and drop")
    parser.add_argument("--projects", type=int, default=100_000)
    args = parser.parse_args()
    print_load()
    if args.postgres:
        with throwaway_postgres(args.postgres) as url:
            _load(url, args.projects)
            status = compare(url)
    else:
        with tempfile.TemporaryDirectory(prefix="s3m-answer-json-") as folder:
            status = compare(seeded_sqlite(Path(folder)))
    print_load()
    sys.exit(status)


if __name__ == "__main__":
    main()
