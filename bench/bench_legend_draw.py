"""Drawing cost of the context page's comparison chart, with and without plotly's legend.

The chart's figure as the page builds it (dashboard/figures/context.py) from the shipped
GERD % GDP file, Lombardy, Italy, the EU-27 and the six default peers, plus the 3% goal (10
lines), drawn alone by `Plotly.newPlot` in headless Chromium from a local page: as the page
draws it now (`showlegend` off; the legend is HTML, dashboard/chart_legend.py) and as it drew
it before (plotly's horizontal legend below the chart), against hello-world's one-line
figure (bench/browser_timing.py) drawn the same way. The three are drawn in turn, `--repeat`
times after 3 warm-ups each (so a busy spell weighs on all alike), timed from the call to
the end of the next animation frame; medians and ratios printed.

    .venv/bin/python bench/bench_legend_draw.py [--repeat 25]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
import plotly  # noqa: E402

from bench.browser_timing import new_driver  # noqa: E402
from dashboard.figures.context import comparison_figure  # noqa: E402
from dashboard.pages.context import compared  # noqa: E402
from data.context import (  # noqa: E402
    CONTEXT_DIR,
    DEFAULT_PEERS,
    EU_GERD_GOAL,
    GERD_PC_GDP,
    LOMBARDY,
    region_label,
)

HELLO = {"data": [{"x": [1, 2, 3], "y": [1, 3, 2]}], "layout": {"title": "/"}}
DRAW = """
var figures = arguments[0], rounds = arguments[1], done = arguments[arguments.length - 1];
var box = document.getElementById('box'), times = {};
Object.keys(figures).forEach(function (k) { times[k] = []; });
function frame() {
  return new Promise(function (r) { requestAnimationFrame(function () { r(); }); });
}
async function run() {
  for (var i = 0; i < rounds; i++) {
    for (var k of Object.keys(figures)) {
      var f = JSON.parse(figures[k]);
      var t0 = performance.now();
      await Plotly.newPlot(box, f.data, f.layout);
      await frame();
      times[k].push(performance.now() - t0);
      Plotly.purge(box);
      await frame();
    }
  }
  done(times);
}
run().catch(function (e) { done({error: String(e)}); });
"""


def figures() -> dict[str, dict[str, Any]]:
    """The three figures drawn: hello's, the chart now, the chart with plotly's legend."""
    raw = pd.read_csv(CONTEXT_DIR / f"{GERD_PC_GDP}.csv")
    codes = compared(DEFAULT_PEERS)
    table = raw[raw["region_id"].isin(codes)].pivot_table(
        index="year", columns="region_id", values=GERD_PC_GDP
    )
    table = table.reindex(index=range(table.index.min(), table.index.max() + 1), columns=codes)
    labels = {c: region_label(c, "it") for c in codes}
    now = comparison_figure(table, labels, "% GDP", "it", LOMBARDY, EU_GERD_GOAL)
    before = json.loads(json.dumps(now))
    before["layout"]["showlegend"] = True
    before["layout"]["legend"] = {"orientation": "h", "y": -0.2}
    return {"hello": HELLO, "html legend": now, "plotly legend": before}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-legend-"))
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder)
    page = folder / "draw.html"
    page.write_text(
        '<!doctype html><meta charset="utf-8"><script src="plotly.min.js"></script>'
        '<div id="box" style="width:900px;height:360px"></div>'
    )
    drawn = {name: json.dumps(figure) for name, figure in figures().items()}
    driver = new_driver()
    try:
        driver.set_script_timeout(600)
        driver.get(page.as_uri())
        driver.execute_async_script(DRAW, drawn, 3)  # warm-up: plotly's code compiled
        times = driver.execute_async_script(DRAW, drawn, args.repeat)
    finally:
        driver.quit()
        shutil.rmtree(folder, ignore_errors=True)
    if "error" in times:
        raise SystemExit(times["error"])
    lines = len(json.loads(drawn["html legend"])["data"])
    print(f"Plotly.newPlot to the next frame, median of {args.repeat} draws in turn")
    print(f"{'figure':<32}{'median ms':>10}{'× hello':>9}")
    hello = statistics.median(times["hello"])
    for name, values in times.items():
        label = name if name == "hello" else f"{name} ({lines} lines)"
        ms = statistics.median(values)
        print(f"{label:<32}{ms:>10.1f}{ms / hello:>9.2f}")
    saved = statistics.median(times["plotly legend"]) - statistics.median(times["html legend"])
    print(f"plotly's legend: {saved:.1f} ms of the chart's draw")


if __name__ == "__main__":
    main()
