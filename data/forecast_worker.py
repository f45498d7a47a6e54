"""What a forecast worker process runs: a batch of fits, each failure kept to its series.

Lean on purpose: it imports the forecaster (numpy, pandas, Prophet) and nothing of the
database layer (half the import time of `data.forecasting`). `data.forecasting.refresh`
has the forkserver import it and Prophet once (`data.forecast_preload`), and forks its
workers from there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from data.analysis.forecast import (
    STATUS_FAILED,
    ForecastResult,
    ForecastSettings,
    Series,
    quiet_logging,
)

Fitter = Callable[[Series, ForecastSettings], ForecastResult]


def failed(series: Series, message: str) -> ForecastResult:
    """A failed result for `series`, with `message` cut to what the database stores."""
    return ForecastResult(
        key=series.key, status=STATUS_FAILED, n_points=series.n_points, message=message[:2000]
    )


def safe_fit(fit: Fitter, series: Series, settings: ForecastSettings) -> ForecastResult:
    """`fit(series, settings)`, with any exception turned into a failed result."""
    try:
        return fit(series, settings)
    except Exception as exc:  # reported per series; the refresh goes on with the others
        return failed(series, f"{type(exc).__name__}: {exc}")


def fit_batch(
    fit: Fitter, batch: Sequence[Series], settings: ForecastSettings
) -> list[ForecastResult]:
    """One result per series of `batch`, in order; a series that fails fails alone."""
    return [safe_fit(fit, series, settings) for series in batch]


def start_worker() -> None:
    """Worker initializer: Prophet imported and quiet before the first fit."""
    quiet_logging()
    import prophet  # noqa: F401  (already there when preloaded in the forkserver)
