"""A database that does not answer: a translated retry message everywhere, never a raw 500.

The database here is a PostgreSQL URL on a port nobody listens on: every connection is
refused at once, as when the server is stopped (tests/integration/test_outages.py stops a
real one). The message comes in the page's language; the API says 503 with Retry-After.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.conftest import make_app
from tests.dash_client import call_callback
from tests.services import free_port

UNAVAILABLE = {"it": "Dati temporaneamente non disponibili", "en": "Data temporarily unavailable"}


@pytest.fixture
def down_app(seeded_url: str) -> Flask:
    flask_app = make_app(seeded_url)
    flask_app.config["DATABASE_URL"] = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/x"
    return flask_app


@pytest.mark.parametrize("lang", ["it", "en"])
def test_callbacks_say_the_data_are_unavailable(down_app: Flask, lang: str) -> None:
    client = down_app.test_client()
    status, body = call_callback(
        client,
        "/",
        {"shell-url.pathname": "/clusters", "shell-url.search": f"?lang={lang}"},
        output_startswith="shell-header",
    )
    assert status == 200 and UNAVAILABLE[lang] in str(body)
    # A callback with no message of its own: the server writes one into the alert area,
    # and leaves the outputs alone (a normal Dash answer, so the browser applies it).
    deps = client.get("/_dash-dependencies").get_json()
    card = next(d for d in deps if d["output"].startswith("..clusters-card.children"))
    response = client.post(
        "/_dash-update-component",
        json={
            "output": card["output"],
            "outputs": [
                {"id": part.split(".")[0], "property": part.split(".")[1]}
                for part in card["output"].strip(".").split("...")
            ],
            "inputs": [
                {**i, "value": "afil" if i["id"] == "clusters-picker" else None}
                for i in card["inputs"]
            ],
            "state": [{**i, "value": f"?lang={lang}"} for i in card["state"]],
            "changedPropIds": ["clusters-picker.value"],
        },
    )
    status, body = response.status_code, response.get_json()
    assert status == 200, body
    assert body["response"] == {}, body
    assert UNAVAILABLE[lang] in str(body["sideUpdate"]["shell-alert"])
    status, body = call_callback(
        client,
        "/public/",
        {"public-url.pathname": "/public/", "public-url.search": f"?lang={lang}"},
    )
    assert status == 200 and UNAVAILABLE[lang] in str(body)


def test_probes_and_api_answer_503(down_app: Flask) -> None:
    client = down_app.test_client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503
    for path in ("/api/v1/indicators", "/api/v1/projects", "/api/v1/bulk.zip"):
        response: Any = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"]
        assert UNAVAILABLE["en"] in response.get_json()["error"]["message"]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_form_write_refused_by_a_stopped_database_says_so(lang: str) -> None:
    """The forms' result line (entry, corrections, revisions, report generation)."""
    from sqlalchemy.exc import OperationalError

    from callbacks.failures import failure_text
    from data.db import session_scope

    url = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/x"
    with pytest.raises(OperationalError) as refused, session_scope(url) as session:
        session.connection()
    assert failure_text(refused.value, "a write", lang).startswith(UNAVAILABLE[lang])
    unexpected = failure_text(ValueError("bug"), "a write", lang)
    assert UNAVAILABLE[lang] not in unexpected and unexpected
