"""What an internal page declares about itself, once: the shell and the menu are built from it.

Each page module of callbacks/ ends with its `PAGE` record; callbacks/shell.py lists the
records in menu order and derives the routing table, the menu, the pages that take the
ecosystem filter and the callbacks to register.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import Dash
from dash.development.base_component import Component

from callbacks.params import ViewParams


@dataclass(frozen=True)
class PageRecord:
    """One internal page: its path, menu label, layout, callbacks and filter."""

    path: str
    # Catalogue key of the menu label; None for a page reached by link only (the report).
    nav_label: str | None
    # The complete layout of the page for a view (the shell adds nothing inside it).
    render: Callable[[ViewParams], Component]
    # Wires the page's own callbacks on the app; None when it has none.
    register: Callable[[Dash], None] | None = None
    # True when the content follows the ecosystem filter (the shell shows the filter there).
    filtered: bool = False
    # The state the page reads beyond the data version (the Data page's import history: a
    # refused import changes no data version), as text: part of its kept answer's key
    # (callbacks/page_cache.py). None: the page follows the data version alone.
    live: Callable[[], str] | None = None
