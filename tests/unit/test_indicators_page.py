"""The indicators page over HTTP: list with trend and status, one indicator's detail."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest

from dashboard.i18n import LANGS
from dashboard.lazy_graph import DATA_TYPE
from tests.components import find, text_of, walk
from tests.dash_client import render, search_after
from tests.seed_facts import (
    OBJECTIVE_RI04_06,
    SEED_STATUSES,
    add_ecosystem_indicator,
)


def rows(content: Any, table_id: str) -> dict[str, str]:
    """Table rows by their first cell (the code), as text."""
    table = find(content, table_id)
    body = next(c for c in walk(table) if c["type"] == "Tbody")
    result = {}
    for row in body["props"]["children"]:
        cells = [text_of(cell) for cell in row["props"]["children"]]
        result[cells[0]] = " | ".join(cells)
    return result


@pytest.mark.parametrize(("lang", "search"), [("it", ""), ("en", "?lang=en")])
def test_list_shows_status_latest_value_and_trend(client, lang, search):
    content = render(client, "/indicators", search)
    table = rows(content, "indicators-table")
    for code, labels in SEED_STATUSES.items():
        assert labels[LANGS.index(lang)] in table[code], code
    latest, base = {
        "it": ("73,6 M€ (apr 2025)", "447.360 € (dic 2023, primo valore)"),  # the base used
        "en": ("73.6 M€ (Apr 2025)", "€447,360 (Dec 2023, first value)"),
    }[lang]
    assert latest in table["RI05"]
    assert base in table["RI06"]
    images = [c for c in walk(find(content, "indicators-table")) if c["type"] == "Img"]
    assert len(images) == 8
    alt = next(i["props"]["alt"] for i in images if "RI03" in i["props"]["alt"])
    assert {"it": "n.d.", "en": "n/a"}[lang] in alt  # April 2025 is missing, said so
    assert images[0]["props"]["src"].startswith("data:image/svg+xml")
    # every value, "n.d." included, is still listed
    assert "indicators-observations-table" in str(content)


def test_detail_of_a_level_indicator_says_the_base_is_the_first_observation(client):
    content = render(client, "/indicators", "?indicator=RI06")
    detail = text_of(find(content, "indicators-detail"))
    assert "In peggioramento" in detail
    assert "la base è il primo valore osservato (447.360 €, 31/12/2023)" in detail
    how = text_of(find(content, "indicators-detail-how"))
    # the formula with the actual numbers
    assert "p = (407.000 − 447.360) / (450.000 − 447.360) = -15,288" in how
    assert "= 486 / 1.461 giorni = 0,333" in how
    assert "R = p / e = -15,288 / 0,333 = -45,96" in how
    assert "Fonte" in text_of(find(content, "indicators-detail-notes"))


def test_detail_in_english(client):
    content = render(client, "/indicators", "?indicator=RI01&lang=en")
    how = text_of(find(content, "indicators-detail-how"))
    assert "Progress p = (3.1 − 0) / (5.25 − 0) = 0.590" in how
    assert "= 851 / 1,826 days = 0.466" in how
    assert "R = p / e = 0.590 / 0.466 = 1.27" in how
    assert "that is R ≥ 0.95: On track" in how


def test_detail_chart_has_gaps_target_and_required_trajectory(client):
    from plotly import graph_objects as go

    content = render(client, "/indicators", "?indicator=RI03")
    figure = go.Figure(chart_store(content)["figure"])
    names = [trace.name for trace in figure.data]
    assert names == ["Percorso richiesto", "Valori osservati", "Base", "Target"]
    observed = figure.data[1]
    # from the baseline (0, Dec 2022) through the observations; April 2025 "n.d." is a gap
    assert list(observed.y) == [0, 0, 30, None]
    assert str(observed.x[0]) == "2022-12-31"
    assert observed.connectgaps is False
    assert [a.text for a in figure.layout.annotations] == ["n.d."]
    required = figure.data[0]
    assert list(required.y) == [0, 350]
    # title, description and the data table come with the chart
    description = text_of(find(content, "indicators-detail-chart-description"))
    assert "0 (dic 2023), 30 (dic 2024), n.d. (apr 2025)" in description
    table = text_of(find(content, "indicators-detail-table"))
    assert "31/12/2027 350 Target" in table


def chart_store(content: Any) -> dict[str, Any]:
    """The detail chart's graph as the page sends it (its figure, config, style)."""
    wanted = {"type": DATA_TYPE, "chart": "indicators-detail-chart"}
    (store,) = [c for c in walk(content) if c["props"].get("id") == wanted]
    return store["props"]["data"]


