"""Accessibility of the internal (staff) app, WCAG 2.1 AA: axe-core on every view in both
languages at desktop and phone size with every <details> open, reflow at 320 px, and a
keyboard walk of the busiest pages (every control reached, every stop showing focus, Tab
leaving a grid in one press).

One server in login mode (as in production) and one browser for the whole module; each
account signs in once through the form, and the tests swap its cookies; each view is loaded
once per language and audited at every size by resizing the viewport.
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

from tests.accounts import PASSWORD, USERS, add_users
from tests.browser import chromium
from tests.browser.a11y import (
    DESKTOP,
    audit_sizes,
    contrast,
    reset_viewport,
    set_viewport,
    tab_walk,
    wait_rendered,
)
from tests.browser.conftest import console_errors
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates

pytestmark = pytest.mark.browser

SEED_INDICATORS = [f"RI0{n}" for n in range(1, 9)]
VIEWS = [
    "/",
    "/indicators",
    *[f"/indicators?indicator={code}" for code in SEED_INDICATORS],
    "/funding",
    "/funding?call=collabora-innova",
    "/ecosystems",
    "/ecosystems?ecosystem=manifattura",
    "/clusters",
    "/clusters?cluster=afil",
    "/forecasts",
    "/context",
    "/context?peers=DE1,ES51&measure=hrst_st_rcat_hrst_pc_act",
    "/report",
]
LANGS = {"it": "", "en": "lang=en"}
ADMIN = next(name for name, role in USERS.items() if role == "admin")


def with_lang(view: str, lang: str) -> str:
    if not LANGS[lang]:
        return view
    return view + ("&" if "?" in view else "?") + LANGS[lang]


@pytest.fixture(scope="module")
def staff_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The whole app in login mode on a seeded database (with the Eurostat context series),
    forecasts and the test users."""
    url = database_templates.context_copy(tmp_path_factory.mktemp("internal-a11y") / "a11y.db")
    add_users(url)
    with serve_app(url, S3DASH_AUTH="login", S3DASH_RATE_LIMIT="off") as base:
        yield base


def log_in(driver: WebDriver, base: str, username: str) -> list[dict[str, Any]]:
    """A fresh session signed in through the form; returns its cookies."""
    use_session(driver, base, [])
    driver.get(base + "/login?next=/indicators")
    driver.find_element(By.ID, "login-username").send_keys(username)
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    waiting(driver, 20).until(lambda d: "/login" not in d.current_url)
    # Let the landing page finish its Dash requests: one still running when the cookies
    # change answers with this session's cookie and revives it.
    wait_rendered(driver)
    return list(driver.get_cookies())


def use_session(driver: WebDriver, base: str, cookies: list[dict[str, Any]]) -> None:
    """Swap the browser's cookies for `cookies` (none: logged out), on a blank page."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    for cookie in cookies:
        driver.execute_cdp_cmd(
            "Network.setCookie",
            {
                "url": base,
                "name": cookie["name"],
                "value": cookie["value"],
                "path": cookie.get("path", "/"),
                "httpOnly": cookie.get("httpOnly", False),
            },
        )


@pytest.fixture(scope="module")
def sessions(browser_session: WebDriver, staff_url: str) -> dict[str, list[dict[str, Any]]]:
    """The cookies of each test account, each signed in once through the form (a sign-in
    and its landing page cost seconds; swapping cookies costs nothing)."""
    return {username: log_in(browser_session, staff_url, username) for username in USERS}


@pytest.fixture(scope="module")
def staff(
    browser_session: WebDriver, staff_url: str, sessions: dict[str, list[dict[str, Any]]]
) -> Iterator[WebDriver]:
    """The session's browser signed in as an administrator; logged out afterwards."""
    use_session(browser_session, staff_url, sessions[ADMIN])
    yield browser_session
    reset_viewport(browser_session)
    browser_session.delete_all_cookies()


def audit(driver: WebDriver, url: str) -> None:
    set_viewport(driver, *DESKTOP)
    driver.get(url)
    wait_rendered(driver)
    failures = audit_sizes(driver)
    errors = console_errors(driver)
    if errors:
        failures["console"] = errors
    assert failures == {}, json.dumps(failures, indent=1)


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("view", VIEWS)
def test_iax001_no_wcag_violation_at_any_width(
    staff: WebDriver, staff_url: str, view: str, lang: str
):
    chromium.browser_log(staff)
    audit(staff, staff_url + with_lang(view, lang))
    assert staff.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", list(LANGS))
