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


def render(client: FlaskClient, path: str, search: str = "") -> Any:
    """The page content the router renders for a URL; an error box fails the test."""
    content = shell_response(client, path, search)["shell-content"]["children"]
    assert "alert-danger" not in str(content)
    return content
