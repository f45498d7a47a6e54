"""The OpenAPI 3.0.3 document of the open data API, generated from api/serialize.py.

Item schemas come from the same field declarations the serializers use, and every item
schema forbids undeclared properties, so a test that validates each response against this
document catches any drift between code and documentation.
"""

from __future__ import annotations

from typing import Any

from api.serialize import (
    DEFAULT_LIMIT,
    FORMATS,
    LICENCE,
    LICENCE_URL,
    LIST_SEPARATOR,
    MAX_LIMIT,
    MAX_OFFSET,
    RESOURCES,
    SOURCE,
    Field,
    Resource,
)
from data.context import MEASURES as CONTEXT_MEASURES

OPENAPI_VERSION = "3.0.3"
API_VERSION = "1.0.0"
SERVER_URL = "/api/v1"
BULK_PATH = "/bulk.zip"
LIST_PARAMETERS = ("limit", "offset", "format")
MAX_CONTEXT_REGION_CHARS = 400
_NUTS = "[A-Z]{2}[A-Z0-9_]{0,10}"
REGION_LIST_PATTERN = f"^{_NUTS}(,{_NUTS})*$"

Schema = dict[str, Any]


def _ref(kind: str, name: str) -> Schema:
    return {"$ref": f"#/components/{kind}/{name}"}


def field_schema(field: Field) -> Schema:
    """The JSON schema (OpenAPI 3.0 dialect) of one declared field."""
    schema: Schema
    if field.type == "objects":
        schema = {"type": "array", "items": _ref("schemas", field.items_schema)}
    elif field.type == "codes":
        schema = {"type": "array", "items": {"type": "string"}}
    elif field.type == "date":
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": field.type}
    if field.choices:
        # OpenAPI 3.0: a nullable enum must list null among its values to accept it.
        schema["enum"] = [*field.choices, *([None] if field.nullable else [])]
    if field.nullable:
        schema["nullable"] = True
    schema["description"] = field.description
    return schema


def object_schema(fields: tuple[Field, ...], description: str) -> Schema:
    """A closed object schema: every declared field required, nothing else allowed."""
    return {
        "type": "object",
        "description": description,
        "required": [f.name for f in fields],
        "properties": {f.name: field_schema(f) for f in fields},
        "additionalProperties": False,
    }


def page_schema_name(resource: Resource) -> str:
    """Component name of a resource's JSON envelope, e.g. `ClusterPage`."""
    return f"{resource.schema}Page"


def _meta_schema() -> Schema:
    def integer(description: str) -> Schema:
        return {"type": "integer", "minimum": 0, "description": description}

    return {
        "type": "object",
        "description": "About this page of data.",
        "required": [
            "count",
            "total",
            "limit",
            "offset",
            "licence",
            "licence_url",
            "source",
            "data_version",
        ],
        "properties": {
            "count": integer("Items in `data`."),
            "total": integer("Items in all pages."),
            "limit": integer("The `limit` applied."),
            "offset": integer("The `offset` applied."),
            "licence": {"type": "string", "enum": [LICENCE], "description": "Data licence."},
            "licence_url": {
                "type": "string",
                "enum": [LICENCE_URL],
                "description": "Text of the licence.",
            },
            "source": {"type": "string", "enum": [SOURCE], "description": "Attribution."},
            "data_version": integer("Version of the data; every import increases it."),
        },
        "additionalProperties": False,
    }


def _error_schema() -> Schema:
    return {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["message"],
                "properties": {
                    "message": {"type": "string", "description": "What went wrong."},
                    "parameter": {
                        "type": "string",
                        "description": "The query parameter at fault (400 only).",
                    },
                },
                "additionalProperties": False,
            }
        },
        "additionalProperties": False,
    }


def _index_schema() -> Schema:
    return {
        "type": "object",
        "required": ["endpoints", "openapi", "bulk", "licence", "licence_url", "source"],
        "properties": {
            "endpoints": {
                "type": "object",
                "description": "Path of each list endpoint, by resource name.",
                "additionalProperties": {"type": "string"},
            },
            "openapi": {"type": "string", "description": "Path of this document."},
            "bulk": {"type": "string", "description": "Path of the ZIP of every CSV."},
            "licence": {"type": "string"},
            "licence_url": {"type": "string"},
            "source": {"type": "string"},
        },
        "additionalProperties": False,
    }


