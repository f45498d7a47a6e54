"""The clusters page over HTTP (no browser): totals, filter, cluster card, bad input."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from dashboard.pages import clusters as page
from tests import dash_client
from tests.components import (
    SVG,
    attr,
    find,
    graph,
    graphs,
    svg_of,
    svg_text,
    table_rows,
    texts,
    walk,
)


def render(client, search: str = "") -> list:
    return dash_client.render(client, "/clusters", search)


def post_card_callback(client, value: Any, search: str = "") -> tuple[int, Any]:
    """Call the card callback as the browser does when the list's value has changed."""
    return dash_client.call_callback(
        client,
        "/",
        {f"{page.PICKER_ID}.value": value},
        output_startswith=f"{page.CARD_ID}.children",
        state={"shell-url.search": search},
    )


def post_click(client, chart: str, click: Any) -> tuple[int, Any]:
    """Call the callback of a click on `chart`, as the browser does."""
    return dash_client.call_callback(client, "/", {f"{chart}.clickData": click})


# --- the page ---------------------------------------------------------------------------


def test_totals_add_up_to_755(client):
    content = render(client)
    rows = table_rows(content, page.TABLE_ID)
    assert len(rows) == 10  # nine clusters and the totals row
    assert rows[-1][:7] == ["Totale", "", "", "755", "555", "109", "91"]
    summary = find(content, page.SUMMARY_ID)
    assert texts(summary) == [
        "9 cluster, 755 associati: 555 imprese, 109 organismi di ricerca, 91 altri enti."
    ]
    members = table_rows(content, page.MEMBERS_TABLE_ID)
    assert members[-1][:5] == ["Totale", "755", "555", "109", "91"]
    assert "alert-danger" not in json.dumps(content)


def test_every_chart_has_a_description_with_its_numbers_and_a_table(client):
    content = render(client)
    for chart_id, table_id, numbers in (
        (page.MAP_ID, page.MAP_TABLE_ID, ["Milano 4", "144"]),
        (page.PROVINCE_MAP_ID, page.PROVINCE_TABLE_ID, ["376", "Milano"]),
        (page.MEMBERS_ID, page.MEMBERS_TABLE_ID, ["755", "555", "109", "91"]),
        (
            page.MATRIX_ID,
            page.MATRIX_TABLE_ID,
            ["Sostenibilità 3 e 3", "Cultura e Conoscenza 1 e 0"],
        ),
    ):
        description = " ".join(texts(find(content, f"{chart_id}-description")))
        for number in numbers:
            assert number in description, (chart_id, number)
        if chart_id == page.MAP_ID:  # drawn on the server
            assert svg_of(content, chart_id) is not None
        else:
            assert graph(content, chart_id) is not None
        assert find(content, table_id) is not None


def map_markers(content: list) -> list[ET.Element]:
    svg = svg_of(content, page.MAP_ID)
    return [e for e in svg.iter() if e.get("class") == "s3-map-marker"]


def test_the_first_screen_needs_no_plotly(client):
    # The map is SVG in the layout, the other charts are drawn when reached: no dcc.Graph
    # at load, so plotly.js is not fetched for the first paint.
    for search in ("", "?cluster=afil", "?ecosystem=smart-mobility&lang=en"):
        content = render(client, search)
        assert [c for c in walk(content) if c["type"] == "Graph"] == [], search
        assert {g["id"] for g in graphs(content)} == {
            page.PROVINCE_MAP_ID,
            page.MEMBERS_ID,
            page.MATRIX_ID,
        }


def test_map_markers_are_links_that_choose_in_the_list(client):
    content = render(client, "?lang=en")
    svg = svg_of(content, page.MAP_ID)
    assert svg.get("data-picker") == page.PICKER_ID
    assert len(list(svg.iter(f"{SVG}path"))) == 12
    links = map_markers(content)
    assert len(links) == 9
    for link in links:
        code = link.get("data-value")
        assert link.tag == f"{SVG}a"
        assert link.get("href") == f"/clusters?lang=en&cluster={code}"  # the same view + card
        assert svg_text(link, "title").startswith(attr(link, "aria-label").split(";")[0])
    # The figure keeps its name and description.
    (box,) = [
        c for c in walk(content) if c["props"].get("aria-describedby") == "clusters-map-description"
    ]
    assert box["props"]["role"] == "figure" and box["props"]["aria-label"]


