"""Open data API (/api/v1): every endpoint as JSON and CSV, pagination, validation errors,
published data only, "n.d." as null, CSV formula neutralisation, and every JSON response
validated against the OpenAPI document the API serves.

Most tests run on a small database filled here through the ORM (`fill_sample_data`), served by
an app holding only the API blueprint plus a catch-all route like the internal Dash app's. Tests
marked `needs_seed` run the same checks on the real seed once data/seeding.py and data/seed/
exist.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import logging
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from openapi_spec_validator import validate as validate_spec
from sqlalchemy import update

import data
from api import v1
from api.openapi import build_document, page_schema_name
from api.serialize import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    RESOURCES,
    Field,
    csv_cell,
    json_value,
    neutralise,
)
from data.cache import init_cache
from data.db import bump_data_version, session_scope
from data.models import (
    Cluster,
)
from tests.api_samples import (
    FORMULA_AREAS,
    FORMULA_CALL_NAME,
    FORMULA_TITLE,
    REAL_PROJECTS,
    fill_sample_data,
)
from tests.forecast_runs import stored_run

SEED_DIR = Path(data.__file__).resolve().parent / "seed"


def seed_available() -> bool:
    """data/seeding.py and the seed CSVs are there (others are writing them)."""
    return importlib.util.find_spec("data.seeding") is not None and any(SEED_DIR.glob("*.csv"))


needs_seed = pytest.mark.skipif(
    not seed_available(), reason="data/seeding.py or data/seed/*.csv not there yet"
)

ENDPOINTS = list(RESOURCES)

# The field names the brief promises to API users (the declarations may add more).
REQUIRED_FIELDS = {
    "ecosystems": {"code", "name_it", "name_en", "cross_cutting"},
    "context": {"measure", "unit", "region_code", "nuts_level", "year", "value", "source"},
    "clusters": {
        "code",
        "name",
        "city",
        "province",
        "lat",
        "lon",
        "members_total",
        "members_firms",
        "members_research",
        "members_other",
        "ecosystems",
        "synergy_ecosystems",
        "address",
        "website",
        "coords_approximate",
        "source",
    },
    "indicators": {
        "code",
        "name_it",
        "name_en",
        "unit",
        "kind",
        "direction",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "observations",
        "objective",
        "notes",
        "source",
        "status",
        "progress_share",
        "expected_share",
        "pace_ratio",
        "forecast_status",
        "forecast_outlook",
        "forecast_p_target_met",
        "forecast_realistic_median",
        "trend_to_reverse",
    },
    "observations": {"indicator_code", "date", "value", "source", "note"},
    "calls": {
        "code",
        "name",
        "programme",
        "budget_eur",
        "requested_eur",
        "granted_eur",
        "applications",
        "beneficiaries",
        "ecosystems",
        "instrument",
        "year",
        "admitted",
        "partners",
        "project_value_eur",
        "status",
        "source",
    },
    "projects": {
        "code",
        "cup",
        "title",
        "call_code",
        "ecosystem",
        "province_code",
        "province_name",
        "theme",
        "public_funding_eur",
        "start_date",
        "end_date",
    },
}

# --- sample database ----------------------------------------------------------------------


def make_api_app(url: str) -> Flask:
    """An app with only the API blueprint, plus a catch-all like the internal Dash app's."""
    app = Flask(__name__)
    app.config.update(DATABASE_URL=url, TESTING=True)
    init_cache(app, "")
    app.register_blueprint(v1.bp)

    @app.route("/", defaults={"path": ""})
    @app.route("/<path:path>")
    def dash_like_catch_all(path: str) -> str:
        return "<html>Dash</html>"

    return app


@pytest.fixture
def sample_url(sqlite_url: str) -> str:
    fill_sample_data(sqlite_url)
    return sqlite_url


@pytest.fixture
def api_app(sample_url: str) -> Flask:
    return make_api_app(sample_url)


