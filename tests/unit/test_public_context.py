"""The public context view (`/public/context`): `?peers=` parsed like the internal page."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from callbacks.public import parse_query, parse_view, query_peers
from dashboard.public_parts import CONTEXT, PublicView
from tests.conftest import make_app
from tests.context_files import load_context
from tests.dash_client import call_callback


def test_peers_is_a_known_parameter_kept_raw_for_the_context_view() -> None:
    assert parse_query("?peers=DE1,ES51&lang=en", "it") == ("en", False, [])
    assert query_peers("?peers=DE1,ES51") == "DE1,ES51"
    assert query_peers("?peers=") == ""  # every peer removed
    assert query_peers("?lang=en") is None  # the defaults
    assert query_peers("?peers=" + "X" * 600) is None
    view = parse_view("/public/context", "?peers=DE1,ES51", "it", [])
    assert view.name == CONTEXT and view.peers == "DE1,ES51" and view.problems == ()
    # only the context view reads them; other views' links do not carry them
    assert parse_view("/public/funding", "?peers=DE1", "it", []).peers is None
    context = PublicView(name=CONTEXT, lang="en", peers="DE1")
    assert context.query() == {"lang": "en", "peers": "DE1"}
    assert context.href("funding") == "/public/funding?lang=en"
    assert context.href(CONTEXT) == "/public/context?lang=en&peers=DE1"


@pytest.fixture
def public_client(seeded_url: str) -> FlaskClient:
    load_context(seeded_url, regions=None)
    return make_app(seeded_url).test_client()


def _public(client: FlaskClient, search: str) -> str:
    status, body = call_callback(
        client,
        "/public/",
        {"public-url.pathname": "/public/context", "public-url.search": search},
        output_startswith="public-header",
    )
    assert status == 200, body
    return json.dumps(body["response"]["public-content"]["children"], ensure_ascii=False)


def test_public_view_shows_the_peers_of_the_url(public_client: FlaskClient) -> None:
    content = _public(public_client, "?peers=DE1,ES51")
    assert "Baden-Württemberg" in content and "Cataluña" in content
    assert "Piemonte (ITC1)" not in content  # a default peer, not asked for
    assert "5,74%" in content and "1,34%" in content  # DE1 and Lombardy, 2019
    assert "peers=ES51" in content  # the link removing DE1
    assert "public-context-add" in content and "plotly" not in content.lower()
    defaults = _public(public_client, "")
    assert "Piemonte (ITC1)" in defaults and "Veneto (ITH3)" in defaults
    english = _public(public_client, "?lang=en&peers=DE1,XX99")
    assert "Unknown region codes ignored: XX99" in english and "Remove Baden" in english
    assert "alert-danger" not in english


def test_public_add_region_writes_the_url(public_client: FlaskClient) -> None:
    status, body = call_callback(
        public_client,
        "/public/",
        {"public-context-add-button.n_clicks": 1, "public-context-add.n_submit": None},
        state={"public-context-add.value": "Piemonte", "public-url.search": "?peers=DE1,ES51"},
    )
    assert status == 200, body
    # into the view's own location, which the public app's follows in the browser
    assert body["response"]["public-context-url"]["search"] == "?peers=DE1,ES51,ITC1"
    status, body = call_callback(
        public_client,
        "/public/",
        {"public-context-add-button.n_clicks": 1, "public-context-add.n_submit": None},
        state={"public-context-add.value": "Atlantide", "public-url.search": "?lang=en"},
    )
    assert status == 200, body
    assert "No region matches" in json.dumps(body["response"], ensure_ascii=False)


def test_suggestions_fill_the_datalist_as_the_reader_types(public_client: FlaskClient) -> None:
    status, body = call_callback(
        public_client,
        "/public/",
        {"public-context-add.value": "piem"},
        state={"public-url.search": "?lang=en"},
    )
    assert status == 200, body
    options = body["response"]["public-context-regions"]["children"]
    assert [o["props"]["value"] for o in options] == ["ITC1"]
    content = _public(public_client, "?peers=DE1")
    assert '"Option"' not in content  # no region list at first paint: it is filled on typing
