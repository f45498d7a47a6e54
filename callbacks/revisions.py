"""Wiring of values entered and corrected in the app, indicator revisions, and what changed.

Every callback here that writes is declared in WRITE_OUTPUTS: the login gate (auth.guard)
answers 403 to a viewer or an anonymous client posting to it, and each callback checks the
role again itself (admins only for indicator revisions). The data layer (data.revisions)
validates with the importer's own checks, writes in one transaction, records the write in
import_batch, bumps the data version and detects concurrent edits by version.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash._callback import NoUpdate
from dash.development.base_component import Component
from flask import current_app

from auth import Actor, current_actor
from auth.roles import ADMIN
from callbacks import loaders
from callbacks.bands import status_bands
from callbacks.failures import failure_text
from callbacks.params import SINCE, ViewParams
from dashboard.i18n import format_value, query_lang, t
from dashboard.pages import revisions as page
from data.cache import cached
from data.changes import Since, changes_since, chosen_since, default_since
from data.db import request_session
from data.importers.cells import MIN_DATE
from data.importers.problems import Problem
from data.publishing import refresh_forecasts
from data.revisions import (
    Conflict,
    RevisionRefused,
    correct_observation,
    enter_value,
    indicator_history,
    indicator_state,
    observation_history,
    observation_rows,
    restore_observation,
    revise_indicator,
    target_revisions,
    withdraw_observation,
)

WRITE_OUTPUTS = frozenset(
    {
        f"{page.ENTRY_RESULT_ID}.children",
        f"{page.OBS_PANEL_ID}.children",
        f"{page.IND_PANEL_ID}.children",
    }
)
MAX_TEXT = 2000  # characters of any one form field
_OBS_KEY = re.compile(r"(\d{1,12}):(\d{1,9})")


def _lang(search: object) -> str:
    return query_lang(search)


def _indicator_code(search: object) -> str | None:
    if not isinstance(search, str):
        return None
    code = parse_qs(search.lstrip("?")).get("indicator", [""])[-1]
    return code if code and len(code) <= 40 and code.isprintable() else None


def _text(value: object) -> str | None:
    """A form field as text; None when it is not text or too long (a forged request)."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        return None
    return value


def _problem_lines(problems: list[Problem]) -> list[str]:
    return [f"{p.column}: {p.message}" if p.column else p.message for p in problems]


def _writer(admin: bool = False) -> Actor | None:
    actor = current_actor()
    if actor is None or not actor.can_write or (admin and actor.role != ADMIN):
        return None
    return actor


def _indicator_record(code: str) -> dict[str, Any] | None:
    frame = loaders.indicators(public=False)
    rows = frame[frame["code"] == code].to_dict("records")
    return {str(k): v for k, v in rows[0].items()} if rows else None


# --- layout pieces the pages call ------------------------------------------------------------


def entry_section(lang: str) -> Component:
    """The Data page's "enter a value" form (callers show it to writers only)."""
    return page.entry_section(loaders.indicators(public=False), lang)


def observation_panel(code: str, lang: str, message: Component | None = None) -> list[Component]:
    """The correction form and revision history of indicator `code`."""
    actor = current_actor()
    record = _indicator_record(code)
    unit = str(record["unit"]) if record else ""
    with request_session() as session:
        rows = observation_rows(session, code)
        history = observation_history(session, code)
    can_write = actor is not None and actor.can_write
    return page.observation_panel(code, unit, rows, history, lang, can_write, message)


def indicator_panel(code: str, lang: str, message: Component | None = None) -> list[Component]:
    """The admins' revision form and the indicator's own revision history."""
    actor = current_actor()
    with request_session() as session:
        history = indicator_history(session, code)
        # Read fresh, not from the cache: the version is what a revision is checked against.
        record, version = indicator_state(session, code)
    is_admin = actor is not None and actor.role == ADMIN
    return page.indicator_panel(code, record, version, history, lang, is_admin, message)


def detail_panels(code: str, lang: str) -> list[Component]:
    """Both panels, each in the container its callback re-renders."""
    return [
        html.Section(observation_panel(code, lang), id=page.OBS_PANEL_ID, className="mt-4"),
        html.Section(indicator_panel(code, lang), id=page.IND_PANEL_ID, className="mt-4"),
    ]


def target_revised_on(code: str) -> dt.date | None:
    """When the target of `code` was last revised (None: never)."""
    with request_session() as session:
        return target_revisions(session).get(code)


