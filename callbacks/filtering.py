"""The shared ecosystem filter applied to the frames a page renders from."""

from __future__ import annotations

import pandas as pd

from callbacks import loaders
from callbacks.params import ViewParams
from data.analysis.filters import filter_by_ecosystem


def indicators_and_observations(
    view: ViewParams, public: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators serving the view's ecosystem and their observations."""
    indicators = filter_by_ecosystem(loaders.indicators(public), "ecosystem", view.ecosystem)
    observations = loaders.observations(public)
    return indicators, observations[observations["indicator_code"].isin(indicators["code"])]


def calls(view: ViewParams, public: bool) -> pd.DataFrame:
    """Calls serving the view's ecosystem (cross-cutting ones included)."""
    return filter_by_ecosystem(loaders.calls(public), "ecosystems", view.ecosystem)


def clusters(view: ViewParams) -> pd.DataFrame:
    """Clusters whose reference ecosystem or S3 synergies include the view's ecosystem."""
    frame = loaders.clusters()
    if not view.ecosystem:
        return frame
    serves = [
        view.ecosystem in set(ref) | set(syn)
        for ref, syn in zip(frame["reference_ecosystems"], frame["synergy_ecosystems"], strict=True)
    ]
    return frame[serves]
