"""The open data API against its own OpenAPI document, with generated requests (schemathesis).

Every operation of /api/v1/openapi.json is called with requests generated from the document
(bounded: MAX_EXAMPLES per operation and mode, about 15 s in all), valid ones and, in
negative mode, invalid ones, on the whole application
(security headers, compression, error handlers), and every response is checked against the
document: status code, content type, headers and JSON schema. The database is the API tests'
sample, with its draft, unpublished and synthetic traps.

The operations are driven through Hypothesis directly rather than schemathesis' pytest
plugin, whose fixture loader does not work with pytest 9.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from api.openapi import build_document
from tests.api_samples import fill_sample_data
from tests.conftest import make_app

MAX_EXAMPLES = 30
PATHS = build_document()["paths"]
# Negative mode needs something to make invalid: only operations with query parameters.
CASES = [
    (path, mode)
    for path in sorted(PATHS)
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or PATHS[path]["get"].get("parameters")
]
SECRETS = ("IND-HIDDEN", "CALL-HIDDEN", "Bando riservato", "SYN-001")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from data.migrate import upgrade

    url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'api.db'}"
    upgrade(url)
    fill_sample_data(url)
    app = make_app(url, S3DASH_RATE_LIMIT="off")
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.mark.parametrize(("path", "mode"), CASES, ids=[f"{p}-{m.value}" for p, m in CASES])
def test_operation_conforms_to_the_document(
    api_schema: Any, path: str, mode: GenerationMode
) -> None:
    """Valid requests get documented answers; invalid ones (negative mode) a documented 4xx."""
    operation = api_schema[path]["GET"]
    calls = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        # The WSGI transport does not decode compressed bodies (compression has its tests).
        response = case.call_and_validate(headers={"Accept-Encoding": "identity"})
        calls.append(response.status_code)
        text = response.content.decode("utf-8", "replace") if path != "/bulk.zip" else ""
        for secret in SECRETS:
            assert secret not in text

    check()
    assert calls, "no request was generated"
