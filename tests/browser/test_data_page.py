"""Browser test of the Data page behind the login: bad file, good file, import, publish.

A server of its own in login mode (the shared one runs without login); the browser logs
in through the form like a person, and the console must stay clean throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.accounts import PASSWORD, add_users
from tests.browser.clicks import click_until_it_lands
from tests.browser.conftest import console_errors, wait_for_text
from tests.browser.public_server import serve_app
from tests.databases import SqliteTemplates
from tests.no_refresh import no_refresh

pytestmark = pytest.mark.browser

BAD = (
    "indicator_code,date,value,source\n"
    "NOPE,2025-06-30,1,browser test\n"
    "RI01,2025-06-30,abc,browser test\n"
)
GOOD = "indicator_code,date,value,source\nRI01,2025-06-30,4.27,browser test\n"


@pytest.fixture(scope="module")
def login_live_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The whole app in login mode, with the test accounts, served from a thread."""
    import data.forecast_launch as forecast_launch

    url = database_templates.seeded_copy(tmp_path_factory.mktemp("browser-login") / "login.db")
    add_users(url)
    with pytest.MonkeyPatch.context() as patch:
        # Publishing refreshes forecasts in a background process: not in this test.
        patch.setattr(forecast_launch, "refresh_in_background", no_refresh)
        with serve_app(url, S3DASH_AUTH="login") as base:
            yield base


def _upload(browser: WebDriver, path: Path) -> None:
    field = browser.find_element(By.CSS_SELECTOR, "#data-upload input[type=file]")
    field.send_keys(str(path))


def test_dat001_login_upload_bad_then_good_file_import_and_publish(
    browser: WebDriver, login_live_url: str, tmp_path: Path
) -> None:
    browser.delete_all_cookies()
    browser.get(login_live_url + "/data")
    assert "/login?next=%2Fdata" in browser.current_url
    browser.find_element(By.ID, "login-username").send_keys("edo")
    browser.find_element(By.ID, "login-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login-submit").click()
    wait_for_text(browser, "#main", "Carica dati")
    wait_for_text(browser, "#auth-user-bar", "edo (redazione)")

    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    _upload(browser, bad)
    wait_for_text(browser, "#data-problems-table", 'unknown indicator code "NOPE"')
    wait_for_text(browser, "#data-problems-table", '"abc" is not a number')
    assert not browser.find_element(By.ID, "data-commit").is_enabled()

    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    _upload(browser, good)
    wait_for_text(browser, "#data-rows-table", "nuova")
    click_until_it_lands(browser, "#data-commit")
    wait_for_text(browser, "#data-commit-result", "completata: 1 nuove")
    wait_for_text(browser, "#data-drafts-table", "good.csv")

    click_until_it_lands(browser, "#data-drafts-table button")
    wait_for_text(browser, "#data-publish-result", "1 valori pubblicati")
    wait_for_text(browser, "#data-drafts", "Nessuna bozza")
    wait_for_text(browser, "#data-history-table", "pubblicazione")
    assert console_errors(browser) == []
    browser.delete_all_cookies()