def test_province_table_lists_the_twelve_provinces(client):
    rows = table_rows(render(client), page.PROVINCE_TABLE_ID)
    assert len(rows) == 12
    milano = next(r for r in rows if r[0] == "Milano")
    assert milano[2:4] == ["4", "376"]  # headquarters, members


def test_english_page(client):
    content = render(client, "?lang=en")
    rows = table_rows(content, page.TABLE_ID)
    assert rows[-1][:7] == ["Total", "", "", "755", "555", "109", "91"]
    description = " ".join(texts(find(content, f"{page.MEMBERS_ID}-description")))
    assert "555 firms (74%)" in description


def test_ecosystem_filter_narrows_everything(client):
    content = render(client, "?ecosystem=smart-mobility")
    rows = table_rows(content, page.TABLE_ID)
    names = " ".join(r[0] for r in rows)
    assert "Aerospace" in names and "Mobilità" in names and "Agrifood" not in names
    # clusters with smart mobility as reference (Mobilità, Aerospace, Smart Cities) or synergy
    assert len(rows) == 4  # three clusters and the totals row
    assert rows[-1][3] == str(sum(int(r[3]) for r in rows[:-1]))
    assert find(content, page.FILTER_NOTE_ID) is not None
    markers = map_markers(content)
    codes = sorted(attr(m, "data-value") for m in markers)
    assert codes == ["aerospace", "mobilita", "scc"]
    # A marker's link keeps the filter.
    assert all("ecosystem=smart-mobility&cluster=" in attr(m, "href") for m in markers)
    options = find(content, page.PICKER_ID)["props"]["options"]
    assert sorted(o["value"] for o in options) == codes


def test_filter_on_an_ecosystem_no_cluster_serves(client):
    content = render(client, "?ecosystem=trasversale")
    assert table_rows(content, page.TABLE_ID)[-1][3] == "0"
    assert "Nessun cluster" in json.dumps(content)
    assert "alert-danger" not in json.dumps(content)


# --- the cluster card -------------------------------------------------------------------


def card_text(content: list) -> str:
    return " ".join(texts(find(content, page.CARD_ID)))


def test_cluster_in_the_url_opens_its_card(client):
    content = render(client, "?cluster=afil")
    text = card_text(content)
    assert "Associazione Fabbrica Intelligente Lombardia" in text
    assert "Advanced Manufacturing Technologies" in text  # technology areas
    assert "Vanguard Initiative" in text  # EU projects and networks
    assert "Strategic Communities" in text  # success stories
    assert "AI REGIO" in text  # a project listed in the brochure
    assert "Aree tecnologiche" in text and "Casi di successo" in text
    assert find(content, page.PICKER_ID)["props"]["value"] == "afil"


def test_card_in_english_keeps_the_quoted_italian_marked(client):
    content = render(client, "?lang=en&cluster=tav")
    text = card_text(content)
    assert "Technology areas" in text and "Success stories" in text
    assert "Invecchiamento Attivo" in text
    assert '"lang": "it"' in json.dumps(find(content, page.CARD_ID))
    card = json.dumps(find(content, page.CARD_ID))
    assert '"/clusters?cluster=tav&lang=en"' in card  # the card's own link


def test_card_leaves_out_what_the_brochure_does_not_give(client):
    text = card_text(render(client, "?cluster=scienze-vita"))
    assert "Cluster Lombardo Scienze della Vita" in text
    assert "Forma giuridica" not in text and "Altre sedi" not in text
    assert "nan" not in text.split()
    assert "Forma giuridica" in card_text(render(client, "?cluster=afil"))


