"""The public app (/public/): every view in both languages, through its callbacks as a
browser calls them; nothing draft, unpublished or synthetic ever reaches it; every input
validated; the light index; the embed snippet.

The database is the seed plus the traps of tests/public_traps.py: a draft observation, an
unpublished indicator (with a published observation and a stored forecast), an unpublished
call, a synthetic project, and a current forecast for a published indicator.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from flask import Flask
from flask.testing import FlaskClient

from data.analysis.missing import is_missing
from tests.conftest import make_app
from tests.dash_client import call_callback
from tests.databases import SqliteTemplates
from tests.public_traps import (
    LANG_QUERIES,
    SECRET_INDICATOR,
    VIEWS,
    add_traps,
    assert_no_secret,
    render,
    text_of,
)


@pytest.fixture(scope="module")
def trapped_url(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> str:
    url = database_templates.seeded_copy(tmp_path_factory.mktemp("public") / "public.db")
    add_traps(url)
    return url


@pytest.fixture(scope="module")
def public_app(trapped_url: str) -> Flask:
    return make_app(trapped_url, S3DASH_RATE_LIMIT="off")


@pytest.fixture
def pclient(public_app: Flask) -> FlaskClient:
    return public_app.test_client()


# --- every view, both languages ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("path", VIEWS)
def test_every_view_renders_in_both_languages(pclient: Any, path: str, lang: str) -> None:
    response = render(pclient, path, LANG_QUERIES[lang])
    content = text_of(response["public-content"])
    assert response["public-lang-sink"]["lang"] == lang
    assert "S3 Monitor" in response["public-lang-sink"]["title"]
    assert '"H1"' in content  # one page title per view
    for broken in ("Si è verificato un errore", "Something went wrong", "Pagina non trovata"):
        assert broken not in content
    other = {"it": "Indicators and targets", "en": "Indicatori e obiettivi"}[lang]
    assert other not in content
    header = text_of(response["public-header"])
    assert "public" in text_of(response["public-footer"]) or "CC BY 4.0" in text_of(
        response["public-footer"]
    )
    assert "S3 Monitor" in header  # brand and language switch in full mode


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("path", VIEWS)
def test_embed_mode_has_no_chrome(pclient: Any, path: str, lang: str) -> None:
    search = "?embed=1" + {"it": "", "en": "&lang=en"}[lang]
    response = render(pclient, path, search)
    assert response["public-header"]["children"] == []
    content = text_of(response["public-content"])
    assert "s3p-embed" in content and "public-embed-code" not in content
    footer = text_of(response["public-footer"])
    assert '"target": "_blank"' in footer  # the way out to the full page
    assert "embed=1" not in footer.split('"target"')[0].rsplit("href", 1)[-1]


@pytest.mark.parametrize("path", VIEWS)
def test_no_draft_unpublished_or_synthetic_value_anywhere(pclient: Any, path: str) -> None:
    for search in ("", "?lang=en", "?embed=1", "?lang=en&embed=1"):
        assert_no_secret(text_of(render(pclient, path, search)), f"{path}{search}")


def test_no_secret_in_the_map_callback_or_the_layout(pclient: Any) -> None:
    for search in ("", "?lang=en"):
        status, body = call_callback(
            pclient,
            "/public/",
            {"public-map-button.n_clicks": 1},
            state={"public-url.search": search},
        )
        assert status == 200
        assert_no_secret(text_of(body), "map callback")
        assert "clusters-map" in text_of(body) and '"Graph"' not in text_of(body)  # SVG
    for path in ("/public/_dash-layout", "/public/_dash-dependencies", "/public/"):
        assert_no_secret(pclient.get(path).get_data(as_text=True), path)


def test_the_cluster_map_is_svg_with_focusable_markers_and_no_links(pclient: Any) -> None:
    from dashboard.pages.clusters import MAP_ID
    from tests.components import SVG, svg_of, walk

    content = render(pclient, "/public/clusters", "?lang=en")["public-content"]
    assert [c for c in walk(content) if c["type"] == "Graph"] == []  # no plotly.js
    svg = svg_of(content, MAP_ID)
    markers = [e for e in svg.iter() if e.get("class") == "s3-map-marker"]
    assert len(markers) == 9
    for marker in markers:  # the public app has no cluster card to open
        assert marker.tag == f"{SVG}g" and marker.get("tabindex") == "0"
        assert marker.get("aria-label") and marker.find(f"{SVG}title") is not None
    assert not list(svg.iter(f"{SVG}a")) and svg.get("data-picker") is None


def test_unpublished_indicator_card_is_not_found(pclient: Any) -> None:
    response = render(pclient, f"/public/indicator/{SECRET_INDICATOR}")
    content = text_of(response["public-content"])
    assert "Pagina non trovata" in content
    assert_no_secret(text_of(response), "card of an unpublished indicator")


def test_the_draft_is_not_the_latest_value(pclient: Any) -> None:
    content = text_of(render(pclient, "/public/indicator/RI05")["public-content"])
    assert "73,6 M€" in content  # the latest published value, April 2025
    assert "giu 2025" not in content  # the draft's date


def test_current_forecast_of_a_published_indicator_is_shown(pclient: Any) -> None:
    content = text_of(render(pclient, "/public/indicator/RI05", "?lang=en")["public-content"])
    assert "unlikely" in content and "12%" in content  # P(target met) = 0.123
    assert "151.5 M€" in content
    trends = text_of(render(pclient, "/public/trends")["public-content"])
    assert "RI05" in trends


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("?lang=zz", "lang='zz'"),
        ("?embed=yes", "embed='yes'"),
        ("?foo=1", "unknown parameter 'foo'"),
        ("?" + "x=1&" * 300, "query string"),
    ],
)
def test_bad_query_parameters_are_reported(pclient: Any, search: str, expected: str) -> None:
    response = render(pclient, "/public/", search)
    assert expected in text_of(response["public-content"])
    assert response["public-lang-sink"]["lang"] == "it"


@pytest.mark.parametrize(
    "path",
    [
        "/public/nope",
        "/public/indicator/NOPE",
        "/public/indicator/RI05/extra",
        "/public/../internal",
        "/public/indicator/" + "R" * 500,
        "/data",
        "/public/indicator/<script>",
    ],
)
def test_unknown_paths_are_not_found(pclient: Any, path: str) -> None:
    response = render(pclient, path)
    content = text_of(response["public-content"])
    assert "Pagina non trovata" in content
    assert "<script>" not in text_of(response)


@pytest.mark.parametrize(
    ("pathname", "search"),
    [(5, ""), (None, None), (["/public/"], ""), ("/public/", {"lang": "en"}), ("/public/", 3)],
)
def test_malformed_callback_values_never_fail(pclient: Any, pathname: Any, search: Any) -> None:
    status, body = call_callback(
        pclient, "/public/", {"public-url.pathname": pathname, "public-url.search": search}
    )
    assert status == 200
    assert "Traceback" not in text_of(body)


@pytest.mark.parametrize("clicks", [0, 2, -1, "1", True, None, 1.5, [1]])
def test_map_callback_ignores_anything_but_the_first_click(pclient: Any, clicks: Any) -> None:
    status, _ = call_callback(
        pclient, "/public/", {"public-map-button.n_clicks": clicks}, state={"public-url.search": ""}
    )
    assert status == 204  # nothing updated


def test_internal_callbacks_are_refused_by_the_public_app(pclient: Any) -> None:
    internal = pclient.get("/_dash-dependencies").get_json()
    public_outputs = {d["output"] for d in pclient.get("/public/_dash-dependencies").get_json()}
    assert public_outputs.isdisjoint({d["output"] for d in internal})
    for dep in internal:
        payload = {"output": dep["output"], "inputs": [], "state": [], "changedPropIds": []}
        assert pclient.post("/public/_dash-update-component", json=payload).status_code == 400


# --- light page -----------------------------------------------------------------------------


def test_index_loads_only_html_and_dcc_bundles(pclient: Any) -> None:
    page = pclient.get("/public/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    scripts = " ".join(re.findall(r'<script src="([^"]+)"', page))
    assert "dash_bootstrap_components" not in scripts and "dash_table" not in scripts
    # plotly.js is loaded lazily, by the map only (its 4 KB Italian locale waits for it).
    assert "plotly.min" not in scripts and "package_data" not in scripts
    assert "/assets/plotly-locale-it.js" in scripts
    assert "/dash/dcc/" in scripts and "/dash/html/" in scripts and "dash_renderer" in scripts
    assert "<noscript>" in page and "/api/v1/" in page
    assert '<html lang="it">' in pclient.get("/public/?lang=xx").get_data(as_text=True)
    # The internal app keeps its bundles.
    internal = pclient.get("/").get_data(as_text=True)
    assert "dash_bootstrap_components" in " ".join(re.findall(r'<script src="([^"]+)"', internal))
    # The public page's styles and iframe-height script are the public app's alone.
    for asset in ("/assets/public.css", "/assets/public-embed.js"):
        assert f"/public{asset}" in page and asset not in internal
    # The HTML chart legends' script is the internal app's alone (no plotly chart here).
    assert "/assets/chart-legends.js" in internal and "chart-legends" not in page


@pytest.mark.parametrize("path", VIEWS + ["/public/nope"])
def test_views_use_only_components_the_index_loads(public_app: Any, path: str) -> None:
    from callbacks.public import cluster_map
    from callbacks.public import render as render_view
    from dashboard.public import uses_allowed_components

    with public_app.test_request_context("/public/_dash-update-component"):
        for search in ("", "?lang=en&embed=1"):
            header, content, footer, *_ = render_view(path, search, "it")
            assert uses_allowed_components([header, content, footer]), path
        assert uses_allowed_components(cluster_map("it"))


def test_embed_snippet_names_this_server_and_checks_the_origin(pclient: Any) -> None:
    content = render(pclient, "/public/indicator/RI05", "?lang=en")["public-content"]
    text = text_of(content)
    assert "http://localhost/public/indicator/RI05?lang=en&amp;embed=1" in text
    assert 'e.origin !== \\"http://localhost\\"' in text
    assert "s3monitor:height" in text


def test_links_keep_the_language_and_the_mode(pclient: Any) -> None:
    text = text_of(render(pclient, "/public/", "?lang=en&embed=1"))
    assert "/public/indicator/RI05?lang=en&embed=1" in text
    assert "/public/method?lang=en&embed=1" in text


# --- pure parts -----------------------------------------------------------------------------


def test_funding_by_ecosystem_counts_each_ecosystem_and_skips_nd() -> None:
    from dashboard.public_sections import funding_by_ecosystem

    ecosystems = pd.DataFrame(
        {"code": ["a", "b"], "name_it": ["A", "B"], "name_en": ["A en", "B en"]}
    )
    calls = pd.DataFrame(
        {
            "ecosystems": [["a", "b"], ["a"], [], ["b"]],
            "budget_eur": [10.0, None, 5.0, None],
            "granted_eur": [1.0, 2.0, None, None],
        }
    )
    summary = funding_by_ecosystem(calls, ecosystems, "it").set_index("code")
    assert summary.loc["a", "calls"] == 2 and summary.loc["a", "budget_eur"] == 10.0
    assert summary.loc["a", "budget_known"] == 1 and summary.loc["a", "granted_eur"] == 3.0
    assert summary.loc["b", "calls"] == 2 and summary.loc["b", "granted_eur"] == 1.0
    assert summary.loc["", "name"] == "Nessun ecosistema indicato"
    assert summary.loc["", "budget_eur"] == 5.0 and is_missing(summary.loc["", "granted_eur"])


def test_gauge_svg_bounds_and_marks() -> None:
    from dashboard.figures.public import bar_percent, dial_text, gauge_svg

    assert dial_text(0.246) == "25%" and dial_text(1.7) == "&gt; 100%"
    assert dial_text(-3) == "&lt; 0%"
    svg = gauge_svg(0.5, 0.25, "#15803d")
    assert svg.startswith("<svg") and svg.count("<path") == 2 and "<line" in svg
    assert "#15803d" in svg
    assert gauge_svg(-1, None, "#000").count("<path") == 1  # nothing drawn below the base
    assert bar_percent(5, 10) == 50.0 and bar_percent(None, 10) == 0 and bar_percent(20, 10) == 100


def test_slim_scripts_keeps_only_the_needed_bundles() -> None:
    from dashboard.public import slim_scripts

    tags = "\n".join(
        f'<script src="/public/_dash-component-suites/{p}"></script>'
        for p in (
            "dash/deps/react@18.js",
            "dash_bootstrap_components/_components/dbc.min.js",
            "dash/dcc/dash_core_components.js",
            "dash/dash_table/bundle.js",
            "dash_ag_grid/dash_ag_grid.min.js",
        )
    )
    slim = slim_scripts(tags + "\n<script>var inline = 1;</script>")
    assert "react@18" in slim and "dash_core_components" in slim and "inline" in slim
    assert "dbc" not in slim and "dash_table" not in slim and "ag_grid" not in slim


def test_assets_are_scoped_to_the_public_page() -> None:
    css = (Path(__file__).resolve().parents[2] / "assets" / "public.css").read_text()
    selectors = [
        line.split("{")[0]
        for line in css.splitlines()
        if "{" in line and not line.lstrip().startswith(("@", "/*"))
    ]
    for selector in selectors:
        for part in selector.split(","):
            assert ".s3p-" in part or "#public-" in part, part


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("it", "Quanto sono affidabili queste previsioni"),
        ("en", "How reliable are these forecasts"),
    ],
)
def test_method_page_says_how_reliable_the_forecasts_are(
    pclient: Any, lang: str, title: str
) -> None:
    text = text_of(render(pclient, "/public/method", LANG_QUERIES[lang]))
    assert title in text
    assert "MASE (Hyndman)" in text and "drift" in text


def test_a_section_on_its_own_page_skips_no_heading_level() -> None:
    from dash import html

    from dashboard.public import promote_headings

    tree = html.Div([html.H3("a", id="x", className="h6"), html.Div(html.H3("b")), html.P("c")])
    promoted = promote_headings(tree)
    first, inner, _ = promoted.children
    assert isinstance(first, html.H2)
    assert first.to_plotly_json()["props"] == {"children": "a", "id": "x", "className": "h6"}
    assert isinstance(inner.children, html.H2) and inner.children.children == "b"


def test_the_scripts_are_not_a_second_footer(pclient: Any) -> None:
    page = pclient.get("/public/").get_data(as_text=True)
    assert "<footer>" not in page  # the shell's own <footer id=…> is the one contentinfo
