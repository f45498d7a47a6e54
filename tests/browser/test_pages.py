"""Browser smoke tests: every page of both apps renders its data with a clean console."""

from __future__ import annotations

import pytest

from tests.browser.conftest import console_errors, wait_for_text

pytestmark = pytest.mark.browser

# (path, text the page must show: a figure straight from the seed documents)
INTERNAL_PAGES = [
    ("/", "73,6 M€"),  # RI05 resources granted, April 2025
    ("/indicators", "447.360 €"),  # RI06 average grant, December 2023
    ("/funding", "Collabora & Innova"),
    ("/clusters", "755"),  # cluster members in all
    ("/forecasts", "RI05"),  # its chart, its table and the trends to reverse
    ("/data", "observations"),  # the seed's import batches
]


@pytest.mark.parametrize(("path", "expected"), INTERNAL_PAGES)
def test_brw001_internal_page_shows_its_data(browser, live_url, path, expected):
    browser.get(live_url + path)
    wait_for_text(browser, "#main", expected)
    assert browser.find_element("css selector", "h1").text
    assert console_errors(browser) == []


def open_table_of(browser, table_id: str) -> None:
    """Open the folded <details> that holds a chart's data table."""
    table = browser.find_element("id", table_id)
    details = table.find_element("xpath", "ancestor::details[1]")
    summary = details.find_element("tag name", "summary")
    browser.execute_script("arguments[0].click();", summary)  # no scrolling needed


def test_brw002_public_page_in_both_languages(browser, live_url):
    browser.get(live_url + "/public/")
    wait_for_text(browser, "#public-content", "73,6 M€")  # RI05's card
    open_table_of(browser, "public-indicators-table")
    wait_for_text(browser, "#public-indicators-table", "73,6 M€")
    assert browser.find_element("css selector", "html").get_attribute("lang") == "it"
    browser.get(live_url + "/public/?lang=en")
    wait_for_text(browser, "#public-content", "73.6 M€")
    open_table_of(browser, "public-indicators-table")
    wait_for_text(browser, "#public-indicators-table", "73.6 M€")
    wait_for_text(browser, "h1", "Research and innovation in Lombardy")
    assert browser.find_element("css selector", "html").get_attribute("lang") == "en"
    assert console_errors(browser) == []


def test_brw003_language_switch_keeps_the_page(browser, live_url):
    browser.get(live_url + "/funding")
    wait_for_text(browser, "h1", "Finanziamenti")
    browser.find_element("css selector", ".s3-lang a[hreflang='en']").click()
    wait_for_text(browser, "h1", "Funding")
    assert browser.current_url.endswith("/funding?lang=en")
    # navigation keeps the language
    browser.find_element("link text", "Clusters").click()
    wait_for_text(browser, "h1", "Technology clusters")
    assert "lang=en" in browser.current_url
    assert console_errors(browser) == []


def test_brw004_bad_url_parameter_gets_a_message(browser, live_url):
    browser.get(live_url + "/indicators?lang=xx")
    wait_for_text(browser, "#param-errors", "lang='xx'")
    wait_for_text(browser, "h1", "Indicatori")
    assert console_errors(browser) == []


def test_brw005_unknown_page_says_not_found(browser, live_url):
    browser.get(live_url + "/no-such-page")
    wait_for_text(browser, "h1", "Pagina non trovata")
    assert console_errors(browser) == []


def test_brw006_ecosystem_filter_updates_url_and_survives_navigation(browser, live_url):
    from selenium.webdriver.support.ui import Select

    browser.get(live_url + "/funding")
    wait_for_text(browser, "#funding-calls-table", "IRCCS")
    Select(browser.find_element("id", "shell-ecosystem-filter")).select_by_value("smart-mobility")
    wait_for_text(browser, "#filter-note", "Smart Mobility")
    assert "ecosystem=smart-mobility" in browser.current_url
    assert "IRCCS" not in browser.find_element("id", "funding-calls-table").text
    browser.find_element("link text", "Cluster").click()
    wait_for_text(browser, "h1", "Cluster tecnologici")
    assert "ecosystem=smart-mobility" in browser.current_url
    assert "Agrifood" not in browser.find_element("id", "clusters-table").text
    # reloading the URL reproduces the view
    browser.get(browser.current_url)
    wait_for_text(browser, "#clusters-table", "Aerospace")
    selected = Select(browser.find_element("id", "shell-ecosystem-filter")).first_selected_option
    assert selected.get_attribute("value") == "smart-mobility"
    assert console_errors(browser) == []
