"""What a callback does when building its output fails: log it, and say it to the reader.

A database that does not answer is an outage, not a bug: it is logged as one warning a
minute (not a traceback per request) and the reader is told to retry in a moment. Anything
else is logged with its traceback and the reader gets a short "unexpected error".
"""

from __future__ import annotations

import logging

from dash import Dash, Input, Output, html

from callbacks.page_cache import spoil
from dashboard.apps import alert_id
from dashboard.components import failure_alert
from dashboard.i18n import t
from data.db import database_unavailable
from data.throttled_log import ThrottledWarning

log = logging.getLogger(__name__)
_database_down = ThrottledWarning(log)


def log_failure(error: BaseException, what: str) -> bool:
    """Log that `what` failed with `error`; True when the database is unavailable."""
    if database_unavailable(error):
        _database_down.warn("database unavailable (%s): %s", what, str(error).splitlines()[0])
        return True
    log.error("%s failed", what, exc_info=error)
    return False


def failure_content(error: BaseException, what: str, lang: str) -> html.Div:
    """Log the failure and return the message shown in place of the content (never kept)."""
    spoil()
    return failure_alert(log_failure(error, what), lang)


def failure_text(error: BaseException, what: str, lang: str) -> str:
    """Log the failure and return a form's one-line result: database down, or unexpected."""
    return t("error.unavailable" if log_failure(error, what) else "error.unexpected", lang)


def register_alert_reset(app: Dash, prefix: str) -> None:
    """Clear the app's service message whenever the URL changes (the page is rebuilt)."""
    app.clientside_callback(
        "function(href) { return null; }",
        Output(alert_id(prefix), "children"),
        Input(f"{prefix}-url", "href"),
    )
