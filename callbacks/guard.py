"""Callback endpoint guard: a Dash app answers only the callbacks registered on it.

Dash's `_dash-update-component` accepts any JSON from any client. Requests naming a
callback the app does not have (say, an internal callback posted to the public app) or
that are not well-formed JSON are refused here with 400 and a short message, before Dash
parses them, so no stack trace or internal detail reaches the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import Dash
from flask import jsonify, request
from flask.typing import ResponseReturnValue

MAX_CALLBACK_BODY = 256 * 1024  # bytes; our callbacks carry a URL and a few values
MAX_ID_LENGTH = 200  # characters of an id or of a pattern-matching id's value
MAX_ID_KEYS = 8
MAX_MATCHES = 1000  # components one ALL wildcard may match


def _is_id(value: object) -> bool:
    # A component id: a string, or a pattern-matching dict of short scalar values.
    if isinstance(value, str):
        return len(value) <= MAX_ID_LENGTH
    if not isinstance(value, dict) or len(value) > MAX_ID_KEYS:
        return False
    return all(
        isinstance(k, str)
        and (
            (isinstance(v, str) and len(v) <= MAX_ID_LENGTH)
            or (isinstance(v, int | float) and not isinstance(v, bool))
            or isinstance(v, bool)
        )
        for k, v in value.items()
    )


def _is_dependency(value: object) -> bool:
    return (
        isinstance(value, dict)
        and _is_id(value.get("id"))
        and isinstance(value.get("property"), str)
    )


def _well_formed(entries: object) -> bool:
    """Each entry is {id, property, value}, or a list of them (ALL / ALLSMALLER)."""
    if not isinstance(entries, list):
        return False
    for entry in entries:
        group = entry if isinstance(entry, list) else [entry]
        if len(group) > MAX_MATCHES or not all(_is_dependency(e) for e in group):
            return False
    return True


def _shape_matches(body: dict[str, Any], spec: dict[str, Any]) -> bool:
    """Inputs and state are lists as long as the registered callback expects, well formed.

    Ids of pattern-matching components are checked here, once for every callback: their
    keys hold short strings or numbers, never lists or objects a callback would choke on.
    """
    for part in ("inputs", "state"):
        sent = body.get(part, [])
        if not _well_formed(sent) or len(sent) != len(spec.get(part, [])):
            return False
    outputs = body.get("outputs")
    if outputs is not None:
        group = outputs if isinstance(outputs, list) else [outputs]
        if not all(isinstance(o, dict) and _is_id(o.get("id")) for o in group):
            return False
    changed = body.get("changedPropIds", [])
    return isinstance(changed, list) and all(isinstance(c, str) for c in changed)


def _body_limit(output: str, limits: Mapping[str, int]) -> int:
    # `..a.children...b.data..` for several outputs; `@hash` marks allow_duplicate outputs.
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return max([MAX_CALLBACK_BODY, *(limits.get(p.split("@", 1)[0], 0) for p in parts)])


def install_callback_guard(app: Dash, body_limits: Mapping[str, int] | None = None) -> None:
    """Refuse malformed or unknown callback requests to `app` with a 400.

    `body_limits` maps an output (`component-id.property`) to the larger body its callback
    may receive (file uploads); every other callback gets MAX_CALLBACK_BODY.
    """
    endpoint = f"{app.config.routes_pathname_prefix}_dash-update-component"
    limits = dict(body_limits or {})
    ceiling = max([MAX_CALLBACK_BODY, *limits.values()])

    def guard() -> ResponseReturnValue | None:
        if request.path != endpoint or request.method != "POST":
            return None
        size = request.content_length or 0
        if size > ceiling:
            return jsonify(error="request too large"), 413
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("output"), str):
            return jsonify(error="malformed callback request"), 400
        spec = app.callback_map.get(body["output"])
        if spec is None:
            return jsonify(error="unknown callback"), 400
        if size > _body_limit(body["output"], limits):
            return jsonify(error="request too large"), 413
        if not _shape_matches(body, spec):
            return jsonify(error="malformed callback request"), 400
        return None

    app.server.before_request(guard)
