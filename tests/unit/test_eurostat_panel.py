"""The real-series panel of the quality benchmark goes through the product's importer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from data.eurostat_panel import choose_regions, fold_of, load_panel

DATASET = "rd_e_gerdreg_total_pc_gdp"


def write_eurostat(folder: Path) -> None:
    lines = [f"year,region_type,region_year_spec,region_id,region_level,{DATASET}"]
    for region, level, years in (("ITC4", 2, range(1985, 1995)), ("IT", 0, range(1990, 1999))):
        lines += [f"{y},NUTS,2010,{region},{level},{1 + (y - 1980) / 100}" for y in years]
    lines += [f"{y},NUTS,2010,ITC1,2,1.0" for y in range(2010, 2013)]  # too short: left out
    lines.append("2000,NUTS,2010,ITC4,2,")  # a gap is missing data, never zero
    (folder / f"{DATASET}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_panel_is_imported_with_its_pre_2000_years(tmp_path):
    write_eurostat(tmp_path)
    messages: list[str] = []
    panel = load_panel(tmp_path, per_dataset=10, datasets=(DATASET,), say=messages.append)
    assert [(p.dataset, p.region) for p in panel] == [(DATASET, "IT"), (DATASET, "ITC4")]
    lombardy = panel[1].series
    assert lombardy.dates[0] == dt.date(1985, 12, 31) and lombardy.n_points == 10
    assert any("observations" in m and "imported" in m for m in messages)


def test_regions_and_folds_are_deterministic(tmp_path):
    import pandas as pd

    write_eurostat(tmp_path)
    frame = pd.read_csv(tmp_path / f"{DATASET}.csv")
    assert choose_regions(frame, 1) == ["IT"]
    assert fold_of("ITC4", 5) == fold_of("ITC4", 5) and 0 <= fold_of("ITC4", 5) < 5
