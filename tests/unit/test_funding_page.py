"""The funding and ecosystems pages over HTTP (no browser): grids, ratios, drill-down, filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dashboard.pages import ecosystems as eco_page
from dashboard.pages import funding as page
from tests import dash_client
from tests.components import (
    SVG,
    attr,
    find,
    graph,
    graphs,
    grid_csv,
    grid_rows,
    has,
    svg_of,
    text_of,
    walk,
)
from tests.dash_client import call_callback
from tests.project_rows import add_projects

D = dt.date
PROJECTS = [
    ("P1", "ricerca-innova", "sostenibilita", "015", 300000.0, D(2024, 3, 5), False),
    ("P2", "ricerca-innova", "sostenibilita", "019", 100000.0, D(2024, 5, 1), True),
    ("P3", "ricerca-innova", "salute", "016", 50000.0, D(2024, 5, 1), False),
    ("P4", "smart-mobility-data-driven", "smart-mobility", "015", 90000.0, None, False),
]


def render(client, path: str, search: str = "") -> tuple[list, list]:
    response = dash_client.shell_response(client, path, search)
    content = response["shell-content"]["children"]
    assert "alert-danger" not in str(content)
    return content, response["shell-header"]["children"]


def rows_by_code(content: list, grid_id: str = page.TABLE_ID) -> dict[str, dict]:
    return grid_rows(content, grid_id)


@pytest.fixture
def with_projects(seeded_url: str, client):
    add_projects(seeded_url, PROJECTS)
    return client


def test_calls_grid_has_every_call_figures_and_ratios(client):
    content, _ = render(client, "/funding")
    rows = rows_by_code(content)
    assert len(rows) == 15
    collabora = rows["collabora-innova"]
    assert collabora["oversubscription_fmt"] == "3,3×"
    assert collabora["oversubscription"] == pytest.approx(3.26)
    assert collabora["budget_eur_fmt"] == "100.000.000 €"
    assert collabora["partners_fmt"] == "760"
    ricerca = rows["ricerca-innova"]
    assert ricerca["oversubscription_fmt"] == "n.d."  # no budget, no requested: never 0
    assert ricerca["oversubscription"] is None
    assert ricerca["average_grant_eur_fmt"] == "382.407 €"  # 41,3 mln / 108
    assert rows["competenze-innovazione"]["admission_rate_fmt"] == "33%"  # 59 / 179
    assert rows["smart-mobility-data-driven"]["admission_rate_fmt"] == "100%"  # 14 / 14


def test_grid_is_sortable_filterable_exportable_and_localized(client):
    content, _ = render(client, "/funding", "?lang=en")
    table = find(content, page.TABLE_ID)
    heads = [c for c in walk(table) if c["type"] == "Th" and c["props"].get("scope") == "col"]
    labels = [text_of(h) for h in heads]
    assert "Oversubscription" in labels and "Average grant" in labels
    budget = next(h for h in heads if h["props"]["data-field"] == "budget_eur")
    assert budget["props"]["data-kind"] == "number"  # sorts by the raw value
    assert any(c["type"] == "Button" for c in walk(budget))  # a sort button per header
    csv = grid_csv(content, page.TABLE_ID)
    assert "Funded projects" not in csv[0]  # the link column is left out of the CSV
    assert find(content, page.TABLE_ID + "-export") is not None
    assert find(content, page.TABLE_ID + "-filter") is not None
    assert "Filter the rows" in text_of(content)
    italian, _ = render(client, "/funding")
    assert "Filtra le righe" in text_of(italian)
    it_heads = [text_of(c) for c in walk(find(italian, page.TABLE_ID)) if c["type"] == "Th"]
    assert "Sovrascrizione" in it_heads


def test_every_chart_has_a_title_a_description_and_a_table(with_projects):
    for path, search in [
        ("/funding", ""),
        ("/funding", "?call=ricerca-innova"),
        ("/ecosystems", ""),
        ("/ecosystems", "?ecosystem=sostenibilita"),
    ]:
        content, _ = render(with_projects, path, search)
        charts = graphs(content)
        assert charts, (path, search)
        for chart in charts:
            chart_id = chart["id"]
            assert find(content, f"{chart_id}-description") is not None, chart_id
            assert chart["style"]["height"], chart_id
        sections = [c for c in walk(content) if c["props"].get("className") == "s3-chart mb-4"]
        # A chart drawn on the server is an SVG in its section instead of a graph.
        drawn = [s for s in sections if not graphs(s) and "<svg " in str(s)]
        assert len(sections) == len(charts) + len(drawn)
        assert len(drawn) == (search == "?ecosystem=sostenibilita")  # the focus card's bars
        for section in sections:
            kinds = [c["type"] for c in walk(section["props"]["children"])]
            assert "H3" in kinds and "Details" in kinds and "Table" in kinds


def test_breakdowns_flow_and_ranked_bars(client):
    content, _ = render(client, "/funding")
    for by in ("programme", "year", "ecosystem", "instrument"):
        assert graph(content, page.BREAKDOWN_PREFIX + by) is not None
    description = text_of(find(content, f"{page.BREAKDOWN_PREFIX}ecosystem-description"))
    assert "conta per intero in ciascuno" in description
    flow = graph(content, page.FLOW_ID)["figure"]
    assert flow["data"][0]["type"] == "sankey"
    assert "Esclusi 6 bandi senza dotazione" in text_of(
        find(content, f"{page.FLOW_ID}-description")
    )
    assert graph(content, page.RANKED_OVERSUBSCRIPTION_ID) is not None


def test_filter_narrows_calls_and_keeps_the_note(client):
    content, _ = render(client, "/funding", "?ecosystem=sostenibilita")
    rows = rows_by_code(content)
    assert "smart-mobility-data-driven" not in rows and "mi-irccs" not in rows
    assert "collabora-innova" in rows  # cross-cutting: serves every ecosystem
    assert find(content, "filter-note") is not None


def test_projects_summary_by_call_and_synthetic_mark(with_projects):
    content, _ = render(with_projects, "/funding", "?ecosystem=sostenibilita")
    summary = text_of(find(content, page.PROJECTS_SUMMARY_ID))
    assert "2 progetti" in summary and "400.000 €" in summary  # P1, P2; not P3 (salute)
    assert "SINTETICO" in summary and "1 progetto, 100.000 €" in summary  # singular
    assert "senza ecosistema assegnato restano fuori" in summary
    unfiltered, _ = render(with_projects, "/funding")
    assert "senza ecosistema" not in text_of(find(unfiltered, page.PROJECTS_SUMMARY_ID))
    by_call = text_of(find(content, page.PROJECTS_BY_CALL_ID))
    assert "Ricerca & Innova" in by_call
    rows = rows_by_code(content)
    assert rows["ricerca-innova"]["projects"] == 2
    assert rows["ricerca-innova"]["synthetic_projects"] == 1  # P2, carried into the CSV
    assert "call=ricerca-innova" in rows["ricerca-innova"]["link"]
    assert "ecosystem=sostenibilita" in rows["ricerca-innova"]["link"]
    assert rows["collabora-innova"]["link"] == ""  # no projects: no drill-down


def test_both_grids_write_the_source_title_and_file_in_the_csv_only(with_projects):
    content, _ = render(with_projects, "/funding", "?call=ricerca-innova&lang=en")
    for grid_id in (page.TABLE_ID, page.PROJECTS_GRID_ID):
        shown = {k for row in rows_by_code(content, grid_id).values() for k in row}
        assert not shown & {"source_title", "source_file"}, grid_id  # not on screen
        assert {"Source", "source_file"} <= set(grid_csv(content, grid_id)[0]), grid_id
    calls = grid_csv(content, page.TABLE_ID)
    seed_call = next(r for r in calls if r["source_file"])
    assert seed_call["source_file"].endswith(".txt")  # the seed document, as provenance
    assert seed_call["source_file"] not in seed_call["Source"]  # the reader: its title
    assert seed_call["Source"].startswith("Report “Ricerca e innovazione")


def test_drill_down_shows_the_call_projects_with_synthetic_rows_tagged(with_projects):
    content, _ = render(with_projects, "/funding", "?call=ricerca-innova")
    projects = rows_by_code(content, page.PROJECTS_GRID_ID)
    assert list(projects) == ["P1", "P2", "P3"]  # largest first
    assert projects["P2"]["synthetic"] == "SINTETICO" and projects["P1"]["synthetic"] == ""
    assert projects["P2"]["class"] == page.SYNTHETIC_ROW  # shaded as well as tagged
    assert projects["P1"]["class"] == ""
    assert projects["P1"]["public_funding_eur_fmt"] == "300.000 €"
    assert projects["P1"]["start_fmt"] == "05/03/2024"
    province = text_of(find(content, f"{page.PROVINCE_ID}-table"))
    assert "Milano" in province and "Cremona" in province
    month = text_of(find(content, f"{page.MONTH_ID}-table"))
    assert "mar 2024" in month and "mag 2024" in month
    picker = find(content, page.PICKER_ID)["props"]
    assert picker["value"] == "ricerca-innova"


def test_picker_marks_exactly_the_calls_with_projects_in_the_view(with_projects):
    def marked(search: str) -> set[str]:
        content, _ = render(with_projects, "/funding", search)
        options = find(content, page.PICKER_ID)["props"]["options"]
        return {o["value"] for o in options if o["label"].endswith("(projects)")}

    assert marked("?lang=en") == {"ricerca-innova", "smart-mobility-data-driven"}
    # P4 serves smart-mobility only: under the salute filter its call has no projects.
    assert marked("?lang=en&ecosystem=salute") == {"ricerca-innova"}


def test_bad_call_parameters_get_clear_messages(with_projects):
    content, _ = render(with_projects, "/funding", "?call=nope")
    assert "«nope» non trovato" in text_of(find(content, page.CALL_PROBLEM_ID))
    content, _ = render(with_projects, "/funding", "?call=mi-irccs&ecosystem=smart-mobility")
    assert "non serve l'ecosistema" in text_of(find(content, page.CALL_PROBLEM_ID))
    content, _ = render(with_projects, "/funding", "?call=unidad&lang=en")
    assert "No funded project is loaded" in text_of(find(content, page.PROJECTS_SUMMARY_ID))
    content, _ = render(with_projects, "/funding", "?call=" + "x" * 200)
    assert "call: not a valid code" in str(content)


def test_picker_writes_the_call_into_the_url(client):
    def pick(value: Any, search: str) -> Any:
        status, body = call_callback(
            client, "/", {f"{page.PICKER_ID}.value": value}, state={"shell-url.search": search}
        )
        assert status == 200
        return body

    body = pick("ricerca-innova", "?ecosystem=salute")
    assert body["response"]["shell-url"]["search"] == "?ecosystem=salute&call=ricerca-innova"
    body = pick(page.ALL_CALLS, "?call=ricerca-innova&lang=en")
    assert body["response"]["shell-url"]["search"] == "?lang=en"


def test_navigation_keeps_the_filter_but_not_the_call(client):
    _, header = render(client, "/funding", "?ecosystem=salute&call=mi-irccs")
    links = [c["props"]["href"] for c in walk(header) if c["type"] == "NavLink"]
    assert "/ecosystems?ecosystem=salute" in links
    assert all("call=" not in link for link in links)
    switch = [c["props"]["href"] for c in walk(header) if c["props"].get("hrefLang") == "en"]
    assert "call=mi-irccs" in switch[0]  # the language switch keeps the whole view
    assert find(header, "shell-ecosystem-filter")["props"]["value"] == "salute"


def test_ecosystems_page_compares_every_ecosystem(with_projects):
    content, header = render(with_projects, "/ecosystems")
    table = find(content, eco_page.COMPARISON_ID)
    body = table["props"]["children"][2]["props"]["children"]
    names = [text_of(row["props"]["children"][0]) for row in body]
    assert names[:2] == ["Manifattura Avanzata", "Nutrizione"]
    assert "Trasversale" in names and "Ecosistema non assegnato" in names
    for code in ("manifattura", "sostenibilita", "trasversale"):
        assert find(content, f"{eco_page.CARD_PREFIX}{code}") is not None
    card = text_of(find(content, f"{eco_page.CARD_PREFIX}sostenibilita"))
    assert "Lombardy Energy Cleantech Cluster" in card and "di riferimento" in card
    assert find(header, "shell-ecosystem-filter") is not None


def test_ecosystem_cards_are_written_blocks_with_their_links_as_components(with_projects):
    """A card's text, lists and table come as one html block (Bootstrap's row and columns as
    dbc.Row and dbc.Col draw them); its links stay dcc.Link, navigating in place."""
    content, _ = render(with_projects, "/ecosystems")
    card = find(content, f"{eco_page.CARD_PREFIX}sostenibilita")
    links = [c["props"]["href"] for c in walk(card) if c["type"] == "Link"]
    assert links == [
        "/funding?ecosystem=sostenibilita",
        "/clusters?ecosystem=sostenibilita",
        "/indicators?ecosystem=sostenibilita",
        "/ecosystems?ecosystem=sostenibilita",
    ]
    blocks = [c for c in card["props"]["children"] if "data-html" in c["props"]]
    assert len(blocks) == 1 and blocks[0]["props"]["className"] == "s3-html"
    (row,) = [c for c in walk(blocks[0]) if c["props"].get("className") == "row"]
    columns = [c["props"].get("className") for c in row["props"]["children"]]
    assert columns == ["col-lg-6", "col-lg-6"]
    headings = [text_of(c) for c in walk(row) if c["type"] == "H3"]
    assert headings == [
        "Cluster e associati",
        "Bandi e risorse",
        "Indicatori",
        "Progetti per provincia",
    ]
    table_id = f"{eco_page.CARD_PREFIX}sostenibilita-provinces"
    region = next(c for c in walk(row) if c["props"].get("role") == "region")
    assert region["props"]["tabindex"] == "0"  # reached and scrolled from the keyboard
    assert region["props"]["aria-labelledby"] == f"{table_id}-caption"
    assert "Milano" in text_of(find(region, table_id))
    assert "Cremona" in text_of(find(card, table_id))


def test_ecosystems_page_focuses_on_the_filtered_ecosystem(with_projects):
    content, _ = render(with_projects, "/ecosystems", "?ecosystem=sostenibilita&lang=en")
    assert find(content, eco_page.FOCUS_ID) is not None
    assert not has(content, f"{eco_page.CARD_PREFIX}salute")
    card = find(content, f"{eco_page.CARD_PREFIX}sostenibilita")
    links = [c["props"]["href"] for c in walk(card) if c["type"] == "Link"]
    assert "/funding?lang=en&ecosystem=sostenibilita" in links
    assert "/clusters?lang=en&ecosystem=sostenibilita" in links
    province = text_of(find(content, f"{eco_page.CARD_PREFIX}sostenibilita-provinces"))
    assert "Milano" in province and "Cremona" in province and "€300,000" in province
    # Its bars, at the top of the page, are SVG: no plotly chart in the window at load.
    assert eco_page.PROVINCE_ID not in {g["id"] for g in graphs(content)}
    bars = svg_of(content, eco_page.PROVINCE_ID)
    labels = [t.text for t in bars.iter(f"{SVG}text")]
    assert labels[0] in ("Milano", "Cremona") and "Milano" in labels and "Cremona" in labels
    tooltips = [g.text or "" for g in bars.iter(f"{SVG}title")]
    assert any(tip.startswith("Milano: ") and "project" in tip for tip in tooltips)
    assert attr(bars, "role") == "img" and attr(bars, "aria-label").startswith("Projects")


def test_a_missing_amount_is_never_shown_as_zero(seeded_url, client):
    add_projects(
        seeded_url,
        [
            ("Q1", "collabora-innova", "salute", "015", None, D(2024, 2, 1), False),
            ("Q2", "ricerca-innova", "salute", "016", 1000.0, D(2024, 2, 1), False),
            ("Q3", "ricerca-innova", "salute", "016", None, D(2024, 3, 1), False),
        ],
    )
    content, _ = render(client, "/funding", "?call=collabora-innova")
    summary = text_of(find(content, page.PROJECTS_SUMMARY_ID))
    assert "1 progetto, n.d. di finanziamento pubblico" in summary
    assert "Per 1 progetto la fonte non dà l'importo" in summary
    rows = rows_by_code(content)
    assert rows["collabora-innova"]["project_funding_eur"] is None
    assert rows["collabora-innova"]["project_funding_eur_fmt"] == "n.d."
    assert rows["ricerca-innova"]["project_funding_eur"] == 1000.0  # the known one only
    everything, _ = render(client, "/funding")
    summary = text_of(find(everything, page.PROJECTS_SUMMARY_ID))
    assert "3 progetti, 1.000 € di finanziamento pubblico" in summary
    assert "Per 2 progetti la fonte non dà l'importo" in summary
