"""What a client gets when a request fails: the database down, or an unexpected error.

- **Database unreachable** (`data.db.database_unavailable`): "data temporarily
  unavailable, retry", translated, in the form the client understands. A Dash callback
  gets an ordinary callback answer that leaves its outputs alone and writes the message
  into the app's alert area (`<prefix>-alert`), so the page never goes silent; the API and
  other JSON clients get 503 with `Retry-After`; a page gets a small HTML page, 503 too.
  Nothing needs restarting: the connection pool reconnects at the next request.
- **Anything else**: 500 with a short message; the traceback goes to the log only.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from html import escape
from typing import Any
from urllib.parse import parse_qs

from dash.development.base_component import Component
from flask import Flask, Response, jsonify, request
from flask.typing import ResponseReturnValue
from plotly.io.json import to_json_plotly
from sqlalchemy.exc import DBAPIError

from dashboard.components import failure_alert
from dashboard.i18n import LANGS, configured_lang, t
from data.db import database_unavailable
from data.throttled_log import ThrottledWarning

log = logging.getLogger(__name__)
_database_down = ThrottledWarning(log)
RETRY_AFTER_S = 10
CALLBACK_SUFFIX = "_dash-update-component"

_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>S3 Monitor</title>
<link rel="stylesheet" href="/public/assets/00-bootstrap-5.3.9.min.css"></head>
<body class="bg-light"><main class="container" style="max-width: 40rem">
<h1 class="h3 mt-4">S3 Monitor</h1>
<div class="alert alert-warning" role="alert"><p>{message}</p>
<a class="alert-link" href="">{retry}</a></div></main></body></html>"""


def request_lang() -> str:
    """The language of the current request: `?lang=`, a callback's URL, or the default."""
    lang = request.args.get("lang") or request.form.get("lang")
    if lang in LANGS:
        return str(lang)
    body = request.get_json(silent=True) if request.is_json else None
    if isinstance(body, dict):
        for item in [*_items(body.get("inputs")), *_items(body.get("state"))]:
            if item.get("property") == "search" and isinstance(item.get("value"), str):
                found = parse_qs(item["value"].lstrip("?")).get("lang", [""])[-1]
                if found in LANGS:
                    return found
    return configured_lang()


def _items(value: Any) -> list[dict[str, Any]]:
    # Inputs are a list of {id, property, value}, or of lists of them (pattern matching).
    items: list[dict[str, Any]] = []
    for entry in value if isinstance(value, list) else []:
        group = entry if isinstance(entry, list) else [entry]
        items.extend(e for e in group if isinstance(e, dict))
    return items


def unavailable_json() -> Response:
    """503 in the API's error shape, with Retry-After."""
    _note_outage()
    body = json.dumps({"error": {"message": t("error.unavailable", "en")}})
    response = Response(body, status=503, mimetype="application/json")
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def unavailable_page(lang: str) -> Response:
    """503 as a small HTML page in `lang`."""
    _note_outage()
    html = _PAGE.format(
        lang=lang,
        message=escape(t("error.unavailable", lang)),
        retry=escape(t("error.retry", lang)),
    )
    response = Response(html, status=503, mimetype="text/html")
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    response.headers["Cache-Control"] = "no-store"
    return response


def callback_message(alert_id: str, content: Component) -> Response:
    """A Dash callback answer that updates no output and shows `content` in `alert_id`.

    The Dash renderer only reads a 200 answer: any other status would leave the page
    silently as it was, which is what this answer exists to avoid.
    """
    body = {"multi": True, "response": {}, "sideUpdate": {alert_id: {"children": content}}}
    response = Response(to_json_plotly(body), status=200, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def _note_outage() -> None:
    _database_down.warn("database unavailable: answering %s with a retry message", request.path)


def install_error_pages(server: Flask, callback_alerts: Mapping[str, str]) -> None:
    """Answer failures with a message; `callback_alerts` maps an app's URL prefix to its alert id.

    Blueprints with handlers of their own (the API) answer in their own shape first.
    """
    callbacks = {prefix + CALLBACK_SUFFIX: alert for prefix, alert in callback_alerts.items()}

    @server.errorhandler(DBAPIError)
    def database_error(error: DBAPIError) -> ResponseReturnValue:
        if not database_unavailable(error):
            log.error("database error on %s %s", request.method, request.path, exc_info=error)
            return jsonify(error="internal error: the problem has been logged"), 500
        alert = callbacks.get(request.path)
        if alert is not None:
            _note_outage()
            return callback_message(alert, failure_alert(True, request_lang()))
        if request.accept_mimetypes.accept_html and request.method in ("GET", "HEAD", "POST"):
            return unavailable_page(request_lang())
        return unavailable_json()

    @server.errorhandler(500)
    def internal_error(_error: Exception) -> ResponseReturnValue:
        return jsonify(error="internal error: the problem has been logged"), 500
