"""Data page wiring: preview and import uploads, publish drafts, undo imports, exports.

Callbacks that change data are declared by their outputs in WRITE_OUTPUTS: the login gate
(auth.guard) answers 403 to a viewer posting to them, and each of them checks the role
again itself. BODY_LIMITS lets the two upload callbacks receive a whole file (base64 in
the callback body), which callbacks.guard would otherwise refuse as too large.

Uploads are validated by data.importers.dispatch.import_file (dry run) before anything is written;
the import button re-sends the same file, which is validated again and written in one
transaction. Nothing is kept in the web process between the two (stateless workers).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import posixpath
from typing import Any

from dash import ALL, MATCH, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash._callback import NoUpdate
from dash.development.base_component import Component
from flask import current_app

from auth import Actor, current_actor
from auth.ui import role_label
from callbacks import revisions
from callbacks.page_record import PageRecord
from callbacks.params import ViewParams
from dashboard.components import CHART_DATA_TYPE, CHART_DOWNLOAD_TYPE, CHART_FILE_TYPE
from dashboard.i18n import format_number, query_lang, t
from dashboard.import_report import report_lines
from dashboard.pages import data_admin as page
from data.db import request_data_version, request_session
from data.exporting import export, export_rows
from data.importers.dispatch import import_file, read_table
from data.importers.reading import MAX_FILE_BYTES
from data.importers.writing import ImportResult
from data.publishing import (
    UndoRefused,
    batch_drafts,
    drafts_frame,
    history_frame,
    publish_drafts,
    refresh_after_import,
    refresh_forecasts,
    table_file,
    undo_batch,
)

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = MAX_FILE_BYTES
# Rows a page export may build in one request; larger tables: `s3dash export`.
MAX_PAGE_EXPORT_ROWS = 100_000
# base64 grows a file by 4/3; the rest of the callback body is small.
UPLOAD_BODY_LIMIT = MAX_UPLOAD_BYTES * 4 // 3 + 64 * 1024

WRITE_OUTPUTS = frozenset(
    {
        f"{page.PREVIEW_ID}.children",
        f"{page.COMMIT_RESULT_ID}.children",
        f"{page.PUBLISH_RESULT_ID}.children",
        f"{page.UNDO_RESULT_ID}.children",
    }
)
BODY_LIMITS = {
    f"{page.PREVIEW_ID}.children": UPLOAD_BODY_LIMIT,
    f"{page.COMMIT_RESULT_ID}.children": UPLOAD_BODY_LIMIT,
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA = {"csv": "text/csv", "xlsx": XLSX_TYPE}


def render(view: ViewParams) -> Component:
    """Layout of the data page for this view and this user."""
    actor = current_actor()
    can_write = actor is not None and actor.can_write
    role = actor.role if actor is not None else "viewer"
    with request_session() as session:
        history = history_frame(session)
        drafts = drafts_frame(session)
    return page.layout(
        history,
        drafts,
        request_data_version(),
        view.lang,
        can_write,
        role_label(role, view.lang),
        MAX_UPLOAD_BYTES // (1024 * 1024),
        revisions.entry_section(view.lang) if can_write else None,
    )


# --- helpers -------------------------------------------------------------------------------


def _writer() -> Actor | None:
    # Defence in depth: the gate already refused viewers and anonymous clients.
    actor = current_actor()
    return actor if actor is not None and actor.can_write else None


def _decode_upload(contents: object) -> bytes | None:
    """The bytes of a dcc.Upload `contents` data URL, or None when it is not one."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    header, _, data = contents.partition(",")
    if not header.startswith("data:") or not header.endswith(";base64"):
        return None
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None


def _file_name(filename: object) -> str:
    # The browser sends a bare name; keep it short and free of any path.
    name = posixpath.basename(str(filename or "upload").replace("\\", "/")).strip()
    return (name or "upload")[-200:]


def _problems_csv(result: ImportResult) -> bytes:
    rows = [[p.row, p.column or "", p.message] for p in result.problems]
    return table_file(["row", "column", "message"], rows, "csv")


def _problem_rows(result: ImportResult) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message) for p in result.problems]


