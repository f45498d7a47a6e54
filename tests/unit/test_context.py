"""Context series (Eurostat): import, queries, analysis, the page and the overview strip."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from callbacks.context import find_region, search_with_peer
from dashboard.lazy_graph import DATA_TYPE
from data.analysis.context import pace, trend_verdict, wide
from data.analysis.missing import is_missing
from data.context import (
    EU27_COUNTRIES,
    MEASURES,
    import_eurostat,
    rank_frame,
    read_eurostat,
    seed_context,
    series_frame,
)
from data.db import session_scope
from data.models import ContextSeries, ImportBatch
from tests.conftest import make_app
from tests.context_files import GERD, load_context
from tests.dash_client import call_callback, shell_response
from tests.html_tables import html_table_rows

COMPARE_DATA = {"type": DATA_TYPE, "chart": "context-compare"}
HEADER = "year,region_type,region_year_spec,region_id,region_level," + GERD


def _rows(url: str) -> int:
    with session_scope(url) as s:
        return int(s.scalar(select(func.count(ContextSeries.id))) or 0)


def test_import_reads_the_shipped_values(sqlite_url: str) -> None:
    load_context(sqlite_url)
    with session_scope(sqlite_url) as s:
        frame = series_frame(s, GERD, ["ITC4", "DE1", "EU27_2020"])
        every = series_frame(s, GERD)
        batch = s.scalars(select(ImportBatch).where(ImportBatch.kind == "eurostat")).one()
    value = frame.set_index(["region_code", "year"])["value"]
    assert value[("ITC4", 2019)] == 1.34  # data/context/rd_e_gerdreg_total_pc_gdp.csv
    assert value[("DE1", 2019)] == 5.74
    assert value[("EU27_2020", 2019)] == 2.23
    names = dict(zip(frame["region_code"], frame["region_name"], strict=True))
    assert names["ITC4"] == "Lombardia" and names["DE1"] == "Baden-Württemberg"
    assert set(frame["unit"]) == {"% GDP"} and set(frame["extracted"]) == {"2022-03"}
    assert batch.outcome == "committed" and batch.rows == len(every)
    # a gap stays a gap: Lombardy has no 2001 or 2002 value in the file, so no row
    assert not ((frame["region_code"] == "ITC4") & frame["year"].isin([2001, 2002])).any()


def test_a_newer_extract_replaces_the_measure(sqlite_url: str) -> None:
    load_context(sqlite_url)
    newer = f"{HEADER}\n2019,NUTS,2010,ITC4,2,1.35\n2020,NUTS,2010,ITC4,2,1.4\n".encode()
    result = import_eurostat(sqlite_url, newer, "newer.csv", extracted="2023-03")
    assert result.outcome == "committed" and result.rows == 2
    with session_scope(sqlite_url) as s:
        frame = series_frame(s, GERD)
    assert sorted(frame["value"]) == [1.35, 1.4]
    assert set(frame["extracted"]) == {"2023-03"}


def test_a_bad_file_is_refused_with_row_and_column_and_writes_nothing(sqlite_url: str) -> None:
    load_context(sqlite_url)
    before = _rows(sqlite_url)
    bad = (
        f"{HEADER}\n2019,NUTS,2010,ITC4,2,abc\n20x,NUTS,2010,it4,2,1\n"
        "2018,NUTS,2010,ITC4,2,-1\n2017,NUTS,2010,ITC4,2,1\n2017,NUTS,2010,ITC4,2,1\n"
    ).encode()
    result = import_eurostat(sqlite_url, bad, "bad.csv")
    assert result.outcome == "refused"
    where = {(p.row, p.column) for p in result.problems}
    assert {(2, GERD), (3, "year"), (3, "region_id"), (4, GERD), (6, "region_id")} <= where
    assert _rows(sqlite_url) == before
    with session_scope(sqlite_url) as s:
        outcomes = list(s.scalars(select(ImportBatch.outcome).order_by(ImportBatch.id)))
    assert outcomes == ["committed", "refused"]


@pytest.mark.parametrize(
    "content",
    [
        b"year,region,value\n2019,ITC4,1\n",
        b"year,region_type,region_year_spec,region_id,region_level,gdp\n2019,NUTS,2010,IT,0,1\n",
        b"\xff\xfey\x00",
    ],
)
def test_wrong_layouts_are_refused(content: bytes) -> None:
    measure, rows, problems = read_eurostat(content)
    assert problems and not rows


def test_seed_loads_every_shipped_file_once(sqlite_url: str) -> None:
    first = seed_context(sqlite_url)
    assert set(first) == set(MEASURES) and all(n > 5000 for n in first.values())
    with session_scope(sqlite_url) as s:
        batches = s.scalar(select(func.count(ImportBatch.id)))
    assert seed_context(sqlite_url) == first
    with session_scope(sqlite_url) as s:
        assert s.scalar(select(func.count(ImportBatch.id))) == batches  # nothing written


def test_rank_among_nuts2_regions_is_counted_in_sql(sqlite_url: str) -> None:
    load_context(sqlite_url, regions=None)  # every region of the GERD file
    with session_scope(sqlite_url) as s:
        ranks = rank_frame(s, GERD).set_index("year")
        frame = series_frame(s, GERD)
    year = frame[(frame["year"] == 2019) & (frame["nuts_level"] == 2)]
    year = year[year["region_code"].str[:2].isin(EU27_COUNTRIES)]  # not NO, IS, RS, MK…
    assert len(year) < len(frame[(frame["year"] == 2019) & (frame["nuts_level"] == 2)])
    lombardy = float(year.loc[year["region_code"] == "ITC4", "value"].iloc[0])
    assert ranks.loc[2019, "regions"] == len(year)
    assert ranks.loc[2019, "rank"] == int((year["value"] > lombardy).sum()) + 1


def test_pace_skips_gaps_and_the_flag_compares_with_the_peers_median() -> None:
    frame = pd.DataFrame(
        {
            "region_code": ["L"] * 4 + ["A"] * 3 + ["B"] * 3 + ["C"] * 2,
            "year": [2010, 2012, 2014, 2016, 2014, 2015, 2016, 2014, 2015, 2016, 2015, 2016],
            "value": [1.0, 1.2, 1.4, 1.6, 1.0, 1.2, 1.4, 1.0, 1.5, 2.0, 1.0, 9.0],
        }
    )
    assert pace(frame, "L") == pytest.approx(0.1)
    assert pace(frame, "C") is None  # two values: no pace
    verdict = trend_verdict(frame, "L", ["A", "B", "C"])
    assert verdict.peers_counted == 2 and verdict.peers_median == pytest.approx(0.35)
    assert verdict.behind
    table = wide(frame, ["L", "A"])
    assert list(table.index) == list(range(2010, 2017)) and is_missing(table.loc[2011, "L"])


def test_find_region_by_code_or_name() -> None:
    known = pd.DataFrame(
        {"code": ["ITC1", "ITC4", "DE1", "ES51", "FR10"], "name": ["", "", "", "", "FR10"]}
    )
    assert find_region("itc1", known) == "ITC1"
    assert find_region("Piemonte", known) == "ITC1"
    assert find_region("piedmont", known) == "ITC1"
    assert find_region("catalogna", known) is None
    assert find_region("Cataluna", known) == "ES51"  # accents aside
    assert find_region("Baden", known) == "DE1"
    assert find_region("nowhere", known) is None
    assert search_with_peer("?peers=DE1,ES51&lang=en", "ITC1") == "?peers=DE1,ES51,ITC1&lang=en"
    assert search_with_peer("", "FR10").startswith("?peers=DE1,ES51,FR71,ITC1,ITH3,ITH5,FR10")


@pytest.fixture
def context_client(seeded_url: str) -> FlaskClient:
    load_context(seeded_url, regions=None)
    return make_app(seeded_url).test_client()


def table_rows(client: FlaskClient, path: str, search: str, table_id: str) -> list[list[str]]:
    """The body rows of a table of the rendered page, as cell texts."""
    content = shell_response(client, path, search)["shell-content"]["children"]
    return html_table_rows(content, table_id)


def _content(client: FlaskClient, path: str, search: str) -> str:
    content = shell_response(client, path, search)["shell-content"]["children"]
    return json.dumps(content, ensure_ascii=False)


def test_page_shows_the_shipped_2019_values(context_client: FlaskClient) -> None:
    content = _content(context_client, "/context", "?peers=DE1,ES51")
    assert "alert-danger" not in content
    # the comparison table (years × Lombardy, Italy, EU-27, DE1, ES51): the shipped 2019 row
    rows = {
        r[0]: r
        for r in table_rows(context_client, "/context", "?peers=DE1,ES51", "context-compare-table")
    }
    assert rows["2019"] == ["2019", "1,34%", "1,46%", "2,23%", "5,74%", "1,51%"]
    assert rows["2001"][1] == "n.d."  # a gap stays a gap
    assert "5,74%" in content and "Baden-Württemberg" in content and "Cataluña" in content
    assert "Fonte: Eurostat (rd_e_gerdreg)" in content
    # each chart's source line: comparison and rank (no forecast stored here: the browser
    # test has the forecast's); the summary's names both tables
    assert content.count("Fonte: Eurostat (rd_e_gerdreg)") == 2
    english = _content(context_client, "/context", "?peers=DE1&lang=en")
    assert "1.34%" in english and "Lombardy" in english
    assert "EU 3% goal" in english


def _find(node: object, match: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    """Every component of a rendered layout (JSON) whose props match, depth first."""
    found: list[dict[str, Any]] = []
    if isinstance(node, list):
        for child in node:
            found += _find(child, match)
    elif isinstance(node, dict) and "props" in node:
        if match(node["props"]):
            found.append(node["props"])
        found += _find(node["props"].get("children"), match)
    return found


def test_comparison_legend_has_an_entry_per_line_of_the_chart(
    context_client: FlaskClient,
) -> None:
    content = shell_response(context_client, "/context", "?peers=DE1,ES51")["shell-content"]
    (store,) = _find(content["children"], lambda p: p.get("id") == COMPARE_DATA)
    graph = store["data"]
    (legend,) = _find(content["children"], lambda p: p.get("data-graph") == "context-compare")
    traces = graph["figure"]["data"]
    buttons = _find(legend["children"], lambda p: "data-trace" in p)
    # Lombardy, Italy, the EU-27, the two peers and the 3% goal
    assert [b["children"][1] for b in buttons] == [t["name"] for t in traces]
    assert len(traces) == 6 and graph["figure"]["layout"]["showlegend"] is False
    assert [b["data-trace"] for b in buttons] == [str(i) for i in range(len(traces))]


def test_comparison_chart_is_painted_first_as_svg_of_the_same_lines(
    context_client: FlaskClient,
) -> None:
    content = shell_response(context_client, "/context", "?peers=DE1,ES51")["shell-content"]
    # No plotly graph in the layout: the picture, and the figure waiting in its store
    assert _find(content["children"], lambda p: p.get("id") == "context-compare") == []
    (store,) = _find(content["children"], lambda p: p.get("id") == COMPARE_DATA)
    (box,) = _find(content["children"], lambda p: p.get("data-chart") == "context-compare")
    assert box["tabIndex"] == "0" and "s3-svg-first" in box["className"]
    svg = ET.fromstring(box["children"]["props"]["data-html"])
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Spesa in R&S (GERD), % del PIL: confronto"
    groups = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if "data-trace" in g.attrib]
    colours = [
        {m.get("stroke") for m in g.iter() if m.tag.endswith(("polyline", "path"))} for g in groups
    ]
    assert colours == [{t["line"]["color"]} for t in store["data"]["figure"]["data"]]


def test_page_names_unknown_peers_and_bad_measures(context_client: FlaskClient) -> None:
    content = _content(context_client, "/context", "?peers=DE1,XX99")
    assert "XX99" in content and "alert-danger" not in content
    content = _content(context_client, "/context", "?measure=gdp")
    assert "measure='gdp'" in content


def test_add_region_writes_the_url(context_client: FlaskClient) -> None:
    status, body = call_callback(
        context_client,
        "/",
        {"context-add-button.n_clicks": 1, "context-add-input.n_submit": None},
        state={"context-add-input.value": "Piemonte", "shell-url.search": "?peers=DE1,ES51"},
    )
    assert status == 200
    # into the page's own location, which the shell's follows in the browser
    assert body["response"]["context-url"]["search"] == "?peers=DE1,ES51,ITC1"


def test_overview_has_the_context_strip(context_client: FlaskClient) -> None:
    content = _content(context_client, "/", "")
    assert "overview-context-strip" in content
    assert "1,34%" in content and "/context" in content


def test_a_drawn_page_is_kept_until_the_next_import(
    context_client: FlaskClient, seeded_url: str
) -> None:
    def row_2019(search: str) -> list[str]:
        rows = table_rows(context_client, "/context", search, "context-compare-table")
        return next(r for r in rows if r[0] == "2019")

    assert row_2019("?peers=DE1") == ["2019", "1,34%", "1,46%", "2,23%", "5,74%"]
    assert row_2019("?peers=DE1") == ["2019", "1,34%", "1,46%", "2,23%", "5,74%"]  # kept
    # each view is kept apart: another peer set or language is its own page
    assert row_2019("?peers=ES51") == ["2019", "1,34%", "1,46%", "2,23%", "1,51%"]
    assert row_2019("?peers=DE1&lang=en") == ["2019", "1.34%", "1.46%", "2.23%", "5.74%"]
    # a newer extract replaces the measure and bumps the data version: every view anew
    newer = f"{HEADER}\n2019,NUTS,2010,ITC4,2,1.35\n".encode()
    assert import_eurostat(seeded_url, newer, "newer.csv", extracted="2023-03").rows == 1
    assert row_2019("?peers=DE1") == ["2019", "1,35%"]
    assert row_2019("?peers=DE1&lang=en") == ["2019", "1.35%"]
