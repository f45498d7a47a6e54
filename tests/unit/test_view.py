"""One reading of a URL: the router and the callbacks that read the view again agree."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from callbacks.shell import PAGES, render_view
from callbacks.view import read_view

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_view_module_parses_a_url_against_the_database() -> None:
    """The router, the report's Generate button and a cluster's card all call read_view:
    a second parser (the report had one, without the indicator codes) fails here."""
    callers = sorted(
        str(path.relative_to(ROOT))
        for folder in ("callbacks", "dashboard", "api")
        for path in (ROOT / folder).rglob("*.py")
        if "parse_view_params(" in path.read_text(encoding="utf-8")
    )
    assert callers == ["callbacks/params.py", "callbacks/view.py"]


def test_the_router_renders_the_view_read_view_gives(app: Flask) -> None:
    search = "?lang=en&ecosystem=nutrizione&objective=nope&indicator=NOPE"
    with app.test_request_context("/_dash-update-component"):
        routed, _ = render_view("/report", search, "it", PAGES, watermark=True)
        read = read_view(search, "it")
    assert (read.lang, read.values, read.problems) == (routed.lang, routed.values, routed.problems)
    assert read.values == {"lang": "en", "ecosystem": "nutrizione"} and len(read.problems) == 2


def test_indicators_and_objectives_are_confirmed_against_the_database(app: Flask) -> None:
    with app.test_request_context("/_dash-update-component"):
        view = read_view("?indicator=NOPE&ecosystem=nutrizione", "it")
        published = read_view("?indicator=RI05", "it", public=True)
    assert view.values == {"ecosystem": "nutrizione"}
    assert [p.split("=")[0] for p in view.problems] == ["indicator"]
    assert published.values == {"indicator": "RI05"}  # a published seed indicator


def test_a_database_down_confirms_nothing_and_does_not_raise(tmp_path) -> None:
    from tests.conftest import make_app

    down = make_app(f"sqlite:///{tmp_path / 'missing' / 'no.db'}")
    with down.test_request_context("/_dash-update-component"):
        view = read_view("?lang=en&ecosystem=nutrizione", "it")
    assert view.lang == "en" and view.values == {"lang": "en"}
    assert view.problems and view.problems[0].startswith("ecosystem=")
