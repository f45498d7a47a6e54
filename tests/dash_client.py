"""Calling a Dash callback over HTTP the way the browser does (no browser needed)."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient


def call_callback(
    client: FlaskClient,
    prefix: str,
    inputs: dict[str, Any],
    output_startswith: str = "",
    state: dict[str, Any] | None = None,
    deps: list[dict[str, Any]] | None = None,
) -> tuple[int, Any]:
    """POST to `<prefix>_dash-update-component` for the callback with these inputs.

    `inputs` (and `state`) map "component-id.property" to its value.
    `deps`: the app's `_dash-dependencies`, when already fetched (or no longer fetchable).
    Returns (status, JSON or text).
    """
    if deps is None:
        deps = client.get(f"{prefix}_dash-dependencies").get_json()
    wanted = set(inputs)
    dep = next(
        d
        for d in deps
        if {f"{i['id']}.{i['property']}" for i in d["inputs"]} == wanted
        and d["output"].lstrip(".").startswith(output_startswith)
    )
    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1]}
        for o in dep["output"].strip(".").split("...")
    ]
    payload = {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [
            {
                "id": i["id"],
                "property": i["property"],
                "value": inputs[f"{i['id']}.{i['property']}"],
            }
            for i in dep["inputs"]
        ],
        "changedPropIds": list(wanted),
        "state": [
            {
                "id": i["id"],
                "property": i["property"],
                "value": (state or {}).get(f"{i['id']}.{i['property']}"),
            }
            for i in dep["state"]
        ],
    }
    response = client.post(f"{prefix}_dash-update-component", json=payload)
    body = response.get_json(silent=True)
    return response.status_code, body if body is not None else response.get_data(as_text=True)


def shell_response(client: FlaskClient, path: str, search: str = "") -> dict[str, Any]:
    """The internal app's router outputs (content, header…) for a URL, as the browser gets them."""
    status, body = call_callback(
        client, "/", {"shell-url.pathname": path, "shell-url.search": search}
    )
    assert status == 200, body
    return dict(body["response"])


def search_after(client: FlaskClient, control: str, value: Any, search: str) -> str:
    """The address's query after a picker written into the URL (`control`: "id.prop") changes."""
    status, body = call_callback(client, "/", {control: value}, state={"shell-url.search": search})
    assert status == 200, body
    return str(body["response"]["shell-url"]["search"])


def render(client: FlaskClient, path: str, search: str = "") -> Any:
    """The page content the router renders for a URL; an error box fails the test."""
    content = shell_response(client, path, search)["shell-content"]["children"]
    assert "alert-danger" not in str(content)
    return content


def callback_payload(dep: dict[str, Any]) -> dict[str, Any]:
    """A well-formed request for any callback of /_dash-dependencies (values empty)."""

    def entry(item: dict[str, Any]) -> Any:
        # A wildcard (ALL) input is a list of entries; an empty list is a valid value.
        # Pattern-matching ids come as JSON text.
        ident = item["id"]
        if isinstance(ident, str) and ident.startswith("{") and '["ALL"]' in ident:
            return []
        return {"id": item["id"], "property": item["property"], "value": None}

    parts = dep["output"].strip(".").split("...")
    outputs = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    return {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [entry(i) for i in dep["inputs"]],
        "changedPropIds": [],
        "state": [entry(s) for s in dep["state"]],
    }


def trigger_callback(
    client: FlaskClient,
    output: str,
    trigger: str,
    values: dict[str, Any],
    states: dict[str, Any] | None = None,
) -> tuple[int, Any]:
    """Post to the callback writing `output`, as a click on `trigger` with these values."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].strip(".") == output)
    payload = callback_payload(dep)
    merged = {**values, **(states or {})}
    for entry in [*payload["inputs"], *payload["state"]]:
        if isinstance(entry, dict):
            entry["value"] = merged.get(f"{entry['id']}.{entry['property']}")
    payload["changedPropIds"] = [trigger]
    response = client.post("/_dash-update-component", json=payload)
    return response.status_code, response.get_json(silent=True)


def page_text(client: FlaskClient, path: str, search: str) -> str:
    """The internal page's content for a URL, as text."""
    return str(shell_response(client, path, search)["shell-content"]["children"])
