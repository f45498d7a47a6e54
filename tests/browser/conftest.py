"""Browser fixtures: the real app served on loopback, driven by headless Chromium.

Needs Debian's `chromium` and `chromium-driver` (installed by .ci/run); without them the
browser tests skip with a one-line reason (or fail under S3DASH_REQUIRE_SERVICES).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import chromium
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.conftest import skip_or_fail
from tests.databases import SqliteTemplates


@pytest.fixture(scope="session")
def live_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """Base URL of the whole app on a seeded SQLite database with its forecasts, in a thread.

    The forecasts are fitted as `make run` fits them, so that the pages draw their charts.
    """
    url = database_templates.forecasted_copy(tmp_path_factory.mktemp("browser") / "browser.db")
    with serve_app(url) as base:
        yield base


@pytest.fixture(scope="session")
def browser_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """One headless Chromium for the session (a fresh one per test costs seconds)."""
    if not chromium.installed():
        skip_or_fail(
            "chromium / chromedriver not installed (apt-get install chromium chromium-driver)"
        )
    driver = chromium.headless_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture
def browser(browser_session: WebDriver) -> Iterator[WebDriver]:
    """The session's browser with its console log emptied before the test."""
    chromium.browser_log(browser_session)
    yield browser_session


def wait_for_text(driver: WebDriver, css: str, text: str, timeout: float = 20) -> None:
    """Wait until the element at `css` contains `text`."""
    # Dash re-renders whole subtrees: an element found may go stale before it is read.
    waiting(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: any(text in el.text for el in d.find_elements("css selector", css))
    )


def console_errors(driver: WebDriver) -> list[dict]:
    """Browser console entries of level WARNING or worse since the last call."""
    return [e for e in chromium.browser_log(driver) if e["level"] in ("SEVERE", "WARNING")]
