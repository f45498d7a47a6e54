"""The Data page over HTTP, as an editor: preview, import, publish, undo, export, downloads.

Uploads go through the real callbacks (base64 in the callback body, as dcc.Upload sends
them). A malformed file must write nothing and list every problem with row and column; a
draft must stay out of the public app and the API until it is published.
"""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

import data.forecast_launch as forecast_launch
from data.db import session_scope
from data.models import ImportBatch, Observation
from tests.accounts import logged_in, login_app
from tests.components import walk
from tests.dash_client import call_callback
from tests.table_rows import data_tables

NEW_VALUE = {"indicator_code": "RI01", "date": "2025-06-30", "value": "4.27", "source": "t"}


@pytest.fixture(autouse=True)
def no_background_forecasts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record forecast refreshes instead of starting processes."""
    started: list[Any] = []

    class Done:
        def wait(self) -> int:
            return 0

    def fake(url: str, codes: Any = None) -> Done:
        started.append(codes)
        return Done()

    monkeypatch.setattr(forecast_launch, "refresh_in_background", fake)
    return started


@pytest.fixture
def app(seeded_url: str) -> Flask:
    return login_app(seeded_url)


@pytest.fixture
def editor(app: Flask) -> FlaskClient:
    return logged_in(app, "edo")


def csv_text(rows: list[list[str]]) -> bytes:
    return "\n".join(",".join(r) for r in rows).encode("utf-8") + b"\n"


def data_url(content: bytes, mime: str = "text/csv") -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def _ident(item: dict[str, Any]) -> Any:
    # /_dash-dependencies gives pattern-matching ids as JSON text.
    ident = item["id"]
    return json.loads(ident) if isinstance(ident, str) and ident.startswith("{") else ident


def _key(item: dict[str, Any]) -> str:
    ident = _ident(item)
    return f"{ident['type'] if isinstance(ident, dict) else ident}.{item['property']}"


def post(
    client: FlaskClient,
    output: str,
    values: dict[str, Any],
    changed: list[str],
) -> tuple[int, Any]:
    """Call the callback whose output contains `output`, the way the browser does.

    `values` maps `id.property` (for a pattern id: `type.property`) to a value; a wildcard
    (ALL) input takes the list of {id, property, value} entries itself.
    """
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if output in d["output"])

    def entry(item: dict[str, Any]) -> Any:
        value = values.get(_key(item))
        ident = _ident(item)
        if isinstance(ident, dict) and any(isinstance(v, list) for v in ident.values()):
            return value or []
        return {"id": item["id"], "property": item["property"], "value": value}

    parts = dep["output"].strip(".").split("...")
    outputs = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    payload = {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [entry(i) for i in dep["inputs"]],
        "changedPropIds": changed,
        "state": [entry(s) for s in dep["state"]],
    }
    response = client.post("/_dash-update-component", json=payload)
    return response.status_code, response.get_json(silent=True)


def preview(client: FlaskClient, content: bytes, name: str, kind: str = "observations"):
    status, body = post(
        client,
        "data-preview.children",
        {
            "data-upload.contents": data_url(content),
            "data-kind.value": kind,
            "data-upload.filename": name,
            "shell-url.search": "",
        },
        ["data-upload.contents"],
    )
    assert status == 200, body
    out = body["response"]
    return (
        out["data-preview"]["children"],
        out["data-preview-token"]["data"],
        out["data-commit"]["disabled"],
    )


def commit(client: FlaskClient, content: bytes, name: str, token: Any, kind: str = "observations"):
    status, body = post(
        client,
        "data-commit-result.children",
        {
            "data-commit.n_clicks": 1,
            "data-upload.contents": data_url(content),
            "data-upload.filename": name,
            "data-kind.value": kind,
            "data-preview-token.data": token,
            "shell-url.search": "",
        },
        ["data-commit.n_clicks"],
    )
    assert status == 200, body
    return body["response"]


def pattern_click(kind: str, index: int, prop: str = "n_clicks") -> tuple[dict, str]:
    ident = {"index": index, "type": kind}
    entry = {"id": ident, "property": prop, "value": 1}
    return entry, json.dumps(ident, separators=(",", ":"), sort_keys=True) + f".{prop}"


def public_text(client: FlaskClient) -> str:
    status, body = call_callback(
        client, "/public/", {"public-url.pathname": "/public/", "public-url.search": ""}
    )
    assert status == 200
    return str(body["response"]["public-content"]["children"])


def api_dates(client: FlaskClient, code: str) -> list[str]:
    items = client.get("/api/v1/indicators").get_json()["data"]
    return [o["date"] for o in next(i for i in items if i["code"] == code)["observations"]]


def problem_cells(view: Any) -> list[tuple[str, str, str]]:
    """(row, column, message) of every row of the problems table in a preview."""
    found: list[tuple[str, str, str]] = []
    for node in walk(view):
        if node["type"] != "Tr":
            continue
        cells = node["props"]["children"]
        if all(c.get("type") == "Td" for c in cells):
            row, column, message = (str(c["props"]["children"]) for c in cells)
            found.append((row, column, message))
    return found


# --- a malformed upload ----------------------------------------------------------------------


def test_malformed_upload_writes_nothing_and_lists_every_problem(editor, seeded_url):
    before = data_tables(seeded_url)
    content = csv_text([
        ["indicator_code", "date", "value", "source"],
        ["NOPE", "2025-06-30", "1", "t"],  # unknown indicator code
        ["RI01", "2025-06-30", "abc", "t"],  # not a number
        ["RI02", "2025-06-30", "600", "t"],
        ["RI02", "2025-06-30", "610", "t"],  # duplicate date
        ["RI03", "2030-12-31", "5", "t"],  # after the target date
        ["RI03", "2020-12-31", "5", "t"],  # before the baseline date
    ])  # fmt: skip
    view, token, disabled = preview(editor, content, "bad.csv")
    assert token is None and disabled is True
    cells = problem_cells(view)
    assert [(row, column) for row, column, _ in cells] == [
        ("2", "indicator_code"),
        ("3", "value"),
        ("5", "date"),
        ("6", "date"),
        ("7", "date"),
    ]
    messages = " | ".join(m for _, _, m in cells)
    for expected in (
        'unknown indicator code "NOPE"',
        '"abc" is not a number',
        "duplicate of row 4",
        "after the target date",
        "before the baseline date",
    ):
        assert expected in messages
    assert "5 problemi: non è stato scritto nulla" in str(view)
    link = next(c for c in walk(view) if c.get("props", {}).get("id") == "data-problems-link")
    listed = base64.b64decode(link["props"]["href"].split(",", 1)[1]).decode()
    assert listed.count("\n") == 6  # header + 5 problems
    # Importing it anyway (a forged token) is refused and writes nothing either.
    result = commit(editor, content, "bad.csv", {"sha256": "0" * 64, "kind": "observations"})
    assert "data-upload" not in result  # the upload stays for the user to fix
    assert data_tables(seeded_url) == before


@pytest.mark.parametrize(
    ("content", "kind", "expected"),
    [
        (
            csv_text([["code", "name", "budget_eur", "source"], ["c-1", "Bando", "-5", "t"]]),
            "calls",
            ("2", "budget_eur", "negative"),
        ),
        (
            b"indicator_code;date;value;source\nRI01;2025-06-30;1;t\n",
            "observations",
            ("1", "", "separated by semicolons"),
        ),
        (
            "indicator_code,date,value,source\nRI01,2025-06-30,1,Città\n".encode("latin-1"),
            "observations",
            ("2", "", "not UTF-8 encoded"),
        ),
    ],
    ids=["negative-amount", "wrong-delimiter", "wrong-encoding"],
)
def test_each_kind_of_bad_file_is_explained(editor, seeded_url, content, kind, expected):
    before = data_tables(seeded_url)
    view, token, _ = preview(editor, content, "bad.csv", kind)
    row, column, message = expected
    cells = problem_cells(view)
    assert any(r == row and c == column and message in m for r, c, m in cells), cells
    assert token is None and data_tables(seeded_url) == before


def test_too_large_files_are_refused_twice(editor, seeded_url, monkeypatch):
    import callbacks.data_admin as callbacks
    import data.importers.reading as reading

    content = csv_text(
        [["indicator_code", "date", "value", "source"], ["RI01", "2025-06-30", "1", "t"]]
    )
    monkeypatch.setattr(callbacks, "MAX_UPLOAD_BYTES", 20)
    view, token, _ = preview(editor, content, "big.csv")
    assert "supera 0 MB" in str(view) and token is None
    monkeypatch.setattr(callbacks, "MAX_UPLOAD_BYTES", 10**6)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 20)
    view, token, _ = preview(editor, content, "big.csv")
    assert ("", "", "the file is 0.0 MB; the limit is 0 MB") in problem_cells(view)
    assert token is None


# --- a good upload: preview, import as draft, publish --------------------------------------------


def test_draft_stays_private_until_published(app, editor, seeded_url, no_background_forecasts):
    anonymous = app.test_client()
    assert "4,27" not in public_text(anonymous)
    content = csv_text([list(NEW_VALUE), list(NEW_VALUE.values())])
    view, token, disabled = preview(editor, content, "new.csv")
    assert disabled is False and token["kind"] == "observations"
    assert "1 righe valide: 1 nuove, 0 modificate, 0 invariate" in str(view)
    assert "nuova" in str(view)  # the row's outcome in the preview table
    with session_scope(seeded_url) as session:  # a preview writes no data
        assert session.scalar(select(Observation).where(Observation.value == 4.27)) is None
    result = commit(editor, content, "new.csv", token)
    assert result["data-upload"]["contents"] is None  # clears the preview: no double import
    assert "completata: 1 nuove" in str(result["data-commit-result"]["children"])
    assert no_background_forecasts == []  # a draft changes no forecast
    with session_scope(seeded_url) as session:
        stored = session.scalar(select(Observation).where(Observation.value == 4.27))
        assert stored is not None and stored.status == "draft"
        batch_id = stored.import_batch_id
        assert batch_id is not None
        batch = session.get(ImportBatch, batch_id)
        assert batch is not None and (batch.username, batch.file_name) == ("edo", "new.csv")
    # Staff see it as a draft; the public app and the API do not see it at all.
    assert "4,27" not in public_text(anonymous)
    assert "2025-06-30" not in api_dates(anonymous, "RI01")
    entry, changed = pattern_click("data-publish", batch_id)
    status, body = post(
        editor, "data-publish-result.children", {"data-publish.n_clicks": [entry]}, [changed]
    )
    assert status == 200
    assert "1 valori pubblicati" in str(body["response"])
    assert "4,27" in public_text(anonymous)
    assert "2025-06-30" in api_dates(anonymous, "RI01")
    assert no_background_forecasts == [["RI01"]]


def test_import_needs_the_previewed_file(editor, seeded_url):
    content = csv_text([list(NEW_VALUE), list(NEW_VALUE.values())])
    _, token, _ = preview(editor, content, "new.csv")
    before = data_tables(seeded_url)
    other = content.replace(b"4.27", b"9.99")
    result = commit(editor, other, "new.csv", token)
    assert "non corrispondono all'anteprima" in str(result)
    result = commit(editor, content, "new.csv", {**token, "kind": "calls"})
    assert "non corrispondono all'anteprima" in str(result)
    assert data_tables(seeded_url) == before


def test_publish_every_draft_and_lists_refresh(editor, seeded_url):
    content = csv_text([list(NEW_VALUE), list(NEW_VALUE.values())])
    _, token, _ = preview(editor, content, "new.csv")
    commit(editor, content, "new.csv", token)
    status, body = post(
        editor,
        "data-drafts.children",
        {"data-commit-result.children": "x"},
        ["data-commit-result.children"],
    )
    assert status == 200 and "new.csv" in str(body["response"]["data-drafts"])
    status, body = post(
        editor,
        "data-publish-result.children",
        {"data-publish-all.n_clicks": 1},
        ["data-publish-all.n_clicks"],
    )
    assert "valori pubblicati" in str(body["response"])
    with session_scope(seeded_url) as session:
        assert session.scalar(select(Observation).where(Observation.status == "draft")) is None


# --- undo ------------------------------------------------------------------------------------


def test_undo_from_the_page_restores_the_previous_state(editor, seeded_url):
    before = data_tables(seeded_url)
    content = csv_text([
        ["indicator_code", "date", "value", "status", "source"],
        ["RI01", "2024-12-31", "2.5", "published", "t"],  # replaces a published value
        ["RI01", "2025-06-30", "4.27", "", "t"],
    ])  # fmt: skip
    _, token, _ = preview(editor, content, "fix.csv")
    commit(editor, content, "fix.csv", token)
    assert data_tables(seeded_url) != before
    with session_scope(seeded_url) as session:
        batch_id = session.scalar(
            select(ImportBatch.id)
            .where(ImportBatch.outcome == "committed")
            .order_by(ImportBatch.id.desc())
        )
    entry, changed = pattern_click("data-undo", int(batch_id or 0), "submit_n_clicks")
    status, body = post(
        editor, "data-undo-result.children", {"data-undo.submit_n_clicks": [entry]}, [changed]
    )
    assert status == 200 and "annullata: 2 righe ripristinate" in str(body["response"])
    assert data_tables(seeded_url) == before
    # A second undo of the same batch is refused, with the reason in the page's language.
    status, body = post(
        editor, "data-undo-result.children", {"data-undo.submit_n_clicks": [entry]}, [changed]
    )
    assert "Annullamento rifiutato" in str(body["response"])


# --- exports and chart downloads -------------------------------------------------------------


def test_exports_include_drafts_and_neutralise_formulas(editor, seeded_url):
    row = dict(NEW_VALUE, source='=HYPERLINK("http://x")')
    content = csv_text([list(row), list(row.values())])
    _, token, _ = preview(editor, content, "new.csv")
    commit(editor, content, "new.csv", token)
    ident = {"fmt": "csv", "kind": "observations", "type": "data-export"}
    entry = {"id": ident, "property": "n_clicks", "value": 1}
    changed = json.dumps(ident, separators=(",", ":"), sort_keys=True) + ".n_clicks"
    status, body = post(
        editor, "data-export-download.data", {"data-export.n_clicks": [entry]}, [changed]
    )
    assert status == 200
    download = body["response"]["data-export-download"]["data"]
    assert download["filename"] == "s3monitor-observations.csv"
    text = base64.b64decode(download["content"]).decode()
    assert "RI01,2025-06-30,4.27,draft" in text and "'=HYPERLINK" in text
    ident = dict(ident, fmt="xlsx")
    entry = {"id": ident, "property": "n_clicks", "value": 1}
    changed = json.dumps(ident, separators=(",", ":"), sort_keys=True) + ".n_clicks"
    _, body = post(
        editor, "data-export-download.data", {"data-export.n_clicks": [entry]}, [changed]
    )
    content = base64.b64decode(body["response"]["data-export-download"]["data"]["content"])
    assert content[:2] == b"PK"


def test_a_table_too_large_for_the_page_points_to_the_command_line(editor, monkeypatch):
    import callbacks.data_admin as wiring

    monkeypatch.setattr(wiring, "MAX_PAGE_EXPORT_ROWS", 3)  # the seed has 24 observations
    ident = {"fmt": "xlsx", "kind": "observations", "type": "data-export"}
    entry = {"id": ident, "property": "n_clicks", "value": 1}
    changed = json.dumps(ident, separators=(",", ":"), sort_keys=True) + ".n_clicks"
    status, body = post(
        editor,
        "data-export-download.data",
        {"data-export.n_clicks": [entry], "shell-url.search": "?lang=en"},
        [changed],
    )
    assert status == 200
    assert "data-export-download" not in body["response"]  # no file built
    message = str(body["response"]["data-export-message"]["children"])
    assert "24 rows, more than the 3" in message
    assert "s3dash export observations --format xlsx" in message


def test_chart_block_download_is_optional_and_served(editor):
    import pandas as pd
    from openpyxl import load_workbook

    from dashboard.components import chart_block, data_table

    table = data_table("t", "caption", ["a"], [["1"]])
    plain = chart_block("c1", "Title", "Description", {}, table, "it")
    assert "chart-download" not in str(plain.to_plotly_json())
    frame = pd.DataFrame({"name": ["=1+1", "ok"], "value": [1.5, None]})
    block = chart_block("c1", "Title", "Description", {}, table, "it", download=frame)
    stores = [
        c
        for c in walk(json.loads(json.dumps(block, cls=_PlotlyEncoder)))
        if c.get("type") == "Store"
    ]
    data = stores[0]["props"]["data"]
    assert data == {"columns": ["name", "value"], "data": [["=1+1", 1.5], ["ok", None]]}
    for fmt in ("csv", "xlsx"):
        ident = {"fmt": fmt, "index": "c1", "type": "chart-download"}
        deps = editor.get("/_dash-dependencies").get_json()
        dep = next(d for d in deps if "chart-download-file" in d["output"])
        payload = {
            "output": dep["output"],
            "outputs": {"id": {"index": "c1", "type": "chart-download-file"}, "property": "data"},
            "inputs": [[{"id": ident, "property": "n_clicks", "value": 1}]],
            "changedPropIds": [
                json.dumps(ident, separators=(",", ":"), sort_keys=True) + ".n_clicks"
            ],
            "state": [
                {
                    "id": {"index": "c1", "type": "chart-download-data"},
                    "property": "data",
                    "value": data,
                }
            ],
        }
        response = editor.post("/_dash-update-component", json=payload)
        assert response.status_code == 200, response.get_data(as_text=True)
        # A pattern-matching output comes back under its JSON id.
        (output,) = response.get_json()["response"].values()
        download = output["data"]
        assert download["filename"] == f"c1.{fmt}"
        content = base64.b64decode(download["content"])
        if fmt == "csv":
            assert content.decode().splitlines() == ["name,value", "'=1+1,1.5", "ok,"]
        else:
            sheet = load_workbook(io.BytesIO(content)).active
            assert sheet is not None and sheet["A2"].value == "'=1+1" and sheet["B2"].value == 1.5


class _PlotlyEncoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if hasattr(o, "to_plotly_json"):
            return o.to_plotly_json()
        return super().default(o)


def test_only_upload_callbacks_take_a_large_body(editor):
    # ~400 KB of CSV: more than any other callback may receive (callbacks.guard).
    note = "x" * 200
    rows = [["indicator_code", "date", "value", "note", "source"]]
    rows += [["NOPE", f"2025-01-{d:02d}", "1", note, "t"] for d in range(1, 29)] * 70
    content = csv_text(rows)
    assert len(content) > 300_000
    view, token, _ = preview(editor, content, "large.csv")
    assert token is None and "problemi" in str(view)  # validated, not refused as too large
    status, _ = post(
        editor,
        "shell-content.children",
        {"shell-url.pathname": "/", "shell-url.search": "?" + "a" * 300_000},
        ["shell-url.pathname"],
    )
    assert status == 413
