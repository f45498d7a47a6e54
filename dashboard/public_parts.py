"""Shared parts of the public page: its views and data, and small accessible building blocks.

Used by dashboard/public_sections.py, dashboard/public_texts.py and dashboard/public.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.citations import document_title, source_text
from dashboard.components import data_table, page_header
from dashboard.figures.attainment import STATUS_COLOURS, STATUS_SYMBOLS
from dashboard.i18n import DEFAULT_LANG, foreign, format_date, t
from data.analysis.attainment import Assessment, StatusBands

PUBLIC_PATH = "/public"
HOME, INDICATORS, INDICATOR, TRENDS, FUNDING, CLUSTERS, METHOD, ACCESSIBILITY = (
    "home",
    "indicators",
    "indicator",
    "trends",
    "funding",
    "clusters",
    "method",
    "accessibility",
)
NOT_FOUND = "not-found"
CONTEXT = "context"  # Eurostat context indicators (dashboard/public_context.py)
# Views reached as /public/<name>; the indicator card is /public/indicator/<code>.
SECTION_VIEWS = (INDICATORS, TRENDS, FUNDING, CLUSTERS, METHOD, ACCESSIBILITY, CONTEXT)
EMBED = "embed"
LANG = "lang"
PEERS = "peers"  # the context view's peer regions (dashboard.pages.context.PEERS)

# Component ids (kebab-case, `public-` prefix).
INDICATORS_TABLE_ID = "public-indicators-table"
CALLS_TABLE_ID = "public-calls-table"
CLUSTERS_TABLE_ID = "public-clusters-table"
FUNDING_TABLE_ID = "public-funding-table"
CARDS_ID = "public-cards"
UPDATED_ID = "public-updated"
MAP_BUTTON_ID = "public-map-button"
MAP_SLOT_ID = "public-map-slot"
MAP_STATUS_ID = "public-map-status"
EMBED_CODE_ID = "public-embed-code"
OPEN_DATA_ID = "public-open-data"
CONTEXT_PEERS_ID = "public-context-peers"
CONTEXT_ADD_INPUT_ID = "public-context-add"
CONTEXT_ADD_BUTTON_ID = "public-context-add-button"
CONTEXT_ADD_MESSAGE_ID = "public-context-add-message"
CONTEXT_REGIONS_LIST_ID = "public-context-regions"
DOWNLOAD_KINDS = ("indicators", "observations", "calls", "clusters", "ecosystems")
# Dash component libraries the public page may use; any other bundle is left out of its index.
ALLOWED_NAMESPACES = frozenset({"dash_html_components", "dash_core_components"})
INK_MUTED = "#495057"


@dataclass(frozen=True)
class PublicView:
    """Which view is shown, how, and what was wrong with the address."""

    name: str = HOME
    code: str | None = None  # the indicator of the card view
    lang: str = DEFAULT_LANG
    embed: bool = False
    default_lang: str = DEFAULT_LANG
    origin: str = ""  # scheme://host of this server, for the embed snippets
    problems: tuple[str, ...] = ()
    peers: str | None = None  # raw `?peers=`, checked against the regions when loaded

    @property
    def path(self) -> str:
        """The path of this view."""
        return view_path(self.name, self.code)

    def query(self, lang: str | None = None, embed: bool | None = None) -> dict[str, str]:
        """The query parameters that keep this view's language and mode."""
        params: dict[str, str] = {}
        chosen = self.lang if lang is None else lang
        if chosen != self.default_lang or lang is not None:
            params[LANG] = chosen
        if self.embed if embed is None else embed:
            params[EMBED] = "1"
        if self.name == CONTEXT and self.peers is not None:
            params[PEERS] = self.peers
        return params

    def href(self, name: str, code: str | None = None, embed: bool | None = None) -> str:
        """A link to another view in the same language and mode (peers stay on context)."""
        params = self.query(embed=embed)
        if name != CONTEXT:
            params.pop(PEERS, None)
        return with_query(view_path(name, code), params)


@dataclass
class PublicData:
    """The published frames a view is drawn from (callbacks/public.py loads them)."""

    indicators: pd.DataFrame  # published indicators, display order
    observations: pd.DataFrame  # their published observations
    assessments: list[Assessment]  # one per indicator row, same order
    outlooks: pd.DataFrame  # data.analysis.published.public_outlooks
    calls: pd.DataFrame  # published calls
    ecosystems: pd.DataFrame
    clusters: pd.DataFrame
    bands: StatusBands
    trends_panel: Callable[[pd.DataFrame, str], Component] | None = None
    cluster_map: Callable[[], Component] | None = None  # the map, for the clusters view
    # the context view's ContextData for a raw `?peers=` (None: the defaults), loaded lazily
    context: Callable[[str | None], Any] | None = None