def _parameters() -> Schema:
    return {
        "measure": {
            "name": "measure",
            "in": "query",
            "required": False,
            "description": "Only this context measure (default: every measure).",
            "schema": {"type": "string", "enum": list(CONTEXT_MEASURES)},
        },
        "region": {
            "name": "region",
            "in": "query",
            "required": False,
            "description": (
                "Only these regions: NUTS 2010 codes separated by commas (e.g. "
                "`ITC4,IT,EU27_2020`). A value not of this shape is a 400; a code that the "
                "data do not hold is a 404 naming it."
            ),
            "schema": {
                "type": "string",
                "maxLength": MAX_CONTEXT_REGION_CHARS,
                "pattern": REGION_LIST_PATTERN,
            },
        },
        "limit": {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": f"Items per page, 0 to {MAX_LIMIT}.",
            "schema": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_LIMIT,
                "default": DEFAULT_LIMIT,
            },
        },
        "offset": {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": "Items to skip before the page starts.",
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        },
        "format": {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "`json` (the envelope) or `csv` (UTF-8, comma-separated).",
            "schema": {"type": "string", "enum": list(FORMATS), "default": "json"},
        },
    }


def _error_response(description: str) -> Schema:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("schemas", "Error")}},
    }


def _responses() -> Schema:
    return {
        "BadRequest": _error_response(
            "A query parameter is unknown, repeated or out of range; `error.parameter` names it."
        ),
        "NotFound": _error_response("No such endpoint under /api/v1/."),
        "UnknownCode": _error_response(
            "A filter names a code the data do not hold; `error.parameter` names the filter."
        ),
        "MethodNotAllowed": _error_response("Only GET (and HEAD) are allowed."),
        "ServerError": _error_response("Unexpected error; the details are logged, not shown."),
        "TooManyRequests": {
            "description": "The client's rate limit is used up; retry after `Retry-After` seconds.",
            "headers": {"Retry-After": _ref("headers", "Retry-After")},
            "content": {"application/json": {"schema": _ref("schemas", "Error")}},
        },
    }


def _headers() -> Schema:
    return {
        "X-Total-Count": {
            "description": "Items in all pages (as `meta.total`).",
            "schema": {"type": "integer", "minimum": 0},
        },
        "Link": {
            "description": 'Next page, when there is one: `<url>; rel="next"`.',
            "schema": {"type": "string"},
        },
        "Retry-After": {
            "description": "Seconds to wait before the next request.",
            "schema": {"type": "integer", "minimum": 0},
        },
    }


def _csv_description(resource: Resource) -> str:
    return (
        f"CSV (with `format=csv`): header `{','.join(resource.csv_columns)}`. "
        f"Missing values are empty, lists are `{LIST_SEPARATOR}`-separated, decimals use `.`, "
        "dates are YYYY-MM-DD; a text cell starting with = + - @ gets a leading `'` so that "
        "spreadsheets do not run it as a formula. Offered as an attachment "
        f"(`{resource.csv_filename}`)."
    )


def _list_operation(resource: Resource) -> Schema:
    headers = {name: _ref("headers", name) for name in ("X-Total-Count", "Link")}
    return {
        "get": {
            "operationId": f"list_{resource.name}",
            "tags": ["data"],
            "summary": resource.summary,
            "description": f"{resource.description}\n\n{_csv_description(resource)}",
            "parameters": [
                _ref("parameters", name) for name in (*LIST_PARAMETERS, *resource.filters)
            ],
            "responses": {
                "200": {
                    "description": "A page of items (JSON envelope) or CSV.",
                    "headers": headers,
                    "content": {
                        "application/json": {"schema": _ref("schemas", page_schema_name(resource))},
                        "text/csv": {
                            "schema": {
                                "type": "string",
                                "description": _csv_description(resource),
                            }
                        },
                    },
                },
                "400": _ref("responses", "BadRequest"),
                **({"404": _ref("responses", "UnknownCode")} if resource.filters else {}),
                "405": _ref("responses", "MethodNotAllowed"),
                "429": _ref("responses", "TooManyRequests"),
                "500": _ref("responses", "ServerError"),
            },
        }
    }


