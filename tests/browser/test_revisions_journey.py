"""Browser journey of issue 18: an editor enters a value, publishes it, corrects it with a
reason, reads the revision history, finds the status change in the report's "what changed",
and generates the report, after which "what changed" starts at it. A server of its own in
login mode; the console must stay clean throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select
from sqlalchemy import update

from tests.accounts import PASSWORD, add_users
from tests.browser.clicks import click_until_it_lands
from tests.browser.conftest import console_errors, wait_for_text
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates
from tests.no_refresh import no_refresh

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def revisions_live_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The app in login mode on a seed loaded "a year ago" (so only the test's change is new)."""
    import data.forecast_launch as forecast_launch
    from data.db import session_scope
    from data.models import ImportBatch

    url = database_templates.seeded_copy(
        tmp_path_factory.mktemp("browser-revisions") / "revisions.db"
    )
    add_users(url)
    with session_scope(url) as session:
        session.execute(update(ImportBatch).values(created_at=dt.datetime(2025, 1, 1)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forecast_launch, "refresh_in_background", no_refresh)
        with serve_app(url, S3DASH_AUTH="login") as base:
            yield base


def _type(browser: WebDriver, element_id: str, text: str) -> None:
    field = browser.find_element(By.ID, element_id)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    field.clear()
    field.send_keys(text)


def test_rev001_enter_publish_correct_history_and_what_changed(
    browser: WebDriver, revisions_live_url: str
) -> None:
    base = revisions_live_url
    browser.delete_all_cookies()
    browser.get(base + "/data?lang=en")
    browser.find_element(By.ID, "login-username").send_keys("edo")
    browser.find_element(By.ID, "login-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login-submit").click()
    wait_for_text(browser, "#data-entry", "Enter a value")

    # 1. enter a value (the picker is searchable) and publish it
    Select(browser.find_element(By.ID, "data-entry-indicator")).select_by_value("RI05")
    _type(browser, "data-entry-date", "2025-10-31")
    _type(browser, "data-entry-value", "74")
    _type(browser, "data-entry-source", "browser test")
    click_until_it_lands(browser, "#data-entry-save")
    wait_for_text(browser, "#data-entry-result", "saved as a draft")
    wait_for_text(browser, "#data-drafts-table", "entered in the app")
    click_until_it_lands(browser, "#data-publish-all")
    wait_for_text(browser, "#data-publish-result", "published")

    # 2. correct it with a reason, 3. see the revision history
    browser.get(base + "/indicators?indicator=RI05&lang=en")
    wait_for_text(browser, "#indicators-revisions", "Correct or withdraw a value")
    wait_for_text(browser, "#indicators-rev-observation", "31 Oct 2025")
    _type(browser, "indicators-rev-value", "400")
    _type(browser, "indicators-rev-reason", "figure from the wrong table")
    click_until_it_lands(browser, "#indicators-rev-correct")
    wait_for_text(browser, "#indicators-revisions", "Correction saved")
    wait_for_text(browser, "#indicators-rev-history", "figure from the wrong table")
    wait_for_text(browser, "#indicators-rev-history", "74 M€ → 400 M€")
    wait_for_text(browser, "#indicators-rev-history", "entered")

    # 4. the status change is listed in "what changed" on the report
    browser.get(base + "/report?lang=en")
    wait_for_text(browser, "#report-changes", "What changed")
    wait_for_text(browser, "#report-changes-status", "RI05: Limited progress → Achieved")
    wait_for_text(browser, "#report-changes-values", "corrected 74 M€ → 400 M€")
    wait_for_text(browser, "#report-changes-since", "no earlier report recorded")

    # 5. "Generate and print" records the report (the print dialog is stubbed: headless)
    browser.execute_script("window.print = function () { window.s3Printed = true; };")
    click_until_it_lands(browser, "#report-generate-button")
    wait_for_text(browser, "#report-recorded", "Report no. 1, generated on")
    wait_for_text(browser, "#report-changes-status", "RI05: Limited progress → Achieved")
    waiting(browser, 10).until(lambda b: b.execute_script("return window.s3Printed;"))
    # the next report's "what changed" starts at this one
    browser.get(base + "/report?lang=en")
    wait_for_text(browser, "#report-changes-since", "since the previous report, generated on")
    assert console_errors(browser) == []
    browser.delete_all_cookies()
