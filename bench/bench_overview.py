"""Benchmark of the overview callbacks with 1,000 indicators, against a trivial callback.

The indicators are SYNTHETIC ("[SINTETICO]" / "[SYNTHETIC]" in their names, unpublished, in
a throwaway SQLite database under a temporary folder, with one synthetic project so that the
pages show the synthetic-data watermark); no real data is touched. Every request goes
through the Flask test client to `/_dash-update-component`, as the browser's would
(tests/dash_client.py), so the time includes Dash's JSON in and out:

- `overview`: the router callback rendering `/` (all indicators: assessment of every one,
  summary, gauges, table);
- `overview, one ecosystem`: the same with `?ecosystem=…` (what the filter triggers);
- `objective filter`: the overview's own callback writing `?objective=` into the URL;
- `trivial`: a one-line callback on a throwaway Dash app in the same process (the floor:
  Flask, Dash's request handling and JSON).

    .venv/bin/python bench/bench_overview.py                 # 1,000 indicators
    .venv/bin/python bench/bench_overview.py --indicators 100 --repeat 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from bench.dash_timing import dependency, median_ms, payload, poster, trivial_case  # noqa: E402
from data.db import bump_data_version, session_scope  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Ecosystem, Indicator, Observation, Project  # noqa: E402
from data.seeding import seed  # noqa: E402

KINDS = ("cumulative", "annual", "level")
OBJECTIVES = ("[SYNTHETIC] objective A", "[SYNTHETIC] objective B", "[SYNTHETIC] objective C")


def build_database(path: Path, n_indicators: int, rng_seed: int) -> str:
    """The seed plus `n_indicators` synthetic indicators with 3 observations each."""
    url = f"sqlite:///{path}"
    upgrade(url)
    seed(url)
    rng = np.random.default_rng(rng_seed)
    with session_scope(url) as session:
        ecosystems = session.scalars(select(Ecosystem).order_by(Ecosystem.sort_order)).all()
        for i in range(n_indicators):
            kind = KINDS[i % len(KINDS)]
            base = 0.0 if kind == "cumulative" else float(rng.uniform(10, 100))
            target = base + float(rng.uniform(20, 200))
            indicator = Indicator(
                code=f"SYN{i:04d}",
                name_it=f"[SINTETICO] indicatore di prova {i}",
                name_en=f"[SYNTHETIC] benchmark indicator {i}",
                unit="n.",
                kind=kind,
                direction="lower" if i % 7 == 0 else "higher",
                objective=OBJECTIVES[i % len(OBJECTIVES)],
                ecosystem_id=ecosystems[i % len(ecosystems)].id,
                baseline_value=base,
                baseline_date=dt.date(2022, 12, 31),
                target_value=target,
                target_date=dt.date(2027, 12, 31),
                measure_started=i % 11 != 0,
                published=False,  # synthetic data never reaches the public app or the API
                notes="synthetic benchmark data",
                source="bench/bench_overview.py (synthetic)",
                sort_order=100 + i,
            )
            session.add(indicator)
            session.flush()
            level = base
            for day in (dt.date(2023, 12, 31), dt.date(2024, 12, 31), dt.date(2025, 4, 30)):
                level += float(rng.normal((target - base) / 6, (target - base) / 8))
                missing = rng.random() < 0.05  # some "n.d."
                session.add(
                    Observation(
                        indicator_id=indicator.id,
                        date=day,
                        value=None if missing else round(level, 2),
                        status="published",
                        source="bench/bench_overview.py (synthetic)",
                    )
                )
        session.add(
            Project(
                code="SYN-PROJECT",
                title="[SYNTHETIC] benchmark project",
                is_synthetic=True,
                source="bench/bench_overview.py (synthetic)",
            )
        )
        bump_data_version(session)
    return url


def main() -> None:
    """Build the database, time each callback, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=20271231)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        url = build_database(Path(folder) / "bench.db", args.indicators, args.seed)
        print(
            f"database: seed + {args.indicators} synthetic indicators "
            f"({time.perf_counter() - started:.1f} s to build)"
        )
        flask_app = create_app({"DATABASE_URL": url, "REDIS_URL": "", "SECRET_KEY": "bench"})
        client = flask_app.test_client()
        router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
        objective = dependency(client, "/", {"overview-objective-filter.value"})
        cases: dict[str, Callable[[], int]] = {
            "overview": poster(
                client,
                "/",
                payload(router, {"shell-url.pathname": "/", "shell-url.search": ""}, {}),
            ),
            "overview, one ecosystem": poster(
                client,
                "/",
                payload(
                    router,
                    {"shell-url.pathname": "/", "shell-url.search": "?ecosystem=salute"},
                    {},
                ),
            ),
            "objective filter": poster(
                client,
                "/",
                payload(
                    objective,
                    {"overview-objective-filter.value": OBJECTIVES[1]},
                    {"shell-url.search": "?lang=en"},
                ),
            ),
        }
        cases["trivial (baseline)"] = trivial_case()

        results = {name: median_ms(run, args.repeat) for name, run in cases.items()}
        floor = results["trivial (baseline)"][0]
        print(f"median of {args.repeat} requests after 2 warm-up requests each")
        print(f"{'callback':28} {'median ms':>10} {'response kB':>12} {'× trivial':>10}")
        for name, (ms, size) in results.items():
            print(f"{name:28} {ms:10.1f} {size / 1024:12.0f} {ms / floor:10.0f}")


if __name__ == "__main__":
    main()
