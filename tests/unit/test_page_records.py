"""Internal pages declare themselves once (callbacks.page_record); the shell is built from it."""

from __future__ import annotations

from callbacks import shell
from dashboard.i18n import t


def test_the_menu_routing_and_filter_come_from_the_records():
    paths = [page.path for page in shell.PAGE_RECORDS]
    assert len(paths) == len(set(paths))
    assert shell.NAV == (
        ("/", "nav.overview"),
        ("/indicators", "nav.indicators"),
        ("/funding", "nav.funding"),
        ("/ecosystems", "nav.ecosystems"),
        ("/clusters", "nav.clusters"),
        ("/forecasts", "nav.forecasts"),
        ("/context", "nav.context"),
        ("/data", "nav.data"),
    )
    assert set(shell.PAGES) == {*paths} and "/report" in shell.PAGES
    assert {
        "/",
        "/indicators",
        "/funding",
        "/ecosystems",
        "/clusters",
        "/forecasts",
    } == shell.FILTERED_PAGES


def test_every_menu_label_is_in_the_catalogue():
    for _, key in shell.NAV:
        for lang in ("it", "en"):
            assert t(key, lang) != key