@pytest.fixture
def api(api_app: Flask) -> Any:
    return api_app.test_client()


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return build_document()


def validator(document: dict[str, Any], component: str) -> OAS30Validator:
    """A validator for one component schema, resolving refs inside the document."""
    schema = {"$ref": f"#/components/schemas/{component}", "components": document["components"]}
    return OAS30Validator(schema, format_checker=oas30_format_checker)


def assert_valid(document: dict[str, Any], component: str, instance: Any) -> None:
    errors = [e.message for e in validator(document, component).iter_errors(instance)]
    assert errors == [], f"{component}: {errors[:5]}"


def get_json(client: Any, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def get_csv(client: Any, path: str) -> tuple[Any, list[dict[str, str]], list[str]]:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    text = response.get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return response, rows, list(reader.fieldnames or [])


def check_all_endpoints(client: Any, document: dict[str, Any]) -> dict[str, list[Any]]:
    """Every endpoint, all pages, JSON validated against its schema; CSV header checked."""
    everything: dict[str, list[Any]] = {}
    for name, resource in RESOURCES.items():
        body = get_json(client, f"/api/v1/{name}?limit={MAX_LIMIT}")
        assert_valid(document, page_schema_name(resource), body)
        assert body["meta"]["count"] == len(body["data"]) == body["meta"]["total"]
        everything[name] = body["data"]
        _, _, header = get_csv(client, f"/api/v1/{name}?format=csv&limit={MAX_LIMIT}")
        assert header == resource.csv_columns
    return everything


# --- JSON ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ENDPOINTS)
def test_json_envelope_and_fields(api: Any, document: dict[str, Any], name: str) -> None:
    body = get_json(api, f"/api/v1/{name}")
    assert list(body) == ["data", "meta"]
    meta = body["meta"]
    assert meta["licence"] == "CC BY 4.0"
    assert meta["source"] == "Regione Lombardia — S3 Monitor"
    assert meta["limit"] == DEFAULT_LIMIT and meta["offset"] == 0
    assert meta["count"] == len(body["data"]) == meta["total"] > 0
    assert meta["data_version"] >= 1
    for item in body["data"]:
        assert REQUIRED_FIELDS[name] <= set(item)
        # Declared order is the contract (json.dumps, not the app's key-sorting provider).
        assert list(item) == [f.name for f in RESOURCES[name].fields]
    assert_valid(document, page_schema_name(RESOURCES[name]), body)


def test_ecosystems(api: Any) -> None:
    data = get_json(api, "/api/v1/ecosystems")["data"]
    assert [e["code"] for e in data] == ["sostenibilita", "salute", "trasversale"]
    assert [e["cross_cutting"] for e in data] == [False, False, True]


def test_clusters(api: Any) -> None:
    data = {c["code"]: c for c in get_json(api, "/api/v1/clusters")["data"]}
    alpha, beta = data["CL-A"], data["CL-B"]
    assert alpha["province"] == "015" and alpha["city"] == "Milano"
    assert alpha["ecosystems"] == ["sostenibilita"]
    assert alpha["synergy_ecosystems"] == ["salute"]
    assert alpha["legal_form"] is None
    assert (alpha["lat"], alpha["lon"]) == (45.46, 9.19)
    assert (alpha["members_total"], alpha["members_firms"]) == (100, 80)
    assert beta["ecosystems"] == ["salute"] and beta["synergy_ecosystems"] == []
    # The JSON keeps text as it is: neutralising is for spreadsheets only.
    assert alpha["technology_areas"] == FORMULA_AREAS


def test_indicators_published_only_with_nd_as_null(api: Any) -> None:
    data = get_json(api, "/api/v1/indicators")["data"]
    assert [i["code"] for i in data] == ["IND-PUB", "IND-EMPTY"]  # unpublished one absent
    pub, empty = data
    assert pub["baseline_value"] is None  # n.d., never 0
    assert pub["ecosystem"] == "sostenibilita"
    assert [(o["date"], o["value"]) for o in pub["observations"]] == [
        ("2022-12-31", -1.5),
        ("2023-12-31", 10.5),
        ("2024-12-31", None),  # n.d. is null
    ]  # the 2025-04-30 draft is absent
    assert empty["baseline_value"] == 0.0  # a real zero stays zero
    assert empty["observations"] == [] and empty["measure_started"] is False
    assert empty["ecosystem"] is None


def test_calls_published_only_with_nd_as_null(api: Any) -> None:
    data = get_json(api, "/api/v1/calls")["data"]
    assert [c["code"] for c in data] == ["CALL-PUB"]
    call = data[0]
    assert call["budget_eur"] == 1_000_000.0 and call["granted_eur"] == 583_400.5
    assert call["requested_eur"] is None and call["admitted"] is None
    assert call["applications"] == 12 and call["year"] == 2024
    assert call["ecosystems"] == ["sostenibilita", "salute"]


def test_projects_never_synthetic(api: Any) -> None:
    body = get_json(api, "/api/v1/projects")
    assert [p["code"] for p in body["data"]] == REAL_PROJECTS
    assert body["meta"]["total"] == len(REAL_PROJECTS)
    p3 = body["data"][2]
    assert p3["public_funding_eur"] is None and p3["end_date"] is None
    assert p3["call_code"] == "CALL-PUB" and p3["province_code"] == "015"
    assert p3["start_date"] == "2024-01-01"


@pytest.mark.parametrize("fmt", ["", "&format=csv"])
def test_hidden_rows_appear_nowhere(api: Any, fmt: str) -> None:
    for name in ENDPOINTS:
        text = api.get(f"/api/v1/{name}?limit={MAX_LIMIT}{fmt}").get_data(as_text=True)
        for secret in ("IND-HIDDEN", "CALL-HIDDEN", "Bando riservato", "SYN-001", "999"):
            assert secret not in text, (name, secret)


def test_index_lists_endpoints(api: Any, document: dict[str, Any]) -> None:
    body = get_json(api, "/api/v1/")
    assert body["endpoints"] == {name: f"/api/v1/{name}" for name in ENDPOINTS}
    assert body["openapi"] == "/api/v1/openapi.json"
    assert_valid(document, "Index", body)


# --- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ENDPOINTS)
def test_csv_download(api: Any, name: str) -> None:
    response, rows, header = get_csv(api, f"/api/v1/{name}?format=csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="s3-monitor-{name}.csv"'
    )
    assert header == RESOURCES[name].csv_columns
    assert REQUIRED_FIELDS[name] - {"observations"} <= set(header)
    assert int(response.headers["X-Total-Count"]) > 0
    assert rows


def test_csv_indicators_one_row_per_observation(api: Any) -> None:
    _, rows, header = get_csv(api, "/api/v1/indicators?format=csv")
    assert header[-6:] == [
        "date",
        "value",
        "observation_source",
        "observation_source_title",  # the document's title beside the stored source
        "observation_source_file",  # and its file name, the provenance
        "observation_note",
    ]
    assert [(r["code"], r["date"], r["value"]) for r in rows] == [
        ("IND-PUB", "2022-12-31", "-1.5"),  # numbers are not neutralised
        ("IND-PUB", "2023-12-31", "10.5"),
        ("IND-PUB", "2024-12-31", ""),  # n.d. is empty, never 0
        ("IND-EMPTY", "", ""),  # still listed without observations
    ]
    assert rows[0]["baseline_value"] == "" and rows[3]["baseline_value"] == "0"
    assert rows[0]["notes"] == "'-2 rispetto al 2023"


def test_csv_neutralises_formulas_and_joins_lists(api: Any) -> None:
    _, clusters, _ = get_csv(api, "/api/v1/clusters?format=csv")
    alpha = next(r for r in clusters if r["code"] == "CL-A")
    assert alpha["technology_areas"] == "'" + FORMULA_AREAS
    assert alpha["legal_form"] == "" and alpha["coords_approximate"] == "true"
    _, calls, _ = get_csv(api, "/api/v1/calls?format=csv")
    assert calls[0]["name"] == "'" + FORMULA_CALL_NAME
    assert calls[0]["ecosystems"] == "sostenibilita|salute"
    assert calls[0]["budget_eur"] == "1000000" and calls[0]["granted_eur"] == "583400.5"
    assert calls[0]["requested_eur"] == ""
    _, projects, _ = get_csv(api, "/api/v1/projects?format=csv")
    assert projects[0]["title"] == "'" + FORMULA_TITLE
    assert projects[2]["public_funding_eur"] == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+39 02", "'+39 02"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Milano", "Milano"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_cells_and_values() -> None:
    number = Field("x", "number", "")
    assert csv_cell(-3.0, number) == "-3" and csv_cell(0.1, number) == "0.1"
    assert csv_cell(None, number) == ""
    assert csv_cell(["=a", "b"], Field("c", "codes", "")) == "'=a|b"
    assert json_value(float("nan"), number) is None
    assert json_value(None, Field("c", "codes", "")) == []
    assert json_value(dt.datetime(2024, 5, 1, 12), Field("d", "date", "")) == "2024-05-01"


# --- pagination ---------------------------------------------------------------------------


def test_projects_pagination(api: Any, document: dict[str, Any]) -> None:
    response = api.get("/api/v1/projects?limit=2&offset=1")
    body = response.get_json()
    assert [p["code"] for p in body["data"]] == ["P002", "P003"]
    assert body["meta"] | {"data_version": 0} == {
        "count": 2,
        "total": 5,
        "limit": 2,
        "offset": 1,
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "Regione Lombardia — S3 Monitor",
        "data_version": 0,
    }
    assert response.headers["X-Total-Count"] == "5"
    assert response.headers["Link"] == '</api/v1/projects?limit=2&offset=3&format=json>; rel="next"'
    assert_valid(document, "ProjectPage", body)

    last = api.get("/api/v1/projects?limit=2&offset=4")
    assert [p["code"] for p in last.get_json()["data"]] == ["P005"]
    assert "Link" not in last.headers

    _, rows, _ = get_csv(api, "/api/v1/projects?format=csv&limit=2&offset=3")
    assert [r["code"] for r in rows] == ["P004", "P005"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("limit=0", []),
        ("offset=50", []),
        ("limit=1&offset=1", ["CL-B"]),
        (f"limit={MAX_LIMIT}", ["CL-A", "CL-B"]),
        ("offset=2147483647", []),
    ],
)
def test_pagination_edges(api: Any, query: str, codes: list[str]) -> None:
    body = get_json(api, f"/api/v1/clusters?{query}")
    assert [c["code"] for c in body["data"]] == codes
    assert body["meta"]["total"] == 2


