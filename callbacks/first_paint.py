"""A page's first paint in the app's layout, not in the router callback's answer.

Dash's renderer pays for every component a callback returns about as many times as there
are components on the page; the same components in the layout it fetches at start
(`_dash-layout`) cost a fraction of that (dashboard/html_table.py). So the layout is a
function: when the browser asks for it, the page that asks is known from the request's
`Referer` (the app sends `Referrer-Policy: strict-origin-when-cross-origin`, so a page of
the same origin sends its whole address), and the shell comes back with that page already
rendered by the router's own function. A store remembers which address was rendered; the
router's first call for that same address then answers "no update" (and forgets it, so
coming back to the address later renders it again). Without a usable `Referer` (a privacy
setting, another origin) the shell comes back empty and the router renders the page as
before: slower, never wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from dash import Dash, Output, State, no_update
from dash.development.base_component import Component
from flask import Response, has_request_context, request

from dashboard.apps import rendered_id

MAX_ADDRESS = 1000  # characters of a Referer worth reading; longer ones are not ours


def requested_address(base: str) -> tuple[str, str] | None:
    """Path and query (`?…` or "") of the app page asking for its layout, or None."""
    if not has_request_context() or not request.path.endswith("_dash-layout"):
        return None
    referrer = request.referrer or ""
    if not referrer or len(referrer) > MAX_ADDRESS:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != request.host or not (parts.path + "/").startswith(base):
        return None
    return parts.path, f"?{parts.query}" if parts.query else ""


def asking_page(app: Dash) -> Callable[[], tuple[str, str] | None]:
    """The page of `app` asking for its layout in the current request (for the page cache)."""
    return lambda: requested_address(app.config.url_base_pathname)


def address_key(pathname: object, search: object) -> str | None:
    """One spelling of an address (`/funding?lang=en`), None for anything but text."""
    if not isinstance(pathname, str) or not isinstance(search, str | None):
        return None
    query = (search or "").lstrip("?")
    return (pathname.rstrip("/") or "/") + (f"?{query}" if query else "")


def outputs(prefix: str, targets: Sequence[tuple[str, str]]) -> list[Output]:
    """The router's outputs: `targets` (component id, property), then the rendered store."""
    return [*(Output(i, p) for i, p in targets), Output(rendered_id(prefix), "data")]


def state(prefix: str) -> State:
    """The router's state: the address the layout was rendered for."""
    return State(rendered_id(prefix), "data")


def answer(
    rendered: object,
    pathname: object,
    search: object,
    render: Callable[[], Sequence[Any]],
    count: int,
) -> tuple[Any, ...]:
    """The router's answer: its `count` outputs, then the store (emptied once used).

    Nothing new when the layout already shows this address; otherwise `render()`.
    """
    forget = no_update if rendered is None else None
    if rendered is not None and rendered == address_key(pathname, search):
        return (*([no_update] * count), forget)
    return (*render(), forget)


def install_layout(
    app: Dash,
    shell: Callable[[], Component],
    targets: Sequence[tuple[str, str]],
    render: Callable[[str, str], Sequence[Any]],
    prefix: str,
) -> None:
    """Make `app.layout` the shell with the asking page rendered into `targets`."""
    base = app.config.url_base_pathname

    def layout() -> Component:
        frame = shell()
        address = requested_address(base)
        if address is None:
            return frame
        by_id = {getattr(c, "id", None): c for c in _walk(frame)}
        for (component_id, prop), value in zip(targets, render(*address), strict=True):
            setattr(by_id[component_id], prop, value)
        by_id[rendered_id(prefix)].data = address_key(*address)
        return frame

    app.layout = layout

    @app.server.after_request
    def layout_varies_by_page(response: Response) -> Response:
        # The layout now depends on the page asking for it: a cache between the browser and
        # the app must neither serve one page's layout to another nor keep it unasked.
        if request.path == f"{base}_dash-layout":
            response.vary.add("Referer")
            response.cache_control.no_cache = True
        return response


def _walk(component: Any) -> list[Any]:
    found = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if isinstance(child, Component):
            found += _walk(child)
    return found
