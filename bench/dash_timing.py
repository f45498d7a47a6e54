"""Timing Dash callbacks over HTTP, as the browser calls them, for the benchmarks.

Every request goes through the Flask test client to `/_dash-update-component` (the body the
Dash renderer would post), so a time includes Dash's JSON in and out. `trivial_client` is
the floor the benchmarks divide by: a one-line callback on a throwaway Dash app in the same
process (Flask, Dash's request handling and JSON, nothing of ours).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from dash import Dash, Input, Output, html
from flask import Flask
from flask.testing import FlaskClient


def dependency(
    client: FlaskClient, prefix: str, inputs: set[str], output: str = ""
) -> dict[str, Any]:
    """The registered callback whose inputs are exactly `inputs` (and whose output names
    `output`, where several callbacks share the inputs)."""
    deps = client.get(f"{prefix}_dash-dependencies").get_json()
    return next(
        d
        for d in deps
        if {f"{i['id']}.{i['property']}" for i in d["inputs"]} == inputs and output in d["output"]
    )


def payload(dep: dict[str, Any], values: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The JSON the Dash renderer posts for `dep` with these input and state values."""
    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1]}
        for o in dep["output"].strip(".").split("...")
    ]
    return {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]],
        "changedPropIds": list(values),
        "state": [{**s, "value": state.get(f"{s['id']}.{s['property']}")} for s in dep["state"]],
    }


def answer(client: FlaskClient, prefix: str, body: dict[str, Any]) -> bytes:
    """Post `body` once and return the answer's bytes (checks it is 200)."""
    response = client.post(f"{prefix}_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return bytes(response.data)


def poster(client: FlaskClient, prefix: str, body: dict[str, Any]) -> Callable[[], int]:
    """A function that posts `body` once and returns the response size (checks it is 200)."""
    return lambda: len(answer(client, prefix, body))


def trivial_client() -> FlaskClient:
    """A throwaway Dash app with one trivial callback (same Flask and Dash versions)."""
    server = Flask("trivial")
    # Dash's annotation omits its documented Flask-instance server (as in dashboard/apps.py).
    app = Dash("trivial", server=server, url_base_pathname="/")  # type: ignore[arg-type]
    app.layout = html.Div([html.Div(id="trivial-in"), html.Div(id="trivial-out")])

    @app.callback(Output("trivial-out", "children"), Input("trivial-in", "title"))
    def echo(value: object) -> str:
        return str(value)

    return server.test_client()


def trivial_case() -> Callable[[], int]:
    """The baseline request: the trivial callback, posted once per call."""
    client = trivial_client()
    dep = dependency(client, "/", {"trivial-in.title"})
    return poster(client, "/", payload(dep, {"trivial-in.title": "x"}, {}))


def median_ms(
    run: Callable[[], Any],
    repeat: int,
    warmup: int = 2,
    before_each: Callable[[], None] | None = None,
) -> tuple[float, Any]:
    """Median wall time of `run` in milliseconds, and its last answer.

    `before_each` runs untimed before every call (e.g. emptying a cache for a cold path).
    """
    answer: Any = None
    for _ in range(warmup):
        if before_each:
            before_each()
        answer = run()
    times = []
    for _ in range(repeat):
        if before_each:
            before_each()
        start = time.perf_counter()
        answer = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), answer


def interleaved_medians(
    runs: dict[str, tuple[Callable[[], Any], Callable[[], None] | None]],
    repeat: int,
    warmup: int = 2,
) -> tuple[dict[str, float], dict[str, Any]]:
    """Median ms of every run timed in turn, one of each per round, and their last answers.

    Taken in turn so that a change of the machine's load between rounds weighs on all of
    them and their ratios stay readable on a shared machine. Each run is (function, untimed
    function called before it, or None).
    """
    times: dict[str, list[float]] = {name: [] for name in runs}
    answers: dict[str, Any] = {}
    for round_ in range(warmup + repeat):
        for name, (run, before) in runs.items():
            if before:
                before()
            start = time.perf_counter()
            answers[name] = run()
            elapsed = (time.perf_counter() - start) * 1000
            if round_ >= warmup:
                times[name].append(elapsed)
    return {name: statistics.median(t) for name, t in times.items()}, answers
