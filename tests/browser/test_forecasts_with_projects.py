"""The forecasts page with funding series (synthetic demo projects) in headless Chromium.

With project data the page carries some twenty more charts, each with its data table;
it once froze the browser for minutes (thousands of table-cell components). It must draw
every chart (those below the fold once asked, as printing asks) and keep the console clean.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import console_errors, wait_for_text
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The app on the seed plus 2,000 synthetic projects, with every forecast fitted."""
    from data.demo import generate
    from data.forecasting import refresh

    url = database_templates.seeded_copy(tmp_path_factory.mktemp("demo") / "demo.db")
    generate(url, 2000, seed=3)
    assert refresh(url).failed == 0
    with serve_app(url) as base:
        yield base


def test_fwp001_every_forecast_chart_draws(browser, demo_url):
    browser.get(demo_url + "/forecasts")
    wait_for_text(browser, "#forecasts-funding", "Sostenibilità")
    # Every chart box, drawn or waiting to be reached (dashboard/lazy_graph.py).
    expected = len(browser.find_elements("css selector", "#main .s3-chart [role=figure]"))
    assert expected > 20  # indicators, and funding per ecosystem and per province
    # Draw the charts below the fold as printing does (a reader would scroll to them).
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'));")

    def drawn(driver) -> bool:
        plots = driver.find_elements("css selector", "#main .js-plotly-plot .main-svg")
        return len(plots) >= expected

    waiting(browser, 90).until(drawn)  # a liveness bound, not a speed measure
    wait_for_text(browser, ".s3-synthetic", "SINTETICI")  # the demo data say so
    assert console_errors(browser) == []
