"""Embedding: the public page in an iframe on another site's page.

The host page is served from http://localhost:PORT2, another origin than the app's
http://127.0.0.1:PORT; it holds the very snippet the "embed this" box offers. With the host's
origin in S3DASH_EMBED_ORIGINS the frame shows the compact view and its height follows the
content (postMessage); with another origin configured, or none, the browser refuses to
frame the page (CSP frame-ancestors) and nothing of it is shown.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from dashboard.public_parts import INDICATOR, PublicView
from dashboard.public_texts import embed_snippet
from tests.browser import chromium
from tests.browser.conftest import console_errors
from tests.browser.public_server import serve_app, serve_page
from tests.browser.waits import waiting
from tests.databases import SqliteTemplates

pytestmark = pytest.mark.browser

RECORDER = """<script>
window.s3heights = [];
addEventListener("message", function (e) {
  if (e.data && e.data.type === "s3monitor:height") { window.s3heights.push(e.data.height); }
});
</script>"""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates) -> str:

    url = database_templates.seeded_copy(tmp_path_factory.mktemp("embed") / "embed.db")
    return url


def host_page(app_url: str, lang: str = "en") -> str:
    view = PublicView(name=INDICATOR, code="RI05", lang=lang, default_lang="it", origin=app_url)
    snippet = embed_snippet(view, "S3 Monitor — RI05")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>'
        f"<body><h1>The Region's site</h1>{RECORDER}{snippet}</body></html>"
    )


@pytest.fixture
def host(database: str, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(host page URL, app URL); the app allows the origin named by the test's param."""
    with serve_page() as (port, page):
        host_origin = f"http://localhost:{port}"
        allowed = request.param.format(host=host_origin)
        with serve_app(database, S3DASH_EMBED_ORIGINS=allowed, S3DASH_RATE_LIMIT="off") as app:
            page["html"] = host_page(app)
            yield f"{host_origin}/", app


def frame(driver: WebDriver) -> WebElement:
    return driver.find_element(By.TAG_NAME, "iframe")


@pytest.mark.parametrize("host", ["https://www.regione.lombardia.it {host}"], indirect=True)
def test_emb001_allowed_origin_shows_the_compact_view_and_fits_its_height(
    browser: WebDriver, host: tuple[str, str]
) -> None:
    host_url, _ = host
    browser.get(host_url)
    browser.switch_to.frame(frame(browser))
    try:
        waiting(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#public-content h1"))
        assert "RI05" in browser.find_element(By.CSS_SELECTOR, "#public-content h1").text
        assert browser.find_elements(By.CSS_SELECTOR, ".s3p-embed")
        assert browser.find_elements(By.CSS_SELECTOR, ".s3p-nav") == []  # no chrome
        content_height = browser.execute_script(
            "return Math.ceil(document.body.getBoundingClientRect().height);"
        )
    finally:
        browser.switch_to.default_content()
    # The snippet's listener sized the iframe to the content the frame reported.
    waiting(browser, 10).until(
        lambda d: int(frame(d).get_attribute("height") or 0) == content_height
    )
    assert content_height > 400
    assert browser.execute_script("return window.s3heights.length") >= 1
    assert console_errors(browser) == []


@pytest.mark.parametrize(
    "host", ["https://www.regione.lombardia.it", ""], indirect=True, ids=["other", "none"]
)
def test_emb002_other_origins_are_refused(browser: WebDriver, host: tuple[str, str]) -> None:
    host_url, app_url = host
    browser.get(host_url)
    # Give the frame the time the allowed case needs to draw.
    waiting(browser, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    browser.switch_to.frame(frame(browser))
    try:
        assert browser.find_elements(By.CSS_SELECTOR, "#public-content") == []
        assert not browser.execute_script("return location.href").startswith(app_url)
    finally:
        browser.switch_to.default_content()
    logs = [e["message"] for e in chromium.browser_log(browser)]
    assert any("frame-ancestors" in m or "X-Frame-Options" in m for m in logs), logs
    assert browser.execute_script("return window.s3heights.length") == 0
    assert frame(browser).get_attribute("height") == "600"  # the snippet's default