def since_of(view: ViewParams, today: dt.date) -> tuple[Since, bool]:
    """The start of "what changed" from `?since=`, and whether the parameter was bad.

    Without a (valid) parameter: the previous report's generation, else the fallback window.
    """
    text = view.values.get(SINCE)
    bad = False
    if text:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            bad = True
        else:
            if MIN_DATE <= day <= today:
                return chosen_since(day), False
            bad = True
    with request_session() as session:
        return default_since(session, today), bad


def changes_section(
    view: ViewParams,
    today: dt.date,
    section_id: str,
    codes: Collection[str] | None = None,
    start: Since | None = None,
) -> Component:
    """What changed, for the report and the overview (published data).

    `codes`: the indicators in the view (ecosystem and objective filters); None for all.
    `start`: where the list starts when the caller already knows (else `since_of`).
    """
    since, bad = (start, False) if start is not None else since_of(view, today)
    bands = status_bands()

    def load() -> list[dict[str, Any]]:
        with request_session() as session:
            return [c.as_dict() for c in changes_since(session, since.start, bands)]

    # Read on every overview: cached per data version (every write bumps it) and start.
    changes = cached(f"changes:{since.start.isoformat()}:{bands!r}", load)
    if codes is not None:
        # A pandas column as a list first: iterating it boxes every value (1,000 codes).
        wanted = set(codes.tolist() if isinstance(codes, pd.Series) else codes)
        changes = [c for c in changes if c["code"] in wanted]
    units: dict[str, str] = {}
    if changes:  # only a listed change shows a unit: no change, no frame to read back
        frame: pd.DataFrame = loaders.indicators(public=False)
        units = dict(zip(frame["code"].tolist(), frame["unit"].astype(str).tolist(), strict=True))
    note = html.P(t("chg.bad_date", view.lang), className="alert alert-warning") if bad else None
    return page.changes_section(changes, units, since, view.lang, section_id, note)


# --- callbacks ------------------------------------------------------------------------------


def register(app: Dash) -> None:
    """Wire the entry form, the correction form and the indicator revision form."""
    _register_entry(app)
    _register_corrections(app)
    _register_indicator_revision(app)