def test_unknown_cluster_code_gets_a_message(client):
    content = render(client, "?cluster=no-such-cluster")
    text = card_text(content)
    assert "no-such-cluster" in text and "Nessun cluster" in text
    assert "alert-danger" not in json.dumps(content)
    english = card_text(render(client, "?lang=en&cluster=%3Cscript%3E"))
    assert "No cluster has the code" in english


def test_malformed_cluster_parameter_is_reported_by_the_shell(client):
    content = render(client, "?cluster=" + "x" * 150)
    assert "cluster: not a valid code" in json.dumps(content)
    assert "Scegli un cluster" in card_text(content)  # no card, the prompt


def test_cluster_outside_the_filter_still_opens_with_a_note(client):
    text = card_text(render(client, "?ecosystem=nutrizione&cluster=afil"))
    assert "Associazione Fabbrica Intelligente Lombardia" in text
    assert "non serve l'ecosistema" in text


def test_choosing_from_the_list_opens_the_card(client):
    status, body = post_card_callback(client, "energy", "?lang=en")
    assert status == 200
    card = body["response"][page.CARD_ID]["children"]
    assert "Lombardy Energy Cleantech Cluster" in " ".join(texts(card))
    assert "Water Energy Nexus" in " ".join(texts(card))
    status = body["response"][page.CARD_STATUS_ID]["children"]
    assert status == "Card opened: Lombardy Energy Cleantech Cluster."


@pytest.mark.parametrize("chart", [page.MEMBERS_ID, page.MATRIX_ID])
def test_clicking_a_bar_or_a_matrix_mark_chooses_it_in_the_list(client, chart):
    # Every clickable chart has a callback of its own (both are drawn when reached, and a
    # callback waits for all of its inputs): the click chooses the cluster in the list,
    # whose own callback then opens the card (test_choosing_from_the_list_opens_the_card).
    # The map's markers are links, chosen in the list by the page's script (browser test).
    click = {"points": [{"curveNumber": 5, "pointNumber": 0, "customdata": "agrifood"}]}
    status, body = post_click(client, chart, click)
    assert status == 200
    assert body["response"] == {page.PICKER_ID: {"value": "agrifood"}}


@pytest.mark.parametrize(
    "click",
    [
        None,
        "afil",
        {"points": []},
        {"points": [{"location": "015"}]},  # a click on a province, not a marker
        {"points": [{"customdata": ["afil"]}]},
        {"points": [{"customdata": "x" * 500}]},
    ],
)
def test_other_clicks_change_nothing(client, click):
    status, body = post_click(client, page.MEMBERS_ID, click)
    assert status in (200, 204)
    assert status == 204 or body["response"] == {}  # nothing updated


@pytest.mark.parametrize("value", ["no-such", "x" * 500, 42, ["afil"]])
def test_bad_list_values_get_a_message_not_an_error(client, value):
    status, body = post_card_callback(client, value)
    assert status == 200
    text = " ".join(texts(body["response"][page.CARD_ID]["children"]))
    assert "Nessun cluster" in text or "Scegli un cluster" in text


# --- with funded projects ---------------------------------------------------------------


def test_with_projects_the_choropleth_shows_funding(seeded_url):
    from data.importers.dispatch import import_file
    from tests.conftest import make_app

    rows = (
        "code,title,ecosystem,province_code,province_name,public_funding_eur,source\n"
        "P-1,Uno,manifattura,015,Milano,250000.00,test\n"
        "P-2,Due,salute,016,Bergamo,100000.00,test\n"
        "P-3,Tre,,,,50000.00,test\n"
    )
    result = import_file(seeded_url, "projects", rows.encode(), "projects.csv")
    assert result.outcome == "committed", [str(p) for p in result.problems]
    client = make_app(seeded_url).test_client()
    content = render(client)
    description = " ".join(texts(find(content, f"{page.PROVINCE_MAP_ID}-description")))
    assert "3 progetti finanziati" in description
    assert "1 progetti" in description  # the one without a province is not on the map
    rows_ = table_rows(content, page.PROVINCE_TABLE_ID)
    milano = next(r for r in rows_ if r[0] == "Milano")
    assert milano[5] == "1" and milano[6] == "250.000 €"
    # the filter narrows the projects too (one with no ecosystem is unassigned: left out)
    filtered = render(client, "?ecosystem=salute")
    description = " ".join(texts(find(filtered, f"{page.PROVINCE_MAP_ID}-description")))
    assert "1 progetti finanziati" in description