def view_path(name: str, code: str | None = None) -> str:
    """`/public/`, `/public/funding`, `/public/indicator/RI05`."""
    if name == HOME:
        return PUBLIC_PATH + "/"
    if name == INDICATOR and code:
        return f"{PUBLIC_PATH}/{INDICATOR}/{code}"
    return f"{PUBLIC_PATH}/{name}"


def with_query(path: str, params: Mapping[str, str]) -> str:
    """`path?a=b` (just `path` without parameters)."""
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{path}?{query}" if query else path


# --------------------------------------------------------------------------- small parts


def in_italian(text: str, lang: str) -> Component | str:
    """Italian-only text (sources, notes) marked `lang="it"` on the English page."""
    return html.Span(text, lang="it") if foreign("it", lang) else text


def source_line(sources: Sequence[object], lang: str, documents_only: bool = False) -> html.P:
    """`Fonte: …` listing each distinct source (or source document) once."""
    describe = document_title if documents_only else source_text
    unique = list(dict.fromkeys(describe(s, lang) for s in sources if s))
    text = "; ".join(unique) if unique else t("nd", lang)
    children: list[Component | str] = [f"{t('source', lang)}: ", in_italian(text, lang)]
    if documents_only:
        children.append(" " + t("pub.source.rows", lang))
    return html.P(children, className="small s3p-muted mb-2")


def status_badge(status: str, lang: str) -> html.Span:
    """The status as symbol and words on its colour: never colour alone."""
    return html.Span(
        [
            html.Span(STATUS_SYMBOLS[status], className="me-1", **aria(hidden=True)),
            t(f"att.status.{status}", lang),
        ],
        className=f"badge s3p-status s3p-status-{status}",
        style={"backgroundColor": STATUS_COLOURS[status], "color": "#fff"},
    )


def public_table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    numeric: Sequence[int] = (),
) -> html.Div:
    """`data_table` as the public app shows it: each row named by its first cell."""
    return data_table(
        table_id,
        caption,
        headers,
        rows,
        numeric,
        row_headers=True,
        table_class="mb-0",
        region_class="s3p-scroll mb-2",
    )


def folded(summary: str, *children: Component) -> html.Details:
    """Content folded under a summary line (a chart's data table, the list of calls)."""
    return html.Details([html.Summary(summary), *children], className="s3p-details mb-3")


def section(
    section_id: str, title: str, children: Sequence[Component | str], heading: str = "h2"
) -> html.Section:
    """A titled section, named by its heading (a landmark only where a name is given)."""
    heading_id = f"{section_id}-title"
    tag = html.H2 if heading == "h2" else html.H1
    return html.Section(
        [tag(title, id=heading_id, className="h4 mt-4"), *children],
        id=section_id,
        className="s3p-section",
        **aria(labelledby=heading_id),
    )


def view_link(view: PublicView, name: str, label_key: str) -> html.P:
    """A link from a home section to the same section on its own (embeddable)."""
    return html.P(
        html.A(t(label_key, view.lang), href=view.href(name)), className="small s3p-view-link"
    )


# --------------------------------------------------------------------------- common pages


def updated_line(data: PublicData, lang: str) -> html.P:
    """The date of the most recent published value (the page's "last updated")."""
    known = data.observations.dropna(subset=["value"])
    latest = max(known["date"]) if len(known) else None
    date = format_date(latest, lang) if latest is not None else t("nd", lang)
    return html.P(t("pub.updated", lang, date=date), id=UPDATED_ID, className="s3p-muted mb-2")


def not_found(view: PublicView) -> list[Component]:
    """The page for an address that names no view (or an unknown indicator)."""
    lang = view.lang
    return [
        page_header(t("notfound.title", lang), t("pub.notfound.body", lang)),
        html.P(html.A(t("pub.nav.home", lang), href=view.href(HOME))),
    ]


def walk(component: Any) -> list[Any]:
    """Every component in a layout tree (for the namespace check)."""
    found = []
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, Component):
            found.append(item)
            stack.append(getattr(item, "children", None))
    return found
