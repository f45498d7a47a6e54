"""Internal app routing: URL → header, page content and footer, in the URL's language.

The URL holds the whole view (`?lang=en&ecosystem=sostenibilita`): the ecosystem filter
writes its value into the URL, and every page re-renders from the URL, so a filtered view
can be bookmarked and shared and the filter survives navigation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash, Input, Output, State, no_update
from dash._callback import NoUpdate
from dash.development.base_component import Component
from flask import session as flask_session

from auth import current_actor
from auth.ui import header_notices
from auth.views import CSRF_KEY
from callbacks import (
    clusters,
    context,
    data_admin,
    ecosystems,
    first_paint,
    forecasts,
    funding,
    indicators,
    loaders,
    overview,
    report,
    revisions,
)
from callbacks.failures import failure_content, log_failure
from callbacks.page_cache import install_layout_cache, install_page_cache, keep
from callbacks.page_record import PageRecord
from callbacks.params import (
    ECOSYSTEM,
    ViewParams,
    filter_search,
    shared_query,
    view_query,
)
from callbacks.view import read_view
from dashboard import lazy_graph
from dashboard.apps import shell
from dashboard.components import (
    ALL_ECOSYSTEMS,
    ecosystem_filter,
    footer,
    navbar,
    page_header,
    param_alert,
    synthetic_banner,
)
from dashboard.i18n import configured_lang, t
from data.cache import cached
from data.db import request_reader
from data.queries import has_synthetic_data

log = logging.getLogger(__name__)

# The internal pages in menu order; everything the shell needs of a page is in its record.
PAGE_RECORDS: tuple[PageRecord, ...] = (
    overview.PAGE,
    indicators.PAGE,
    funding.PAGE,
    ecosystems.PAGE,
    clusters.PAGE,
    forecasts.PAGE,
    context.PAGE,
    data_admin.PAGE,
    report.PAGE,
)
PAGES: dict[str, Callable[[ViewParams], Component]] = {p.path: p.render for p in PAGE_RECORDS}
NAV: tuple[tuple[str, str], ...] = tuple(
    (p.path, p.nav_label) for p in PAGE_RECORDS if p.nav_label is not None
)
# Pages whose content follows the ecosystem filter (the filter is shown only there).
FILTERED_PAGES = frozenset(p.path for p in PAGE_RECORDS if p.filtered)
# The live state of the pages that show some beyond the data version (callbacks/page_cache.py).
LIVE_STATE: dict[str, Callable[[], str]] = {
    p.path: p.live for p in PAGE_RECORDS if p.live is not None
}
FILTER_ID = "shell-ecosystem-filter"
# What the router renders from the URL: (component id, property).
ROUTED = (
    ("shell-header", "children"),
    ("shell-content", "children"),
    ("shell-footer", "children"),
    ("shell-lang-sink", "lang"),
    ("shell-skip", "children"),
)


def _synthetic_loaded() -> bool:
    def check() -> bool:
        with request_reader() as session:
            return has_synthetic_data(session)

    return cached("synthetic-loaded", check)


def render_view(
    path: str,
    search: object,
    default_lang: str,
    pages: Mapping[str, Callable[[ViewParams], Component]],
    watermark: bool,
) -> tuple[ViewParams, list[Component], bool]:
    """The validated view, the page children for a URL and whether all went well; never raises.

    All went well: a known page, every parameter valid, rendered without a failure.
    """
    children: list[Component] = []
    # The public app (no watermark) may only confirm published indicators.
    view = read_view(search, default_lang, public=not watermark)
    alert = param_alert(view.problems, view.lang)
    if alert is not None:
        children.append(alert)
    page = pages.get(path)
    if page is None:
        children.append(page_header(t("notfound.title", view.lang), t("notfound.body", view.lang)))
        return view, children, False
    try:
        if watermark and _synthetic_loaded():
            children.append(synthetic_banner(view.lang))
        children.append(page(view))
    except Exception as error:  # the user gets a message; the log gets the detail
        children.append(failure_content(error, f"rendering {path}", view.lang))
        return view, children, False
    return view, children, not view.problems


def _header(path: str, view: ViewParams, default_lang: str) -> list[Component]:
    params = view_query(view, default_lang)
    # Who is logged in (with logout), or the "login disabled" banner in development.
    header: list[Component] = [*header_notices(view.lang)]
    # Links to other pages keep the language and the filter only (page-specific parameters
    # such as `cluster` or `call` mean nothing elsewhere); the language switch keeps all.
    shared = shared_query(view, default_lang)
    header.append(navbar("/", NAV, path, params, view.lang, link_params=shared))
    if path in FILTERED_PAGES:
        names = loaders.ecosystem_names(view.lang)
        header.append(ecosystem_filter(FILTER_ID, list(names.items()), view.ecosystem, view.lang))
    return header


def page_path(pathname: object) -> str:
    """The page a URL path names: without a trailing slash; anything but text is home."""
    return (pathname if isinstance(pathname, str) else "/").rstrip("/") or "/"


def reader(values: list[Any]) -> str:
    """Who reads an internal page and what live state it shows (the page cache's key).

    The header names the user and carries the session's logout token; the content follows
    the role; `values` are the router's (path, query).
    """
    actor = current_actor()
    if actor is None:
        return ""
    who = f"{actor.username}:{actor.role}:{actor.name}:{flask_session.get(CSRF_KEY, '')}"
    live = LIVE_STATE.get(page_path(values[0] if values else None))
    return who if live is None else f"{who}:{live()}"


def install_router_cache(app: Dash) -> None:
    """Serve the router's and the first paint's kept answers (install after every other hook)."""
    install_page_cache(app, "shell-content.children", reader)
    install_layout_cache(app, first_paint.asking_page(app), reader)


def register(app: Dash) -> None:
    """Wire the internal app's router, the ecosystem filter and the pages' own callbacks."""
    default_lang = configured_lang(app.server.config)
    for page in PAGE_RECORDS:
        if page.register is not None:
            page.register(app)
    # The value-entry and revision forms: a part of the /data and /indicators pages.
    revisions.register(app)
    # Charts drawn when reached (/funding, /forecasts, /context).
    lazy_graph.register(app)

    def render_address(pathname: object, search: object) -> tuple[Any, ...]:
        # Anything but text (a forged request) is the home page, like an empty path.
        path = page_path(pathname)
        view, children, clean = render_view(path, search, default_lang, PAGES, watermark=True)
        try:
            header = _header(path, view, default_lang)
        except Exception as error:
            log_failure(error, "rendering the header")
            header, clean = [], False
        if clean:
            keep()
        return header, children, footer(view.lang), view.lang, t("app.skip", view.lang)

    # The page asking for the layout comes rendered in it (no router round trip to draw).
    first_paint.install_layout(app, lambda: shell("shell"), ROUTED, render_address, "shell")

    @app.callback(
        *first_paint.outputs("shell", ROUTED),
        Input("shell-url", "pathname"),
        Input("shell-url", "search"),
        first_paint.state("shell"),
    )
    def render_page(pathname: object, search: object, rendered: object) -> tuple[Any, ...]:
        """On every URL change: navigation, filter, page and footer (the layout's own first)."""
        return first_paint.answer(
            rendered, pathname, search, lambda: render_address(pathname, search), len(ROUTED)
        )

    @app.callback(
        Output("shell-url", "search"),
        Input(FILTER_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def apply_ecosystem_filter(value: object, search: object) -> str | NoUpdate:
        """When the filter changes: write it into the URL (the router re-renders)."""
        new_search = filter_search(value, search, ECOSYSTEM, ALL_ECOSYSTEMS)
        return no_update if new_search is None else new_search

    app.clientside_callback(
        "function(lang) { if (lang) { document.documentElement.lang = lang; } return lang; }",
        Output("shell-lang-sink", "title"),
        Input("shell-lang-sink", "lang"),
    )