def _counts(result: ImportResult) -> dict[str, int]:
    return {
        "rows": result.rows,
        "new": result.inserted,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


def _report(result: ImportResult, lang: str) -> list[Component]:
    """What the import skipped and flagged: the same lines `s3dash import` prints."""
    lines = report_lines(result, lang)
    if not lines:
        return []
    kind = "warning" if result.warnings_total else "info"
    return [html.Div([html.Div(line) for line in lines], className=f"alert alert-{kind}")]


def _unexpected(lang: str) -> Component:
    return page.message(t("error.unexpected", lang), "danger")


# --- callbacks -----------------------------------------------------------------------------


def register(app: Dash) -> None:
    """Wire the Data page's callbacks and the charts' data downloads on the internal app."""
    _register_upload(app)
    _register_publish_and_undo(app)
    _register_lists_and_exports(app)
    register_chart_downloads(app)


def _register_upload(app: Dash) -> None:
    @app.callback(
        Output(page.PREVIEW_ID, "children"),
        Output(page.PREVIEW_TOKEN_ID, "data"),
        Output(page.COMMIT_ID, "disabled"),
        Input(page.UPLOAD_ID, "contents"),
        Input(page.KIND_ID, "value"),
        State(page.UPLOAD_ID, "filename"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def preview_upload(
        contents: object, kind: object, filename: object, search: object
    ) -> tuple[Component | None, dict[str, str] | None, bool]:
        """When a file is dropped or the kind changes: validate it, write nothing."""
        lang = _view_lang(search)
        actor = _writer()
        if actor is None:
            return page.message(t("dm.denied", lang), "danger"), None, True
        if contents is None:
            return None, None, True
        if kind not in page.KINDS:
            problem = t("error.param", lang, detail=f"kind={str(kind)[:40]!r}")
            return page.message(problem, "danger"), None, True
        content = _decode_upload(contents)
        if content is None:
            return page.message(t("dm.preview.unreadable", lang), "danger"), None, True
        if len(content) > MAX_UPLOAD_BYTES:
            mb = MAX_UPLOAD_BYTES // (1024 * 1024)
            return page.message(t("dm.preview.too_large", lang, mb=mb), "danger"), None, True
        name = _file_name(filename)
        url = current_app.config["DATABASE_URL"]
        try:
            result = import_file(
                url, str(kind), content, name, dry_run=True, username=actor.username
            )
        except Exception:
            log.exception("preview of %s failed", name)
            return _unexpected(lang), None, True
        if not result.ok:
            view = page.problems_preview(name, _problem_rows(result), _problems_csv(result), lang)
            return html.Div([*_report(result, lang), view]), None, True
        frame, _ = read_table(str(kind), content, name)
        assert frame is not None  # the file was just read without a problem
        token = {"sha256": hashlib.sha256(content).hexdigest(), "kind": str(kind)}
        view = page.rows_preview(name, frame, result.actions, _counts(result), lang)
        report = _report(result, lang)
        return (html.Div([*report, view]) if report else view), token, False

    @app.callback(
        Output(page.COMMIT_RESULT_ID, "children"),
        Output(page.UPLOAD_ID, "contents"),
        Input(page.COMMIT_ID, "n_clicks"),
        State(page.UPLOAD_ID, "contents"),
        State(page.UPLOAD_ID, "filename"),
        State(page.KIND_ID, "value"),
        State(page.PREVIEW_TOKEN_ID, "data"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def commit_upload(
        n_clicks: object,
        contents: object,
        filename: object,
        kind: object,
        token: object,
        search: object,
    ) -> tuple[Component | NoUpdate, Any]:
        """On Import: validate the previewed file again and write it in one transaction."""
        lang = _view_lang(search)
        actor = _writer()
        if actor is None:
            return page.message(t("dm.denied", lang), "danger"), no_update
        if not n_clicks:
            return no_update, no_update
        content = _decode_upload(contents)
        if (
            content is None
            or len(content) > MAX_UPLOAD_BYTES
            or not isinstance(token, dict)
            or token.get("kind") != kind
            or token.get("sha256") != hashlib.sha256(content).hexdigest()
        ):
            return page.message(t("dm.commit.stale", lang), "warning"), no_update
        url = current_app.config["DATABASE_URL"]
        name = _file_name(filename)
        try:
            result = import_file(url, str(kind), content, name, username=actor.username)
        except Exception:
            log.exception("import of %s failed", name)
            return _unexpected(lang), no_update
        if not result.ok:
            count = result.problem_count
            refused = page.message(
                t("dm.commit.refused", lang, count=count, n=format_number(count, lang)), "danger"
            )
            problems = page.problems_preview(
                name, _problem_rows(result), _problems_csv(result), lang, prefix="data-commit"
            )
            return html.Div([refused, *_report(result, lang), problems]), no_update
        refresh_after_import(url, result)
        done = t("dm.commit.done", lang, batch=result.batch_id, **_counts(result))
        children = [page.message(done, "success"), *_report(result, lang)]
        if kind == "observations" and result.batch_id is not None:
            with request_session() as session:
                drafts = batch_drafts(session, result.batch_id)
            if drafts:
                children.append(page.message(t("dm.commit.drafts", lang), "info"))
        # Clearing the upload clears the preview and disables Import: no double import.
        return html.Div(children), None


def _register_publish_and_undo(app: Dash) -> None:
    @app.callback(
        Output(page.PUBLISH_RESULT_ID, "children"),
        Input(page.PUBLISH_ALL_ID, "n_clicks"),
        Input({"type": page.PUBLISH_TYPE, "index": ALL}, "n_clicks"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def publish_batch(
        all_clicks: object, batch_clicks: object, search: object
    ) -> Component | NoUpdate:
        """On Publish (one import's drafts) or Publish every draft: publish, in one go."""
        lang = _view_lang(search)
        actor = _writer()
        if actor is None:
            return page.message(t("dm.denied", lang), "danger")
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update  # a button re-rendered, not clicked
        batch_id: int | None = None
        if isinstance(trigger, dict):
            index = trigger.get("index")
            if not isinstance(index, int) or isinstance(index, bool) or index < 1:
                return page.message(t("error.param", lang, detail="batch"), "danger")
            batch_id = index
        elif trigger != page.PUBLISH_ALL_ID:
            return no_update
        url = current_app.config["DATABASE_URL"]
        try:
            result = publish_drafts(url, batch_id, actor.username)
        except ValueError:
            return page.message(t("dm.undo.missing", lang, batch=batch_id), "warning")
        except Exception:
            log.exception("publishing drafts of batch %s failed", batch_id)
            return _unexpected(lang)
        if not result.rows:
            return page.message(t("dm.publish.none", lang), "info")
        refresh_forecasts(url, result.forecast_codes)
        return page.message(t("dm.publish.done", lang, n=result.rows), "success")

    @app.callback(
        Output(page.UNDO_RESULT_ID, "children"),
        Input({"type": page.UNDO_TYPE, "index": ALL}, "submit_n_clicks"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def undo_import(clicks: object, search: object) -> Component | NoUpdate:
        """On a confirmed Undo: restore what that import replaced."""
        lang = _view_lang(search)
        actor = _writer()
        if actor is None:
            return page.message(t("dm.denied", lang), "danger")
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(trigger, dict):
            return no_update
        batch_id = trigger.get("index")
        if not isinstance(batch_id, int) or isinstance(batch_id, bool) or batch_id < 1:
            return page.message(t("error.param", lang, detail="batch"), "danger")
        url = current_app.config["DATABASE_URL"]
        try:
            result = undo_batch(url, batch_id, actor.username)
        except UndoRefused as refusal:
            reason = t(f"dm.undo.{refusal.reason}", lang, **refusal.params)
            return page.message(t("dm.undo.refused", lang, reason=reason), "warning")
        except Exception:
            log.exception("undo of batch %s failed", batch_id)
            return _unexpected(lang)
        refresh_forecasts(url, result.forecast_codes, result.funding_changed)
        return page.message(t("dm.undo.done", lang, batch=batch_id, rows=result.rows), "success")


def _register_lists_and_exports(app: Dash) -> None:
    @app.callback(
        Output(page.DRAFTS_ID, "children"),
        Output(page.HISTORY_ID, "children"),
        Output(page.VERSION_ID, "children"),
        Input(page.COMMIT_RESULT_ID, "children"),
        Input(page.PUBLISH_RESULT_ID, "children"),
        Input(page.UNDO_RESULT_ID, "children"),
        Input(revisions.page.ENTRY_RESULT_ID, "children"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def refresh_lists(
        _commit: object, _publish: object, _undo: object, _entry: object, search: object
    ) -> tuple[Component, Component, str]:
        """After an import, publish, undo or value entry: drafts, history and version anew."""
        lang = _view_lang(search)
        actor = current_actor()
        can_write = actor is not None and actor.can_write
        with request_session() as session:
            history = history_frame(session)
            drafts = drafts_frame(session)
        return (
            page.drafts_section(drafts, lang, can_write),
            page.history_section(history, lang, can_write),
            t("data.version", lang, v=request_data_version()),
        )

    @app.callback(
        Output(page.EXPORT_DOWNLOAD_ID, "data"),
        Output(page.EXPORT_MESSAGE_ID, "children"),
        Input({"type": page.EXPORT_TYPE, "kind": ALL, "fmt": ALL}, "n_clicks"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def export_table(
        _clicks: object, search: object
    ) -> tuple[dict[str, Any] | NoUpdate, Component | None | NoUpdate]:
        """On an export button: the whole table (drafts included) as CSV or XLSX."""
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(trigger, dict):
            return no_update, no_update
        kind, fmt = trigger.get("kind"), trigger.get("fmt")
        if not isinstance(kind, str) or not isinstance(fmt, str):
            return no_update, no_update
        if kind not in page.KINDS or fmt not in page.EXPORT_FORMATS:
            return no_update, no_update
        url = current_app.config["DATABASE_URL"]
        rows = export_rows(url, str(kind))
        if rows > MAX_PAGE_EXPORT_ROWS:
            # Built in memory within one web request: past this size it would take most of
            # the worker's timeout and gigabytes; the command line streams to a file.
            lang = _view_lang(search)
            message = t(
                "dm.export.too_large",
                lang,
                rows=format_number(rows, lang),
                limit=format_number(MAX_PAGE_EXPORT_ROWS, lang),
                kind=kind,
                fmt=fmt,
            )
            return no_update, html.Div(message, className="alert alert-warning")
        content = export(url, str(kind), str(fmt), public=False, lang=_view_lang(search))
        return dcc.send_bytes(content, f"s3monitor-{kind}.{fmt}", type=MEDIA[str(fmt)]), None


def register_chart_downloads(app: Dash) -> None:
    """One callback for every chart_block(download=...) of the internal app."""

    @app.callback(
        Output({"type": CHART_FILE_TYPE, "index": MATCH}, "data"),
        Input({"type": CHART_DOWNLOAD_TYPE, "index": MATCH, "fmt": ALL}, "n_clicks"),
        State({"type": CHART_DATA_TYPE, "index": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def download_chart_data(_clicks: object, data: object) -> dict[str, Any] | NoUpdate:
        """On a chart's CSV / XLSX button: its data as that file."""
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(trigger, dict):
            return no_update
        fmt, chart = trigger.get("fmt"), trigger.get("index")
        if not isinstance(fmt, str) or fmt not in MEDIA:
            return no_update
        if not isinstance(chart, str) or not isinstance(data, dict):
            return no_update
        columns, rows = data.get("columns"), data.get("data")
        if not isinstance(columns, list) or not isinstance(rows, list):
            return no_update
        if not all(isinstance(r, list) and len(r) == len(columns) for r in rows):
            return no_update
        cells = [[_plain(v) for v in r] for r in rows]
        content = table_file([str(c) for c in columns], cells, str(fmt))
        name = "".join(c if c.isalnum() or c in "-_" else "-" for c in chart)[:80] or "chart"
        return dcc.send_bytes(content, f"{name}.{fmt}", type=MEDIA[str(fmt)])


def _plain(value: object) -> str | int | float | None:
    # Store data come from the client: anything but a plain scalar becomes text.
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _view_lang(search: object) -> str:
    """The language of the page (`?lang=` in the URL), else the default."""
    return query_lang(search)


PAGE = PageRecord("/data", "nav.data", render, register)
