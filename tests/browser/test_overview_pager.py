"""Browser test of the overview's status table a page at a time: the pager is plain links.

Served on its own database: the seed plus 60 test-only indicators (TP001-TP060), 68 rows,
two pages of 50.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.a11y import DESKTOP, audit_sizes, reset_viewport, set_viewport, wait_rendered
from tests.browser.clicks import click_until_it_lands
from tests.browser.conftest import console_errors, wait_for_text
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates
from tests.seed_facts import add_test_indicators

pytestmark = pytest.mark.browser
TABLE_ROWS = "#overview-indicators-table tbody tr"


@pytest.fixture(scope="module")
def paged_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The app on the seed plus 60 test indicators (smart-mobility), served from a thread."""
    url = database_templates.seeded_copy(tmp_path_factory.mktemp("pager") / "pager.db")
    add_test_indicators(url, [f"TP{i:03d}" for i in range(1, 61)])
    with serve_app(url) as base:
        yield base


def first_codes(driver: WebDriver) -> list[str]:
    """The code cell of every row the status table shows."""
    return [
        row.find_element("css selector", "td, th").text
        for row in driver.find_elements("css selector", TABLE_ROWS)
    ]


def test_pgr001_following_the_pager_shows_the_next_rows(browser, paged_url):
    browser.get(paged_url + "/?ecosystem=smart-mobility&lang=en")
    wait_for_text(browser, "#overview-indicators-pager-range", "Rows 1–50 of 68")
    wait = waiting(browser, 20, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda d: len(first_codes(d)) == 50)
    assert first_codes(browser)[:9] == [*(f"RI0{i}" for i in range(1, 9)), "TP001"]

    click_until_it_lands(browser, "#overview-indicators-pager a[aria-label='Next page']")
    wait_for_text(browser, "#overview-indicators-pager-range", "Rows 51–68 of 68")
    wait.until(lambda d: len(first_codes(d)) == 18)
    assert first_codes(browser) == [f"TP{i:03d}" for i in range(43, 61)]
    # The address is the view's, with its page: bookmarked, shared, reloaded the same.
    assert browser.current_url.endswith(
        "/?ecosystem=smart-mobility&lang=en&page=2#overview-indicators-table"
    )
    # The counts by status are every indicator's, on either page.
    assert browser.find_element("id", "overview-count-acceleration_needed").text.split()[0] == "60"
    assert console_errors(browser) == []


@pytest.mark.parametrize("query", ["?page=2", "?page=2&lang=en"])
def test_pgr002_the_pager_has_no_wcag_violation_at_any_width(browser, paged_url, query):
    set_viewport(browser, *DESKTOP)
    try:
        browser.get(paged_url + "/" + query)
        wait_rendered(browser)
        wait_for_text(browser, "#overview-indicators-pager-range", "51–68")
        assert audit_sizes(browser) == {}
    finally:
        reset_viewport(browser)
    assert console_errors(browser) == []
