"""A picker whose value is a URL parameter: picking writes `?<name>=` and the router re-renders.

The view stays described by its URL (callbacks/params.py), so a picked call or series can
be bookmarked and shared; the page reads the parameter back when it renders.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update
from dash._callback import NoUpdate

from callbacks.params import MAX_CODE_LENGTH, filter_search


def picked_search(
    value: object, search: object, name: str, all_value: str, max_length: int = MAX_CODE_LENGTH
) -> str | NoUpdate:
    """The URL query with `name` set from the picker's value (unchanged: no update)."""
    new_search = filter_search(value, search, name, all_value, max_length)
    return no_update if new_search is None else new_search


def register_url_picker(
    app: Dash, picker_id: str, name: str, all_value: str = "", max_length: int = MAX_CODE_LENGTH
) -> None:
    """On `app`: when `picker_id`'s value changes, write it into the URL as `?<name>=`.

    `all_value` (a picker's "all" entry) removes the parameter; a value longer than
    `max_length` (a forged request) changes nothing.
    """

    @app.callback(
        Output("shell-url", "search", allow_duplicate=True),
        Input(picker_id, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def write_into_url(value: object, search: object) -> str | NoUpdate:
        return picked_search(value, search, name, all_value, max_length)
