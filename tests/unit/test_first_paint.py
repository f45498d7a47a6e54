"""The first paint in the layout (callbacks/first_paint.py): the page asking for the layout
comes rendered in it, and the router's first call for that address changes nothing."""

from __future__ import annotations

import json

from tests.conftest import make_app
from tests.dash_client import call_callback


def layout(client, prefix: str, referrer: str | None) -> dict:
    headers = {"Referer": referrer} if referrer else {}
    response = client.get(f"{prefix}_dash-layout", headers=headers)
    assert response.status_code == 200
    return response.get_json()


def find(tree: object, component_id: str) -> dict:
    """The props of the component with this id in a layout's JSON."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return props
        for value in props.values() if "props" in tree else tree.values():
            found = find(value, component_id)
            if found:
                return found
    if isinstance(tree, list):
        for item in tree:
            found = find(item, component_id)
            if found:
                return found
    return {}


def test_fpt001_the_asking_internal_page_comes_rendered_in_its_language(client):
    tree = layout(client, "/", "http://localhost/funding?lang=en")
    assert find(tree, "shell-rendered")["data"] == "/funding?lang=en"
    content = json.dumps(find(tree, "shell-content")["children"])
    assert "funding-summary" in content
    assert find(tree, "shell-lang-sink")["lang"] == "en"
    assert "Funding" in json.dumps(find(tree, "shell-header")["children"])


def test_fpt002_the_asking_public_view_comes_rendered(client):
    tree = layout(client, "/public/", "http://localhost/public/funding")
    assert find(tree, "public-rendered")["data"] == "/public/funding"
    assert "public-funding-table" in json.dumps(find(tree, "public-content")["children"])


def test_fpt003_no_referrer_or_another_site_gives_the_empty_shell(client):
    for referrer in (None, "http://elsewhere.example/funding", "http://localhost:9/funding"):
        tree = layout(client, "/", referrer)
        assert find(tree, "shell-rendered").get("data") is None, referrer
        assert not find(tree, "shell-content").get("children"), referrer
    # The public app never renders an internal address.
    tree = layout(client, "/public/", "http://localhost/funding")
    assert find(tree, "public-rendered").get("data") is None


def test_fpt004_router_skips_the_rendered_address_once_then_renders_again(client):
    inputs = {"shell-url.pathname": "/funding", "shell-url.search": "?lang=en"}
    state = {"shell-rendered.data": "/funding?lang=en"}
    status, body = call_callback(client, "/", inputs, state=state)
    assert status == 200
    # Nothing to draw: only the store changes (emptied, so a later visit renders again).
    assert body["response"] == {"shell-rendered": {"data": None}}
    status, body = call_callback(client, "/", inputs, state={"shell-rendered.data": None})
    assert status == 200
    assert "funding-summary" in json.dumps(body["response"]["shell-content"]["children"])
    # Another address than the rendered one is rendered.
    moved = {"shell-url.pathname": "/clusters", "shell-url.search": ""}
    status, body = call_callback(client, "/", moved, state=state)
    assert "clusters-table" in json.dumps(body["response"]["shell-content"]["children"])
    assert body["response"]["shell-rendered"] == {"data": None}


def test_fpt005_anonymous_clients_get_no_internal_layout(seeded_url):
    client = make_app(seeded_url, S3DASH_AUTH="login").test_client()
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/funding"})
    assert response.status_code == 401
    public = layout(client, "/public/", "http://localhost/public/")
    assert find(public, "public-rendered")["data"] == "/public"


def test_fpt006_the_layout_says_it_varies_by_the_asking_page(client):
    for prefix in ("/", "/public/"):
        response = client.get(f"{prefix}_dash-layout", headers={"Referer": "http://localhost/"})
        assert "Referer" in response.vary and response.cache_control.no_cache
    # other responses are not touched
    assert "Referer" not in client.get("/healthz").vary
