"""A change's own effect on cold pages: the old and new code swapped request by request.

On the shared machine a process's CPU time drifts by up to a third between runs
(bench/cold_cpu.py before and after, in turn, read /forecasts 130 then 101 ms on the same
code), more than a few milliseconds of change. Here one process serves each page cold
(the cache emptied), alternately with the old function put back and with the new one, the
order swapped every pair, and prints the median CPU of each and the median of the paired
differences (new − old).

    .venv/bin/python bench/cold_pairs.py URL --old all --pairs 40
    .venv/bin/python bench/cold_pairs.py URL --old series_points --page /forecasts

`--old` names what is put back (`OLD`, or `all`); the database is one loaded by
bench/page_callbacks.py (seed + SYNTHETIC projects).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from dash.development.base_component import Component  # noqa: E402

PAGES = ["/forecasts", "/ecosystems", "/clusters", "/clusters?ecosystem=", "/funding?ecosystem="]


def _mask_points(points: pd.DataFrame) -> Callable[[str], pd.DataFrame]:
    """Before `forecasts.series_points`: a mask over every point for each series."""
    return lambda key: points[points["series_key"] == key] if len(points) else points


def _mask_row(frame: pd.DataFrame, label: str, horizon: int) -> Any:
    """Before `reliability.first_row`: two masks and the first row."""
    cell = frame[(frame["points"] == label) & (frame["horizon"] == horizon)]
    return None if cell.empty else cell.iloc[0]


def _dash_json(component: Component) -> Any:
    """Before `answer_json.component_json`: Dash's own `to_plotly_json`."""
    return component.to_plotly_json()


def _read_in_request(read: Any) -> Callable[[], Any]:
    """Before `read_ahead.start`: no read begun early (the loader reads when it needs it)."""
    from data.read_ahead import value

    return lambda: value(read)


# name → (module, function, the old code put back in its place)
OLD: dict[str, tuple[str, str, Callable[..., Any]]] = {
    "component_json": ("dashboard.answer_json", "component_json", _dash_json),
    "series_points": ("dashboard.pages.forecasts", "series_points", _mask_points),
    "first_row": ("dashboard.reliability", "first_row", _mask_row),
    "read_ahead": ("data.read_ahead", "start", _read_in_request),
}


def _switch(names: list[str]) -> Callable[[bool], None]:
    """A function that puts the old code of `names` in place (True) or the new (False)."""
    import importlib

    places = []
    for name in names:
        module_name, attribute, old = OLD[name]
        module = importlib.import_module(module_name)
        places.append((module, attribute, old, getattr(module, attribute)))

    def use_old(old_code: bool) -> None:
        for module, attribute, old, new in places:
            setattr(module, attribute, old if old_code else new)

    return use_old


def main() -> None:
    """Time each page cold, old and new code in turn, and print the paired medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a PostgreSQL URL of a loaded database")
    parser.add_argument("--old", action="append", choices=[*OLD, "all"], required=True)
    parser.add_argument("--page", action="append", help="only this page (default: PAGES)")
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--wall", action="store_true", help="wall time, not the process's CPU time")
    args = parser.parse_args()

    import app
    from bench.dash_timing import dependency, payload, poster
    from bench.page_callbacks import _codes

    use_old = _switch(list(OLD) if "all" in args.old else args.old)
    config = {"DATABASE_URL": args.url, "REDIS_URL": "", "SECRET_KEY": "bench"}
    flask_app = app.create_app(config | {"S3DASH_AUTH": "none", "S3DASH_RATE_LIMIT": "off"})
    app.settle_heap()
    cache, client = flask_app.extensions["s3m_cache"], flask_app.test_client()
    router = dependency(client, "/", {"shell-url.pathname", "shell-url.search"})
    ecosystem = _codes(args.url)["ecosystem"]
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    clock, what = (time.perf_counter, "wall") if args.wall else (time.process_time, "CPU")
    old_head, new_head = f"old {what} ms", f"new {what} ms"
    print(f"  {'page':34} {old_head:>11} {new_head:>11} {'paired new − old':>17}")
    for name in args.page or PAGES:
        path, _, search = name.partition("?")
        values = {
            "shell-url.pathname": path,
            "shell-url.search": search and f"?{search}{ecosystem}",
        }
        page = poster(client, "/", payload(router, values, {}))
        spent: dict[bool, list[float]] = {True: [], False: []}
        for pair in range(args.pairs + 2):  # two warm-up pairs
            for old_code in (True, False) if pair % 2 else (False, True):
                use_old(old_code)
                cache.clear()
                start = clock()
                page()
                if pair >= 2:
                    spent[old_code].append((clock() - start) * 1000)
        use_old(False)
        old, new = spent[True], spent[False]
        paired = statistics.median(n - o for n, o in zip(new, old, strict=True))
        print(
            f"  {path + values['shell-url.search']:34} {statistics.median(old):11.2f}"
            f" {statistics.median(new):11.2f} {paired:+17.2f}"
        )
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
