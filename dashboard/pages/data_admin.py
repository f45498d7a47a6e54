"""Data page: load files (preview, then import), publish drafts, undo imports, export.

Layout only: the callbacks in callbacks/data_admin.py fill the preview and re-render the
drafts and history sections with the functions below. Controls that change data are shown
to editors and admins only; the server refuses them to viewers anyway (auth.guard).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.components import Cell, data_table, page_header
from dashboard.i18n import format_date, format_number, known, t
from data.analysis.missing import is_missing

PAGE_PATH = "/data"

# Component ids (kebab-case, page prefix); pattern-matching ids as {"type": ..., ...}.
VERSION_ID = "data-version"
KIND_ID = "data-kind"
UPLOAD_ID = "data-upload"
PREVIEW_ID = "data-preview"
PREVIEW_TOKEN_ID = "data-preview-token"
COMMIT_ID = "data-commit"
COMMIT_RESULT_ID = "data-commit-result"
ROWS_TABLE_ID = "data-rows-table"
DRAFTS_ID = "data-drafts"
DRAFTS_TABLE_ID = "data-drafts-table"
PUBLISH_ALL_ID = "data-publish-all"
PUBLISH_TYPE = "data-publish"
PUBLISH_RESULT_ID = "data-publish-result"
HISTORY_ID = "data-history"
HISTORY_TABLE_ID = "data-history-table"
UNDO_TYPE = "data-undo"
UNDO_RESULT_ID = "data-undo-result"
EXPORT_TYPE = "data-export"
EXPORT_TABLE_ID = "data-export-table"
EXPORT_DOWNLOAD_ID = "data-export-download"
EXPORT_MESSAGE_ID = "data-export-message"

KINDS = ("observations", "indicators", "calls", "projects", "clusters", "ecosystems")
EXPORT_FORMATS = ("csv", "xlsx")
MAX_PROBLEMS_SHOWN = 1000
MAX_ROWS_SHOWN = 50


def layout(
    history: pd.DataFrame,
    drafts: pd.DataFrame,
    version: int,
    lang: str,
    can_write: bool,
    role_label: str,
    max_upload_mb: int,
    entry: Component | None = None,
) -> html.Div:
    """The whole page for one user: loading (writers only), drafts, history, exports.

    `entry` is the "enter a value" form (dashboard/pages/revisions.py), for writers.
    """
    children: list[Component] = [
        page_header(t("data.title", lang), t("dm.lead", lang)),
        html.P(t("data.version", lang, v=version), id=VERSION_ID, className="text-muted"),
    ]
    if can_write:
        children.append(load_section(lang, max_upload_mb))
        if entry is not None:
            children.append(entry)
    else:
        children.append(
            html.P(t("dm.viewer_note", lang, role=role_label), className="alert alert-info")
        )
    children += [
        html.H2(t("dm.drafts.title", lang), className="h4 mt-4"),
        html.Div(id=PUBLISH_RESULT_ID, role="status"),
        html.Div(drafts_section(drafts, lang, can_write), id=DRAFTS_ID),
        html.H2(t("data.history", lang), className="h4 mt-4"),
        html.P(t("dm.history.lead", lang), className="text-muted"),
        html.Div(id=UNDO_RESULT_ID, role="status"),
        html.Div(history_section(history, lang, can_write), id=HISTORY_ID),
        export_section(lang),
    ]
    return html.Div(children)


def load_section(lang: str, max_upload_mb: int) -> html.Section:
    """Kind, file drop zone, preview area and the import button."""
    options = [{"label": t(f"dm.kind.{kind}", lang), "value": kind} for kind in KINDS]
    return html.Section(
        [
            html.H2(t("dm.load.title", lang), className="h4"),
            html.Div(
                [
                    html.Label(t("dm.kind", lang), htmlFor=KIND_ID, className="form-label"),
                    dbc.Select(id=KIND_ID, options=options, value=KINDS[0]),
                ],
                className="mb-2 s3-data-kind",
            ),
            upload_zone(
                dcc.Upload(
                    id=UPLOAD_ID,
                    children=html.Span(t("dm.upload.prompt", lang), className="d-block mb-2"),
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                    max_size=max_upload_mb * 1024 * 1024,
                    multiple=False,
                    className="s3-upload border border-2 rounded p-4 text-center bg-light",
                    className_active="s3-upload border border-2 border-primary rounded p-4 "
                    "text-center bg-white",
                    className_reject="s3-upload border border-2 border-danger rounded p-4 "
                    "text-center bg-white",
                    # The label around it opens the file chooser (one chooser, not two).
                    disable_click=True,
                )
            ),
            html.P(t("dm.upload.help", lang, mb=max_upload_mb), className="small text-muted"),
            dcc.Loading(html.Div(id=PREVIEW_ID), type="dot"),
            dcc.Store(id=PREVIEW_TOKEN_ID),
            dbc.Button(t("dm.commit", lang), id=COMMIT_ID, disabled=True, className="mt-2"),
            dcc.Loading(html.Div(id=COMMIT_RESULT_ID, role="status", className="mt-2"), type="dot"),
        ],
        className="card card-body mb-3",
        **aria(label=t("dm.load.title", lang)),
    )


def upload_zone(upload: dcc.Upload) -> html.Label:
    """The drop zone inside a <label>, which names its file input.

    dcc.Upload lays a see-through file input over the zone, which took the keyboard focus
    unseen; assets/s3.css shows it as the browser's own file button, inside the zone.
    A click anywhere on the label opens the file chooser.
    """
    return html.Label(upload, className="s3-upload-label")


def _alert(text: str, kind: str) -> html.Div:
    return html.Div(text, className=f"alert alert-{kind} mt-2", role="alert")


def message(text: str, kind: str = "info") -> html.Div:
    """A short outcome message (kind: success, info, warning, danger)."""
    return _alert(text, kind)


def problems_preview(
    file_name: str,
    problems: Sequence[tuple[int | None, str | None, str]],
    csv_bytes: bytes,
    lang: str,
    prefix: str = "data",
) -> html.Div:
    """Every problem of a refused file, with row and column (the first 1000 on screen).

    `prefix` keeps the ids unique when the import itself lists problems under the preview.
    """
    shown = problems[:MAX_PROBLEMS_SHOWN]
    rows = [["" if r is None else str(r), c or "", m] for r, c, m in shown]
    children: list[Component] = [
        html.H3(t("dm.preview.title", lang, file=file_name), className="h5 mt-3"),
        _alert(t("dm.preview.problems", lang, n=len(problems)), "danger"),
    ]
    if len(problems) > len(shown):
        children.append(html.P(t("dm.preview.shown", lang, shown=len(shown), total=len(problems))))
    children += [
        html.A(
            t("dm.problems.download", lang),
            id=f"{prefix}-problems-link",
            href="data:text/csv;charset=utf-8;base64," + base64.b64encode(csv_bytes).decode(),
            download="problems.csv",
            className="d-inline-block mb-2",
        ),
        data_table(
            f"{prefix}-problems-table",
            t("dm.preview.problems_table", lang),
            [t("col.row", lang), t("col.column", lang), t("col.problem", lang)],
            rows,
            numeric=(0,),
        ),
    ]
    return html.Div(children)


def rows_preview(
    file_name: str,
    frame: pd.DataFrame,
    actions: dict[int, str],
    counts: dict[str, int],
    lang: str,
) -> html.Div:
    """A clean file: what importing it would do, and its first rows with their outcome."""
    shown = frame.head(MAX_ROWS_SHOWN)
    columns = [str(c) for c in shown.columns]
    rows: list[list[Any]] = []
    for number, record in zip(shown.index, shown.to_dict("records"), strict=True):
        action = actions.get(int(number), "unchanged")
        rows.append(
            [str(number), t(f"dm.action.{action}", lang), *(record[c] for c in shown.columns)]
        )
    children: list[Component] = [
        html.H3(t("dm.preview.title", lang, file=file_name), className="h5 mt-3"),
        _alert(t("dm.preview.ok", lang, **counts), "success"),
    ]
    if len(frame) > len(shown):
        children.append(html.P(t("dm.preview.shown", lang, shown=len(shown), total=len(frame))))
    children.append(
        data_table(
            ROWS_TABLE_ID,
            t("dm.preview.rows_table", lang),
            [t("col.row", lang), t("col.row_action", lang), *columns],
            rows,
            numeric=(0,),
        )
    )
    return html.Div(children)


def drafts_section(drafts: pd.DataFrame, lang: str, can_write: bool) -> Component:
    """Draft observations by import, each with Publish (writers), and Publish every draft."""
    if drafts.empty:
        return html.P(t("dm.drafts.none", lang), className="text-muted")
    total = int(drafts["drafts"].sum())
    rows = []
    for _, d in drafts.iterrows():
        batch = d["batch_id"]
        has_batch = pd.notna(batch)
        cells: list[Any] = [
            str(int(batch)) if has_batch else t("dm.drafts.no_batch", lang),
            d["file_name"] if has_batch else "",
            d["username"] if has_batch else "",
            format_date(d["created_at"], lang) if has_batch else "",
            format_number(int(d["drafts"]), lang),
        ]
        if can_write:
            cells.append(
                dbc.Button(
                    t("dm.publish", lang),
                    id={"type": PUBLISH_TYPE, "index": int(batch)},
                    size="sm",
                    color="primary",
                    outline=True,
                )
                if has_batch
                else ""
            )
        rows.append(cells)
    headers = [
        t("col.batch", lang),
        t("col.file", lang),
        t("col.user", lang),
        t("col.when", lang),
        t("col.drafts", lang),
    ]
    if can_write:
        headers.append(t("col.actions", lang))
    children: list[Component] = [
        html.P(t("dm.drafts.lead", lang, n=format_number(total, lang))),
        data_table(DRAFTS_TABLE_ID, t("dm.drafts.table", lang), headers, rows, numeric=(0, 4)),
    ]
    if can_write:
        children.append(dbc.Button(t("dm.publish_all", lang), id=PUBLISH_ALL_ID, color="primary"))
    return html.Div(children)


def _when(value: Any, lang: str) -> str:
    if is_missing(value):
        return ""
    stamp = pd.Timestamp(value)
    return f"{format_date(stamp.date(), lang)} {stamp.strftime('%H:%M')}"


def _file_cell(entry: pd.Series, lang: str) -> str:
    name = str(entry["file_name"])
    if entry["outcome"] == "published" and name == "*":
        return t("dm.all_drafts", lang)
    target = entry["target_batch_id"]
    if pd.notna(target):
        return f"{name} (n. {int(target)})"
    return name


def history_section(history: pd.DataFrame, lang: str, can_write: bool) -> Component:
    """The audit log: number, when, kind, file, SHA-256, who, rows, outcome (+ Undo)."""
    rows = []
    for _, b in history.iterrows():
        outcome = str(b["outcome"])
        key = f"dm.outcome.{outcome}"
        cells: list[Any] = [
            str(int(b["id"])),
            _when(b["created_at"], lang),
            b["kind"],
            _file_cell(b, lang),
            html.Code(str(b["sha256"])[:12], title=str(b["sha256"])) if b["sha256"] else "",
            b["username"],
            format_number(int(b["rows"]), lang),
            t(key, lang) if known(key) else outcome,
        ]
        if can_write:
            cells.append(_undo_button(b, lang) if bool(b["undoable"]) else "")
        rows.append(cells)
    headers = [
        t("col.batch", lang),
        t("col.when", lang),
        t("col.kind_import", lang),
        t("col.file", lang),
        t("col.sha256", lang),
        t("col.user", lang),
        t("col.rows", lang),
        t("col.outcome", lang),
    ]
    if can_write:
        headers.append(t("col.actions", lang))
    return data_table(HISTORY_TABLE_ID, t("data.history", lang), headers, rows, numeric=(0, 6))


def _undo_button(entry: pd.Series, lang: str) -> Component:
    batch = int(entry["id"])
    return dcc.ConfirmDialogProvider(
        html.Button(
            t("dm.undo", lang),
            type="button",
            className="btn btn-sm btn-outline-danger",
            title=t("dm.undo.label", lang, batch=batch),
            **aria(label=t("dm.undo.label", lang, batch=batch)),
        ),
        id={"type": UNDO_TYPE, "index": batch},
        message=t("dm.undo.confirm", lang, batch=batch, file=entry["file_name"]),
    )


def export_section(lang: str) -> html.Section:
    """A CSV and an XLSX download of every table, drafts included."""
    rows: list[list[Cell]] = [
        [
            t(f"dm.kind.{kind}", lang),
            html.Code(kind),
            html.Div(
                [
                    html.Button(
                        fmt.upper(),
                        id={"type": EXPORT_TYPE, "kind": kind, "fmt": fmt},
                        type="button",
                        className="btn btn-sm btn-outline-secondary me-2",
                        **aria(label=f"{t(f'dm.kind.{kind}', lang)} — {fmt.upper()}"),
                    )
                    for fmt in EXPORT_FORMATS
                ]
            ),
        ]
        for kind in KINDS
    ]
    return html.Section(
        [
            html.H2(t("dm.exports.title", lang), className="h4 mt-4"),
            html.P(t("dm.exports.lead", lang), className="text-muted"),
            data_table(
                EXPORT_TABLE_ID,
                t("dm.exports.table", lang),
                [t("col.table", lang), "KIND", t("col.download", lang)],
                rows,
            ),
            html.Div(id=EXPORT_MESSAGE_ID, role="status"),
            dcc.Download(id=EXPORT_DOWNLOAD_ID),
        ],
        **aria(label=t("dm.exports.title", lang)),
    )
