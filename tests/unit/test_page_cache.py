"""The routers' kept answers (callbacks/page_cache.py): served again only when nothing changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import brotli
import pytest
from flask import Flask
from flask.testing import FlaskClient

from callbacks import shell
from data.db import bump_data_version, session_scope
from data.models import ImportBatch
from tests.accounts import logged_in, login_app
from tests.conftest import make_app
from tests.dash_client import call_callback


class Counting:
    """Wraps the internal pages' renderers, counting the renders of each path."""

    def __init__(self) -> None:
        self.renders: dict[str, int] = {}

    def wrap(self, path: str, render: Any) -> Any:
        def counted(view: Any) -> Any:
            self.renders[path] = self.renders.get(path, 0) + 1
            return render(view)

        return counted


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counting]:
    counting = Counting()
    pages = {path: counting.wrap(path, render) for path, render in shell.PAGES.items()}
    monkeypatch.setattr(shell, "PAGES", pages)
    yield counting


def _router_body(client: FlaskClient, path: str, search: str = "", app: str = "") -> dict[str, Any]:
    """The body the browser posts to a router (`app`: "" internal, "public") for a URL."""
    url, content = ("public-url", "public-content") if app else ("shell-url", "shell-content")
    inputs = {f"{url}.pathname": path, f"{url}.search": search}
    deps = client.get(f"{'/' + app if app else ''}/_dash-dependencies").get_json()
    dep = next(
        d
        for d in deps
        if {f"{i['id']}.{i['property']}" for i in d["inputs"]} == set(inputs)
        and f"{content}.children" in d["output"]
    )
    return {
        "output": dep["output"],
        "outputs": [
            {"id": o.split(".")[0], "property": o.split(".")[1]}
            for o in dep["output"].strip(".").split("...")
        ],
        "inputs": [{**i, "value": inputs[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]],
        "changedPropIds": list(inputs),
        # The address the layout was drawn for (callbacks/first_paint.py): none, as when the
        # browser navigates within the app.
        "state": [{**s, "value": None} for s in dep["state"]],
    }


def router(client: FlaskClient, path: str, search: str = "") -> bytes:
    """The raw bytes of the internal router's answer for a URL."""
    response = client.post("/_dash-update-component", json=_router_body(client, path, search))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    return response.get_data()


def test_a_second_identical_view_is_served_as_kept_until_the_data_change(
    seeded_url: str, renders: Counting
) -> None:
    client = make_app(seeded_url).test_client()
    first = router(client, "/funding", "?lang=en")
    again = router(client, "/funding", "?lang=en")
    assert again == first
    assert renders.renders["/funding"] == 1
    # Another view of the same page is its own entry.
    other = router(client, "/funding", "?lang=it")
    assert renders.renders["/funding"] == 2 and other != first
    # A write bumps the data version: the next view is rendered anew.
    with session_scope(seeded_url) as session:
        bump_data_version(session)
    assert router(client, "/funding", "?lang=en") == first  # same data, same answer
    assert renders.renders["/funding"] == 3


def test_a_view_with_a_bad_parameter_is_never_kept(seeded_url: str, renders: Counting) -> None:
    client = make_app(seeded_url).test_client()
    for _ in range(2):
        assert b"nosuch" in router(client, "/funding", "?ecosystem=nosuch")
    assert renders.renders["/funding"] == 2


def test_the_data_page_is_kept_until_an_import_attempt(seeded_url: str, renders: Counting) -> None:
    client = make_app(seeded_url).test_client()
    first = router(client, "/data")
    assert router(client, "/data") == first
    assert renders.renders["/data"] == 1
    # A refused import changes no data version but adds a row to the history on the page.
    with session_scope(seeded_url) as session:
        session.add(
            ImportBatch(kind="calls", file_name="refused.csv", sha256="0" * 64, outcome="rejected")
        )
    assert b"refused.csv" in router(client, "/data")
    assert renders.renders["/data"] == 2


def test_a_failed_render_is_never_kept(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch, renders: Counting
) -> None:
    client = make_app(seeded_url).test_client()
    calls = []

    def broken(view: Any) -> Any:
        calls.append(1)
        raise RuntimeError("boom")

    monkeypatch.setitem(shell.PAGES, "/clusters", broken)
    for _ in range(2):
        assert b"alert-danger" in router(client, "/clusters")
    assert len(calls) == 2


def test_each_reader_has_their_own_answer(seeded_url: str) -> None:
    flask_app: Flask = login_app(seeded_url)
    vera, ada = logged_in(flask_app, "vera"), logged_in(flask_app, "ada")
    as_vera, as_ada = router(vera, "/report"), router(ada, "/report")
    assert b"vera" in as_vera and b"vera" not in as_ada
    assert router(vera, "/report") == as_vera
    # A new session of the same user gets its own logout token, never the old session's.
    vera_again = logged_in(flask_app, "vera")
    assert router(vera_again, "/report") != as_vera
    # An anonymous client is refused before any kept answer is looked up.
    status, _ = call_callback(
        flask_app.test_client(),
        "/",
        {"shell-url.pathname": "/report", "shell-url.search": ""},
        deps=vera.get("/_dash-dependencies").get_json(),
    )
    assert status == 401


def public_router(client: FlaskClient, path: str, search: str = "") -> tuple[int, Any]:
    return call_callback(
        client,
        "/public/",
        {"public-url.pathname": path, "public-url.search": search},
        output_startswith="public-header",
    )


def public_renders(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The public views rendered from now on (not served as kept), in order."""
    from callbacks import public

    views: list[Any] = []
    original = public.public.layout

    def counted(data: Any, view: Any) -> Any:
        views.append(view)
        return original(data, view)

    monkeypatch.setattr(public.public, "layout", counted)
    return views


def test_the_public_router_keeps_only_known_views_without_peers(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_app(seeded_url).test_client()
    layouts = public_renders(monkeypatch)
    for search in ("?lang=en", "?lang=en", "?peers=DE1", "?peers=DE1", "?bogus=1", "?bogus=1"):
        status, _ = public_router(client, "/public/context", search)
        assert status == 200
    assert len(layouts) == 5  # only the clean view was served from the cache the second time


def test_an_api_page_is_compressed_once_and_reads_the_same(seeded_url: str) -> None:
    client = make_app(seeded_url).test_client()
    plain = client.get("/api/v1/indicators")
    packed = client.get("/api/v1/indicators", headers={"Accept-Encoding": "br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert json.loads(brotli.decompress(packed.get_data())) == plain.get_json()
    assert plain.headers.get("Content-Encoding") is None
    again = client.get("/api/v1/indicators", headers={"Accept-Encoding": "br"})
    assert again.get_data() == packed.get_data()
    assert again.headers["X-Total-Count"] == plain.headers["X-Total-Count"]


def test_the_public_map_is_drawn_once_per_language(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callbacks import public

    client = make_app(seeded_url).test_client()
    drawn = []
    original = public.cluster_map

    def counted(lang: str) -> Any:
        drawn.append(lang)
        return original(lang)

    monkeypatch.setattr(public, "cluster_map", counted)
    answers = [
        call_callback(
            client, "/public/", {"public-map-button.n_clicks": 1}, state={"public-url.search": s}
        )
        for s in ("?lang=en", "?lang=en", "?lang=it")
    ]
    assert [status for status, _ in answers] == [200, 200, 200]
    assert answers[0][1] == answers[1][1] != answers[2][1]
    assert drawn == ["en", "it"]


def test_forged_hosts_cannot_fill_the_cache(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callbacks import page_cache

    monkeypatch.setattr(page_cache, "MAX_HOSTS", 2)
    client = make_app(seeded_url).test_client()
    body = _router_body(client, "/public/", app="public")
    layouts = public_renders(monkeypatch)
    for host in ("a.example", "b.example", "c.example", "a.example", "c.example"):
        response = client.post(
            "/public/_dash-update-component", json=body, base_url=f"http://{host}/"
        )
        assert response.status_code == 200
    # a and b are kept; c, past the limit, is rendered every time; a is served as kept.
    origins = ["http://a.example", "http://b.example", "http://c.example", "http://c.example"]
    assert [view.origin for view in layouts] == origins


def test_a_new_release_or_setting_renders_its_own_pages() -> None:
    from callbacks.page_cache import release

    assert release({"S3DASH_LANG": "it"}) == release({"S3DASH_LANG": "it", "OTHER": "x"})
    assert release({"S3DASH_LANG": "it"}) != release({"S3DASH_LANG": "en"})
    assert release({}) != release({"S3DASH_STATUS_BANDS": "0.9,0.5"})


def test_a_kept_answer_is_sent_compressed_once(seeded_url: str) -> None:
    client = make_app(seeded_url).test_client()
    plain = router(client, "/funding", "?lang=en")
    body = _router_body(client, "/funding", "?lang=en")
    headers = {"Accept-Encoding": "gzip, br"}
    packed = client.post("/_dash-update-component", json=body, headers=headers)
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.get_data()) == plain


def test_a_first_paint_layout_is_kept_like_the_routers_answer(
    seeded_url: str, renders: Counting
) -> None:
    client = make_app(seeded_url).test_client()

    def layout(referrer: str) -> bytes:
        response = client.get("/_dash-layout", headers={"Referer": referrer})
        assert response.status_code == 200
        return response.get_data()

    # Dash calls the layout once more on a process's first request, to validate it: that
    # one comes without a usable Referer (the empty shell, never kept).
    layout("")
    first = layout("http://localhost/funding?lang=en")
    assert layout("http://localhost/funding?lang=en") == first
    assert renders.renders["/funding"] == 1
    # Another asking page is its own entry; no usable Referer renders nothing and keeps nothing.
    assert layout("http://localhost/funding?lang=it") != first
    assert renders.renders["/funding"] == 2
    layout("")
    layout("")
    assert renders.renders["/funding"] == 2
    # A write bumps the data version: the page is rendered anew.
    with session_scope(seeded_url) as session:
        bump_data_version(session)
    assert layout("http://localhost/funding?lang=en") == first
    assert renders.renders["/funding"] == 3