def test_indicator_pagination_counts_indicators(api: Any) -> None:
    body = get_json(api, "/api/v1/indicators?limit=1&offset=1")
    assert [i["code"] for i in body["data"]] == ["IND-EMPTY"]
    assert body["meta"]["total"] == 2


# --- errors -------------------------------------------------------------------------------


BAD_QUERIES = [
    ("foo=1", "foo"),
    ("LIMIT=5", "LIMIT"),
    ("limit=abc", "limit"),
    ("limit=-1", "limit"),
    ("limit=1.5", "limit"),
    ("limit=", "limit"),
    ("limit=%201", "limit"),
    ("limit=%D9%A3", "limit"),  # a non-ASCII digit
    (f"limit={MAX_LIMIT + 1}", "limit"),
    ("limit=" + "9" * 5000, "limit"),
    ("limit=1&limit=2", "limit"),
    ("offset=-5", "offset"),
    ("offset=x", "offset"),
    ("offset=2147483648", "offset"),
    ("format=xml", "format"),
    ("format=JSON", "format"),
    ("format=", "format"),
    ("format=csv&format=json", "format"),
]


def assert_error(response: Any, status: int, parameter: str | None = None) -> str:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error["message"], str) and error["message"]
    assert error.get("parameter") == parameter
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and 'File "' not in text
    assert_valid(build_document(), "Error", body)
    return error["message"]


