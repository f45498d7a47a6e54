"""Open data API v1 (`/api/v1/`): published data as JSON or CSV, and its OpenAPI document.

Every list endpoint reads through data.queries with `public=True` (no drafts, no unpublished
indicators or calls, no synthetic projects), is paginated with `limit`/`offset`, answers the
JSON envelope `{"data": [...], "meta": {...}}` or, with `format=csv`, a CSV attachment. The
fields are declared once in api/serialize.py; api/openapi.py documents them.

Anything wrong answers JSON `{"error": {"message": ..., "parameter": ...}}`: 400 for a bad query
parameter, 404 for an unknown path, 405 for a method other than GET, 500 (logged, generic
message) for anything unexpected; a client never sees a stack trace.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
from flask import Blueprint, Response, current_app, request, url_for
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from api.errors import unavailable_json
from api.openapi import (
    CHANGES_PARAMETERS,
    LIST_PARAMETERS,
    MAX_CONTEXT_REGION_CHARS,
    REGION_LIST_PATTERN,
    build_document,
)
from api.precompressed import compressed_response
from api.serialize import (
    DEFAULT_LIMIT,
    FORMATS,
    LICENCE,
    LICENCE_URL,
    MAX_LIMIT,
    MAX_OFFSET,
    RESOURCES,
    SOURCE,
    Record,
    Resource,
    frame_records,
    to_csv,
    to_record,
)
from data import context as context_data
from data.analysis.attainment import bands_from_settings
from data.analysis.published import indicator_summary, published_only
from data.cache import cached
from data.changes import Since, changes_since, chosen_since, default_since
from data.db import database_unavailable, request_data_version, request_session
from data.forecasting import latest_forecasts
from data.queries import (
    calls_frame,
    clusters_frame,
    count_projects,
    ecosystems_frame,
    indicators_frame,
    observations_frame,
    projects_frame,
)

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")

CACHE_PREFIX = "api:v1"
_DIGITS = re.compile(r"[0-9]+")
# Longer digit strings are out of range anyway; not parsing them avoids int()'s digit limit.
_MAX_DIGITS = 12
_READ_METHODS = ("GET", "HEAD")
_ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]


class ApiError(Exception):
    """An error the client can act on; becomes a JSON error response."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


@dataclass(frozen=True)
class Page:
    """The validated query of a list endpoint."""

    limit: int
    offset: int
    format: str


Fetch = Callable[[int, int], tuple[list[Record], int]]


# --- responses ----------------------------------------------------------------------------


def _json_text(payload: Any) -> str:
    # Serialized here rather than with jsonify: the app's JSON provider sorts keys, and the
    # declared field order is part of the contract; allow_nan=False turns a NaN that slipped
    # through into a logged 500 instead of invalid JSON.
    return json.dumps(payload, ensure_ascii=False, allow_nan=False)


def _json_response(payload: Any, status: int = 200) -> Response:
    return Response(_json_text(payload), status=status, mimetype="application/json")


def _error_response(status: int, message: str, parameter: str | None = None) -> Response:
    error: dict[str, str] = {"message": message}
    if parameter is not None:
        error["parameter"] = parameter
    return _json_response({"error": error}, status)


@bp.errorhandler(ApiError)
def _handle_api_error(exc: ApiError) -> Response:
    response = _error_response(exc.status, exc.message, exc.parameter)
    if exc.status == 405:
        response.headers["Allow"] = ", ".join(_READ_METHODS)
    return response


@bp.errorhandler(HTTPException)
def _handle_http_exception(exc: HTTPException) -> Response:
    return _error_response(exc.code or 500, exc.name)


@bp.errorhandler(Exception)
def _handle_unexpected(exc: Exception) -> Response:
    if database_unavailable(exc):
        return unavailable_json()
    current_app.logger.exception("API error on %s %s", request.method, request.path)
    return _error_response(500, "Internal error: the request could not be answered.")


@bp.after_request
def _add_headers(response: Response) -> Response:
    # Open data: any site may read it from a browser; no cookies are involved.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- query parameters ---------------------------------------------------------------------


def _shown(raw: str) -> str:
    """A client-supplied value, quoted and shortened for an error message."""
    return repr(raw if len(raw) <= 40 else raw[:40] + "…")


def _check_parameter_names(allowed: Sequence[str]) -> None:
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        allowed_text = ", ".join(allowed) if allowed else "none"
        raise ApiError(
            400,
            f"Unknown query parameter {_shown(unknown[0])}; allowed: {allowed_text}.",
            unknown[0],
        )
    for name in allowed:
        if len(request.args.getlist(name)) > 1:
            raise ApiError(400, f"Query parameter '{name}' is given more than once.", name)


