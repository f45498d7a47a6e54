"""The filter journey in headless Chromium: "Sostenibilità" from the overview to its calls,
a call's projects, its clusters and its ecosystem page, without losing the filter; the
URL of each step reproduces that view, and the console stays clean throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import Select

from tests.browser.conftest import console_errors, wait_for_text
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates
from tests.project_rows import add_projects

pytestmark = pytest.mark.browser

D = dt.date
JOURNEY_DATABASES: dict[str, str] = {}  # base URL → database URL, for tests that edit data
PROJECTS = [
    ("J1", "ricerca-innova", "sostenibilita", "015", 250000.0, D(2024, 3, 1), False),
    ("J2", "ricerca-innova", "sostenibilita", "019", 120000.0, D(2024, 6, 1), True),
    ("J3", "ricerca-innova", "salute", "016", 900000.0, D(2024, 6, 1), False),
]


@pytest.fixture(scope="module")
def journey_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The app on a seeded SQLite database with three projects (one synthetic)."""

    url = database_templates.seeded_copy(tmp_path_factory.mktemp("journey") / "journey.db")
    add_projects(url, PROJECTS)
    with serve_app(url) as base:
        JOURNEY_DATABASES[base] = url
        yield base


def journey_db(base_url: str) -> str:
    """The database URL behind the journey server (kept by the fixture)."""
    return JOURNEY_DATABASES[base_url]


def query(driver) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(driver.current_url).query).items()}


def wait_for_query(driver, **expected: str | None) -> None:
    """Wait until the address bar has exactly these values (None: absent)."""
    waiting(driver, 20).until(lambda d: all(query(d).get(k) == v for k, v in expected.items()))


def click(driver, element) -> None:
    """Click without scrolling first (the page may be scrolled past the menu)."""
    driver.execute_script("arguments[0].click();", element)


def follow(driver, text: str) -> None:
    """Click the menu link `text` once the re-rendered menu carries the filter."""

    def clicked(d) -> bool:
        for link in d.find_elements("link text", text):
            if "ecosystem=sostenibilita" in (link.get_attribute("href") or ""):
                click(d, link)
                return True
        return False

    # Dash re-renders the header: a link found may go stale before it is clicked.
    waiting(driver, 20, ignored_exceptions=(StaleElementReferenceException,)).until(clicked)


def filter_value(driver) -> str:
    select = Select(driver.find_element("id", "shell-ecosystem-filter"))
    value = select.first_selected_option.get_attribute("value")
    assert value is not None, "an option without a value"
    return value


def test_brw101_sostenibilita_from_overview_to_calls_projects_clusters(browser, journey_url):
    browser.get(journey_url + "/")
    wait_for_text(browser, "h1", "Panoramica")
    Select(browser.find_element("id", "shell-ecosystem-filter")).select_by_value("sostenibilita")
    wait_for_query(browser, ecosystem="sostenibilita")
    assert console_errors(browser) == []

    # its calls: the dedicated and the cross-cutting ones, not another ecosystem's
    follow(browser, "Finanziamenti")
    wait_for_text(browser, "h1", "Finanziamenti")
    wait_for_query(browser, ecosystem="sostenibilita")
    wait_for_text(browser, "#funding-calls-table", "Collabora & Innova")
    calls = browser.find_element("id", "funding-calls-table").text
    assert "Smart Mobility Data Driven" not in calls
    wait_for_text(browser, "#filter-note", "Sostenibilità")
    assert filter_value(browser) == "sostenibilita"
    assert console_errors(browser) == []

    # a call's projects: those serving the ecosystem, the synthetic one tagged
    Select(browser.find_element("id", "funding-call-picker")).select_by_value("ricerca-innova")
    wait_for_query(browser, ecosystem="sostenibilita", call="ricerca-innova")
    wait_for_text(browser, "#funding-projects-grid", "Progetto J1")
    grid = browser.find_element("id", "funding-projects-grid").text
    assert "Progetto J2" in grid and "SINTETICO" in grid
    assert "Progetto J3" not in grid  # health, not sustainability
    wait_for_text(browser, "#funding-projects-summary", "SINTETICO")  # one: singular
    drill_down = browser.current_url
    assert console_errors(browser) == []

    # its clusters: the filter travels, the call does not
    follow(browser, "Cluster")
    wait_for_text(browser, "h1", "Cluster tecnologici")
    wait_for_query(browser, ecosystem="sostenibilita", call=None)
    wait_for_text(browser, "#clusters-table", "Energy Cleantech")
    assert "Agrifood" not in browser.find_element("id", "clusters-table").text
    assert console_errors(browser) == []

    # its ecosystem page, focused on it
    follow(browser, "Ecosistemi")
    wait_for_text(browser, "#ecosystems-focus", "Sostenibilità")
    wait_for_query(browser, ecosystem="sostenibilita")
    assert not browser.find_elements("id", "ecosystems-card-salute")
    wait_for_text(browser, "#ecosystems-card-sostenibilita", "Milano")
    assert console_errors(browser) == []

    # the drill-down URL alone reproduces the view
    browser.get(drill_down)
    wait_for_text(browser, "#funding-projects-grid", "Progetto J1")
    assert filter_value(browser) == "sostenibilita"
    picker = Select(browser.find_element("id", "funding-call-picker"))
    assert picker.first_selected_option.get_attribute("value") == "ricerca-innova"
    assert (
        "Smart Mobility Data Driven" not in browser.find_element("id", "funding-calls-table").text
    )
    assert console_errors(browser) == []


def test_brw102_grid_sorts_from_the_keyboard_and_exports_csv(browser, journey_url):
    from selenium.webdriver.common.keys import Keys

    browser.get(journey_url + "/funding?call=ricerca-innova")
    wait_for_text(browser, "#funding-projects-grid", "Progetto J3")
    header = browser.find_element(
        "css selector", "#funding-projects-grid th[data-field='public_funding_eur'] button"
    )
    header.send_keys(Keys.ENTER)  # keyboard sort: ascending
    waiting(browser, 10).until(
        lambda d: (
            "J2"
            in d.find_element("css selector", "#funding-projects-grid tbody tr:first-child").text
        )
    )
    click(browser, browser.find_element("id", "funding-projects-grid-export"))
    assert console_errors(browser) == []


def test_brw103_grid_csv_neutralises_formulas_and_keeps_numbers_raw(browser, journey_url, tmp_path):
    from sqlalchemy import update

    from data.db import bump_data_version, session_scope
    from data.models import Project

    formula = '=HYPERLINK("http://example.invalid","clic")'
    with session_scope(journey_db(journey_url)) as session:
        session.execute(update(Project).where(Project.code == "J1").values(title=formula))
        bump_data_version(session)
    browser.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    browser.get(journey_url + "/funding?call=ricerca-innova")
    wait_for_text(browser, "#funding-projects-grid", "HYPERLINK")
    click(browser, browser.find_element("id", "funding-projects-grid-export"))
    waiting(browser, 20).until(lambda _: list(tmp_path.glob("*.csv")))
    text = next(tmp_path.glob("*.csv")).read_text(encoding="utf-8-sig")
    assert "\"'=HYPERLINK(" in text and '"=HYPERLINK(' not in text
    assert "250000" in text  # amounts stay raw numbers, not "250.000 €"
    assert console_errors(browser) == []
