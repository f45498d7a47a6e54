"""Public app wiring: the only callbacks the public app has, on published data only.

- `render_public_page`: the router. The URL (path and query) is validated here: the view
  must be one of dashboard/public.py's, an indicator code must be a published indicator's,
  `lang` must be it/en and `embed` must be 1; anything else is reported on the page (or
  gives "page not found"), never raised.
- `show_cluster_map`: the home page's "show the map" button.
- a clientside callback that sets `<html lang>` and the document title.

Every frame is read with `public=True` and filtered again by
`data.analysis.published.published_only`: no draft observation, unpublished indicator or
call, or synthetic row reaches this app. The public index is also trimmed here (see
`install_light_index`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
from dash import Dash, Input, Output, State, html
from dash._callback import NoUpdate
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask import has_request_context, request

from callbacks import first_paint, loaders
from callbacks.bands import status_bands
from callbacks.failures import failure_content, log_failure
from callbacks.page_cache import install_layout_cache, install_page_cache, keep, spoil
from dashboard import public
from dashboard import public_parts as parts
from dashboard.apps import shell
from dashboard.i18n import LANGS, configured_lang, localized, normalise_lang, t
from dashboard.pages.forecasts import trends_to_reverse_panel
from dashboard.public_context import CONTEXT_URL_ID
from data.analysis.attainment import assess_each
from data.analysis.published import public_outlooks, published_only
from data.analysis.scope import s3_ecosystems
from data.cache import cached

log = logging.getLogger(__name__)

MAX_PATH_LENGTH = 200
MAX_QUERY_LENGTH = 500
MAX_CODE_LENGTH = 100
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$")


# --------------------------------------------------------------------------- the address


def parse_query(search: object, default_lang: str) -> tuple[str, bool, list[str]]:
    """`?lang=en&embed=1` → (lang, embed, problems); bad parameters are listed, not raised."""
    lang = normalise_lang(default_lang)
    embed, problems = False, list[str]()
    if search is None or search == "":
        return lang, embed, problems
    if not isinstance(search, str) or len(search) > MAX_QUERY_LENGTH:
        return lang, embed, [f"query string not valid or longer than {MAX_QUERY_LENGTH}"]
    for name, values in parse_qs(search.lstrip("?"), keep_blank_values=True).items():
        value = values[-1]
        if name == parts.LANG and value in LANGS:
            lang = value
        elif name == parts.EMBED and value == "1":
            embed = True
        elif name == parts.PEERS:
            pass  # read by query_peers, checked against the known regions by the context view
        elif name in (parts.LANG, parts.EMBED):
            allowed = ", ".join(LANGS) if name == parts.LANG else "1"
            problems.append(f"{name}={value[:40]!r} (allowed: {allowed})")
        else:
            problems.append(f"unknown parameter {name[:40]!r}")
    return lang, embed, problems


def query_peers(search: object) -> str | None:
    """The raw `?peers=` of a query (None when absent).

    The context view checks the codes with the internal page's parser
    (dashboard.pages.context.parse_peers, through callbacks.context.load).
    """
    if not isinstance(search, str) or len(search) > MAX_QUERY_LENGTH:
        return None
    values = parse_qs(search.lstrip("?"), keep_blank_values=True).get(parts.PEERS)
    return values[-1] if values else None


def parse_path(pathname: object, indicator_codes: Collection[str]) -> tuple[str, str | None]:
    """The view named by a path under /public, and the indicator code of a card view."""
    if not isinstance(pathname, str) or len(pathname) > MAX_PATH_LENGTH:
        return parts.NOT_FOUND, None
    if pathname != parts.PUBLIC_PATH and not pathname.startswith(parts.PUBLIC_PATH + "/"):
        return parts.NOT_FOUND, None
    pieces = [piece for piece in pathname[len(parts.PUBLIC_PATH) :].split("/") if piece]
    if not pieces:
        return parts.HOME, None
    if len(pieces) == 1 and pieces[0] in parts.SECTION_VIEWS:
        return pieces[0], None
    if len(pieces) == 2 and pieces[0] == parts.INDICATOR:
        code = pieces[1]
        if len(code) <= MAX_CODE_LENGTH and code in indicator_codes:
            return parts.INDICATOR, code
    return parts.NOT_FOUND, None


def request_origin() -> str:
    """`scheme://host` of the current request, for the embed snippets ("" when unsafe)."""
    if not has_request_context():
        return ""
    host = request.host
    if not _HOST.fullmatch(host):
        return ""
    return f"{request.scheme}://{host}"


def parse_view(
    pathname: object, search: object, default_lang: str, indicator_codes: Collection[str]
) -> parts.PublicView:
    """The validated view of a URL."""
    lang, embed, problems = parse_query(search, default_lang)
    name, code = parse_path(pathname, indicator_codes)
    return parts.PublicView(
        name=name,
        code=code,
        lang=lang,
        embed=embed,
        default_lang=normalise_lang(default_lang),
        origin=request_origin(),
        problems=tuple(problems),
        peers=query_peers(search) if name == parts.CONTEXT else None,
    )


# --------------------------------------------------------------------------- the data


def _outlooks(indicators: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    # Reads every series once per data version; the runs themselves are cached too.
    return cached(
        "public-outlooks",
        lambda: public_outlooks(indicators, observations, loaders.forecast_runs()),
    )


def cluster_map(lang: str) -> Component:
    """The clusters page's headquarters map block, on every (public) cluster."""
    try:
        from callbacks.clusters import province_shapes
        from dashboard.pages import clusters as clusters_page
        from data import geo

        frame = loaders.clusters()
        ecosystems = loaders.ecosystems()
        column = localized("name", lang)
        s3 = s3_ecosystems(ecosystems)
        data = clusters_page.PageData(
            clusters=frame,
            all_clusters=frame,
            ecosystems=list(zip(s3["code"], s3[column], strict=True)),
            ecosystem_names=loaders.ecosystem_names(lang),
            provinces=geo.provinces_frame(),
            geojson=geo.provinces_geojson(),
            # The public map shows clusters only: no project data (which may be synthetic).
            project_sums=lambda: pd.DataFrame(columns=["province_code", "projects", "funding_eur"]),
            lang=lang,
            shapes=province_shapes(),
        )
        # A figure of focusable markers, without links: the public page has no cards.
        block: Component = clusters_page.map_block(data)
        return block
    except Exception:
        log.exception("the public cluster map failed")
        spoil()
        return html.P(t("pub.map.unavailable", lang))