def _register_entry(app: Dash) -> None:
    @app.callback(
        Output(page.ENTRY_RESULT_ID, "children"),
        Input(page.ENTRY_SAVE_ID, "n_clicks"),
        State(page.ENTRY_INDICATOR_ID, "value"),
        State(page.ENTRY_DATE_ID, "value"),
        State(page.ENTRY_VALUE_ID, "value"),
        State(page.ENTRY_SOURCE_ID, "value"),
        State(page.ENTRY_NOTE_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def save_entered_value(
        n_clicks: object,
        code: object,
        date: object,
        value: object,
        source: object,
        note: object,
        search: object,
    ) -> Component | NoUpdate:
        """On Save as draft: validate the value like an imported row and store it."""
        lang = _lang(search)
        actor = _writer()
        if actor is None:
            return page.result("danger", t("dm.denied", lang))
        if not n_clicks:
            return no_update
        fields = [_text(v) for v in (code, date, value, source, note)]
        if any(f is None for f in fields):
            return page.result("danger", t("error.param", lang, detail="entry"))
        code_s, date_s, value_s, source_s, note_s = (str(f) for f in fields)
        url = current_app.config["DATABASE_URL"]
        try:
            result = enter_value(url, code_s, date_s, value_s, source_s, note_s, actor.username)
        except Exception as error:
            failed = failure_text(error, f"entering a value for {code_s[:40]}", lang)
            return page.result("danger", failed)
        if not result.ok:
            lines = _problem_lines(result.problems)
            return page.result("danger", t("entry.refused", lang, n=len(lines)), *lines)
        return page.result("success", t("entry.done", lang, batch=result.batch_id))


def _refusal(refusal: RevisionRefused, lang: str, unit: str = "") -> Component:
    if isinstance(refusal, Conflict):
        who = str(refusal.params.get("who") or t("rev.someone", lang))
        value = refusal.params.get("value")
        shown = format_value(value, unit, lang) if "value" in refusal.params else "—"
        return page.result("warning", t("rev.refused.conflict", lang, who=who, value=shown))
    key = f"rev.refused.{refusal.reason}"
    return page.result("warning", t(key, lang, **refusal.params))


def _register_corrections(app: Dash) -> None:
    @app.callback(
        Output(page.OBS_PANEL_ID, "children"),
        Input(page.OBS_CORRECT_ID, "n_clicks"),
        Input(page.OBS_WITHDRAW_ID, "n_clicks"),
        Input(page.OBS_RESTORE_ID, "n_clicks"),
        State(page.OBS_SELECT_ID, "value"),
        State(page.OBS_VALUE_ID, "value"),
        State(page.OBS_SOURCE_ID, "value"),
        State(page.OBS_REASON_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def revise_observation(
        _correct: object,
        _withdraw: object,
        _restore: object,
        selected: object,
        value: object,
        source: object,
        reason: object,
        search: object,
    ) -> list[Component] | NoUpdate:
        """On Save correction / Withdraw / Restore: change the value with a reason."""
        lang = _lang(search)
        actor = _writer()
        if actor is None:
            return [page.result("danger", t("dm.denied", lang))]
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update
        code = _indicator_code(search)
        if code is None:
            return [page.result("danger", t("error.param", lang, detail="indicator"))]
        match = _OBS_KEY.fullmatch(selected) if isinstance(selected, str) else None
        texts = [_text(v) for v in (value, source, reason)]
        if match is None or any(x is None for x in texts):
            return observation_panel(
                code, lang, page.result("warning", t("rev.refused.select", lang))
            )
        obs_id, version = int(match.group(1)), int(match.group(2))
        value_s, source_s, reason_s = (str(x) for x in texts)
        url = current_app.config["DATABASE_URL"]
        trigger = ctx.triggered_id
        record = _indicator_record(code)
        unit = str(record["unit"]) if record else ""
        try:
            if trigger == page.OBS_WITHDRAW_ID:
                result = withdraw_observation(url, obs_id, version, reason_s, actor.username)
                action = "withdrawn"
            elif trigger == page.OBS_RESTORE_ID:
                result = restore_observation(url, obs_id, version, reason_s, actor.username)
                action = "restored"
            else:
                result = correct_observation(
                    url, obs_id, version, value_s, source_s, reason_s, actor.username
                )
                action = "corrected"
        except RevisionRefused as refusal:
            return observation_panel(code, lang, _refusal(refusal, lang, unit))
        except Exception as error:
            failed = failure_text(error, f"revision of observation {obs_id}", lang)
            return [page.result("danger", failed)]
        if result.problems:
            lines = _problem_lines(result.problems)
            return observation_panel(
                code, lang, page.result("danger", t("rev.problems", lang), *lines)
            )
        refresh_forecasts(url, result.forecast_codes)
        done = page.result("success", t(f"rev.done.{action}", lang), t("rev.reload", lang))
        return observation_panel(code, lang, done)


def _register_indicator_revision(app: Dash) -> None:
    @app.callback(
        Output(page.IND_PANEL_ID, "children"),
        Input(page.IND_SAVE_ID, "n_clicks"),
        State({"type": page.IND_FIELD_TYPE, "index": ALL}, "value"),
        State(page.IND_VERSION_ID, "data"),
        State(page.IND_REASON_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def save_indicator_revision(
        n_clicks: object, values: object, version: object, reason: object, search: object
    ) -> list[Component] | NoUpdate:
        """On Save revision (admins): change baseline, target, dates or published flag."""
        lang = _lang(search)
        actor = _writer(admin=True)
        if actor is None:
            return [page.result("danger", t("dm.denied", lang))]
        if not n_clicks:
            return no_update
        code = _indicator_code(search)
        states = ctx.states_list[0] if ctx.states_list else []
        fields = [s.get("id", {}).get("index") for s in states if isinstance(s, dict)]
        reason_s = _text(reason)
        if (
            code is None
            or not isinstance(values, list)
            or len(values) != len(fields)
            or not isinstance(version, int)
            or reason_s is None
        ):
            return [page.result("danger", t("error.param", lang, detail="revision"))]
        texts = [_text(v) for v in values]
        if any(x is None for x in texts) or not set(fields) <= set(page.IND_FIELDS):
            return [page.result("danger", t("error.param", lang, detail="revision"))]
        current = _indicator_record(code) or {}
        changes = {
            str(f): str(x)
            for f, x in zip(fields, texts, strict=True)
            if str(x) != page.field_text(str(f), current.get(str(f)))
        }
        url = current_app.config["DATABASE_URL"]
        try:
            result = revise_indicator(url, code, version, changes, reason_s, actor.username)
        except RevisionRefused as refusal:
            return indicator_panel(code, lang, _refusal(refusal, lang))
        except Exception as error:
            failed = failure_text(error, f"revision of indicator {code}", lang)
            return [page.result("danger", failed)]
        if result.problems:
            lines = _problem_lines(result.problems)
            return indicator_panel(
                code, lang, page.result("danger", t("rev.problems", lang), *lines)
            )
        refresh_forecasts(url, result.forecast_codes)
        done = page.result("success", t("rev.done.revised", lang), t("rev.reload", lang))
        return indicator_panel(code, lang, done)