def test_province_description_counts_the_projects_off_the_map_as_pandas_summed_them():
    """Sums on lists: the totals and the projects without a Lombard province (region-wide,
    another region, unknown code), money with gaps and awkward floats, as the Series sums
    the description used before gave them."""
    import types

    import pandas as pd

    from dashboard.figures import clusters as figures
    from dashboard.i18n import format_eur, format_number, t

    nan = float("nan")
    projects = pd.DataFrame(
        {
            "province_code": ["015", "016", "", "XX", ""],
            "projects": [3, 2, 4, 1, 0],
            "funding_eur": [0.1, 0.2, 0.3, nan, 1e-3],
        }
    )
    provinces = pd.DataFrame(
        {"code": ["015", "016"], "name": ["Milano", "Bergamo"], "population": [3e6, 1e6]}
    )
    clusters = pd.DataFrame({"province_code": ["015"], "members_total": [10]})
    summary = figures.province_summary(provinces, clusters, projects)
    data = types.SimpleNamespace(lang="it", projects=projects)
    text = page._province_description(summary, "funding_eur", data)  # type: ignore[arg-type]
    off = projects[~projects["province_code"].isin(summary["code"])]
    assert (
        t(
            "clusters.province.unassigned",
            "it",
            count=int(off["projects"].sum()),
            n=format_number(off["projects"].sum(), "it"),
            eur=format_eur(off["funding_eur"].sum(), "it", compact=True),
        )
        in text
    )
    assert f"{format_number(projects['projects'].sum(), 'it')} progetti" in text
    assert format_eur(projects["funding_eur"].sum(), "it", compact=True) in text
    assert page._money_sum([nan, nan]) == 0.0 == pd.Series([nan, nan]).sum()
    amounts = [0.1 * (i + 1) + 1e-3 / (i + 1) if i % 7 else nan for i in range(40)]
    assert page._money_sum(amounts) == pd.Series(amounts).sum()


@pytest.mark.parametrize("seed", range(30))
def test_most_research_is_the_series_argmax_it_replaced(seed):
    """Ties (the first wins), clusters without members (skipped), shares equal as floats."""
    import random

    import pandas as pd

    chance = random.Random(seed)
    total = [chance.choice([0, 3, 6, 9, 10]) for _ in range(chance.randint(1, 12))]
    research = [chance.randint(0, t) for t in total]
    if seed == 0:
        total[0] = 5  # at least one cluster with members in the first case
    frame = pd.DataFrame({"members_research": research, "members_total": total})
    if not any(total):
        return  # no share at all: the function falls back to the Series itself
    share = frame["members_research"] / frame["members_total"].where(frame["members_total"] > 0)
    assert page._most_research(research, total) == share.argmax()


@pytest.mark.parametrize(
    "text",
    ["Cluster Lombardo Mobilità", '<b>"A" & B</b>', "https://www.example.org/?a=1&b='2'"],
)
def test_written_table_cells_are_the_components_markup(text):
    from dash import html

    from dashboard.static_markup import markup

    name = html.Div([html.Div(text), html.Small(f"{text} (fonte)", className="text-muted")])
    assert page._name_cell(text, f"{text} (fonte)").html == markup(name)
    assert page._strong(text).html == markup(html.Strong(text))
    for url in (text, "javascript:alert(1)"):  # a script URL loses its link, as Dash does
        website = html.A(url, href=url, target="_blank", rel="noopener")
        assert page._website_cell(url).html == markup(website)
