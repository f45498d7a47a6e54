"""The forecasts page with funding series (synthetic demo projects) in headless Chromium.

With project data the page lists every funding series in one table and shows one in full
(chart and monthly table), chosen with a picker that writes `?series=` into the URL; it
once carried some thirty charts at once and froze the browser for minutes. It must draw
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
    assert expected > 5  # indicators, the reliability chart and one funding series
    listed = browser.find_elements("css selector", "#forecasts-funding-table tbody tr")
    assert len(listed) > 15  # every series per ecosystem and per province, in one table
    # Draw the charts below the fold as printing does (a reader would scroll to them).
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'));")

    def drawn(driver) -> bool:
        plots = driver.find_elements("css selector", "#main .js-plotly-plot .main-svg")
        return len(plots) >= expected

    waiting(browser, 90).until(drawn)  # a liveness bound, not a speed measure
    wait_for_text(browser, ".s3-synthetic", "SINTETICI")  # the demo data say so
    assert console_errors(browser) == []


def test_fwp002_the_picker_shows_another_series_from_the_url(browser, demo_url):
    from selenium.webdriver.support.ui import Select

    browser.get(demo_url + "/forecasts")
    wait_for_text(browser, "#forecasts-funding-table", "Sostenibilità")
    picker = Select(browser.find_element("id", "forecasts-series-picker"))
    first = str(picker.first_selected_option.get_attribute("textContent"))
    listed = [o for o in picker.options if o.get_attribute("value")]  # not the placeholder
    assert first == listed[0].get_attribute("textContent")  # no `?series=`: the first
    wait_for_text(browser, "#forecasts-funding-chosen", first)
    values = [str(o.get_attribute("value")) for o in listed]
    province = next(v for v in values if v.startswith("province"))
    name = str(listed[values.index(province)].get_attribute("textContent"))
    picker.select_by_value(province)
    waiting(browser, 30).until(lambda d: "series=province" in d.current_url)
    wait_for_text(browser, "#forecasts-funding-chosen", name)
    assert console_errors(browser) == []