def test_detail_chart_is_painted_first_as_svg_of_the_same_figure(client):
    import xml.etree.ElementTree as ET

    content = render(client, "/indicators", "?indicator=RI03")
    # no graph in the page: the picture, and the figure waiting in its store
    assert not [c for c in walk(content) if c["type"] == "Graph"]
    figure = chart_store(content)["figure"]
    (box,) = [c for c in walk(content) if c["props"].get("data-chart") == "indicators-detail-chart"]
    assert box["props"]["tabIndex"] == "0" and "s3-svg-first" in box["props"]["className"]
    markup = box["props"]["children"]["props"]["data-html"]
    svg_part, legend = markup.split("</svg><div", 1)
    root = ET.fromstring(svg_part + "</svg>")
    assert root.get("role") == "img" and root.get("aria-label") == (
        "RI03: serie storica, target e percorso richiesto"
    )
    svg = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in root.iter(f"{svg}text")]
    assert [t for t in texts if t and t.startswith("dic")] == [
        "dic 2022",
        "dic 2023",
        "dic 2024",
        "dic 2025",
        "dic 2026",
        "dic 2027",
    ]
    assert "n.d." in texts  # April 2025's missing value, at its dotted line
    assert any(line.get("stroke-dasharray") == "3,3" for line in root.iter(f"{svg}line"))
    # the observed line in the status colour; the base a diamond, the target a star
    observed = figure["data"][1]["line"]["color"]
    assert observed in {p.get("stroke") for p in root.iter(f"{svg}polyline")}
    fills = {p.get("fill") for p in root.iter(f"{svg}path") if p.get("d", "").endswith("Z")}
    assert fills == {figure["data"][2]["marker"]["color"], figure["data"][3]["marker"]["color"]}
    # plotly's legend, drawn under the picture with the traces' names
    for trace in figure["data"]:
        assert trace["name"] in legend


def test_bad_indicator_gets_a_message_and_the_list(client):
    content = render(client, "/indicators", "?indicator=RI99")
    assert "indicator='RI99'" in text_of(find(content, "param-errors"))
    assert find(content, "indicators-table") is not None


def test_detail_of_an_indicator_outside_the_filter_says_so(app, client, seeded_url):
    add_ecosystem_indicator(seeded_url, "smart-mobility")
    content = render(client, "/indicators", "?indicator=TX01&ecosystem=sostenibilita")
    assert "TX01" in text_of(find(content, "indicators-detail"))
    assert "non è tra quelli dei filtri scelti" in text_of(content)


def test_filters_change_the_list(app, client, seeded_url):
    add_ecosystem_indicator(seeded_url, "smart-mobility")
    assert "TX01" in rows(render(client, "/indicators"), "indicators-table")
    assert "TX01" not in rows(
        render(client, "/indicators", "?ecosystem=sostenibilita"), "indicators-table"
    )
    narrowed = rows(
        render(client, "/indicators", "?" + urlencode({"objective": OBJECTIVE_RI04_06})),
        "indicators-table",
    )
    assert sorted(narrowed) == ["RI04", "RI05", "RI06"]


def test_bad_objective_on_the_list_gets_a_message(client):
    content = render(client, "/indicators", "?objective=x")
    assert "objective='x'" in text_of(find(content, "param-errors"))
    assert len(rows(content, "indicators-table")) == 8


def test_sparkline_breaks_at_missing_values():
    import datetime as dt

    from dashboard.figures.attainment import sparkline_svg

    days = [
        dt.date(2023, 12, 31),
        dt.date(2024, 12, 31),
        dt.date(2025, 4, 30),
        dt.date(2025, 12, 31),
    ]
    svg = sparkline_svg(days, [1.0, None, 2.0, 3.0])
    path = svg.split('d="')[1].split('"')[0]
    assert path.count("M") == 2  # two segments: the "n.d." is a gap, never a zero
    assert sparkline_svg(days, [None] * 4).endswith("</svg>")


def test_list_objective_filter_writes_the_url(client):
    control = "indicators-objective-filter.value"
    search = search_after(client, control, OBJECTIVE_RI04_06, "?lang=en")
    assert search == "?" + urlencode({"lang": "en", "objective": OBJECTIVE_RI04_06})
    assert search_after(client, control, "all", search) == "?lang=en"
