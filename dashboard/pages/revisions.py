"""Entering, correcting and revising values in the app, and "what changed": layout only.

The Data page gets `entry_section` (editors and admins); an indicator's detail page gets
`observation_panel` (correct, withdraw, restore, history) and `indicator_panel` (admins
revise baseline, target, dates, published flag); the report and the overview get
`changes_section`. The callbacks are in callbacks/revisions.py; no SQL here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.components import data_table
from dashboard.i18n import format_date, format_value, localized, t
from data.changes import Since

ENTRY_INDICATOR_ID = "data-entry-indicator"
ENTRY_DATE_ID = "data-entry-date"
ENTRY_VALUE_ID = "data-entry-value"
ENTRY_SOURCE_ID = "data-entry-source"
ENTRY_NOTE_ID = "data-entry-note"
ENTRY_SAVE_ID = "data-entry-save"
ENTRY_RESULT_ID = "data-entry-result"

OBS_PANEL_ID = "indicators-revisions"
OBS_SELECT_ID = "indicators-rev-observation"
OBS_VALUE_ID = "indicators-rev-value"
OBS_SOURCE_ID = "indicators-rev-source"
OBS_REASON_ID = "indicators-rev-reason"
OBS_CORRECT_ID = "indicators-rev-correct"
OBS_WITHDRAW_ID = "indicators-rev-withdraw"
OBS_RESTORE_ID = "indicators-rev-restore"
OBS_HISTORY_TABLE_ID = "indicators-rev-history"

IND_PANEL_ID = "indicators-indicator-revisions"
IND_VERSION_ID = "indicators-ind-version"
IND_FIELD_TYPE = "indicators-ind-field"
IND_REASON_ID = "indicators-ind-reason"
IND_SAVE_ID = "indicators-ind-save"
IND_HISTORY_TABLE_ID = "indicators-ind-history"
IND_FIELDS = ("baseline_value", "baseline_date", "target_value", "target_date", "published")

CHANGES_ID = "changes"
CHANGES_SINCE_ID = "changes-since"

ACTIONS = ("entered", "corrected", "withdrawn", "restored")


def _field(label: str, component: Component, component_id: str) -> html.Div:
    return html.Div(
        [html.Label(label, htmlFor=component_id, className="form-label"), component],
        className="mb-2",
    )


def _result(kind: str, lines: Sequence[str]) -> html.Div:
    if len(lines) == 1:
        return html.Div(lines[0], className=f"alert alert-{kind} mt-2", role="alert")
    return html.Div(
        [html.P(lines[0], className="mb-1"), html.Ul([html.Li(x) for x in lines[1:]])],
        className=f"alert alert-{kind} mt-2",
        role="alert",
    )


def result(kind: str, *lines: str) -> html.Div:
    """An outcome message: one line, or a first line and a list (problems)."""
    return _result(kind, lines)


# --- Data page: enter a value ------------------------------------------------------------------


def entry_section(indicators: pd.DataFrame, lang: str) -> html.Section:
    """The form that enters one value (indicator, period end date, value, source, note)."""
    name = localized("name", lang)
    options = [
        {"label": f"{row['code']} — {row[name]}", "value": row["code"]}
        for row in indicators.to_dict("records")
    ]
    return html.Section(
        [
            html.H2(t("entry.title", lang), className="h4"),
            html.P(t("entry.lead", lang), className="text-muted"),
            _field(
                t("entry.indicator", lang),
                # A native select: type-ahead by code searches it, and unlike Dash 4's
                # dcc.Dropdown it has no aria-hidden focus target (axe: aria-hidden-focus).
                dbc.Select(id=ENTRY_INDICATOR_ID, options=options, placeholder="—"),
                ENTRY_INDICATOR_ID,
            ),
            _field(
                t("entry.date", lang),
                dbc.Input(id=ENTRY_DATE_ID, type="text", placeholder="2025-12-31"),
                ENTRY_DATE_ID,
            ),
            _field(
                t("entry.value", lang), dbc.Input(id=ENTRY_VALUE_ID, type="text"), ENTRY_VALUE_ID
            ),
            _field(
                t("entry.source", lang), dbc.Input(id=ENTRY_SOURCE_ID, type="text"), ENTRY_SOURCE_ID
            ),
            _field(t("entry.note", lang), dbc.Input(id=ENTRY_NOTE_ID, type="text"), ENTRY_NOTE_ID),
            dbc.Button(t("entry.save", lang), id=ENTRY_SAVE_ID, className="mt-1"),
            html.Div(id=ENTRY_RESULT_ID, role="status"),
        ],
        className="card card-body mb-3",
        id="data-entry",
        **aria(label=t("entry.title", lang)),
    )


# --- indicator page: correct, withdraw, restore ------------------------------------------------


def _obs_label(row: Mapping[str, Any], unit: str, lang: str) -> str:
    status = t(f"status.{row['status']}", lang)
    return f"{format_date(row['date'], lang)} — {format_value(row['value'], unit, lang)} ({status})"


def _change(old: Any, new: Any, unit: str, lang: str) -> str:
    return f"{format_value(old, unit, lang)} → {format_value(new, unit, lang)}"


def observation_history_table(code: str, history: pd.DataFrame, unit: str, lang: str) -> Component:
    """Every revision of the indicator's values: when, period, action, old → new, why, who."""
    if not len(history):
        return html.P(t("rev.history.empty", lang), className="text-muted")
    rows = []
    for rev in history.to_dict("records"):
        action = str(rev["action"])
        change = (
            _change(rev["old_value"], rev["new_value"], unit, lang)
            if action == "corrected"
            else format_value(rev["new_value"], unit, lang)
        )
        rows.append(
            [
                f"{format_date(rev['created_at'], lang)} {rev['created_at']:%H:%M}",
                format_date(rev["date"], lang),
                t(f"rev.action.{action}", lang) if action in ACTIONS else action,
                change,
                str(rev["reason"]),
                str(rev["username"]),
            ]
        )
    return data_table(
        OBS_HISTORY_TABLE_ID,
        t("rev.history.table", lang, code=code),
        [
            t("rev.col.when", lang),
            t("rev.col.period", lang),
            t("rev.col.action", lang),
            t("rev.col.change", lang),
            t("rev.reason", lang),
            t("rev.col.who", lang),
        ],
        rows,
    )