def test_iax002_data_page_for_every_role_and_the_login_form(
    staff: WebDriver, staff_url: str, sessions: dict[str, list[dict[str, Any]]], lang: str
):
    try:
        for username, role in USERS.items():
            use_session(staff, staff_url, sessions[username])
            audit(staff, staff_url + with_lang("/data", lang))
            # The page is the role's own: only writers get the upload.
            uploads = staff.find_elements(By.ID, "data-upload")
            assert bool(uploads) == (role != "viewer"), (username, role)
        use_session(staff, staff_url, [])
        audit(staff, staff_url + with_lang("/login", lang))
    finally:
        use_session(staff, staff_url, sessions[ADMIN])


# /clusters: the map's markers are links, each a stop with its focus shown.
@pytest.mark.parametrize("view", ["/", "/funding", "/data", "/clusters"])
def test_iax003_keyboard_reaches_every_control_with_a_visible_focus(
    staff: WebDriver, staff_url: str, view: str
):
    set_viewport(staff, *DESKTOP)
    staff.get(staff_url + view)
    wait_rendered(staff)
    walk = tab_walk(staff)
    assert walk["first"] == "shell-skip", walk  # the skip link comes first
    assert walk["unreached"] == [], walk
    assert walk["unmarked"] == [], walk


def test_iax004_a_grid_sorts_filters_and_says_so_from_the_keyboard(
    staff: WebDriver, staff_url: str
):
    set_viewport(staff, *DESKTOP)
    staff.get(staff_url + "/funding")
    wait_rendered(staff)
    table = "#funding-calls-table"
    sort = staff.find_element(By.CSS_SELECTOR, f"{table} th[data-field=budget_eur] button")
    header = sort.find_element(By.XPATH, "..")
    assert header.get_attribute("aria-sort") is None

    def budgets() -> list[float]:
        values = staff.execute_script(
            "var i = arguments[0].cellIndex;"
            "return Array.from(document.querySelectorAll(arguments[1])).map(function (r) {"
            " return r.cells[i].getAttribute('data-value'); });",
            header,
            f"{table} tbody tr:not([hidden])",
        )
        return [float(v) for v in values if v]

    staff.execute_script("arguments[0].focus();", sort)
    ActionChains(staff).send_keys(Keys.ENTER).perform()  # a button: Enter sorts
    assert header.get_attribute("aria-sort") == "ascending"
    assert budgets() == sorted(budgets()) and len(budgets()) > 2
    ActionChains(staff).send_keys(Keys.SPACE).perform()  # and again, the other way
    assert header.get_attribute("aria-sort") == "descending"
    assert budgets() == sorted(budgets(), reverse=True)
    search = staff.find_element(By.ID, "funding-calls-table-filter")
    search.send_keys("irccs")  # case and accents do not matter
    shown = staff.find_elements(By.CSS_SELECTOR, f"{table} tbody tr:not([hidden])")
    assert shown and all("IRCCS" in row.text for row in shown)
    status = staff.find_element(By.ID, "funding-calls-table-status")
    assert staff.execute_script("return arguments[0].textContent;", status).startswith(
        f"{len(shown)} righe di "
    )


MODEBAR_TITLES = {
    "it": {"Scarica il grafico come immagine PNG", "Reimposta la vista"},
    "en": {"Download plot as a PNG", "Reset view"},
}


@pytest.mark.parametrize("lang", list(LANGS))
def test_iax005_mode_bar_speaks_the_page_language_and_shares_nothing(
    staff: WebDriver, staff_url: str, lang: str
):
    set_viewport(staff, *DESKTOP)
    staff.get(staff_url + with_lang("/funding", lang))
    wait_rendered(staff)
    titles = set(
        staff.execute_script(
            "return Array.from(document.querySelectorAll('.modebar-btn')).map(function (b) {"
            " return b.getAttribute('data-title'); });"
        )
    )
    # Only download and reset: no "Share chart…" (a cloud upload), no English on IT pages.
    assert titles == MODEBAR_TITLES[lang]
    # The toast of a PNG download, at AA contrast like the rest of the page.
    button = staff.find_element(By.CSS_SELECTOR, ".modebar-btn[data-title$='PNG']")
    staff.execute_script("arguments[0].click();", button)
    waiting(staff, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".plotly-notifier .notifier-note")
    )
    notes = staff.execute_script(
        "return Array.from(document.querySelectorAll('.plotly-notifier .notifier-note'))"
        ".map(function (n) { var s = getComputedStyle(n);"
        " return [n.textContent, s.color, s.backgroundColor]; });"
    )
    for text, colour, background in notes:
        assert contrast(colour, background) >= 4.5, (text, colour, background)
        # plotly's own English, untranslated, must not show on the Italian page
        untranslated = {"it": ("Preparing", "succeeded", "Sorry"), "en": ()}[lang]
        assert not any(w in text for w in untranslated), text
