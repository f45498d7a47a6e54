"""Report generations: where "what changed" starts, the seed as baseline, the filters.

The data layer (data/report_log.py, data/changes.py) and the report page's "Generate and
print" callback, as an editor and as a viewer, on a real SQLite database.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, update

from callbacks.report import WRITE_OUTPUTS
from dashboard.pages import report as report_page
from data.changes import DEFAULT_DAYS, changes_since, default_since
from data.db import bump_data_version, current_data_version, session_scope
from data.models import Ecosystem, ImportBatch, Indicator, ReportGeneration
from data.publishing import publish_drafts
from data.report_log import record_generation
from data.revisions import enter_value
from tests.accounts import logged_in, login_app
from tests.dash_client import callback_payload, page_text, trigger_callback

# Publishing starts no forecast process here.
pytestmark = pytest.mark.usefixtures("no_background_forecasts")

LONG_AGO = dt.date(2000, 1, 1)


def _publish(url: str, code: str, day: str, value: str) -> None:
    entered = enter_value(url, code, day, value, "DG Ricerca", "", "edo")
    assert entered.ok, entered.problems
    publish_drafts(url, entered.batch_id, "edo")


def _listed(url: str, since: Any) -> set[tuple[str, str]]:
    with session_scope(url) as session:
        return {(c.kind, c.code) for c in changes_since(session, since)}


def _tick() -> None:
    # SQLite's clock (CURRENT_TIMESTAMP) counts whole seconds: keep "before" and "after" apart.
    time.sleep(1.1)


def test_the_seed_is_the_baseline_not_news(seeded_url: str) -> None:
    # Seeded just now, inside any window: still nothing is new, no status moved.
    assert _listed(seeded_url, LONG_AGO) == set()
    _publish(seeded_url, "RI05", "2025-10-31", "400")
    assert _listed(seeded_url, LONG_AGO) == {("new", "RI05"), ("status", "RI05")}


def test_without_a_report_the_default_is_the_stated_window(seeded_url: str) -> None:
    today = dt.date(2026, 6, 30)
    with session_scope(seeded_url) as session:
        since = default_since(session, today)
    assert since.basis == "no_report" and since.report is None
    assert since.start == dt.datetime.combine(today - dt.timedelta(days=DEFAULT_DAYS), dt.time())


def test_a_generation_is_audited_and_starts_the_next_list(seeded_url: str) -> None:
    _publish(seeded_url, "RI05", "2025-10-31", "400")
    draft = enter_value(seeded_url, "RI04", "2025-10-31", "9", "DG Ricerca", "", "edo")
    with session_scope(seeded_url) as session:
        version = current_data_version(session)
        first = default_since(session, dt.date.today())
    _tick()
    generation = record_generation(seeded_url, "edo", first.start, first.basis, "", "it")
    _tick()
    _publish(seeded_url, "RI06", "2025-10-31", "1")
    publish_drafts(seeded_url, draft.batch_id, "edo")
    with session_scope(seeded_url) as session:
        assert current_data_version(session) > version
        since = default_since(session, dt.date.today())
        audit = session.scalars(select(ImportBatch).where(ImportBatch.kind == "report")).one()
        stored = session.scalars(select(ReportGeneration)).one()
    assert since.basis == "previous_report" and since.report == generation
    assert since.start == generation.created_at
    assert (audit.outcome, audit.username) == ("generated", "edo")
    assert (stored.import_batch_id, stored.data_version) == (audit.id, version)
    assert (stored.covers_since, stored.basis) == (first.start, "no_report")
    # The value published before the report is not news any more; the one after it is.
    listed = _listed(seeded_url, since.start)
    assert ("new", "RI06") in listed and ("new", "RI05") not in listed
    # A draft entered before the report but published after it is news for the next one.
    assert ("new", "RI04") in listed


@pytest.mark.parametrize(
    ("username", "basis"), [("", "no_report"), ("edo", "whenever"), ("edo", "")]
)
def test_a_generation_needs_a_user_and_a_known_basis(
    seeded_url: str, username: str, basis: str
) -> None:
    with pytest.raises(ValueError):
        record_generation(seeded_url, username, dt.datetime(2026, 1, 1), basis, "", "it")
    with session_scope(seeded_url) as session:
        assert session.scalars(select(ReportGeneration)).all() == []


# --- the report page ---------------------------------------------------------------------------


@pytest.fixture
def app(seeded_url: str) -> Flask:
    return login_app(seeded_url)


def _generate(client: Any, search: str) -> tuple[int, Any]:
    return trigger_callback(
        client,
        f"..{report_page.GENERATED_ID}.children...{report_page.CHANGES_SLOT_ID}.children"
        f"...{report_page.PRINT_REQUEST_ID}.data..".strip("."),
        f"{report_page.GENERATE_BUTTON_ID}.n_clicks",
        {f"{report_page.GENERATE_BUTTON_ID}.n_clicks": 1, "shell-url.search": search},
    )


def test_editor_generates_the_report_and_the_next_one_starts_there(
    app: Flask, seeded_url: str
) -> None:
    _publish(seeded_url, "RI05", "2025-10-31", "400")
    editor = logged_in(app, "edo")
    before = page_text(editor, "/report", "?lang=en")
    assert report_page.GENERATE_BUTTON_ID in before
    assert "no earlier report recorded, so the last six months" in before
    assert "RI05: Limited progress → Achieved" in before
    status, body = _generate(editor, "?lang=en")
    assert status == 200
    response = body["response"]
    assert "Report no. 1, generated on" in str(response[report_page.GENERATED_ID])
    # The copy printed now still lists what this report covers (since the fallback start).
    assert "RI05: Limited progress → Achieved" in str(response[report_page.CHANGES_SLOT_ID])
    assert response[report_page.PRINT_REQUEST_ID]["data"] == 1
    _tick()
    after = page_text(editor, "/report", "?lang=en")
    assert "since the previous report, generated on" in after and "(no. 1)" in after
    assert "No change since" in after
    meta = app.test_client().get("/api/v1/changes").get_json()["meta"]
    assert meta["since_basis"] == "previous_report" and meta["count"] == 0
    chosen = app.test_client().get("/api/v1/changes?since=2000-01-01").get_json()["meta"]
    assert (chosen["since_basis"], chosen["since_time"]) == ("chosen", "2000-01-01T00:00:00")


def test_viewer_prints_but_cannot_record_a_report(app: Flask, seeded_url: str) -> None:
    viewer = logged_in(app, "vera")
    content = page_text(viewer, "/report", "?lang=en")
    assert report_page.PRINT_BUTTON_ID in content
    assert report_page.GENERATE_BUTTON_ID not in content
    deps = viewer.get("/_dash-dependencies").get_json()
    for output in sorted(WRITE_OUTPUTS):
        dep = next(d for d in deps if output in d["output"])
        payload = callback_payload(dep)
        assert viewer.post("/_dash-update-component", json=payload).status_code == 403
        anonymous = app.test_client().post("/_dash-update-component", json=payload)
        assert anonymous.status_code in (401, 403)
    with session_scope(seeded_url) as session:
        assert session.scalars(select(ReportGeneration)).all() == []


def test_overview_what_changed_follows_the_ecosystem_and_objective_filters(
    app: Flask, seeded_url: str
) -> None:
    with session_scope(seeded_url) as session:
        ids = {code: i for code, i in session.execute(select(Ecosystem.code, Ecosystem.id))}
        session.execute(
            update(Indicator).where(Indicator.code == "RI05").values(ecosystem_id=ids["nutrizione"])
        )
        session.execute(
            update(Indicator)
            .where(Indicator.code == "RI06")
            .values(ecosystem_id=ids["manifattura"])
        )
        bump_data_version(session)
    for code in ("RI05", "RI06", "RI01"):
        _publish(seeded_url, code, "2025-10-31", "1")
    client = logged_in(app, "vera")
    everything = page_text(client, "/", "?lang=en&since=2000-01-01")
    assert all(f"{code}: new value" in everything for code in ("RI05", "RI06", "RI01"))
    nutrition = page_text(client, "/", "?lang=en&since=2000-01-01&ecosystem=nutrizione")
    # RI01 serves every ecosystem (none given), as the overview's gauges count it.
    assert "RI05: new value" in nutrition and "RI01: new value" in nutrition
    assert "RI06: new value" not in nutrition
    with session_scope(seeded_url) as session:
        objective = session.scalar(select(Indicator.objective).where(Indicator.code == "RI01"))
    assert objective is not None
    from urllib.parse import quote

    by_objective = page_text(client, "/", f"?lang=en&since=2000-01-01&objective={quote(objective)}")
    assert "RI01: new value" in by_objective
    assert "RI05: new value" not in by_objective and "RI06: new value" not in by_objective