def observation_panel(
    code: str,
    unit: str,
    rows: Sequence[Mapping[str, Any]],
    history: pd.DataFrame,
    lang: str,
    can_write: bool,
    message: Component | None = None,
) -> list[Component]:
    """Children of OBS_PANEL_ID: the correction form (writers) and the revision history.

    Each option carries the version it was loaded at, so a correction made on stale data
    is refused (data.revisions.Conflict) instead of overwriting someone else's.
    """
    children: list[Component] = [html.H2(t("rev.title", lang), className="h4")]
    if message is not None:
        children.append(message)
    if can_write and rows:
        options = [
            {"label": _obs_label(r, unit, lang), "value": f"{r['id']}:{r['version']}"} for r in rows
        ]
        children += [
            html.P(t("rev.lead", lang), className="text-muted"),
            _field(
                t("rev.observation", lang),
                dbc.Select(id=OBS_SELECT_ID, options=options, value=options[-1]["value"]),
                OBS_SELECT_ID,
            ),
            _field(t("rev.new_value", lang), dbc.Input(id=OBS_VALUE_ID, type="text"), OBS_VALUE_ID),
            _field(
                t("rev.new_source", lang), dbc.Input(id=OBS_SOURCE_ID, type="text"), OBS_SOURCE_ID
            ),
            _field(
                t("rev.reason", lang),
                dbc.Textarea(id=OBS_REASON_ID, maxLength=2000, required=True),
                OBS_REASON_ID,
            ),
            html.Div(
                [
                    dbc.Button(t("rev.correct", lang), id=OBS_CORRECT_ID),
                    dbc.Button(
                        t("rev.withdraw", lang), id=OBS_WITHDRAW_ID, color="danger", outline=True
                    ),
                    dbc.Button(
                        t("rev.restore", lang), id=OBS_RESTORE_ID, color="secondary", outline=True
                    ),
                ],
                className="d-flex flex-wrap gap-2 mb-3",
            ),
        ]
    elif can_write:
        children.append(html.P(t("rev.none", lang), className="text-muted"))
    children += [
        html.H3(t("rev.history", lang), className="h5"),
        observation_history_table(code, history, unit, lang),
    ]
    return children


# --- indicator page: revise the indicator (admins) ----------------------------------------------


