"""Browser tests of target attainment: overview gauges and counts, filters, detail, report PDF.

The seed's indicators all serve every ecosystem, so no ecosystem filter could change them:
this module serves its own database, the seed plus one test-only indicator of the Smart
Mobility ecosystem (TX01, acceleration needed), from its own live server.
"""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Iterator

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import console_errors, wait_for_text
from tests.browser.public_server import serve_app
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates
from tests.seed_facts import OBJECTIVE_RI04_06, add_ecosystem_indicator

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def attain_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> Iterator[str]:
    """The app on the seed plus TX01 (smart-mobility), served from a thread."""

    url = database_templates.seeded_copy(tmp_path_factory.mktemp("attainment") / "attainment.db")
    add_ecosystem_indicator(url, "smart-mobility")
    with serve_app(url) as base:
        yield base


def wait(driver: WebDriver) -> WebDriverWait[WebDriver]:
    """A wait that retries when Dash replaces an element while it is being read."""
    return waiting(driver, 20, ignored_exceptions=(StaleElementReferenceException,))


def count(driver, status: str) -> str:
    """The number on a status tile of the overview."""
    return driver.find_element("id", f"overview-count-{status}").text.split()[0]


DRAWN_GAUGES = """
return Array.from(document.querySelectorAll(arguments[0]))
    .filter(function (img) { return img.complete && img.naturalWidth > 0; })
    .map(function (img) { return img.id; });
"""


def drawn_gauges(driver, prefix: str = "overview") -> set[str]:
    """Codes of the gauges shown: their SVG images decoded (a broken image does not count)."""
    found = driver.execute_script(DRAWN_GAUGES, f"img[id^='{prefix}-gauge-']")
    return {element_id.removeprefix(f"{prefix}-gauge-") for element_id in found}


def test_att001_overview_renders_gauges_and_counts(browser, attain_url):
    browser.get(attain_url + "/")
    wait_for_text(browser, "#overview-status-summary", "Stato degli obiettivi")
    wait_for_text(browser, "#overview-card-RI05", "73,6 M€ su 300 M€")
    drawn = {"RI01", "RI02", "RI03", "RI04", "RI05", "RI06", "TX01"}  # RI07, RI08: no gauge
    wait(browser).until(lambda d: drawn_gauges(d) == drawn)
    wait(browser).until(
        lambda d: (
            [count(d, s) for s in ("achieved", "on_track", "acceleration_needed")]
            == ["1", "1", "1"]
        )
    )
    assert "In peggioramento" in browser.find_element("id", "overview-card-RI06").text
    assert console_errors(browser) == []


def test_att002_ecosystem_filter_updates_gauges_and_counts(browser, attain_url):
    browser.get(attain_url + "/")
    wait(browser).until(lambda d: "TX01" in drawn_gauges(d))
    wait(browser).until(lambda d: count(d, "acceleration_needed") == "1")
    Select(browser.find_element("id", "shell-ecosystem-filter")).select_by_value("sostenibilita")
    wait_for_text(browser, "#overview-count-acceleration_needed", "0")
    wait(browser).until(
        lambda d: drawn_gauges(d) == {"RI01", "RI02", "RI03", "RI04", "RI05", "RI06"}
    )
    assert "ecosystem=sostenibilita" in browser.current_url
    wait_for_text(browser, "#overview-scope", "Sostenibilità")
    # the objective filter narrows further and goes into the URL too
    Select(browser.find_element("id", "overview-objective-filter")).select_by_value(
        OBJECTIVE_RI04_06
    )
    wait_for_text(browser, "#overview-status-sentence", "Indicatori: 3.")
    assert "objective=" in browser.current_url and "ecosystem=sostenibilita" in browser.current_url
    wait(browser).until(lambda d: drawn_gauges(d) == {"RI04", "RI05", "RI06"})
    # the shared URL reproduces the view
    browser.get(browser.current_url)
    wait_for_text(browser, "#overview-status-sentence", "Indicatori: 3.")
    assert console_errors(browser) == []


