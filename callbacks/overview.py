"""Overview page wiring: the indicators in scope, their assessments, the objective filter.

`attainment_data(view)` is shared with the indicators page and the report: the ecosystem
filter (shell) and the strategic-objective filter (`?objective=`, this page) select the
indicators, `data.analysis.attainment` assesses them with the configured bands.
"""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
from dash import Dash
from dash.development.base_component import Component

from callbacks import filtering, forecasts, loaders, revisions
from callbacks.bands import status_bands
from callbacks.page_cache import spoil
from callbacks.page_record import PageRecord
from callbacks.params import OBJECTIVE, ViewParams, view_query
from callbacks.url_picker import register_url_picker
from dashboard.i18n import configured_lang, t
from dashboard.pages import overview
from data.analysis.assessed import AssessedRows, Row, as_row
from data.analysis.attainment import BANDS_SETTING, StatusBands, assess_each, parse_bands
from data.cache import cached
from data.db import request_data_version
from data.settings import get_setting

log = logging.getLogger(__name__)
MAX_FILTER_VALUE = 300


def objectives(public: bool) -> list[str]:
    """The strategic objectives present in the database, in indicator order.

    Kept per data version: a short list is cheaper to read back than the indicators frame.
    """
    return cached(
        f"attainment-objectives:{public}", lambda: loaders.objectives(loaders.indicators(public))
    )


def _as_of(observations: pd.DataFrame) -> dt.date | None:
    known = observations.dropna(subset=["value"])
    if "status" in known.columns:
        known = known[known["status"] == "published"]
    if known.empty:
        return None
    latest = max(known["date"])
    return latest.date() if isinstance(latest, dt.datetime) else latest


def assessments_by_code(public: bool, bands: StatusBands) -> dict[str, Row]:
    """Every indicator's assessment, by code, computed once per data version and bands.

    An indicator's assessment reads its own definition and observations only, so a view's
    filters pick from these (tests/unit/test_attainment.py checks `assess_each` against
    each indicator assessed alone): a thousand indicators took ~13 ms a page to assess.
    Kept as rows (data/analysis/assessed.py): cheaper to read back from the cache.
    """

    def load() -> dict[str, Row]:
        indicators = loaders.indicators(public)
        every = assess_each(indicators, loaders.observations(public), bands)
        return dict(zip(indicators["code"].tolist(), map(as_row, every), strict=True))

    return cached(f"attainment-assessment-rows:{public}:{bands!r}", load)


def attainment_data(view: ViewParams, public: bool = False) -> overview.AttainmentData:
    """The indicators of the view (ecosystem and objective filters), assessed."""
    indicators, observations = filtering.indicators_and_observations(view, public=public)
    scope = []
    if view.ecosystem:
        names = loaders.ecosystem_names(view.lang)
        scope.append(t("att.scope.ecosystem", view.lang, name=names.get(view.ecosystem, "")))
    bands = status_bands()
    every = assessments_by_code(public, bands)
    objective = view.values.get(OBJECTIVE)
    if objective:
        indicators = indicators[indicators["objective"] == objective]
        observations = observations[observations["indicator_code"].isin(indicators["code"])]
        scope.append(t("att.scope.objective", view.lang, name=objective))
    return overview.AttainmentData(
        indicators=indicators,
        assessments=AssessedRows(every[code] for code in indicators["code"].tolist()),
        observations=observations,
        headlines=loaders.headlines(),
        bands=bands,
        data_version=request_data_version(),
        as_of=_as_of(observations),
        scope=scope,
    )


def render(view: ViewParams) -> Component:
    """Layout of the overview for this view."""
    data = attainment_data(view)
    params = view_query(view, configured_lang())
    return overview.layout(
        data,
        view.lang,
        params,
        objectives(public=False),
        view.values.get(OBJECTIVE),
        forecasts.trends_to_reverse(view, data.indicators),
        _context_strip(view),
        revisions.changes_section(
            view, dt.date.today(), "overview-changes", data.indicators["code"]
        ),
    )


def _context_strip(view: ViewParams) -> Component | None:
    # Late import: callbacks.context reads the loaders too. A failure costs the strip only.
    from callbacks import context

    try:
        default_lang = configured_lang()
        lang_only = {k: v for k, v in view_query(view, default_lang).items() if k == "lang"}
        return context.strip(lang_only, view.lang)
    except Exception:
        log.exception("the context strip failed")
        spoil()
        return None


def register(app: Dash) -> None:
    """Check the status bands now (a bad setting stops start-up); wire the objective filter.

    The filter writes `?objective=` and the router re-renders.
    """
    parse_bands(str(app.server.config.get(BANDS_SETTING, get_setting(BANDS_SETTING))))
    register_objective_filter(app, overview.OBJECTIVE_FILTER_ID)


def register_objective_filter(app: Dash, filter_id: str) -> None:
    """An objective filter (the overview's, the indicator list's) written into the URL."""
    register_url_picker(app, filter_id, OBJECTIVE, overview.ALL_OBJECTIVES, MAX_FILTER_VALUE)


PAGE = PageRecord("/", "nav.overview", render, register, filtered=True)