def load_data(lang: str) -> parts.PublicData:
    """Every published frame the views draw from (cached per data version)."""
    indicators, observations = published_only(loaders.indicators(True), loaders.observations(True))
    bands = status_bands()
    return parts.PublicData(
        indicators=indicators.reset_index(drop=True),
        observations=observations.reset_index(drop=True),
        assessments=assess_each(indicators, observations, bands),
        outlooks=_outlooks(indicators, observations),
        calls=loaders.calls(True),
        ecosystems=loaders.ecosystems(),
        clusters=loaders.clusters(),
        bands=bands,
        trends_panel=trends_to_reverse_panel,
        cluster_map=lambda: cluster_map(lang),
        context=context_data,
    )


def context_data(peers: str | None = None) -> object:
    """The context view's data for a raw `?peers=` (None: the default peers).

    Loaded and checked by the internal page's loader (late import: it reads the loaders too).
    """
    from callbacks import context
    from callbacks.params import ViewParams

    return context.load(ViewParams(values={} if peers is None else {parts.PEERS: peers}))


# --------------------------------------------------------------------------- rendering

Rendered = tuple[list[Component], Component, Component, str, str, str]
# What the router renders from the URL, in `Rendered`'s order: (component id, property).
ROUTED = (
    ("public-header", "children"),
    ("public-content", "children"),
    ("public-footer", "children"),
    ("public-lang-sink", "lang"),
    ("public-lang-sink", "title"),
    ("public-skip", "children"),
)


def render(pathname: object, search: object, default_lang: str) -> Rendered:
    """Header, content, footer, language, document title and skip-link text of a URL."""
    try:
        published, _ = published_only(loaders.indicators(True), loaders.observations(True))
        codes = published["code"].tolist()
    except Exception as error:  # database down: still answer, in the right language
        log_failure(error, "loading the published indicators")
        spoil()
        codes = []
    view = parse_view(pathname, search, default_lang, codes)
    data: parts.PublicData | None = None
    try:
        data = load_data(view.lang)
        content = public.layout(data, view)
    except Exception as error:  # the reader gets a message; the log gets the detail
        content = failure_content(error, f"rendering the public view {view.name}", view.lang)
    else:
        # A known view with valid parameters may be kept; `?peers=` (any text) never is.
        if view.name != parts.NOT_FOUND and not view.problems and view.peers is None:
            keep()
    return (
        public.header(view),
        content,
        public.footer(view),
        view.lang,
        public.page_title(view, data),
        t("app.skip", view.lang),
    )


