"""Ecosystems page wiring: the frames every ecosystem is compared on, read through the cache.

No callbacks of its own: the page is a function of the URL (`?ecosystem=` focuses it).
"""

from __future__ import annotations

import pandas as pd
from dash.development.base_component import Component

from callbacks import loaders
from callbacks.page_record import PageRecord
from callbacks.params import ViewParams, shared_query
from dashboard.i18n import configured_lang, localized
from dashboard.pages import ecosystems
from data import geo, read_ahead
from data.analysis.ecosystems import comparison, provinces_by_ecosystem
from data.analysis.latest import with_latest
from data.analysis.scope import is_cross_cutting


def _indicators() -> pd.DataFrame:
    """Internal indicators with their latest value and its date (None when none yet)."""
    return with_latest(loaders.indicators(public=False), loaders.observations(public=False))


def page_data(view: ViewParams, default_lang: str) -> ecosystems.PageData:
    """Everything the page needs for `view` (the comparison is never filtered)."""
    sums = read_ahead.start(loaders.projects_by_ecosystem_read(public=False))  # meanwhile
    frame = loaders.ecosystems()
    column = localized("name", view.lang)
    # The S3 ecosystems first, the cross-cutting bucket last.
    last = frame["code"].map(is_cross_cutting).astype(bool)
    ordered = frame.assign(_last=last).sort_values(["_last", "sort_order"], kind="stable")
    codes = ordered["code"].tolist()
    clusters = loaders.clusters()
    calls = loaders.calls(public=False)
    indicators = _indicators()
    projects = sums()
    params = {k: v for k, v in shared_query(view, default_lang).items() if k != "ecosystem"}
    return ecosystems.PageData(
        ecosystems=list(zip(codes, ordered[column], strict=True)),
        comparison=comparison(codes, clusters, calls, indicators, projects),
        clusters=clusters,
        calls=calls,
        indicators=indicators,
        projects=projects,
        provinces=provinces_by_ecosystem(projects),
        province_names=geo.province_names(),
        lang=view.lang,
        focus=view.ecosystem,
        params=params,
    )


def render(view: ViewParams) -> Component:
    """Layout of the ecosystems page for this view."""
    return ecosystems.layout(page_data(view, configured_lang()))


PAGE = PageRecord("/ecosystems", "nav.ecosystems", render, filtered=True)