def field_text(field: str, value: Any) -> str:
    """An indicator field as the form shows it (ISO dates, "true"/"false", "" for none)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if field == "published":
        return "true" if value else "false"
    return str(value)


def _field_value(field: str, text: str, lang: str) -> str:
    if field == "published":
        return t("rev.yes" if text == "true" else "rev.no", lang)
    return text or t("nd", lang)


def indicator_panel(
    code: str,
    indicator: Mapping[str, Any],
    version: int,
    history: pd.DataFrame,
    lang: str,
    is_admin: bool,
    message: Component | None = None,
) -> list[Component]:
    """Children of IND_PANEL_ID: the revision form (admins) and the indicator's revisions."""
    children: list[Component] = []
    if is_admin:
        children += [html.H2(t("rev.ind.title", lang), className="h4")]
        if message is not None:
            children.append(message)
        children.append(html.P(t("rev.ind.lead", lang), className="text-muted"))
        for field in IND_FIELDS:
            field_id = {"type": IND_FIELD_TYPE, "index": field}
            current = field_text(field, indicator.get(field))
            control: Component
            if field == "published":
                control = dbc.Select(
                    id=field_id,
                    options=[
                        {"label": t("rev.yes", lang), "value": "true"},
                        {"label": t("rev.no", lang), "value": "false"},
                    ],
                    value=current or "true",
                )
            else:
                control = dbc.Input(id=field_id, type="text", value=current)
            # Pattern-matching ids cannot be named by htmlFor: the label wraps its control.
            children.append(
                html.Div(
                    html.Label(
                        [html.Span(t(f"rev.field.{field}", lang), className="d-block"), control],
                        className="form-label d-block",
                    ),
                    className="mb-2",
                )
            )
        children += [
            _field(
                t("rev.reason", lang),
                dbc.Textarea(id=IND_REASON_ID, maxLength=2000, required=True),
                IND_REASON_ID,
            ),
            dcc.Store(id=IND_VERSION_ID, data=version),
            dbc.Button(t("rev.ind.save", lang), id=IND_SAVE_ID, className="mb-3"),
        ]
    if len(history) or is_admin:
        rows = [
            [
                f"{format_date(rev['created_at'], lang)} {rev['created_at']:%H:%M}",
                t(f"rev.field.{rev['field']}", lang)
                if rev["field"] in IND_FIELDS
                else str(rev["field"]),
                f"{_field_value(rev['field'], rev['old_value'], lang)} → "
                f"{_field_value(rev['field'], rev['new_value'], lang)}",
                str(rev["reason"]),
                str(rev["username"]),
            ]
            for rev in history.to_dict("records")
        ]
        children.append(html.H3(t("rev.ind.history", lang), className="h5"))
        children.append(
            data_table(
                IND_HISTORY_TABLE_ID,
                t("rev.ind.history", lang),
                [
                    t("rev.col.when", lang),
                    t("rev.col.field", lang),
                    t("rev.col.change", lang),
                    t("rev.reason", lang),
                    t("rev.col.who", lang),
                ],
                rows,
            )
            if rows
            else html.P(t("rev.history.empty", lang), className="text-muted")
        )
    return children


# --- what changed ----------------------------------------------------------------------------


def change_line(change: Mapping[str, Any], units: Mapping[str, str], lang: str) -> str:
    """One change (a `data.changes.Change.as_dict()`) as a sentence."""
    kind, code = str(change["kind"]), str(change["code"])
    unit = units.get(code, "")
    date = format_date(change.get("date"), lang) if change.get("date") else ""
    reason = str(change.get("reason") or "")
    if kind == "status":
        return t(
            "chg.status",
            lang,
            code=code,
            old=t(f"att.status.{change['old']}", lang) if change.get("old") else t("nd", lang),
            new=t(f"att.status.{change['new']}", lang) if change.get("new") else t("nd", lang),
        )
    if kind == "revised":
        field = str(change["field"])
        if field.endswith("_value"):
            old = format_value(change.get("old"), unit, lang)
            new = format_value(change.get("new"), unit, lang)
        elif field.endswith("_date"):
            old = format_date(change.get("old"), lang)
            new = format_date(change.get("new"), lang)
        else:
            old, new = (
                _field_value(field, field_text(field, change.get("old")), lang),
                _field_value(field, field_text(field, change.get("new")), lang),
            )
        label = t(f"rev.field.{field}", lang) if field in IND_FIELDS else field
        return t("chg.revised", lang, code=code, field=label, old=old, new=new, reason=reason)
    return t(
        f"chg.{kind}",
        lang,
        code=code,
        date=date,
        value=format_value(change.get("new"), unit, lang),
        old=format_value(change.get("old"), unit, lang),
        new=format_value(change.get("new"), unit, lang),
        reason=reason,
    )


def since_line(since: Since, lang: str) -> str:
    """Where the list starts, and why: the previous report, no report yet, or a chosen date."""
    day = format_date(since.day, lang)
    if since.report is not None:
        at = since.report.created_at
        return t("chg.lead.previous_report", lang, date=day, time=f"{at:%H:%M}", n=since.report.id)
    return t(f"chg.lead.{since.basis}", lang, date=day)


def changes_section(
    changes: Sequence[Mapping[str, Any]],
    units: Mapping[str, str],
    since: Since,
    lang: str,
    section_id: str = CHANGES_ID,
    note: Component | None = None,
) -> html.Section:
    """What changed since `since`: statuses that moved first, then values and targets."""
    statuses = [c for c in changes if c["kind"] == "status"]
    others = [c for c in changes if c["kind"] != "status"]
    children: list[Component] = [html.H2(t("chg.title", lang), className="h4")]
    if note is not None:
        children.append(note)
    children.append(
        html.P(
            [since_line(since, lang), " ", t("chg.how", lang)],
            id=f"{section_id}-since",
            className="text-muted",
        )
    )
    if not changes:
        children.append(html.P(t("chg.none", lang, date=format_date(since.day, lang))))
    if statuses:
        children += [
            html.H3(t("chg.group.status", lang), className="h5"),
            html.Ul(
                [html.Li(change_line(c, units, lang)) for c in statuses], id=f"{section_id}-status"
            ),
        ]
    if others:
        children += [
            html.H3(t("chg.group.values", lang), className="h5"),
            html.Ul(
                [html.Li(change_line(c, units, lang)) for c in others], id=f"{section_id}-values"
            ),
        ]
    return html.Section(children, id=section_id, className="mb-4 s3-changes")
