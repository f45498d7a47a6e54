"""Context page wiring: load the Eurostat context series (cached), render, add a region.

`render(view)` reads `?measure=` (checked by callbacks.params) and `?peers=` (checked here
against the loaded regions: unknown codes are named, never raised), loads through
data.context and the stored forecasts, and lays the page out. The laid-out page is kept
per data version and view (`page_key`): a view drawn since the last import costs one cache
read instead of ~30 ms of pandas and layout (bench/bench_context.py).

`add_context_region` turns the text typed in the add box (a NUTS code or a name) into a
code and writes it into the URL, so the router re-renders and the view stays shareable.
"""

from __future__ import annotations

import json
import unicodedata
from urllib.parse import parse_qs

import pandas as pd
from dash import Dash, Input, Output, State, no_update
from dash._callback import NoUpdate
from dash.development.base_component import Component

from callbacks import loaders
from callbacks.page_record import PageRecord
from callbacks.params import ViewParams, view_query
from dashboard import lazy_graph
from dashboard.i18n import LANGS, configured_lang, query_lang, t
from dashboard.pages import context as page
from data import context
from data.cache import cached
from data.db import request_reader

MAX_TEXT = 100


def regions() -> pd.DataFrame:
    """Every region with a context value: code, stored name, NUTS level (cached)."""

    def run() -> pd.DataFrame:
        with request_reader() as session:
            return context.regions_frame(session)

    return cached("context-regions", run)


def series(codes: list[str]) -> pd.DataFrame:
    """Every measure's values for these regions (cached per region set)."""

    def run() -> pd.DataFrame:
        with request_reader() as session:
            return context.series_frame(session, regions=codes)

    return cached(f"context-series:{','.join(codes)}", run)


def ranks() -> pd.DataFrame:
    """Lombardy's yearly NUTS-2 rank for every measure (counted in SQL, cached)."""

    def run() -> pd.DataFrame:
        with request_reader() as session:
            return context.rank_frame(session)

    return cached("context-ranks", run)


def extracted(frame: pd.DataFrame) -> str:
    """The extraction date(s) of the shown values, as the source states them."""
    dates = sorted({str(d) for d in frame.get("extracted", pd.Series(dtype=str)) if d})
    return ", ".join(dates)


def view_peers(view: ViewParams, known: pd.DataFrame) -> tuple[list[str], tuple[str, ...]]:
    """The view's peers (known codes) and the unknown `?peers=` codes, each cut to 20."""
    peers, unknown = page.parse_peers(view.values.get(page.PEERS), known["code"].tolist())
    return peers, tuple(c[:20] for c in unknown)


def load(view: ViewParams) -> page.ContextData | None:
    """What the page shows for this view; None when no context series is loaded."""
    known = regions()
    if known.empty:
        return None
    peers, unknown = view_peers(view, known)
    codes = page.compared(peers)
    frame = series(codes)
    return page.ContextData(
        measure=view.values.get(page.MEASURE, context.GERD_PC_GDP),
        peers=peers,
        series=frame,
        ranks=ranks(),
        runs=loaders.forecast_runs(),
        points=loaders.forecast_points(),
        regions=known,
        extracted=extracted(frame),
        problems=unknown,
        memo=cached,
    )


def page_key(view: ViewParams, params: dict[str, str], known: pd.DataFrame) -> str:
    """The cache name of the page this view draws: everything the layout depends on.

    Bounded whatever the URL: the measure and the other parameters are checked values,
    the peers at most page.MAX_PEERS codes (unknown ones cut to 20 characters).
    """
    peers, unknown = view_peers(view, known)
    measure = view.values.get(page.MEASURE, context.GERD_PC_GDP)
    parts = [measure, peers, unknown, sorted(params.items()), view.lang]
    return "context-page:" + json.dumps(parts, separators=(",", ":"))


def render(view: ViewParams) -> Component:
    """Layout of the context page for this view (kept per data version and view)."""
    default_lang = configured_lang()
    # Links carry the language and the ecosystem filter; each sets measure and peers itself.
    params = {
        k: v
        for k, v in view_query(view, default_lang).items()
        if k not in (page.PEERS, page.MEASURE)
    }
    known = regions()
    if known.empty:
        return page.layout(None, params, view.lang)
    return cached(page_key(view, params, known), lambda: page.layout(load(view), params, view.lang))


