"""The public app (/public/): every view in both languages, through its callbacks as a
browser calls them; nothing draft, unpublished or synthetic ever reaches it; every input
validated; the light index; the embed snippet.

The database is the seed plus traps created here: a draft observation, an unpublished
indicator (with a published observation and a stored forecast), an unpublished call, a
synthetic project, and a current forecast for a published indicator.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from data.analysis.forecast import indicator_series, series_hash
from data.analysis.missing import is_missing
from data.db import bump_data_version, session_scope
from data.models import Ecosystem, ForecastRun, FundingCall, Indicator, Observation, Project
from data.queries import indicators_frame, observations_frame
from tests.conftest import make_app
from tests.dash_client import call_callback
from tests.databases import SqliteTemplates

# The traps: none of these may appear anywhere in the public app.
DRAFT_VALUE = 4242.42  # a draft observation of RI05
SECRET_INDICATOR = "RI99"
SECRET_NAMES = ("Indicatore riservato", "Confidential indicator")
SECRET_INDICATOR_VALUE = 31337.0
SECRET_FORECAST_MEDIAN = 97531.25
SECRET_CALL = "Bando riservato XYZ"
SECRET_CALL_BUDGET = Decimal("8642097")
SYNTHETIC_TITLE = "Progetto sintetico dimostrativo"
SYNTHETIC_FUNDING = Decimal("6180339")
SECRETS = (
    SECRET_INDICATOR,
    *SECRET_NAMES,
    "31337",
    "31.337",
    "31,337",
    "97531",
    "97.531",
    "97,531",
    SECRET_CALL,
    "bando-riservato",
    "8642097",
    "8.642.097",
    "8,642,097",
    "8,6 mln",
    "€8.6m",
    SYNTHETIC_TITLE,
    "SYN-PUB",
    "6180339",
    "6.180.339",
    "6,2 mln",
    "€6.2m",
    "4242.42",
    "4.242",
    "4,242",
)
# A current forecast of RI05 (published): shown.
RI05_P = 0.123
RI05_MEDIAN = 151.5

VIEWS = [
    "/public/",
    "/public/indicators",
    "/public/indicator/RI05",
    "/public/indicator/RI07",
    "/public/trends",
    "/public/funding",
    "/public/clusters",
    "/public/method",
    "/public/accessibility",
]
LANG_QUERIES = {"it": "", "en": "?lang=en"}


def add_traps(url: str) -> None:
    """The draft, unpublished and synthetic rows, and two stored forecasts."""
    with session_scope(url) as s:
        ri05 = s.scalars(select(Indicator).where(Indicator.code == "RI05")).one()
        s.add(
            Observation(
                indicator_id=ri05.id,
                date=dt.date(2025, 6, 30),
                value=DRAFT_VALUE,
                status="draft",
                source="draft import",
            )
        )
        secret = Indicator(
            code=SECRET_INDICATOR,
            name_it=SECRET_NAMES[0],
            name_en=SECRET_NAMES[1],
            unit="n.",
            kind="cumulative",
            baseline_value=0.0,
            baseline_date=dt.date(2022, 12, 31),
            target_value=100.0,
            target_date=dt.date(2027, 12, 31),
            published=False,
            source="riservato",
            sort_order=99,
        )
        secret.observations = [
            Observation(
                date=dt.date(2024, 12, 31),
                value=SECRET_INDICATOR_VALUE,
                status="published",
                source="riservato",
            )
        ]
        s.add(secret)
        eco = s.scalars(select(Ecosystem).where(Ecosystem.code == "salute")).one()
        s.add(
            FundingCall(
                code="bando-riservato",
                name=SECRET_CALL,
                budget_eur=SECRET_CALL_BUDGET,
                granted_eur=SECRET_CALL_BUDGET,
                published=False,
                source="riservato",
                ecosystems=[eco],
            )
        )
        s.add(
            Project(
                code="SYN-PUB-1",
                title=SYNTHETIC_TITLE,
                is_synthetic=True,
                province_code="015",
                province_name="Milano",
                public_funding_eur=SYNTHETIC_FUNDING,
                ecosystem_id=eco.id,
                source="demo",
            )
        )
        s.flush()
        indicators = indicators_frame(s)
        observations = observations_frame(s)
        for code, p, median, outlook in (
            ("RI05", RI05_P, RI05_MEDIAN, "unlikely"),
            (SECRET_INDICATOR, 0.9, SECRET_FORECAST_MEDIAN, "likely"),
        ):
            row = indicators[indicators["code"] == code].iloc[0].to_dict()
            series = indicator_series(row, observations)
            s.add(
                ForecastRun(
                    series_key=series.key,
                    indicator_id=s.scalars(
                        select(Indicator.id).where(Indicator.code == code)
                    ).one(),
                    data_hash=series_hash(series),
                    status="ok",
                    n_points=series.n_points,
                    p_target_met=p,
                    outlook=outlook,
                    realistic_median=median,
                    realistic_low=median - 20,
                    realistic_high=median + 20,
                    projected_pace=20.0,
                    required_pace=80.0,
                    trend_to_reverse=outlook == "unlikely",
                )
            )
        bump_data_version(s)


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


def render(client: Any, path: str, search: str = "") -> dict[str, Any]:
    status, body = call_callback(
        client, "/public/", {"public-url.pathname": path, "public-url.search": search}
    )
    assert status == 200, body
    return body["response"]


def text_of(response: dict[str, Any]) -> str:
    return json.dumps(response, ensure_ascii=False)


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, (where, secret)


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
        assert '"Graph"' in text_of(body)
    for path in ("/public/_dash-layout", "/public/_dash-dependencies", "/public/"):
        assert_no_secret(pclient.get(path).get_data(as_text=True), path)


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
