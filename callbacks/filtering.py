"""The view's ecosystem scope (data.analysis.scope) applied to the cached frames."""

from __future__ import annotations

import pandas as pd

from callbacks import loaders
from callbacks.params import ViewParams


def indicators_and_observations(
    view: ViewParams, public: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators serving the view's ecosystem and their observations."""
    indicators = view.scope.indicators(loaders.indicators(public))
    observations = loaders.observations(public)
    return indicators, observations[observations["indicator_code"].isin(indicators["code"])]


def calls(view: ViewParams, public: bool) -> pd.DataFrame:
    """Calls serving the view's ecosystem (cross-cutting ones included)."""
    return view.scope.calls(loaders.calls(public))