def _int_parameter(name: str, default: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw):
        raise ApiError(
            400,
            f"'{name}' must be a whole number from 0 to {maximum}, not {_shown(raw)}.",
            name,
        )
    if len(raw) > _MAX_DIGITS or int(raw) > maximum:
        raise ApiError(400, f"'{name}' must be at most {maximum}, not {_shown(raw)}.", name)
    return int(raw)


def parse_page(filters: Sequence[str] = ()) -> Page:
    """Validate the query string of a list endpoint (ApiError 400 on anything wrong)."""
    _check_parameter_names((*LIST_PARAMETERS, *filters))
    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        raise ApiError(
            400, f"'format' must be one of {', '.join(FORMATS)}, not {_shown(fmt)}.", "format"
        )
    limit = _int_parameter("limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _int_parameter("offset", 0, MAX_OFFSET)
    return Page(limit=limit, offset=offset, format=fmt)


# --- data ---------------------------------------------------------------------------------


def _load_ecosystems(session: Session) -> list[Record]:
    return frame_records(ecosystems_frame(session), RESOURCES["ecosystems"].fields)


def _load_clusters(session: Session) -> list[Record]:
    return frame_records(clusters_frame(session), RESOURCES["clusters"].fields)


def _published_indicators(session: Session) -> tuple[pd.DataFrame, pd.DataFrame]:
    # published_only filters again what the public queries already filtered: the API must
    # never depend on a single `where` to keep drafts out.
    return published_only(
        indicators_frame(session, public=True), observations_frame(session, public=True)
    )


def _load_indicators(session: Session) -> list[Record]:
    indicator_frame, observations = _published_indicators(session)
    summary = indicator_summary(
        indicator_frame,
        observations,
        latest_forecasts(session),
        bands_from_settings(current_app.config),
    )
    by_summary = {row["code"]: row for row in summary.to_dict("records")}
    by_code = {
        code: group.to_dict("records")
        for code, group in observations.groupby("indicator_code", sort=False)
    }
    indicators = indicator_frame.to_dict("records")
    for row in indicators:
        row.update(by_summary[row["code"]])
        row["observations"] = by_code.get(row["code"], [])
    return [to_record(row, RESOURCES["indicators"].fields) for row in indicators]


def _load_observations(session: Session) -> list[Record]:
    _, observations = _published_indicators(session)
    return frame_records(observations, RESOURCES["observations"].fields)


def _load_calls(session: Session) -> list[Record]:
    return frame_records(calls_frame(session, public=True), RESOURCES["calls"].fields)


def _whole_list(name: str, load: Callable[[Session], list[Record]]) -> Fetch:
    """A fetch that caches the whole (small) list once per data version and slices it."""

    def load_all() -> list[Record]:
        with request_session() as session:
            return load(session)

    def fetch(limit: int, offset: int) -> tuple[list[Record], int]:
        records = cached(f"{CACHE_PREFIX}:{name}", load_all)
        return records[offset : offset + limit], len(records)

    return fetch


def _fetch_projects(limit: int, offset: int) -> tuple[list[Record], int]:
    # Projects can be many (OpenCoesione): paginate in SQL and cache each page.
    def load_page() -> tuple[list[Record], int]:
        with request_session() as session:
            frame = projects_frame(session, public=True, limit=limit, offset=offset)
            total = count_projects(session, public=True)
        return frame_records(frame, RESOURCES["projects"].fields), total

    return cached(f"{CACHE_PREFIX}:projects:{limit}:{offset}", load_page)


def _context_regions() -> set[str]:
    def load() -> set[str]:
        with request_session() as session:
            return set(context_data.regions_frame(session)["code"])

    return cached(f"{CACHE_PREFIX}:context-regions", load)


def context_filters() -> tuple[str | None, list[str] | None]:
    """`measure` and `region` of /context, checked (ApiError 400 on a bad value)."""
    measure = request.args.get("measure")
    if measure is not None and measure not in context_data.MEASURES:
        raise ApiError(
            400,
            f"'measure' must be one of {', '.join(context_data.MEASURES)}, not {_shown(measure)}.",
            "measure",
        )
    raw = request.args.get("region")
    if raw is None:
        return measure, None
    if len(raw) > MAX_CONTEXT_REGION_CHARS or not re.fullmatch(REGION_LIST_PATTERN, raw):
        raise ApiError(
            400,
            "'region' must be NUTS codes separated by commas (e.g. ITC4,IT,EU27_2020), "
            f"at most {MAX_CONTEXT_REGION_CHARS} characters, not {_shown(raw)}.",
            "region",
        )
    codes = raw.split(",")
    known = _context_regions()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ApiError(404, f"No region {_shown(unknown[0])} in the context data.", "region")
    return measure, sorted(set(codes))


def _fetch_context(limit: int, offset: int) -> tuple[list[Record], int]:
    # The filters are part of the cache key; the rows are selected in SQL.
    measure, regions = context_filters()

    def load() -> list[Record]:
        with request_session() as session:
            frame = context_data.series_frame(session, measure=measure, regions=regions)
        return frame_records(frame, RESOURCES["context"].fields)

    key = f"{CACHE_PREFIX}:context:{measure or '*'}:{','.join(regions or ['*'])}"
    records = cached(key, load)
    return records[offset : offset + limit], len(records)


FETCHERS: dict[str, Fetch] = {
    "ecosystems": _whole_list("ecosystems", _load_ecosystems),
    "clusters": _whole_list("clusters", _load_clusters),
    "indicators": _whole_list("indicators", _load_indicators),
    "observations": _whole_list("observations", _load_observations),
    "calls": _whole_list("calls", _load_calls),
    "projects": _fetch_projects,
    "context": _fetch_context,
}


# --- endpoints ----------------------------------------------------------------------------


def _next_link(page: Page, count: int, total: int) -> str | None:
    next_offset = page.offset + count
    if count == 0 or next_offset >= total:
        return None
    assert request.endpoint is not None
    url = url_for(request.endpoint, limit=page.limit, offset=next_offset, format=page.format)
    return f'<{url}>; rel="next"'


def _page_body(resource: Resource, page: Page, version: int) -> tuple[str, int, int]:
    """The serialized page (JSON or CSV), its item count and the total (no HTTP in here)."""
    records, total = FETCHERS[resource.name](page.limit, page.offset)
    if page.format == "csv":
        return to_csv(records, resource), len(records), total
    meta = {
        "count": len(records),
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": SOURCE,
        "data_version": version,
    }
    return _json_text({"data": records, "meta": meta}), len(records), total


def list_response(resource_name: str) -> Response:
    """Validate the query, fetch one page of published data, answer JSON or CSV.

    A resource without filters has a few pages that everybody asks for: each page's text is
    kept per data version, so a repeated request serializes nothing.
    """
    resource = RESOURCES[resource_name]
    page = parse_page(resource.filters)
    version = request_data_version()
    mimetype = "text/csv" if page.format == "csv" else "application/json"
    if resource.filters:
        body, count, total = _page_body(resource, page, version)
        response = Response(body, mimetype=mimetype)
    else:
        key = f"{CACHE_PREFIX}:body:{resource_name}:{page.limit}:{page.offset}:{page.format}"
        body, count, total = cached(key, lambda: _page_body(resource, page, version))
        response = compressed_response(key, body, mimetype)
    if page.format == "csv":
        response.headers["Content-Disposition"] = f'attachment; filename="{resource.csv_filename}"'
    response.headers["X-Total-Count"] = str(total)
    link = _next_link(page, count, total)
    if link:
        response.headers["Link"] = link
    return response


@bp.get("/ecosystems")
def ecosystems() -> Response:
    """The S3 innovation ecosystems (and the cross-cutting bucket)."""
    return list_response("ecosystems")


@bp.get("/clusters")
def clusters() -> Response:
    """The regional technology clusters with members and ecosystems."""
    return list_response("clusters")


@bp.get("/indicators")
def indicators() -> Response:
    """Published indicators, each with its published observations."""
    return list_response("indicators")


@bp.get("/observations")
def observations() -> Response:
    """Published observations of published indicators, one row each."""
    return list_response("observations")


_SINCE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
CHANGES_FIELDS = ("kind", "code", "when", "date", "field", "old", "new")


def _since_parameter(today: dt.date) -> Since:
    """`?since=` from 00:00 that day; without it, the previous report (as on the pages)."""
    raw = request.args.get("since")
    if raw is None:
        with request_session() as session:
            return default_since(session, today)
    day = None
    if _SINCE_RE.fullmatch(raw):
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            day = None
    if day is None:
        raise ApiError(400, f"'since' must be a date YYYY-MM-DD, not {_shown(raw)}.", "since")
    return chosen_since(day)  # a future date lists nothing; an early one, everything


@bp.get("/changes")
def changes() -> Response:
    """What changed in the published data since `since` (JSON only, newest facts included)."""
    _check_parameter_names(CHANGES_PARAMETERS)
    since = _since_parameter(dt.date.today())

    def load() -> list[dict[str, Any]]:
        with request_session() as session:
            found = changes_since(session, since.start, bands_from_settings(current_app.config))
        # Staff's reasons stay internal: the open list says what changed, not who said why.
        return [{k: c.as_dict()[k] for k in CHANGES_FIELDS} for c in found]

    records = cached(f"{CACHE_PREFIX}:changes:{since.start.isoformat()}", load)
    meta = {
        "count": len(records),
        "since": since.day.isoformat(),
        "since_time": since.start.isoformat(),
        "since_basis": since.basis,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": SOURCE,
        "data_version": request_data_version(),
    }
    return _json_response({"data": records, "meta": meta})


@bp.get("/calls")
def calls() -> Response:
    """Published calls and measures with their figures."""
    return list_response("calls")


@bp.get("/context")
def context() -> Response:
    """Eurostat context series by measure, region and year (`measure`, `region` filters)."""
    return list_response("context")


@bp.get("/projects")
def projects() -> Response:
    """Funded projects (never synthetic ones), paginated in SQL."""
    return list_response("projects")


def _all_records(name: str) -> list[Record]:
    """Every item of a resource, page after page (the bulk file holds them all)."""
    records: list[Record] = []
    while True:
        page, total = FETCHERS[name](MAX_LIMIT, len(records))
        records.extend(page)
        if not page or len(records) >= total:
            return records


def licence_text(version: int) -> str:
    """The LICENCE.txt of the bulk file: licence, attribution, what is (not) included."""
    return (
        f"S3 Monitor open data — {SOURCE}\n"
        f"Licence: {LICENCE} ({LICENCE_URL})\n"
        f'Attribution: "{SOURCE}"\n'
        f"Data version: {version}; generated {dt.date.today().isoformat()}\n\n"
        "Published data only: no draft values, no unpublished indicators or calls, no "
        "synthetic demo data. Missing values (n.d. in the sources) are empty cells, never 0.\n"
        "s3-monitor-context.csv: Fonte: Eurostat (rd_e_gerdreg, hrst_st_rcat); reuse "
        "authorised with acknowledgement of the source (Commission Decision 2011/833/EU); "
        "files processed by Nesta/EURITO, MIT licence, Copyright (c) 2021 Nesta/EURITO.\n"
        "Each CSV is the same as /api/v1/<resource>?format=csv with every page; the OpenAPI "
        "document /api/v1/openapi.json describes every column.\n"
    )


def build_bulk_zip(version: int) -> bytes:
    """A ZIP of every resource's CSV (all pages) and LICENCE.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, resource in RESOURCES.items():
            archive.writestr(resource.csv_filename, to_csv(_all_records(name), resource))
        archive.writestr("LICENCE.txt", licence_text(version))
    return buffer.getvalue()


@bp.get("/bulk.zip")
def bulk() -> Response:
    """Every CSV in one ZIP, built once per data version."""
    _check_parameter_names(())
    version = request_data_version()
    body = cached(f"{CACHE_PREFIX}:bulk", lambda: build_bulk_zip(version))
    response = Response(body, mimetype="application/zip")
    response.headers["Content-Disposition"] = 'attachment; filename="s3-monitor-open-data.zip"'
    return response


@cache
def _openapi_text() -> str:
    # The document is static: serialize it once per process.
    return json.dumps(build_document(), ensure_ascii=False)


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.0.3 document describing this API."""
    _check_parameter_names(())
    return Response(_openapi_text(), mimetype="application/json")


@bp.get("/")
def index() -> Response:
    """Where the endpoints and the OpenAPI document are."""
    _check_parameter_names(())
    return _json_response(
        {
            "endpoints": {name: url_for(f"api_v1.{name}") for name in RESOURCES},
            "openapi": url_for("api_v1.openapi"),
            "bulk": url_for("api_v1.bulk"),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "source": SOURCE,
        }
    )


# "/" with another method than GET lands here too, so that it gets a JSON 405.
@bp.route("/", defaults={"path": ""}, methods=[m for m in _ANY_METHOD if m not in _READ_METHODS])
@bp.route("/<path:path>", methods=_ANY_METHOD)
def unknown(path: str) -> Response:
    """Anything else under /api/v1/: JSON 404 (or 405 for a known path with another method).

    Without this rule the internal Dash app's catch-all route would answer an HTML page.
    """
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        endpoint, _ = adapter.match(method="GET")
    except HTTPException:  # not found, or any other routing outcome: not a known endpoint
        endpoint = None
    if request.method not in _READ_METHODS and endpoint not in (None, "api_v1.unknown"):
        raise ApiError(405, f"Method {request.method} is not allowed; use GET.")
    raise ApiError(404, f"No such endpoint: /api/v1/{path}. See /api/v1/openapi.json.")