def install_light_index(app: Dash, default_lang: str) -> None:
    """Trim the public index: only html/dcc bundles, `<html lang>` from `?lang`, <noscript>.

    Wraps the instance's `interpolate_index` (Dash's documented hook for the index page);
    the internal app is untouched.
    """
    original = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        lang = request.args.get(parts.LANG, default_lang) if has_request_context() else ""
        lang = lang if lang in LANGS else normalise_lang(default_lang)
        kwargs["scripts"] = public.slim_scripts(kwargs.get("scripts", ""))
        kwargs["app_entry"] = kwargs.get("app_entry", "") + public.noscript(lang)
        return public.index_lang(original(**kwargs), lang)

    # Dash's documented hook for the index page; mypy reads any method assignment as an error.
    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]


def install_router_cache(app: Dash) -> None:
    """Serve the public router's, map button's and first paint's kept answers (install last).

    Every reader gets the same answer for a view (the host is part of the key).
    """
    install_page_cache(app, "public-content.children", lambda values: "public")
    install_page_cache(app, f"{parts.MAP_SLOT_ID}.children", lambda values: "public")
    install_layout_cache(app, first_paint.asking_page(app), lambda values: "public")


def register(app: Dash) -> None:
    """Wire the public app: router, map button, document language and title, light index."""
    default_lang = configured_lang(app.server.config)
    install_light_index(app, default_lang)

    # The view asking for the layout comes rendered in it (no router round trip to draw).
    first_paint.install_layout(
        app,
        lambda: shell("public"),
        ROUTED,
        lambda pathname, search: render(pathname, search, default_lang),
        "public",
    )

    @app.callback(
        *first_paint.outputs("public", ROUTED),
        Input("public-url", "pathname"),
        Input("public-url", "search"),
        first_paint.state("public"),
    )
    def render_public_page(pathname: object, search: object, rendered: object) -> tuple[Any, ...]:
        """On every URL change of the public app: header, view, footer, language, title."""
        return first_paint.answer(
            rendered, pathname, search, lambda: render(pathname, search, default_lang), len(ROUTED)
        )

    @app.callback(
        Output(parts.MAP_SLOT_ID, "children"),
        Output(parts.MAP_STATUS_ID, "children"),
        Input(parts.MAP_BUTTON_ID, "n_clicks"),
        State("public-url", "search"),
        prevent_initial_call=True,
    )
    def show_cluster_map(n_clicks: object, search: object) -> tuple[Component, str]:
        """When the map button is pressed (once): draw the cluster map below it."""
        if not isinstance(n_clicks, int) or isinstance(n_clicks, bool) or n_clicks != 1:
            raise PreventUpdate
        lang, _, problems = parse_query(search, configured_lang())
        if not problems:
            keep()  # the same map for every reader of this language (callbacks/page_cache.py)
        return cluster_map(lang), t("pub.map.shown", lang)

    @app.callback(
        Output(parts.CONTEXT_REGIONS_LIST_ID, "children"),
        Input(parts.CONTEXT_ADD_INPUT_ID, "value"),
        State("public-url", "search"),
        prevent_initial_call=True,
    )
    def suggest_public_context_regions(text: object, search: object) -> list[Component]:
        """As the reader types in the public add box: the matching regions, as suggestions."""
        from callbacks import context

        return context.suggestions(text, search)

    @app.callback(
        Output(CONTEXT_URL_ID, "search"),
        Output(parts.CONTEXT_ADD_MESSAGE_ID, "children"),
        Input(parts.CONTEXT_ADD_BUTTON_ID, "n_clicks"),
        Input(parts.CONTEXT_ADD_INPUT_ID, "n_submit"),
        State(parts.CONTEXT_ADD_INPUT_ID, "value"),
        State("public-url", "search"),
        prevent_initial_call=True,
    )
    def add_public_context_region(
        _clicks: object, _submits: object, text: object, search: object
    ) -> tuple[str | NoUpdate, str]:
        """On "Add" (or Enter) on the public context view: the region into `?peers=`."""
        from callbacks import context

        return context.add_region(text, search)

    app.clientside_callback(
        """function (lang, title) {
            if (lang) { document.documentElement.lang = lang; }
            if (title) { document.title = title; }
            return true;
        }""",
        Output("public-lang-sink", "hidden"),
        Input("public-lang-sink", "lang"),
        Input("public-lang-sink", "title"),
    )