def test_att003_indicator_detail_renders(browser, attain_url):
    browser.get(attain_url + "/indicators?lang=en")
    wait_for_text(browser, "#indicators-table", "Deterioration")
    # A script click: a native one may land while Dash is still laying out the table.
    browser.execute_script("arguments[0].click();", browser.find_element("link text", "RI06"))
    wait_for_text(browser, "h1", "RI06")
    assert "indicator=RI06" in browser.current_url and "lang=en" in browser.current_url
    wait_for_text(browser, "#indicators-detail-how", "= -45.96")
    wait_for_text(browser, "#indicators-detail", "the base is the first observed value")
    # first the server-drawn picture; the interactive chart when the reader hovers it
    box = wait(browser).until(lambda d: d.find_element("css selector", PICTURE_BOX))
    browser.execute_script(HOVER, box)
    wait(browser).until(
        lambda d: d.find_elements("css selector", "#indicators-detail-chart .main-svg")
    )
    assert console_errors(browser) == []


PICTURE_BOX = '.s3-svg-first[data-chart="indicators-detail-chart"]'
HOVER = "arguments[0].dispatchEvent(new PointerEvent('pointerover', {bubbles: true}));"
PLOTLY_LOADED = (
    "return typeof window.Plotly !== 'undefined'"
    " || !!document.querySelector('script[src*=\"plotly.min\"]');"
)


def test_att005_trajectory_is_a_picture_until_the_reader_reaches_for_it(browser, attain_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(attain_url + "/indicators?indicator=RI03&lang=en")
    wait_for_text(browser, "#indicators-detail-how", "Progress")
    box = wait(browser).until(lambda d: d.find_element("css selector", PICTURE_BOX + " svg"))
    # the picture: named, its dated ticks, the "n/a" label, plotly's legend below it
    assert box.get_attribute("role") == "img"
    assert "RI03" in str(box.get_attribute("aria-label"))
    picture = browser.find_element("css selector", PICTURE_BOX).text
    for text in ("Dec 2022", "Dec 2027", "n/a", "Observed values", "Target"):
        assert text in picture, text
    assert box.size["height"] > 250 and box.size["width"] > 300
    time.sleep(1)  # nothing asks for plotly.js by itself, even after a while
    assert not browser.execute_script(PLOTLY_LOADED)
    # Keyboard: Tab from the heading's neighbourhood reaches the box; focus brings the chart
    browser.execute_script(
        "document.getElementById('indicators-detail-chart-description').setAttribute("
        "'tabindex', '-1'); document.getElementById('indicators-detail-chart-description')"
        ".focus();"
    )
    ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-chart") == "indicators-detail-chart"
    wait(browser).until(
        lambda d: d.find_elements("css selector", "#indicators-detail-chart .main-svg")
    )
    assert browser.execute_script(PLOTLY_LOADED)
    # the interactive chart has the same traces, plotly's own legend, and the n/a note
    names = browser.execute_script(
        "return document.querySelector('#indicators-detail-chart .js-plotly-plot')"
        ".data.map(function (t) { return t.name; });"
    )
    assert names == ["Required trajectory", "Observed values", "Base", "Target"]
    assert console_errors(browser) == []


def test_att004_report_prints_to_a4_pdf(browser, attain_url):
    from pypdf import PdfReader

    browser.get(attain_url + "/report")
    wait_for_text(browser, "#report-status-sentence", "Indicatori: 9.")
    wait(browser).until(lambda d: len(drawn_gauges(d, "report")) == 7)
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7  # A4, in centimetres
    options.background = True  # the status colours print
    pdf = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(options))))
    # Up to 5 pages: the report also carries "what changed" (on a fresh test database every
    # seeded value is new, so that list is at its longest here).
    assert 2 <= len(pdf.pages) <= 5, len(pdf.pages)
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert width == pytest.approx(595, abs=2) and height == pytest.approx(842, abs=2)  # A4, pt
    first = " ".join(pdf.pages[0].extract_text().split())
    assert "Rapporto alla Giunta" in first
    assert "Raggiunti o in linea: 2 su 7 indicatori valutabili" in first
    assert "Indicatori: 9. Raggiunti 1, in linea 1, serve accelerare 1," in first
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for expected in ("In peggioramento", "Non valutabile", "circa 1,4 mld €", "RI08"):
        assert expected in text, expected
    assert "Stampa o salva in PDF" not in text  # screen-only controls stay off the paper
    assert console_errors(browser) == []
