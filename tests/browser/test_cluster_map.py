"""The clusters map in headless Chromium with the network off: it must need nothing but us.

A dedicated browser resolves every host name except 127.0.0.1 to "not found" and sends
anything else to a dead proxy, so a tile, font or topojson request would fail; the
performance log then proves that no request left 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from tests.browser import chromium
from tests.browser.conftest import console_errors, wait_for_text
from tests.browser.waits import waiting
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.browser

MAP = "#clusters-map"


@pytest.fixture(scope="module")
def offline_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """Headless Chromium that can reach 127.0.0.1 only, logging every network request."""
    if not chromium.installed():
        skip_or_fail(
            "chromium / chromedriver not installed (apt-get install chromium chromium-driver)"
        )
    # The network is off: no name resolves but loopback, and no proxy answers.
    offline = (
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--proxy-server=http://127.0.0.1:9",
    )
    driver = chromium.headless_chromium(
        tmp_path_factory.mktemp("chromium-offline"), offline, logs=("browser", "performance")
    )
    yield driver
    driver.quit()


@pytest.fixture
def browser(offline_browser: WebDriver) -> WebDriver:
    """The offline browser with its console and network logs emptied."""
    chromium.browser_log(offline_browser)
    chromium.browser_log(offline_browser, "performance")
    return offline_browser


def requested_urls(driver: WebDriver) -> list[str]:
    """Every URL the page asked for since the last call (Chrome's performance log)."""
    urls = []
    for entry in chromium.browser_log(driver, "performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def assert_stayed_local(driver: WebDriver, no_plotly: bool = False) -> None:
    """No network request went anywhere but 127.0.0.1 (data:, blob:, chrome: never leave);
    with `no_plotly`, none asked for plotly.js either."""
    network = [
        u for u in requested_urls(driver) if urlsplit(u).scheme in ("http", "https", "ws", "wss")
    ]
    assert network, "the performance log recorded no request"
    assert [u for u in network if urlsplit(u).hostname != "127.0.0.1"] == []
    if no_plotly:
        # (Its Italian locale, a 4 KB asset, waits on every page for a chart to need it.)
        assert [u for u in network if "plotly" in u and "plotly-locale" not in u] == []


def visible_markers(driver: WebDriver, page_map: str = MAP) -> list:
    """The map's cluster markers (server-drawn SVG: a link or a focusable image each)."""
    return driver.find_elements("css selector", f"{page_map} .s3-map-marker")


def wait_for_map(driver: WebDriver, timeout: float = 30, page_map: str = MAP) -> None:
    """Wait until the map's SVG has the 12 provinces and the 9 markers."""
    waiting(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: (
            len(d.find_elements("css selector", f"{page_map} path")) == 12
            and len(visible_markers(d, page_map)) == 9
        )
    )


def test_map000_the_browser_really_is_offline(browser, live_url):
    browser.get(f"{live_url}/healthz")
    outcome = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch("https://cdn.plot.ly/un/world_110m.json")
            .then(() => done("reached"), () => done("blocked"));
        """
    )
    assert outcome == "blocked"
    chromium.browser_log(browser)  # the failed fetch is logged: not the pages' fault


@pytest.mark.parametrize(
    ("lang", "legend", "heading"),
    [
        ("it", "Ecosistema di riferimento", "Cluster tecnologici"),
        ("en", "Reference ecosystem", "Technology clusters"),
    ],
)
def test_map001_renders_offline_in_both_languages(browser, live_url, lang, legend, heading):
    browser.get(f"{live_url}/clusters?lang={lang}")
    wait_for_map(browser)
    wait_for_text(browser, "h1", heading)
    drawn = browser.find_element("css selector", MAP).text  # the text of the map's SVG
    assert legend in drawn
    for name in ("Sondrio", "Mantova", "Milano", "Bergamo"):  # place names, no tiles needed
        assert name in drawn
    assert "755" in browser.find_element("id", "clusters-summary").text
    # The map is drawn without plotly.js, which the charts below fetch when reached.
    assert_stayed_local(browser, no_plotly=True)
    assert console_errors(browser) == []


def test_map002_clicking_a_marker_opens_its_card_in_place(browser, live_url):
    browser.get(f"{live_url}/clusters")
    wait_for_map(browser)
    browser.execute_script("window.s3SamePage = true;")  # gone if the link reloads the page
    (afil,) = [m for m in visible_markers(browser) if m.get_attribute("data-value") == "afil"]
    circle = afil.find_element("css selector", "circle")
    assert circle.get_attribute("fill") == "#0072b2"  # Manifattura Avanzata: only AFIL
    ActionChains(browser).move_to_element(circle).pause(0.3).click().perform()
    wait_for_text(browser, "#clusters-card", "Associazione Fabbrica Intelligente Lombardia")
    wait_for_text(browser, "#clusters-card", "Aree tecnologiche")
    waiting(browser, 10).until(lambda d: "cluster=afil" in d.current_url)
    picker = Select(browser.find_element("id", "clusters-picker"))
    assert picker.first_selected_option.get_attribute("value") == "afil"
    assert browser.execute_script("return window.s3SamePage === true;")
    status = browser.find_element("id", "clusters-card-status").get_attribute("textContent")
    assert status == "Scheda aperta: Associazione Fabbrica Intelligente Lombardia."
    assert_stayed_local(browser)
    assert console_errors(browser) == []


def test_map006_a_marker_is_chosen_by_keyboard_and_keeps_the_focus(browser, live_url):
    browser.get(f"{live_url}/clusters?lang=en&ecosystem=smart-mobility")
    waiting(browser, 30).until(lambda d: len(visible_markers(d)) == 3)
    # From the button under the map, Shift+Tab goes back to the map's last marker.
    save = browser.find_element("css selector", "button[data-svg-download='clusters-map']")
    browser.execute_script("arguments[0].focus();", save)
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "s3-map-marker"
    code = focused.get_attribute("data-value")
    name = focused.get_attribute("aria-label").split(";")[0]
    assert name and focused.find_element("css selector", "title").get_attribute("textContent")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_for_text(browser, "#clusters-card", name)
    waiting(browser, 10).until(lambda d: f"cluster={code}" in d.current_url)
    assert "ecosystem=smart-mobility" in browser.current_url and "lang=en" in browser.current_url
    assert browser.switch_to.active_element.get_attribute("data-value") == code
    assert console_errors(browser) == []


def test_map007_public_map_has_focusable_markers_and_no_plotly(browser, live_url):
    public_map = "#public-clusters #clusters-map"
    browser.get(f"{live_url}/public/clusters?lang=en")
    wait_for_map(browser, page_map=public_map)
    markers = visible_markers(browser, public_map)
    assert {m.tag_name for m in markers} == {"g"}  # no card to open on the public page
    markers[0].click()  # nothing to follow: the page stays
    browser.execute_script("arguments[0].focus();", markers[0])
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-value") == markers[0].get_attribute("data-value")
    assert "members" in focused.get_attribute("aria-label")
    assert_stayed_local(browser, no_plotly=True)
    assert console_errors(browser) == []


def test_map003_choosing_from_the_list_opens_the_card_and_keeps_focus(browser, live_url):
    browser.get(f"{live_url}/clusters?lang=en")
    wait_for_map(browser)
    picker = browser.find_element("id", "clusters-picker")
    picker.click()
    Select(picker).select_by_value("energy")
    wait_for_text(browser, "#clusters-card", "Lombardy Energy Cleantech Cluster")
    wait_for_text(browser, "#clusters-card", "Success stories")
    waiting(browser, 10).until(lambda d: "cluster=energy" in d.current_url)
    assert "lang=en" in browser.current_url
    # The card changed in place: the keyboard user is still on the list, and a short live
    # message (not the whole card) tells a screen reader what happened.
    assert browser.switch_to.active_element.get_attribute("id") == "clusters-picker"
    status = browser.find_element("id", "clusters-card-status").get_attribute("textContent")
    assert status == "Card opened: Lombardy Energy Cleantech Cluster."
    # The address reproduces the view.
    browser.get(browser.current_url)
    wait_for_text(browser, "#clusters-card", "Lombardy Energy Cleantech Cluster")
    wait_for_map(browser)
    assert_stayed_local(browser)
    assert console_errors(browser) == []


def test_map004_filtered_map_and_unknown_cluster(browser, live_url):
    browser.get(f"{live_url}/clusters?ecosystem=smart-mobility&cluster=nope")
    waiting(browser, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: len(visible_markers(d)) == 3
    )
    wait_for_text(browser, "#clusters-card", "nope")
    assert "Agrifood" not in browser.find_element("id", "clusters-table").text
    assert console_errors(browser) == []


def test_map005_clicking_a_bar_opens_the_card_and_brings_it_into_view(browser, live_url):
    browser.get(f"{live_url}/clusters")
    wait_for_map(browser)
    # The chart is drawn when the reader reaches it (dashboard/lazy_graph.py): scroll to it.
    assert not browser.find_elements("css selector", "#clusters-members-chart")
    browser.execute_script(
        "document.querySelector('.s3-lazy-graph[id*=\"clusters-members-chart\"]')"
        ".scrollIntoView({block: 'center'})"
    )
    bar_points = "#clusters-members-chart .trace.bars .point"
    waiting(browser, 30).until(lambda d: d.find_elements("css selector", bar_points))
    # A real pointer click on the bar. Just drawn, plotly may still redraw the bars (a new
    # element: stale) or bind its handlers when the first click lands: at most three tries.
    for attempt in range(3):
        try:
            bars = browser.find_elements("css selector", bar_points)
            top = min(bars[:9], key=lambda bar: bar.rect["y"])  # firms of the largest: AFIL
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", top)
            ActionChains(browser).move_to_element(top).pause(0.3).click().perform()
            wait_for_text(
                browser, "#clusters-card", "Associazione Fabbrica Intelligente Lombardia", 10
            )
            break
        except (TimeoutException, StaleElementReferenceException):
            if attempt == 2:
                raise
    waiting(browser, 10).until(
        lambda d: d.execute_script(
            "const r = document.getElementById('clusters-card-title').getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight;"
        )
    )
    assert "cluster=afil" in browser.current_url
    assert console_errors(browser) == []


def test_map008_the_button_under_the_map_saves_the_drawing_as_svg(browser, live_url):
    browser.get(f"{live_url}/clusters?lang=en&ecosystem=smart-mobility")
    waiting(browser, 30).until(lambda d: len(visible_markers(d)) == 3)
    # Catch the file the button hands to the browser: its Blob and the link's file name.
    browser.execute_script(
        """
        window.s3Saved = null;
        const make = URL.createObjectURL;
        URL.createObjectURL = function (blob) { window.s3SavedBlob = blob; return make(blob); };
        HTMLAnchorElement.prototype.click = function () {
            window.s3SavedName = this.download;
            window.s3SavedBlob.text().then(function (text) { window.s3Saved = text; });
        };
        """
    )
    save = browser.find_element("css selector", "button[data-svg-download='clusters-map']")
    browser.execute_script("arguments[0].focus();", save)  # by keyboard, as the Tab walk
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    waiting(browser, 10).until(lambda d: d.execute_script("return window.s3Saved !== null;"))
    saved = browser.execute_script("return window.s3Saved;")
    assert browser.execute_script("return window.s3SavedName;") == "clusters-map.svg"
    assert browser.execute_script("return window.s3SavedBlob.type;") == "image/svg+xml"
    assert saved.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    shown = browser.execute_script(
        "return new XMLSerializer().serializeToString(document.getElementById('clusters-map'));"
    )
    assert saved.endswith(shown)  # the drawing as the reader sees it, markers included
    assert saved.count('class="s3-map-marker"') == 3
    assert console_errors(browser) == []
