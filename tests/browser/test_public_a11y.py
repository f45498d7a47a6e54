"""Accessibility of the public page (WCAG 2.1 AA): axe-core on every view in both languages
at desktop and phone size with every <details> open, reflow at 320 px, keyboard access to
the language switch with a visible focus, a clean console.

The checks themselves (axe-core, sizes, reflow) live in tests/browser/a11y.py, shared with
the internal app's test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.a11y import (
    DESKTOP,
    audit_sizes,
    axe_violations,
    reset_viewport,
    set_viewport,
    wait_rendered,
)
from tests.browser.conftest import console_errors
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates

pytestmark = pytest.mark.browser

VIEWS = [
    "/public/",
    "/public/indicators",
    # every card: RI05 has a gauge, RI07 the reason why it has none
    *[f"/public/indicator/RI0{n}" for n in range(1, 9)],
    "/public/trends",
    "/public/funding",
    "/public/clusters",  # the interactive map (plotly)
    "/public/method",
    "/public/accessibility",
    "/public/context",  # Eurostat context (issue 17)
    "/public/nope",  # page not found
]
QUERIES = {"it": "", "en": "?lang=en"}


@pytest.fixture(scope="module")
def public_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The app on a seeded database, without rate limit (dozens of page loads a minute)."""
    from data.context import seed_context

    url = database_templates.seeded_copy(tmp_path_factory.mktemp("a11y") / "a11y.db")
    seed_context(url)
    with serve_app(url, S3DASH_RATE_LIMIT="off") as base:
        yield base


@pytest.fixture(autouse=True)
def _window_size_back(browser: WebDriver) -> Iterator[None]:
    """The audits resize the viewport: give the next test the browser's own size back."""
    yield
    reset_viewport(browser)


@pytest.mark.parametrize("lang", list(QUERIES))
@pytest.mark.parametrize("view", VIEWS)
def test_pax001_no_wcag_violation_at_any_width(
    browser: WebDriver, public_url: str, view: str, lang: str
):
    set_viewport(browser, *DESKTOP)
    browser.get(public_url + view + QUERIES[lang])
    wait_rendered(browser)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    failures = audit_sizes(browser)
    assert failures == {}, json.dumps(failures, indent=1)
    assert console_errors(browser) == []
    # One contentinfo landmark: the shell's footer (the scripts are not in one).
    assert len(browser.find_elements(By.CSS_SELECTOR, "footer")) == 1


@pytest.mark.parametrize("lang", list(QUERIES))
def test_pax002_embed_mode_and_opened_map(browser: WebDriver, public_url: str, lang: str):
    sep = "&" if QUERIES[lang] else "?"
    browser.get(public_url + "/public/indicator/RI05" + QUERIES[lang] + sep + "embed=1")
    wait_rendered(browser)
    failures = audit_sizes(browser)  # an iframe is often phone-sized
    assert failures == {}, json.dumps(failures, indent=1)
    browser.get(public_url + "/public/" + QUERIES[lang])
    wait_rendered(browser)
    # By keyboard: focus the button and press Enter.
    button = browser.find_element(By.ID, "public-map-button")
    browser.execute_script("arguments[0].focus();", button)
    button.send_keys(Keys.ENTER)
    waiting(browser, 30).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#public-map-slot .s3-map-marker")) == 9
    )
    violations = axe_violations(browser)
    assert violations == [], json.dumps(violations, indent=1)
    assert console_errors(browser) == []


def focused(driver: WebDriver) -> Any:
    return driver.switch_to.active_element


def test_pax003_tab_reaches_the_language_switch_with_a_visible_focus(
    browser: WebDriver, public_url: str
):
    browser.get(public_url + "/public/")
    wait_rendered(browser)
    actions = ActionChains(browser)
    # The first stop is the skip link, which becomes visible when focused.
    actions.send_keys(Keys.TAB).perform()
    skip = focused(browser)
    assert skip.get_attribute("href").endswith("#main") and skip.is_displayed()
    for _ in range(10):
        element = focused(browser)
        if "s3-lang-link" in (element.get_attribute("class") or ""):
            break
        actions.send_keys(Keys.TAB).perform()
    else:
        pytest.fail("Tab never reached the language switch")
    assert element.get_attribute("hreflang") == "en"
    style = browser.execute_script(
        "var s = getComputedStyle(arguments[0]);"
        "return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),"
        " colour: s.outlineColor};",
        element,
    )
    assert style["style"] != "none" and style["width"] >= 2, style
    # Enter follows it: the same view in English.
    element.send_keys(Keys.ENTER)
    waiting(browser, 20).until(
        lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    )
    wait_rendered(browser)
    assert "Research and innovation" in browser.find_element(By.TAG_NAME, "h1").text


def test_pax004_tables_scroll_by_keyboard_on_a_phone(browser: WebDriver, public_url: str):
    browser.set_window_size(390, 844)
    try:
        browser.get(public_url + "/public/funding")
        wait_rendered(browser)
        region = browser.find_element(By.CSS_SELECTOR, ".s3p-scroll")
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-labelledby")
        assert axe_violations(browser) == []
    finally:
        browser.set_window_size(1280, 1024)
