"""Entering, correcting and revising values through the real callbacks, as each role.

The data layer has its own tests (test_revisions.py); here: the forms' callbacks, the
403 for viewers, the conflict message for the second of two editors, and "what changed"
on the report and the overview.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from callbacks.revisions import WRITE_OUTPUTS
from dashboard.pages import revisions as page
from data.db import session_scope
from data.models import ImportBatch
from data.publishing import publish_drafts
from data.revisions import indicator_state, observation_rows
from tests.accounts import logged_in, login_app
from tests.dash_client import callback_payload, page_text, trigger_callback

SEARCH = "?indicator=RI05&lang=en"


pytestmark = pytest.mark.usefixtures("no_background_forecasts")


@pytest.fixture
def app(seeded_url: str) -> Flask:
    # The seed was loaded a year ago: only what the tests do is news to "what changed".
    with session_scope(seeded_url) as session:
        session.execute(update(ImportBatch).values(created_at=dt.datetime(2025, 1, 1)))
    return login_app(seeded_url)


def _row(url: str, day: str) -> dict[str, Any]:
    with session_scope(url) as session:
        rows = observation_rows(session, "RI05")
    return next(r for r in rows if r["date"] == dt.date.fromisoformat(day))


def _enter(client: FlaskClient, value: str, date: str = "2025-10-31") -> str:
    status, body = trigger_callback(
        client,
        f"{page.ENTRY_RESULT_ID}.children",
        f"{page.ENTRY_SAVE_ID}.n_clicks",
        {
            f"{page.ENTRY_SAVE_ID}.n_clicks": 1,
            f"{page.ENTRY_INDICATOR_ID}.value": "RI05",
            f"{page.ENTRY_DATE_ID}.value": date,
            f"{page.ENTRY_VALUE_ID}.value": value,
            f"{page.ENTRY_SOURCE_ID}.value": "DG Ricerca",
            f"{page.ENTRY_NOTE_ID}.value": "",
            "shell-url.search": "?lang=en",
        },
    )
    assert status == 200
    return str(body["response"])


def _correct(client: FlaskClient, key: str, value: str, reason: str) -> str:
    status, body = trigger_callback(
        client,
        f"{page.OBS_PANEL_ID}.children",
        f"{page.OBS_CORRECT_ID}.n_clicks",
        {
            f"{page.OBS_CORRECT_ID}.n_clicks": 1,
            f"{page.OBS_SELECT_ID}.value": key,
            f"{page.OBS_VALUE_ID}.value": value,
            f"{page.OBS_SOURCE_ID}.value": "",
            f"{page.OBS_REASON_ID}.value": reason,
            "shell-url.search": SEARCH,
        },
    )
    assert status == 200
    return str(body["response"])


def test_editor_enters_publishes_corrects_and_sees_it_in_what_changed(
    app: Flask, seeded_url: str
) -> None:
    editor = logged_in(app, "edo")
    assert page.ENTRY_SAVE_ID in page_text(editor, "/data", "?lang=en")
    refused = _enter(editor, "lots", date="2025-13-01")
    assert "not a date in the form YYYY-MM-DD" in refused and "Value not saved" in refused
    assert "saved as a draft" in _enter(editor, "74")
    row = _row(seeded_url, "2025-10-31")
    assert row["status"] == "draft"
    publish_drafts(seeded_url, None, "edo")
    detail = page_text(editor, "/indicators", SEARCH)
    assert page.OBS_CORRECT_ID in detail and page.IND_SAVE_ID not in detail  # editor, not admin
    key = f"{row['id']}:{row['version']}"
    assert "A reason is required" in _correct(editor, key, "400", "  ")
    answer = _correct(editor, key, "400", "figure from the wrong table")
    assert "Correction saved" in answer and "figure from the wrong table" in answer
    assert _row(seeded_url, "2025-10-31")["value"] == 400
    report = page_text(editor, "/report", "?lang=en")
    assert "report-changes" in report and "What changed" in report
    assert "RI05: new value 400 M€ at 31 Oct 2025" in report
    assert "corrected 74 M€ → 400 M€ (figure from the wrong table)" in report
    assert "RI05: Limited progress → Achieved" in report
    overview = page_text(editor, "/", "?lang=en&since=2000-01-01")
    assert "overview-changes" in overview and "RI05" in overview


def test_two_editors_one_value_conflict_and_no_lost_update(app: Flask, seeded_url: str) -> None:
    ann, bob = logged_in(app, "edo"), logged_in(app, "ada")
    row = _row(seeded_url, "2025-04-30")
    key = f"{row['id']}:{row['version']}"  # both loaded the page at this version
    assert "Correction saved" in _correct(ann, key, "70", "typo in the source table")
    answer = _correct(bob, key, "99", "my own figure")
    assert "Not saved: meanwhile edo changed this item (now 70 M€)" in answer
    assert _row(seeded_url, "2025-04-30")["value"] == 70


def test_withdraw_and_restore_through_the_panel(app: Flask, seeded_url: str) -> None:
    editor = logged_in(app, "edo")
    row = _row(seeded_url, "2025-04-30")
    values = {
        f"{page.OBS_WITHDRAW_ID}.n_clicks": 1,
        f"{page.OBS_SELECT_ID}.value": f"{row['id']}:{row['version']}",
        f"{page.OBS_REASON_ID}.value": "wrong source",
        "shell-url.search": SEARCH,
    }
    output = f"{page.OBS_PANEL_ID}.children"
    status, body = trigger_callback(editor, output, f"{page.OBS_WITHDRAW_ID}.n_clicks", values)
    assert status == 200 and "Value withdrawn" in str(body["response"])
    assert ("RI05", "2025-04-30") not in _public_observations(app)
    row = _row(seeded_url, "2025-04-30")
    values = {
        f"{page.OBS_RESTORE_ID}.n_clicks": 1,
        f"{page.OBS_SELECT_ID}.value": f"{row['id']}:{row['version']}",
        f"{page.OBS_REASON_ID}.value": "source confirmed",
        "shell-url.search": SEARCH,
    }
    status, body = trigger_callback(editor, output, f"{page.OBS_RESTORE_ID}.n_clicks", values)
    assert status == 200 and "Value restored" in str(body["response"])
    assert _row(seeded_url, "2025-04-30")["status"] == "published"
    assert ("RI05", "2025-04-30") in _public_observations(app)


def _public_observations(app: Flask) -> set[tuple[str, str]]:
    body = app.test_client().get("/api/v1/observations?limit=1000").get_json()
    return {(r["indicator_code"], r["date"]) for r in body["data"]}


def test_admin_revises_the_target_and_the_chart_says_so(app: Flask, seeded_url: str) -> None:
    admin = logged_in(app, "ada")
    assert page.IND_SAVE_ID in page_text(admin, "/indicators", SEARCH)
    fields = ["baseline_value", "baseline_date", "target_value", "target_date", "published"]
    deps = admin.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].strip(".") == f"{page.IND_PANEL_ID}.children")
    payload = callback_payload(dep)
    payload["inputs"][0]["value"] = 1
    current = ["0", "2022-12-31", "", "2027-12-31", "true"]
    with session_scope(seeded_url) as session:
        record, version = indicator_state(session, "RI05")
    current[2] = str(record["target_value"])
    current[0] = str(record["baseline_value"]) if record["baseline_value"] is not None else ""
    current[1] = record["baseline_date"].isoformat()
    current[3] = record["target_date"].isoformat()
    values = [*current[:2], "400", *current[3:]]
    payload["state"][0] = [
        {"id": {"type": page.IND_FIELD_TYPE, "index": f}, "property": "value", "value": v}
        for f, v in zip(fields, values, strict=True)
    ]
    payload["state"][1]["value"] = version
    payload["state"][2]["value"] = "new regional plan"
    payload["state"][3]["value"] = SEARCH
    payload["changedPropIds"] = [f"{page.IND_SAVE_ID}.n_clicks"]
    response = admin.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    assert "Indicator updated" in str(response.get_json()["response"])
    detail = page_text(admin, "/indicators", SEARCH)
    assert "target revised on" in detail and "new regional plan" in detail
    # The editor may not revise an indicator: the callback refuses it itself.
    editor = logged_in(app, "edo")
    response = editor.post("/_dash-update-component", json=payload)
    assert "Your role does no" in str(response.get_json())
    with session_scope(seeded_url) as session:
        assert indicator_state(session, "RI05")[0]["target_value"] == 400


def test_viewer_and_anonymous_get_403_on_every_revision_callback(app: Flask) -> None:
    viewer = logged_in(app, "vera")
    deps = viewer.get("/_dash-dependencies").get_json()
    for output in sorted(WRITE_OUTPUTS):
        dep = next(d for d in deps if output in d["output"])
        payload = callback_payload(dep)
        assert viewer.post("/_dash-update-component", json=payload).status_code == 403, output
        anonymous = app.test_client().post("/_dash-update-component", json=payload)
        assert anonymous.status_code in (401, 403), output
    detail = page_text(viewer, "/indicators", SEARCH)
    assert page.OBS_CORRECT_ID not in detail and "Revision history" in detail
    assert page.ENTRY_SAVE_ID not in page_text(viewer, "/data", "?lang=en")


def test_api_changes_lists_published_changes_and_checks_since(app: Flask, seeded_url: str) -> None:
    row = _row(seeded_url, "2025-04-30")
    from data.revisions import correct_observation

    correct_observation(seeded_url, row["id"], row["version"], "70", "", "internal remark", "edo")
    client = app.test_client()
    body = client.get("/api/v1/changes").get_json()
    corrected = [c for c in body["data"] if c["kind"] == "corrected"]
    assert corrected == [
        {
            "kind": "corrected",
            "code": "RI05",
            "when": corrected[0]["when"],
            "date": "2025-04-30",
            "field": "",
            "old": 73.6,
            "new": 70.0,
        }
    ]
    assert "internal remark" not in str(body)
    future = client.get("/api/v1/changes?since=2999-01-01")
    assert future.status_code == 200 and future.get_json()["data"] == []
    bad = client.get("/api/v1/changes?since=yesterday")
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "since"
    assert client.get("/api/v1/changes?since=2025-01-01&x=1").status_code == 400
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert paths["/changes"]["get"]["parameters"][0]["name"] == "since"