@pytest.mark.parametrize(("query", "parameter"), BAD_QUERIES)
def test_bad_parameters_give_400(api: Any, query: str, parameter: str) -> None:
    message = assert_error(api.get(f"/api/v1/projects?{query}"), 400, parameter)
    assert f"'{parameter}'" in message or parameter in message
    assert len(message) < 200  # a 5000-digit value is not echoed back


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_endpoint_validates(api: Any, name: str) -> None:
    assert_error(api.get(f"/api/v1/{name}?limit=1001"), 400, "limit")
    assert_error(api.get(f"/api/v1/{name}?q=x"), 400, "q")
    assert_error(api.get(f"/api/v1/{name}?format=xlsx"), 400, "format")


def test_validation_messages_are_clear(api: Any) -> None:
    assert assert_error(api.get("/api/v1/calls?foo=1"), 400, "foo") == (
        "Unknown query parameter 'foo'; allowed: limit, offset, format."
    )
    assert assert_error(api.get("/api/v1/calls?limit=abc"), 400, "limit") == (
        "'limit' must be a whole number from 0 to 1000, not 'abc'."
    )
    assert assert_error(api.get("/api/v1/calls?limit=5000"), 400, "limit") == (
        "'limit' must be at most 1000, not '5000'."
    )
    assert assert_error(api.get("/api/v1/calls?format=xml"), 400, "format") == (
        "'format' must be one of json, csv, not 'xml'."
    )


