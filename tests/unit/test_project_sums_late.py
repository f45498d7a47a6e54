"""The clusters and funding pages read their project sums once, after their other blocks.

The sums are begun early on PostgreSQL (data.read_ahead) and read by the layout when a
block first needs them: every other block is drawn before, so that the database sums
meanwhile, and the two blocks that need them share one reading.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd

from callbacks import clusters as clusters_callbacks
from callbacks import funding as funding_callbacks
from callbacks.view import read_view
from dashboard.pages import clusters as clusters_page
from dashboard.pages import funding as funding_page


class Reading:
    """A project-sums function that counts its calls and what was drawn before the first."""

    def __init__(self, frame: pd.DataFrame, drawn: list[str]) -> None:
        self.frame, self.drawn = frame, drawn
        self.calls = 0
        self.drawn_before: list[str] = []

    def __call__(self) -> pd.DataFrame:
        if not self.calls:
            self.drawn_before = list(self.drawn)
        self.calls += 1
        return self.frame


def _recording(module: object, names: list[str], drawn: list[str], monkeypatch) -> None:
    """Each block function of `module` in `names` notes its name in `drawn` when called."""

    def wrap(name: str, function: Callable[..., object]) -> Callable[..., object]:
        def noted(*args: object, **kwargs: object) -> object:
            drawn.append(name)
            return function(*args, **kwargs)

        return noted

    for name in names:
        monkeypatch.setattr(module, name, wrap(name, getattr(module, name)))


def _layout_reading(app, monkeypatch, page, callbacks, blocks: list[str], field: str) -> Reading:
    """`page.layout` of the plain view, its project sums (PageData `field`) counted and the
    `blocks` noted as they are drawn."""
    drawn: list[str] = []
    _recording(page, blocks, drawn, monkeypatch)
    with app.test_request_context("/"):
        data = callbacks.page_data(read_view("", "it"), "it")
        reading = Reading(getattr(data, field)(), drawn)
        page.layout(dataclasses.replace(data, **{field: reading}))
    return reading


def test_clusters_layout_reads_the_sums_once_after_the_other_blocks(app, monkeypatch):
    blocks = ["map_block", "card_panel", "members_block", "matrix_block", "province_block"]
    reading = _layout_reading(
        app, monkeypatch, clusters_page, clusters_callbacks, blocks, "project_sums"
    )
    assert reading.calls == 1  # the province map and its description share one reading
    assert reading.drawn_before == blocks  # the province block, last, reads them


def test_funding_layout_reads_the_cube_once_after_the_calls_blocks(app, monkeypatch):
    blocks = ["breakdown_block", "flow_block", "ranked_block", "calls_grid", "projects_section"]
    reading = _layout_reading(
        app, monkeypatch, funding_page, funding_callbacks, blocks, "project_cube"
    )
    assert reading.calls == 1  # the calls grid and the projects section share one reading
    # Read by the calls grid, once every block of the calls alone is drawn.
    assert reading.drawn_before[-1] == "calls_grid"
    assert set(reading.drawn_before[:-1]) == {"breakdown_block", "flow_block", "ranked_block"}
