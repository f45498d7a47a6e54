"""Hostile values posted to every registered callback of both apps: never a 500.

Dash's callback endpoint takes any JSON from any client. For each callback of the internal
and the public app, each input and state in turn (and each key of a pattern-matching id)
receives values of the wrong type and shape: None, numbers, lists, dicts, huge and nested
values. A deterministic seed and a bounded number of requests keep the test fast.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.conftest import make_app
from tests.databases import SqliteTemplates

SEED = 13
MAX_REQUESTS_PER_APP = 700


def _nested(depth: int) -> Any:
    value: Any = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


HOSTILE: list[Any] = [
    None,
    0,
    -1,
    1e308,
    True,
    "",
    "x" * 100_000,
    "?lang=en&ecosystem=%00&cluster=" + "a" * 3000,
    "\x00<script>",
    [],
    [1, "a", None],
    {},
    {"a": {"b": [None, {}]}},
    _nested(60),
]


# Values of a pattern-matching id's keys: `{"fmt": ["csv"]}` used to reach the callback.
HOSTILE_ID_VALUES: list[Any] = [["csv"], {"a": 1}, None, 1e308, "x" * 500]


@pytest.fixture(scope="module")
def fuzz_client(
    tmp_path_factory: pytest.TempPathFactory, database_templates: SqliteTemplates
) -> FlaskClient:
    url = database_templates.seeded_copy(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    return make_app(url).test_client()


def _wildcard_id(raw: str) -> dict[str, Any] | None:
    # Pattern-matching ids come as JSON strings whose wildcards are ["ALL"], ["MATCH"]…
    if not raw.startswith("{"):
        return None
    return dict(json.loads(raw))


def _concrete(pattern: dict[str, Any], key: str | None, value: Any) -> dict[str, Any]:
    concrete = {k: ("x" if isinstance(v, list) else v) for k, v in pattern.items()}
    if key is not None:
        concrete[key] = value
    return concrete


def _slot(item: dict[str, Any], value: Any, id_key: str | None = None, id_value: Any = None) -> Any:
    pattern = _wildcard_id(item["id"])
    if pattern is None:
        return {"id": item["id"], "property": item["property"], "value": value}
    entry = {
        "id": _concrete(pattern, id_key, id_value),
        "property": item["property"],
        "value": value,
    }
    wildcards = [v[0] for v in pattern.values() if isinstance(v, list)]
    return [entry] if "ALL" in wildcards or "ALLSMALLER" in wildcards else entry


def _outputs(dep: dict[str, Any]) -> Any:
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        pattern = _wildcard_id(ident)
        outputs.append(
            {"id": _concrete(pattern, None, None) if pattern else ident, "property": prop}
        )
    return outputs if dep["output"].startswith("..") else outputs[0]


def _payloads(deps: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """One hostile value per slot and per id key, each callback in turn, then random mixes."""
    server_side = [d for d in deps if not d.get("clientside_function")]
    for dep in server_side:
        slots = [("inputs", i, item) for i, item in enumerate(dep["inputs"])]
        slots += [("state", i, item) for i, item in enumerate(dep["state"])]
        for part, index, item in slots:
            targets: list[tuple[str | None, Any]] = [(None, None)]
            pattern = _wildcard_id(item["id"])
            if pattern:
                targets += [(k, v) for k in pattern for v in HOSTILE_ID_VALUES]
            for id_key, id_value in targets:
                for value in HOSTILE if id_key is None else [rng.choice(HOSTILE)]:
                    yield _payload(dep, part, index, value, id_key, id_value)
    for _ in range(60):
        dep = rng.choice(server_side)
        yield {
            "output": dep["output"],
            "outputs": _outputs(dep),
            "inputs": [_slot(i, rng.choice(HOSTILE)) for i in dep["inputs"]],
            "state": [_slot(s, rng.choice(HOSTILE)) for s in dep["state"]],
            "changedPropIds": [rng.choice([f"{i['id']}.{i['property']}" for i in dep["inputs"]])],
        }


def _payload(
    dep: dict[str, Any], part: str, index: int, value: Any, id_key: str | None, id_value: Any
) -> dict[str, Any]:
    inputs = [_slot(i, None) for i in dep["inputs"]]
    state = [_slot(s, None) for s in dep["state"]]
    target = inputs if part == "inputs" else state
    target[index] = _slot(dep[part][index], value, id_key, id_value)
    changed = target[index] if part == "inputs" else inputs[0]
    entry = changed[0] if isinstance(changed, list) else changed
    return {
        "output": dep["output"],
        "outputs": _outputs(dep),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{_id_text(entry['id'])}.{entry['property']}"],
    }


def _id_text(ident: Any) -> str:
    # How the browser names a pattern-matching id in changedPropIds: sorted compact JSON.
    if isinstance(ident, dict):
        return json.dumps(ident, sort_keys=True, separators=(",", ":"))
    return str(ident)


@pytest.mark.parametrize("prefix", ["/", "/public/"])
def test_hostile_callback_values_never_answer_500(fuzz_client: FlaskClient, prefix: str) -> None:
    deps = fuzz_client.get(f"{prefix}_dash-dependencies").get_json()
    rng = random.Random(SEED)
    payloads = list(_payloads(deps, rng))
    rng.shuffle(payloads)
    failures: list[str] = []
    statuses: dict[int, int] = {}
    for payload in payloads[:MAX_REQUESTS_PER_APP]:
        sent = json.dumps(payload)[:300]
        try:  # the test app propagates exceptions: each one would have been a 500
            response = fuzz_client.post(f"{prefix}_dash-update-component", json=payload)
        except Exception as error:
            failures.append(f"{type(error).__name__}: {error} in {payload['output']}: {sent}")
            continue
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {payload['output']}: {sent}")
    assert not failures, f"{len(failures)} server errors ({statuses}):\n" + "\n".join(failures[:15])
    assert statuses.get(200, 0) > 0