def _plain_operation(
    operation_id: str,
    summary: str,
    schema: Schema,
    media_type: str = "application/json",
    tag: str = "meta",
    description: str = "Takes no query parameters.",
) -> Schema:
    return {
        "get": {
            "operationId": operation_id,
            "tags": [tag],
            "summary": summary,
            "description": description,
            "responses": {
                "200": {
                    "description": summary,
                    "content": {media_type: {"schema": schema}},
                },
                "400": _ref("responses", "BadRequest"),
                "405": _ref("responses", "MethodNotAllowed"),
                "429": _ref("responses", "TooManyRequests"),
                "500": _ref("responses", "ServerError"),
            },
        }
    }


def _schemas() -> Schema:
    schemas: Schema = {}
    for resource in RESOURCES.values():
        schemas[resource.schema] = object_schema(resource.fields, resource.summary)
        nested = resource.nested
        if nested is not None:
            schemas[nested.items_schema] = object_schema(nested.items, nested.description)
        schemas[page_schema_name(resource)] = {
            "type": "object",
            "required": ["data", "meta"],
            "properties": {
                "data": {"type": "array", "items": _ref("schemas", resource.schema)},
                "meta": _ref("schemas", "Meta"),
            },
            "additionalProperties": False,
        }
    schemas["Meta"] = _meta_schema()
    schemas["Error"] = _error_schema()
    schemas["Index"] = _index_schema()
    return schemas


DESCRIPTION = f"""Open data of Regione Lombardia's Research & Innovation monitoring (S3 2021-2027,
Programma Strategico Triennale 2024-2026): innovation ecosystems, technology clusters,
indicators with their observations, calls and measures, funded projects.

Published data only: draft observations, unpublished indicators and calls, and synthetic demo
data never appear. A value the source gives as "n.d." (not available) is `null` in JSON and an
empty cell in CSV, never 0.

Every list endpoint is paginated (`limit`, default {DEFAULT_LIMIT}, at most {MAX_LIMIT};
`offset`, default 0) and answers JSON by default or CSV with `format=csv`; `/bulk.zip` holds
every CSV at once. Unknown, repeated or invalid query parameters give 400; unknown paths under
/api/v1/ give 404; both with the `Error` body. Each client has a request budget per minute
(429 with `Retry-After` beyond it).

Indicators carry their attainment status at the latest published value: progress share
p = (latest − base) / (target − base), expected share e = elapsed / total time from base to
target date, pace ratio R = p / e; achieved when the target is reached, on track when
R ≥ 0.95, acceleration needed when R ≥ 0.60, limited progress when R ≥ 0, deterioration when
R < 0 (default thresholds); not assessable without a value after the base. The forecast
summary (outlook, probability of meeting the target, realistic value at the target date with
its 80% interval) comes from the stored Prophet forecasts on published values.

Data licence: {LICENCE} ({LICENCE_URL}); attribution: "{SOURCE}"."""


CHANGES_PARAMETERS = ("since",)


