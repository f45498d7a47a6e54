"""Every router and filter callback of both apps, warm, against a trivial callback.

`measure(database_url)` builds the app on that database and posts, through the Flask test
client as the browser would (bench/dash_timing.py), the router callback of every internal
page (`/`, `/indicators`, one indicator, `/funding`, one call, `/ecosystems`, one ecosystem,
`/clusters`, one cluster, `/forecasts`, `/report`, `/data`, `/context`, and the filtered
views `?ecosystem=`), the public app's router on every public view, and the filter
callbacks (ecosystem filter, objective filter, call picker, cluster card, public map).
Each case is the median of `repeat` requests after two warm-up requests (the cache filled:
"warm"), divided by the trivial callback of the same run. It prints a table and returns
the rows, so that other benchmarks (bench/bench_pages.py) can call it.

`cold(database_url)` times the pages that aggregate projects with the cache emptied before
every request (the first view after an import), against the bare SQL aggregate each needs.

    .venv/bin/python bench/page_callbacks.py                       # seeded SQLite
    .venv/bin/python bench/page_callbacks.py --postgres postgresql://postgres@127.0.0.1:5432/x
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from bench.dash_timing import dependency, median_ms, payload, poster, trivial_case  # noqa: E402
from callbacks import clusters as clusters_page  # noqa: E402
from dashboard.pages import clusters as clusters_layout  # noqa: E402
from data.db import session_scope  # noqa: E402
from data.models import Cluster, Ecosystem, FundingCall, Indicator  # noqa: E402

TRIVIAL = "trivial callback (baseline)"


@dataclass(frozen=True)
class Row:
    """One timed case: median milliseconds, response size and ratio to the trivial callback."""

    name: str
    ms: float
    kib: float
    ratio: float


def _codes(url: str) -> dict[str, str]:
    """A real code of each kind the drill-down pages take, read from the database."""
    with session_scope(url) as session:
        indicators = session.scalars(select(Indicator.code).order_by(Indicator.sort_order)).all()
        return {
            "indicator": "RI05" if "RI05" in indicators else indicators[0],
            "call": session.scalars(select(FundingCall.code).order_by(FundingCall.id)).first()
            or "",
            "cluster": session.scalars(select(Cluster.code).order_by(Cluster.id)).first() or "",
            "ecosystem": session.scalars(
                select(Ecosystem.code)
                .where(Ecosystem.cross_cutting.is_(False))
                .order_by(Ecosystem.sort_order)
            ).first()
            or "",
            "objective": next(
                iter(
                    session.scalars(
                        select(Indicator.objective).where(Indicator.objective.is_not(None))
                    )
                ),
                "",
            ),
        }


def cases(client: FlaskClient, codes: dict[str, str]) -> dict[str, Callable[[], int]]:
    """Every router and filter callback, by name, as functions posting one request each."""
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    public = dependency(client, "/public/", {"public-url.pathname", "public-url.search"})

    def page(path: str, search: str = "") -> Callable[[], int]:
        values = {"shell-url.pathname": path, "shell-url.search": search}
        return poster(client, "/", payload(router, values, {}))

    def public_page(path: str) -> Callable[[], int]:
        values = {"public-url.pathname": path, "public-url.search": ""}
        return poster(client, "/public/", payload(public, values, {}))

    def callback(prefix: str, values: dict[str, Any], state: dict[str, Any]) -> Callable[[], int]:
        dep = dependency(client, prefix, set(values))
        return poster(client, prefix, payload(dep, values, state))

    eco = f"?ecosystem={codes['ecosystem']}"
    run: dict[str, Callable[[], int]] = {
        "/": page("/"),
        f"/{eco}": page("/", eco),
        "/indicators": page("/indicators"),
        f"/indicators?indicator={codes['indicator']}": page(
            "/indicators", f"?indicator={codes['indicator']}"
        ),
        "/funding": page("/funding"),
        f"/funding{eco}": page("/funding", eco),
        f"/funding?call={codes['call']}": page("/funding", f"?call={codes['call']}"),
        "/ecosystems": page("/ecosystems"),
        f"/ecosystems{eco}": page("/ecosystems", eco),
        "/clusters": page("/clusters"),
        f"/clusters{eco}": page("/clusters", eco),
        f"/clusters?cluster={codes['cluster']}": page("/clusters", f"?cluster={codes['cluster']}"),
        "/forecasts": page("/forecasts"),
        f"/forecasts{eco}": page("/forecasts", eco),
        "/report": page("/report"),
        "/data": page("/data"),
        "/context": page("/context"),
        "ecosystem filter (into the URL)": callback(
            "/", {"shell-ecosystem-filter.value": codes["ecosystem"]}, {"shell-url.search": ""}
        ),
        "objective filter (into the URL)": callback(
            "/", {"overview-objective-filter.value": codes["objective"]}, {"shell-url.search": ""}
        ),
        "call picker (into the URL)": callback(
            "/", {"funding-call-picker.value": codes["call"]}, {"shell-url.search": ""}
        ),
        "cluster card": callback(
            "/",
            {
                **{f"{chart}.clickData": None for chart in clusters_page.CLICKABLE},
                f"{clusters_layout.PICKER_ID}.value": codes["cluster"],
            },
            {"shell-url.search": ""},
        ),
    }
    for path in (
        "/public/",
        "/public/indicators",
        f"/public/indicator/{codes['indicator']}",
        "/public/trends",
        "/public/funding",
        "/public/clusters",
        "/public/method",
        "/public/accessibility",
        "/public/context",
    ):
        run[path] = public_page(path)
    run["public map button"] = callback(
        "/public/", {"public-map-button.n_clicks": 1}, {"public-url.search": ""}
    )
    return run


def print_rows(title: str, rows: list[Row], unit: str = "× trivial") -> None:
    """The table: median ms, response KiB, ratio."""
    print(title)
    print(f"  {'callback':44} {'median ms':>10} {'KiB':>8} {unit:>12}")
    for row in rows:
        print(f"  {row.name:44} {row.ms:10.1f} {row.kib:8.0f} {row.ratio:12.1f}")


def measure(database_url: str, repeat: int = 9) -> list[Row]:
    """Time every router and filter callback (warm) on this database; print and return them."""
    config = {"DATABASE_URL": database_url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    client = flask_app.test_client()
    run = cases(client, _codes(database_url))
    run[TRIVIAL] = trivial_case()
    timed = {name: median_ms(case, repeat) for name, case in run.items()}
    floor = timed[TRIVIAL][0]
    rows = [Row(name, ms, size / 1024, ms / floor) for name, (ms, size) in timed.items()]
    print_rows(f"{database_url}: median of {repeat} warm requests", rows)
    return rows


def seeded_sqlite(folder: Path) -> str:
    """A throwaway SQLite database with the seed, the context files and every forecast."""
    from data.context import seed_context
    from data.forecasting import refresh
    from data.migrate import upgrade
    from data.seeding import seed

    url = f"sqlite:///{folder / 'pages.db'}"
    upgrade(url)
    seed(url)
    seed_context(url)
    refresh(url)
    return url


def main() -> None:
    """Seeded SQLite, then (with --postgres) the 100,000-project demo on PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="s3m-bench-pages-") as folder:
        measure(seeded_sqlite(Path(folder)), args.repeat)


if __name__ == "__main__":
    main()
