"""Clusters page wiring: render the page for a view, open a cluster's card in place.

The card is part of the view (`?cluster=afil` opens it, so a card can be shared). Choosing a
cluster in the list swaps only the card; clicking its mark on a chart, or its marker on the
map (a link, assets/svg-maps.js), chooses it in the list.
A clientside callback writes `cluster` into the address bar with `history.replaceState`:
going through the router would re-render the whole page and take the keyboard focus away
from the list.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, no_update
from dash._callback import NoUpdate
from dash.development.base_component import Component

from callbacks import loaders
from callbacks.page_record import PageRecord
from callbacks.params import ViewParams, view_query
from callbacks.view import read_view
from dashboard.figures import clusters as figures
from dashboard.figures.svg_map import Point
from dashboard.i18n import configured_lang, localized
from dashboard.pages import clusters
from data import geo, read_ahead
from data.analysis.scope import s3_ecosystems

MAX_CODE_LENGTH = 100


def _s3_ecosystems(lang: str) -> list[tuple[str, str]]:
    """The S3 ecosystems (code, name) in display order, without the cross-cutting bucket."""
    frame = s3_ecosystems(loaders.ecosystems())
    column = localized("name", lang)
    return list(zip(frame["code"], frame[column], strict=True))


def _province_sums(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the page reads of the projects summed by province."""
    return frame[["province_code", "projects", "funding_eur"]]


@cache
def province_shapes() -> dict[str, list[list[Point]]]:
    """The provinces' outlines as the map draws them, projected and simplified once.

    Once per process, not per data version: they come from the GeoJSON shipped with the
    code (data/geo.py), which no import changes.
    """
    return figures.province_shapes(geo.provinces_geojson())


def page_data(view: ViewParams, default_lang: str) -> clusters.PageData:
    """Everything the page needs for `view`, read through the cached loaders."""
    # Summed by PostgreSQL while the page draws what needs no sums.
    sums = read_ahead.start(loaders.projects_by_province_read(view.ecosystem, public=False))
    every = loaders.clusters()  # read once: the view's clusters are among them
    return clusters.PageData(
        clusters=view.scope.clusters(every),
        all_clusters=every,
        ecosystems=_s3_ecosystems(view.lang),
        ecosystem_names=loaders.ecosystem_names(view.lang),
        provinces=geo.provinces_frame(),
        geojson=geo.provinces_geojson(),
        outline=geo.map_outline(),
        project_sums=lambda: _province_sums(sums()),
        lang=view.lang,
        ecosystem=view.ecosystem,
        cluster=view.cluster,
        params=view_query(view, default_lang),
        shapes=province_shapes(),
    )


def render(view: ViewParams) -> Component:
    """Layout of the clusters page for this view."""
    return clusters.layout(page_data(view, configured_lang()))


# Charts whose marks carry a cluster code in `customdata`: a click on one opens its card.
# (The map's markers are links: assets/svg-maps.js chooses their cluster in the list.)
CLICKABLE = (clusters.MEMBERS_ID, clusters.MATRIX_ID)


def _clicked_code(click: Any) -> str | None:
    """The cluster code carried by a clicked mark (`customdata`), or None for anything else."""
    if not isinstance(click, dict):
        return None
    points = click.get("points")
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    code = points[0].get("customdata")
    return code if isinstance(code, str) and 0 < len(code) <= MAX_CODE_LENGTH else None


def pick_clicked(click: Any) -> str | NoUpdate:
    """The list's new value after a click on a chart: the clicked cluster, or no change."""
    code = _clicked_code(click)
    return no_update if code is None else code


def register(app: Dash) -> None:
    """Wire the card: a click on a cluster's mark chooses it in the list, the list opens it."""
    default_lang = configured_lang(app.server.config)

    # One callback per chart: the members and matrix charts are drawn only when reached
    # (dashboard/lazy_graph.py), and Dash fires no callback while one of its inputs is
    # missing from the page. The list then opens the card, as a keyboard choice does.
    for chart_id in CLICKABLE:
        app.callback(
            Output(clusters.PICKER_ID, "value", allow_duplicate=True),
            Input(chart_id, "clickData"),
            prevent_initial_call=True,
        )(pick_clicked)

    @app.callback(
        Output(clusters.CARD_ID, "children"),
        Output(clusters.CARD_STATUS_ID, "children"),
        Input(clusters.PICKER_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def show_cluster_card(picked: object, search: object) -> tuple[list[Component], str]:
        """On a choice in the list (or a click that chose there): show that cluster's card."""
        code = picked if isinstance(picked, str) and len(picked) <= MAX_CODE_LENGTH else ""
        view = read_view(search, default_lang)
        every = loaders.clusters()  # read once: the view's clusters are among them
        visible = view.scope.clusters(every)["code"].tolist()
        params = {k: v for k, v in view_query(view, default_lang).items() if k != "cluster"}
        content = clusters.card_content(
            code, every, visible, loaders.ecosystem_names(view.lang), view.lang, params
        )
        return content, clusters.card_status(code, every, view.lang)

    # The address bar follows the open card, without a round trip through the router; and a
    # card opened from a chart further down the page is scrolled into view (if it is not).
    app.clientside_callback(
        """
        function(code) {
            const url = new URL(window.location.href);
            if (code) { url.searchParams.set("cluster", code); }
            else { url.searchParams.delete("cluster"); }
            if (url.href !== window.location.href) {
                window.history.replaceState(window.history.state, "", url.href);
            }
            // The card arrives from the server a moment later: wait for it (at most 3 s).
            let tries = 0;
            const reveal = function() {
                const card = document.querySelector(
                    '#clusters-card [data-cluster="' + CSS.escape(code) + '"]'
                );
                if (card) {
                    document.getElementById("clusters-card-title")
                        .scrollIntoView({block: "nearest"});
                } else if (++tries < 60) {
                    window.setTimeout(reveal, 50);
                }
            };
            if (code) { reveal(); }
            return code || "";
        }
        """,
        Output(clusters.URL_SINK_ID, "data"),
        Input(clusters.PICKER_ID, "value"),
        prevent_initial_call=True,
    )


PAGE = PageRecord("/clusters", "nav.clusters", render, register, filtered=True)
