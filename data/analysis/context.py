"""Context analysis: pace of a region's series and whether Lombardy is falling behind.

Pure: DataFrames in (columns region_code, year, value, as data.context.series_frame returns
them for one measure), numbers out. A gap (a year without a row) is skipped, never zero.

- pace: the least-squares slope per year over the last `window` years that have a value
  (at least 3 values, else no pace), so a biennial series and a yearly one compare;
- trend to reverse: Lombardy's pace is below the median pace of its peers (only peers with
  a pace count; at least 2 needed, else no verdict).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PACE_WINDOW = 10  # years before the latest value of the series
MIN_PACE_POINTS = 3
MIN_PEERS = 2


def slope(years: np.ndarray, values: np.ndarray, window: int = PACE_WINDOW) -> float | None:
    """Least-squares change per year over the last `window` years (None: too few values)."""
    keep = ~np.isnan(values)
    years, values = years[keep], values[keep]
    if not len(years):
        return None
    recent = years > years.max() - window
    years, values = years[recent], values[recent]
    if len(years) < MIN_PACE_POINTS:
        return None
    centred = years - years.mean()
    return float((centred * (values - values.mean())).sum() / (centred**2).sum())


def pace(frame: pd.DataFrame, region: str, window: int = PACE_WINDOW) -> float | None:
    """Average change per year of `region` over its last `window` years (None: too few)."""
    rows = frame[frame["region_code"] == region]
    return slope(
        rows["year"].to_numpy(dtype="float64"), rows["value"].to_numpy(dtype="float64"), window
    )


@dataclass(frozen=True)
class TrendVerdict:
    """Lombardy's pace against the median pace of its peers."""

    pace: float | None
    peers_median: float | None
    peers_counted: int

    @property
    def assessable(self) -> bool:
        """True when both paces are known."""
        return self.pace is not None and self.peers_median is not None

    @property
    def behind(self) -> bool:
        """The trend-to-reverse flag: Lombardy grows slower than its peers' median."""
        if self.pace is None or self.peers_median is None:
            return False
        return self.pace < self.peers_median


def trend_verdict(frame: pd.DataFrame, region: str, peers: list[str]) -> TrendVerdict:
    """Lombardy's (`region`'s) pace against the median of the peers' paces."""
    # One pass over the frame: a page asks this for every measure.
    years = frame["year"].to_numpy(dtype="float64")
    values = frame["value"].to_numpy(dtype="float64")
    codes = frame["region_code"].to_numpy()

    def of(code: str) -> float | None:
        mask = codes == code
        return slope(years[mask], values[mask])

    paces = [p for p in (of(peer) for peer in peers if peer != region) if p is not None]
    median = float(np.median(paces)) if len(paces) >= MIN_PEERS else None
    return TrendVerdict(of(region), median, len(paces))


def _known(frame: pd.DataFrame, region: str) -> tuple[np.ndarray, np.ndarray]:
    """The years and values `region` has a value for (numpy: a page asks this per measure)."""
    mask = frame["region_code"].to_numpy() == region
    years = frame["year"].to_numpy()[mask]
    values = frame["value"].to_numpy(dtype="float64")[mask]
    keep = ~np.isnan(values)
    return years[keep], values[keep]


def latest(frame: pd.DataFrame, region: str) -> tuple[int, float] | None:
    """The latest year and value of `region`, or None."""
    years, values = _known(frame, region)
    if not len(years):
        return None
    last = int(np.argmax(years))
    return int(years[last]), float(values[last])


def value_in(frame: pd.DataFrame, region: str, year: int) -> float | None:
    """The value of `region` in `year` (None: a gap)."""
    years, values = _known(frame, region)
    found = values[years == year]
    return float(found[0]) if len(found) else None


def wide(frame: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """Years × regions (in `regions` order), every year from first to last; gaps are NaN."""
    rows = frame[frame["region_code"].isin(regions)]
    if rows.empty:
        return pd.DataFrame(columns=regions, dtype="float64")
    table = rows.pivot(index="year", columns="region_code", values="value")
    years = range(int(table.index.min()), int(table.index.max()) + 1)
    return table.reindex(index=years, columns=[r for r in regions if r in table.columns])