@pytest.mark.parametrize("path", ["/api/v1/openapi.json?x=1", "/api/v1/?limit=5"])
def test_parameterless_endpoints_refuse_parameters(api: Any, path: str) -> None:
    assert_error(api.get(path), 400, path.rsplit("?", 1)[1].split("=")[0])


@pytest.mark.parametrize(
    "path", ["/api/v1/nope", "/api/v1/clusters/CL-A", "/api/v1/clusters.csv", "/api/v1/v2/x"]
)
def test_unknown_paths_give_json_404(api: Any, path: str) -> None:
    # The app has a Dash-like catch-all; the API's own catch-all must win under /api/v1/.
    message = assert_error(api.get(path), 404)
    assert "openapi.json" in message


def test_other_methods_give_json_405(api: Any) -> None:
    response = api.post("/api/v1/clusters")
    assert_error(response, 405)
    assert response.headers["Allow"] == "GET, HEAD"
    assert_error(api.delete("/api/v1/nope"), 404)
    assert_error(api.put("/api/v1/"), 405)
    assert_error(api.post("/api/v1/openapi.json"), 405)
    assert api.head("/api/v1/clusters").status_code == 200


def test_unexpected_error_gives_generic_500(
    api: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(limit: int, offset: int) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setitem(v1.FETCHERS, "clusters", broken)
    with caplog.at_level(logging.ERROR):
        response = api.get("/api/v1/clusters")
    message = assert_error(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert message == "Internal error: the request could not be answered."
    assert "secret internal detail" in caplog.text  # logged server-side


def test_cors_and_nosniff(api: Any) -> None:
    for path in ("/api/v1/clusters", "/api/v1/clusters?format=csv", "/api/v1/nope"):
        response = api.get(path)
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- cache --------------------------------------------------------------------------------


def test_cache_follows_the_data_version(api: Any, sample_url: str) -> None:
    first = get_json(api, "/api/v1/clusters")
    assert first["data"][0]["name"] == "Cluster Alpha"
    with session_scope(sample_url) as s:
        s.execute(update(Cluster).where(Cluster.code == "CL-A").values(name="Renamed"))
    # Not bumped: the cached list is served (proof that it is cached).
    assert get_json(api, "/api/v1/clusters")["data"][0]["name"] == "Cluster Alpha"
    with session_scope(sample_url) as s:
        bump_data_version(s)
    body = get_json(api, "/api/v1/clusters")
    assert {c["name"] for c in body["data"]} == {"Renamed", "Cluster Beta"}
    assert body["meta"]["data_version"] == first["meta"]["data_version"] + 1


# --- OpenAPI ------------------------------------------------------------------------------


def test_openapi_document_is_valid(api: Any) -> None:
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    served = response.get_json()
    validate_spec(served)
    assert served == build_document()
    assert served["openapi"] == "3.0.3"
    paths = served["paths"]
    fixed = {"/", "/openapi.json", "/bulk.zip", "/changes"}
    assert set(paths) == fixed | {f"/{name}" for name in ENDPOINTS}
    for name, resource in RESOURCES.items():
        operation = paths[f"/{name}"]["get"]
        params = {p["$ref"].rsplit("/", 1)[1] for p in operation["parameters"]}
        assert params == {"limit", "offset", "format", *resource.filters}
        content = operation["responses"]["200"]["content"]
        assert set(content) == {"application/json", "text/csv"}
        assert ",".join(resource.csv_columns) in content["text/csv"]["schema"]["description"]
        assert operation["responses"]["400"] == {"$ref": "#/components/responses/BadRequest"}
    schemas = served["components"]["schemas"]
    assert {"Meta", "Error", "Observation"} <= set(schemas)
    # The schemas come from the same declarations as the serializers.
    for resource in RESOURCES.values():
        assert schemas[resource.schema]["required"] == [f.name for f in resource.fields]


def test_schema_catches_drift(document: dict[str, Any]) -> None:
    item = {"code": "x", "name_it": "x", "name_en": "x", "cross_cutting": False, "source": ""}
    item |= {"source_title": "", "source_file": ""}
    assert not list(validator(document, "Ecosystem").iter_errors(item))
    assert list(validator(document, "Ecosystem").iter_errors(item | {"extra": 1}))
    assert list(validator(document, "Ecosystem").iter_errors(item | {"cross_cutting": None}))


# --- the real seed ------------------------------------------------------------------------


@needs_seed
def test_seed_through_the_api(seeded_url: str, document: dict[str, Any]) -> None:
    client = make_api_app(seeded_url).test_client()
    everything = check_all_endpoints(client, document)
    clusters = everything["clusters"]
    assert len(clusters) == 9
    assert sum(c["members_total"] for c in clusters) == 755
    assert sum(c["members_firms"] for c in clusters) == 555
    assert sum(c["members_research"] for c in clusters) == 109
    assert sum(c["members_other"] for c in clusters) == 91
    assert everything["indicators"], "the seed has published indicators"
    # Every row cites its document by title; the file name stays as provenance.
    for rows in everything.values():
        for row in rows:
            if str(row.get("source", "")).startswith("00"):
                assert row["source_file"] and row["source_file"] not in row["source_title"]
    nested = [o for i in everything["indicators"] for o in i["observations"]]
    assert nested and all(o["source"].startswith(o["source_file"] or "-") for o in nested)
    first = everything["observations"][0]
    assert first["source"] == f"{first['source_file']} — Indicatori"
    assert first["source_title"] == "Relazione 2025 «Ricerca e innovazione», sezione «Indicatori»"


@needs_seed
def test_whole_app_serves_the_api(client: Any) -> None:
    """In the real app (with both Dash apps mounted) the API's JSON 404 still wins."""
    assert client.get("/api/v1/clusters").status_code == 200
    assert_error(client.get("/api/v1/nope"), 404)
    assert_error(client.get("/api/v1/clusters?limit=x"), 400, "limit")


# --- attainment status and forecast summary -----------------------------------------------

HIDDEN_FORECAST = 424242.5


def add_forecast_runs(url: str, pub_hash: str | None = None) -> None:
    """A run for IND-PUB (current unless `pub_hash` says otherwise) and one for IND-HIDDEN."""
    from data.queries import indicators_frame, observations_frame

    with session_scope(url) as s:
        frame, observations = indicators_frame(s), observations_frame(s)
        for code, median in (("IND-PUB", 80.0), ("IND-HIDDEN", HIDDEN_FORECAST)):
            stored_run(
                s,
                frame,
                observations,
                code,
                data_hash=pub_hash if code == "IND-PUB" else None,
                p_target_met=0.25,
                outlook="uncertain",
                realistic_median=median,
                realistic_low=median - 10,
                realistic_high=median + 10,
                trend_to_reverse=False,
            )
        bump_data_version(s)


def test_indicators_carry_status_and_no_forecast_when_none_is_stored(api: Any) -> None:
    pub, empty = get_json(api, "/api/v1/indicators")["data"]
    assert pub["status"] in ("on_track", "acceleration_needed", "limited_progress", "achieved")
    assert pub["status_reason"] in ("pace", "achieved")
    # n.d. in 2024 and the 2025 draft are skipped: the latest usable value is 10.5 in 2023.
    assert (pub["latest_value"], pub["latest_date"]) == (10.5, "2023-12-31")
    assert pub["progress_share"] is not None and 0 < pub["expected_share"] < 1
    assert pub["forecast_status"] == "unavailable" and pub["forecast_outlook"] is None
    assert empty["status"] == "not_assessable" and empty["status_reason"] == "not_started"
    assert empty["progress_share"] is None and empty["latest_value"] is None
    assert empty["trend_to_reverse"] is False


def test_current_forecast_is_published_and_hidden_indicators_stay_hidden(
    sample_url: str, document: dict[str, Any]
) -> None:
    add_forecast_runs(sample_url)
    client = make_api_app(sample_url).test_client()
    body = get_json(client, "/api/v1/indicators")
    assert_valid(document, "IndicatorPage", body)
    pub = body["data"][0]
    assert pub["forecast_status"] == "ok" and pub["forecast_outlook"] == "uncertain"
    assert pub["forecast_p_target_met"] == 0.25
    assert (pub["forecast_realistic_low"], pub["forecast_realistic_median"]) == (70.0, 80.0)
    assert pub["forecast_date"] is not None
    for fmt in ("", "&format=csv"):
        for path in ("/api/v1/indicators", "/api/v1/observations"):
            text = client.get(f"{path}?limit=1000{fmt}").get_data(as_text=True)
            assert "424242" not in text and "IND-HIDDEN" not in text


def test_outdated_forecast_is_pending_without_numbers(sample_url: str) -> None:
    add_forecast_runs(sample_url, pub_hash="made on data since changed")
    pub = get_json(make_api_app(sample_url).test_client(), "/api/v1/indicators")["data"][0]
    assert pub["forecast_status"] == "pending"
    assert pub["forecast_p_target_met"] is None and pub["forecast_realistic_median"] is None


def test_nullable_enums_accept_null(document: dict[str, Any]) -> None:
    outlook = document["components"]["schemas"]["Indicator"]["properties"]["forecast_outlook"]
    assert outlook["enum"] == ["likely", "uncertain", "unlikely", None]


# --- observations ---------------------------------------------------------------------------


def test_observations_are_published_rows_of_published_indicators(api: Any) -> None:
    body = get_json(api, "/api/v1/observations?limit=2&offset=1")
    assert body["meta"]["total"] == 3
    assert [(o["indicator_code"], o["date"], o["value"]) for o in body["data"]] == [
        ("IND-PUB", "2023-12-31", 10.5),
        ("IND-PUB", "2024-12-31", None),  # n.d. stays null
    ]
    _, rows, header = get_csv(api, "/api/v1/observations?format=csv")
    assert header == [
        "indicator_code",
        "date",
        "value",
        "source",
        "source_title",
        "source_file",
        "note",
    ]
    assert [r["value"] for r in rows] == ["-1.5", "10.5", ""]


# --- bulk download --------------------------------------------------------------------------


def test_bulk_zip_holds_every_csv_and_the_licence(api: Any) -> None:
    import zipfile

    response = api.get("/api/v1/bulk.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert 'filename="s3-monitor-open-data.zip"' in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert names == [r.csv_filename for r in RESOURCES.values()] + ["LICENCE.txt"]
    for name, resource in RESOURCES.items():
        single = api.get(f"/api/v1/{name}?format=csv&limit={MAX_LIMIT}").get_data()
        assert archive.read(resource.csv_filename) == single, name
    licence = archive.read("LICENCE.txt").decode()
    assert "CC BY 4.0" in licence and "https://creativecommons.org/licenses/by/4.0/" in licence
    everything = b"".join(archive.read(n) for n in names).decode()
    for secret in ("IND-HIDDEN", "CALL-HIDDEN", "Bando riservato", "SYN-001", "999"):
        assert secret not in everything
    assert_error(api.get("/api/v1/bulk.zip?format=csv"), 400, "format")


def test_bulk_zip_pages_through_long_lists(api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    monkeypatch.setattr(v1, "MAX_LIMIT", 2)  # five projects: three pages
    archive = zipfile.ZipFile(io.BytesIO(api.get("/api/v1/bulk.zip").data))
    rows = list(csv.DictReader(io.StringIO(archive.read("s3-monitor-projects.csv").decode())))
    assert [r["code"] for r in rows] == REAL_PROJECTS


def test_every_operation_documents_429(document: dict[str, Any]) -> None:
    for path, item in document["paths"].items():
        assert item["get"]["responses"]["429"] == {
            "$ref": "#/components/responses/TooManyRequests"
        }, path
    too_many = document["components"]["responses"]["TooManyRequests"]
    assert "Retry-After" in too_many["headers"]


# --- context (Eurostat) -------------------------------------------------------------------


def test_context_gives_the_shipped_values(api: Any) -> None:
    # data/context/rd_e_gerdreg_total_pc_gdp.csv: 2019 ITC4 1.34, DE1 5.74.
    body = get_json(api, "/api/v1/context?measure=rd_e_gerdreg_total_pc_gdp&region=ITC4,DE1")
    values = {(r["region_code"], r["year"]): r["value"] for r in body["data"]}
    assert values[("ITC4", 2019)] == 1.34
    assert values[("DE1", 2019)] == 5.74
    assert all("Eurostat" in r["source"] for r in body["data"])
    _, rows, _ = get_csv(api, "/api/v1/context?region=ITC4&format=csv")
    assert {r["region_code"] for r in rows} == {"ITC4"}
    assert any(r["year"] == "2019" and r["value"] == "1.34" for r in rows)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("measure=gdp", "measure"),
        ("region=", "region"),
        ("region=itc4", "region"),
        ("region=ITC4,,DE1", "region"),
        ("region=" + ",".join(["ITC4"] * 90), "region"),
        ("measure=rd_e_gerdreg_total_pc_gdp&measure=x", "measure"),
        ("peers=DE1", "peers"),
    ],
)
def test_context_refuses_bad_parameters(api: Any, query: str, parameter: str) -> None:
    response = api.get(f"/api/v1/context?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter


def test_context_names_an_unknown_region(api: Any) -> None:
    response = api.get("/api/v1/context?region=ITC4,ZZ99")
    assert response.status_code == 404
    error = response.get_json()["error"]
    assert error["parameter"] == "region" and "ZZ99" in error["message"]
