"""The app shell over HTTP: routes, probes, both Dash apps and their callbacks."""

from __future__ import annotations

from tests.dash_client import call_callback, shell_response


def test_probes(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200


def test_readyz_reports_an_unreachable_database(tmp_path):
    from tests.conftest import make_app

    app = make_app("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_both_apps_serve_their_index(client):
    for path in ("/", "/indicators", "/public/"):
        response = client.get(path)
        assert response.status_code == 200
        assert b'<html lang="it">' in response.data


def test_internal_router_renders_every_page(client):
    from callbacks.shell import PAGES

    for path in PAGES:
        status, body = call_callback(
            client, "/", {"shell-url.pathname": path, "shell-url.search": ""}
        )
        assert status == 200, (path, body)
        content = str(body["response"]["shell-content"]["children"])
        assert "alert-danger" not in content, path
        assert "NavLink" in str(body["response"]["shell-header"]["children"]), path


def test_router_validates_parameters(client):
    status, body = call_callback(
        client, "/", {"shell-url.pathname": "/", "shell-url.search": "?lang=zz"}
    )
    assert status == 200
    assert "lang='zz'" in str(body["response"]["shell-content"]["children"])


def test_public_app_knows_only_public_callbacks(client):
    deps = client.get("/public/_dash-dependencies").get_json()
    outputs = " ".join(d["output"] for d in deps)
    assert "shell-" not in outputs
    # An internal callback posted to the public endpoint is refused, not executed.
    payload = {
        "output": "shell-content.children",
        "outputs": {"id": "shell-content", "property": "children"},
        "inputs": [{"id": "shell-url", "property": "pathname", "value": "/data"}],
        "changedPropIds": ["shell-url.pathname"],
        "state": [],
    }
    response = client.post("/public/_dash-update-component", json=payload)
    assert response.status_code >= 400
    assert b"import" not in response.data.lower()


def test_public_page_shows_published_data_only(client, seeded_url):
    from sqlalchemy import update

    from data.db import bump_data_version, session_scope
    from data.models import Observation

    with session_scope(seeded_url) as session:
        session.execute(update(Observation).where(Observation.value == 73.6).values(status="draft"))
        bump_data_version(session)
    status, body = call_callback(
        client, "/public/", {"public-url.pathname": "/public/", "public-url.search": ""}
    )
    assert status == 200
    content = str(body["response"]["public-content"]["children"])
    assert "73,6" not in content and "71 M€" in content
    # the internal app still shows the draft to staff
    status, body = call_callback(client, "/", {"shell-url.pathname": "/", "shell-url.search": ""})
    assert "73,6 M€" in str(body["response"]["shell-content"]["children"])


def _page(client, path: str, search: str) -> str:
    return str(shell_response(client, path, search)["shell-content"]["children"])


def test_ecosystem_filter_narrows_funding_and_clusters(client):
    everything = _page(client, "/funding", "")
    mobility = _page(client, "/funding", "?ecosystem=smart-mobility")
    assert "Smart Mobility Data Driven" in everything and "Smart Mobility Data Driven" in mobility
    # the IRCCS expression of interest serves health only
    assert "IRCCS" in everything and "IRCCS" not in mobility
    assert "filter-note" in mobility

    clusters = _page(client, "/clusters", "?ecosystem=nutrizione")
    assert "Agrifood" in clusters and "Aerospace" not in clusters


def test_ecosystem_filter_rejects_unknown_codes(client):
    content = _page(client, "/funding", "?ecosystem=atlantide")
    assert "ecosystem='atlantide'" in content
    assert "IRCCS" in content  # the view falls back to all ecosystems


def test_filter_control_writes_the_url(client):
    status, body = call_callback(
        client,
        "/",
        {"shell-ecosystem-filter.value": "sostenibilita"},
        state={"shell-url.search": "?lang=en"},
    )
    assert status == 200
    assert body["response"]["shell-url"]["search"] == "?lang=en&ecosystem=sostenibilita"


def test_filter_control_keeps_the_language():
    from callbacks.params import search_with

    assert search_with("?lang=en", "ecosystem", "salute") == "?lang=en&ecosystem=salute"
    assert search_with("?lang=en&ecosystem=salute", "ecosystem", "") == "?lang=en"


def test_choosing_all_ecosystems_clears_the_filter(client):
    status, body = call_callback(
        client,
        "/",
        {"shell-ecosystem-filter.value": "all"},
        state={"shell-url.search": "?ecosystem=salute"},
    )
    assert status == 200
    assert body["response"]["shell-url"]["search"] == ""


def test_garbage_callback_requests_get_a_clear_400(client):
    assert client.post("/_dash-update-component", data="not json").status_code == 400
    response = client.post("/_dash-update-component", json={"output": "nope.children"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "unknown callback"}
    # a known callback with the wrong number of inputs never reaches Dash
    deps = client.get("/_dash-dependencies").get_json()
    router = next(d for d in deps if "shell-content" in d["output"])
    response = client.post(
        "/_dash-update-component", json={"output": router["output"], "inputs": []}
    )
    assert response.status_code == 400


def test_filter_shows_the_view_it_renders():
    from dashboard.components import ALL_ECOSYSTEMS, ecosystem_filter

    def selected(value):
        select = ecosystem_filter("f", [("salute", "Salute")], value, "it").children[1]
        assert select.value in {o["value"] for o in select.options}  # never a blank box
        return select.value

    assert selected(None) == ALL_ECOSYSTEMS
    assert selected("salute") == "salute"