def _changes_operation() -> Schema:
    item = {
        "type": "object",
        "required": ["kind", "code", "when", "date", "field", "old", "new"],
        "properties": {
            "kind": {
                "type": "string",
                "enum": ["new", "corrected", "withdrawn", "restored", "revised", "status"],
                "description": "new value, corrected value, withdrawn or restored value, "
                "revised indicator field, or attainment status that moved.",
            },
            "code": {"type": "string", "description": "Indicator code."},
            "when": {
                "type": "string",
                "nullable": True,
                "description": "When the change was made (ISO date-time); null for a status.",
            },
            "date": {
                "type": "string",
                "format": "date",
                "nullable": True,
                "description": "Period end date of the value changed; null otherwise.",
            },
            "field": {
                "type": "string",
                "description": "For `revised`: baseline_value, baseline_date, target_value, "
                "target_date or published; `status` for a status; empty otherwise.",
            },
            "old": {
                "nullable": True,
                "description": "Value before (number, date, boolean, "
                "status code), null when there was none or it was n.d.",
            },
            "new": {"nullable": True, "description": "Value after, as `old`."},
        },
        "additionalProperties": False,
    }
    meta = {
        "type": "object",
        "required": [
            "count",
            "since",
            "since_time",
            "since_basis",
            "licence",
            "licence_url",
            "source",
            "data_version",
        ],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "since": {"type": "string", "format": "date"},
            "since_time": {
                "type": "string",
                "description": "The exact start (ISO date-time, server time): 00:00 of "
                "`since`, or the moment the previous report was generated.",
            },
            "since_basis": {
                "type": "string",
                "enum": ["chosen", "previous_report", "no_report"],
                "description": "chosen: the `since` parameter; previous_report: the latest "
                "report generated in the app; no_report: none recorded yet, 183 days back.",
            },
            "licence": {"type": "string"},
            "licence_url": {"type": "string"},
            "source": {"type": "string"},
            "data_version": {"type": "integer", "minimum": 0},
        },
        "additionalProperties": False,
    }
    schema = {
        "type": "object",
        "required": ["data", "meta"],
        "properties": {"data": {"type": "array", "items": item}, "meta": meta},
        "additionalProperties": False,
    }
    operation = _plain_operation(
        "changes",
        "What changed in the published data since a date",
        schema,
        tag="data",
        description=(
            "New values, corrected values (old → new), withdrawn and restored values, revised "
            "indicator baselines, targets, dates and published flags, and the attainment "
            "statuses that moved because of them, since `since` (00:00). Published data "
            "only; staff's reasons are not included. Default: since the previous report, "
            "that is the moment the latest report was generated in the app (an editor's "
            "“Generate and print”); with none recorded, 183 days ago (the values "
            "are collected twice a year). Values loaded by the initial seed are the "
            "baseline, never listed as new. JSON only."
        ),
    )
    operation["get"]["parameters"] = [
        {
            "name": "since",
            "in": "query",
            "required": False,
            "description": "Start date, YYYY-MM-DD, from 00:00 (a future date lists "
            "nothing). Default: the previous report's generation.",
            "schema": {"type": "string", "format": "date"},
        }
    ]
    return operation


def build_document() -> Schema:
    """The whole OpenAPI 3.0.3 document, a new dict each call (callers may change it)."""
    paths: Schema = {
        "/": _plain_operation("index", "Where the endpoints are", _ref("schemas", "Index")),
        "/openapi.json": _plain_operation(
            "openapi", "This OpenAPI 3.0.3 document", {"type": "object"}
        ),
    }
    for resource in RESOURCES.values():
        paths[f"/{resource.name}"] = _list_operation(resource)
    paths["/changes"] = _changes_operation()
    paths[BULK_PATH] = _plain_operation(
        "bulk",
        "Every resource as CSV, in one ZIP file",
        {"type": "string", "format": "binary"},
        media_type="application/zip",
        tag="data",
        description=(
            "A ZIP archive holding the CSV of every list endpoint, all pages "
            f"({', '.join(f's3-monitor-{name}.csv' for name in RESOURCES)}), in the same "
            "format as `format=csv`, and `LICENCE.txt` with the licence and attribution. "
            "Takes no query parameters."
        ),
    )
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "S3 Monitor open data API",
            "version": API_VERSION,
            "description": DESCRIPTION,
            "license": {"name": LICENCE, "url": LICENCE_URL},
        },
        "servers": [{"url": SERVER_URL}],
        "tags": [
            {"name": "data", "description": "Published data, paginated, JSON or CSV."},
            {"name": "meta", "description": "About the API itself."},
        ],
        "paths": paths,
        "components": {
            "schemas": _schemas(),
            "parameters": _parameters(),
            "headers": _headers(),
            "responses": _responses(),
        },
    }