def strip(params: dict[str, str], lang: str) -> Component | None:
    """The overview's context strip (None when no context series is loaded)."""
    if regions().empty:
        return None
    return page.context_strip(series([context.LOMBARDY, context.EU]), ranks(), params, lang)


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


def find_region(text: str, known: pd.DataFrame) -> str | None:
    """The code of the region `text` names: its NUTS code, or its name in either language.

    A name matches exactly (accents and case aside), else as the start of exactly one name.
    """
    wanted = _fold(text)
    if not wanted:
        return None
    codes = known["code"].tolist()
    by_code = {c.casefold(): c for c in codes}
    if wanted.replace(" ", "") in by_code:
        return by_code[wanted.replace(" ", "")]
    names: dict[str, set[str]] = {}
    for code, stored in zip(known["code"], known["name"], strict=True):
        for lang in LANGS:
            names.setdefault(_fold(context.region_label(code, lang, str(stored))), set()).add(code)
    if wanted in names and len(names[wanted]) == 1:
        return next(iter(names[wanted]))
    starts = {c for name, found in names.items() if name.startswith(wanted) for c in found}
    return next(iter(starts)) if len(starts) == 1 else None


MAX_SUGGESTIONS = 12


def suggestions(text: object, search: object) -> list[Component]:
    """The datalist <option>s for what the reader has typed.

    The regions whose code or name (in either language) contains it, at most MAX_SUGGESTIONS.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return []
    lang = query_lang(search)
    wanted = _fold(text)
    known = regions()
    found = [
        code
        for code, stored in zip(known["code"], known["name"], strict=True)
        if wanted in code.casefold()
        or any(wanted in _fold(context.region_label(code, x, str(stored))) for x in LANGS)
    ]
    return page.region_options(found[:MAX_SUGGESTIONS], known, lang)


def search_with_peer(search: str | None, code: str) -> str:
    """`search` with `code` appended to its peers (the default peers when there were none)."""
    params = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
    current = params.get(page.PEERS)
    peers = (
        list(context.DEFAULT_PEERS)
        if current is None
        else [c for c in current.split(",") if c.strip()]
    )
    if code not in peers:
        peers.append(code)
    params[page.PEERS] = ",".join(peers[: page.MAX_PEERS])
    return "?" + "&".join(f"{k}={v}" for k, v in params.items())


def add_region(text: object, search: object) -> tuple[str | NoUpdate, str]:
    """The new `?…` with the region `text` names among the peers, or why none matches.

    Shared by the internal and the public add-a-region boxes.
    """
    query = search if isinstance(search, str) and len(search) <= 2000 else ""
    lang = query_lang(query)
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return no_update, ""
    code = find_region(text, regions())
    if code is None:
        return no_update, t("ctx.add.unknown", lang, text=text.strip()[:MAX_TEXT])
    return search_with_peer(query, code), ""


def register(app: Dash) -> None:
    """Wire the add-a-region box of the context page and its charts drawn on reaching them."""
    lazy_graph.register(app)

    @app.callback(
        Output(page.REGIONS_LIST_ID, "children"),
        Input(page.ADD_INPUT_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def suggest_context_regions(text: object, search: object) -> list[Component]:
        """As the reader types in the add box: the regions that match, as suggestions."""
        return suggestions(text, search)

    @app.callback(
        Output(page.URL_ID, "search"),
        Output(page.ADD_MESSAGE_ID, "children"),
        Input(page.ADD_BUTTON_ID, "n_clicks"),
        Input(page.ADD_INPUT_ID, "n_submit"),
        State(page.ADD_INPUT_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def add_context_region(
        _clicks: object, _submits: object, text: object, search: object
    ) -> tuple[str | NoUpdate, str]:
        """On "Add" (or Enter): put the named region into `?peers=`, or say none matches."""
        return add_region(text, search)


PAGE = PageRecord("/context", "nav.context", render, register)
