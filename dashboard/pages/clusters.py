"""Clusters page: the 9 Cluster Tecnologici Lombardi, their members, ecosystems and cards.

The page shows where the clusters have their headquarters, who their members are, which
ecosystems they serve, and each cluster's card. Layout only: frames in, components out; no
data access and no callbacks (those live in `callbacks/clusters.py`). Every chart goes
through `chart_block`, with a sentence that states its key numbers and a table that
carries all of them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypedDict

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.citations import source_text
from dashboard.components import (
    chart_block,
    data_table,
    drawn_chart_block,
    href,
    page_header,
)
from dashboard.figures import clusters as figures
from dashboard.figures.svg_map import Point
from dashboard.i18n import format_eur, format_number, t
from dashboard.static_markup import Written, element, markup
from data.analysis.records import records
from data.analysis.sums import series_sum

PAGE_PATH = "/clusters"
TABLE_ID = "clusters-table"
SUMMARY_ID = "clusters-summary"
FILTER_NOTE_ID = "filter-note"
MAP_ID = "clusters-map"
MAP_TABLE_ID = "clusters-map-table"
PROVINCE_MAP_ID = "clusters-province-map"
PROVINCE_TABLE_ID = "clusters-province-table"
MEMBERS_ID = "clusters-members-chart"
MEMBERS_TABLE_ID = "clusters-members-table"
MATRIX_ID = "clusters-ecosystem-matrix"
MATRIX_TABLE_ID = "clusters-matrix-table"
PICKER_ID = "clusters-picker"
CARD_ID = "clusters-card"
CARD_STATUS_ID = "clusters-card-status"
PANEL_HEADING_ID = "clusters-panel-heading"
URL_SINK_ID = "clusters-url-sink"
MEMBER_COLUMNS = ("total", "firms", "research", "other")
# The card names its cluster for the client-side callback that scrolls to it.
ClusterMark = TypedDict("ClusterMark", {"data-cluster": str})


@dataclass(frozen=True)
class PageData:
    """Everything the page is drawn from, already filtered by the view's ecosystem."""

    clusters: pd.DataFrame  # clusters serving the view's ecosystem
    all_clusters: pd.DataFrame  # every cluster (card look-ups, marker scale)
    ecosystems: list[tuple[str, str]]  # S3 ecosystems (code, name), display order
    ecosystem_names: dict[str, str]  # every ecosystem code → name, in the view's language
    provinces: pd.DataFrame  # data.geo.provinces_frame()
    geojson: Mapping[str, Any]
    # The function that gives the view's projects summed by province (province_code,
    # projects, funding_eur): read when the province block needs them, which the layout
    # draws last, so that the database sums while the rest is drawn (data.read_ahead).
    project_sums: Callable[[], pd.DataFrame]
    lang: str
    ecosystem: str | None = None
    cluster: str | None = None
    params: dict[str, str] = field(default_factory=dict)  # the view's URL parameters
    # The provinces' outlines as the map draws them (figures.province_shapes), if kept.
    shapes: Mapping[str, Sequence[Sequence[Point]]] | None = None
    # The province map's lighter outline (data.geo.map_outline); None: `geojson`.
    outline: Mapping[str, Any] | None = None

    @cached_property
    def projects(self) -> pd.DataFrame:
        """The view's projects summed by province (`project_sums`, read once)."""
        return self.project_sums()


def _pct(part: float, whole: float, lang: str) -> str:
    return f"{format_number(100 * part / whole, lang, 0)}%" if whole else t("nd", lang)


def _names(codes: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in codes)


def _and(items: Sequence[str], lang: str) -> str:
    """`a, b e c` / `a, b and c`."""
    if len(items) < 2:
        return "".join(items)
    word = t("word.and", lang)
    return ", ".join(items[:-1]) + word + items[-1]


# --- headquarters map -------------------------------------------------------------------


def _map_description(data: PageData) -> str:
    frame, lang = data.clusters, data.lang
    # Counted on lists, as `groupby("city").size()` then a stable sort by count, descending
    # (cities by name, missing ones left out): nine rows, pandas' fixed costs were most of it.
    by_city = Counter(city for city in frame["city"].tolist() if not pd.isna(city))
    ranked = sorted(sorted(by_city.items()), key=lambda item: item[1], reverse=True)
    cities = _and([f"{city} {format_number(n, lang)}" for city, n in ranked], lang)
    members = frame["members_total"].tolist()
    top = max(members)
    largest_names = [n for n, m in zip(frame["name"].tolist(), members, strict=True) if m == top]
    key = "clusters.map.largest" if len(largest_names) == 1 else "clusters.map.largest_many"
    largest = t(key, lang, names=_and(largest_names, lang), n=format_number(top, lang))
    diameters = figures.marker_diameters(members, _reference_max(data))
    placed = figures.spread_positions(frame["lon"].tolist(), frame["lat"].tolist(), diameters)
    moved = [name for name, place in zip(frame["name"], placed, strict=True) if place.moved]
    moved_text = t("clusters.map.moved", lang, names=_and(moved, lang)) if moved else ""
    return t(
        "clusters.map.description",
        lang,
        n=format_number(len(frame), lang),
        cities=cities,
        largest=largest,
        moved=moved_text,
    )


def _reference_max(data: PageData) -> float:
    """Markers keep the size of the unfiltered map, so filtering never inflates them."""
    if len(data.all_clusters):
        return float(data.all_clusters["members_total"].max())
    return 1.0


def _map_table(data: PageData) -> html.Div:
    lang = data.lang
    rows = [
        [
            c["name"],
            f"{c['address']}, {c['postcode']} {c['city']}",
            c["province_name"],
            format_number(c["members_total"], lang),
            _names(c["reference_ecosystems"], data.ecosystem_names),
            format_number(c["lat"], lang, 4),
            format_number(c["lon"], lang, 4),
        ]
        for c in records(data.clusters)
    ]
    return data_table(
        MAP_TABLE_ID,
        t("clusters.map.table", lang),
        [
            t("col.cluster", lang),
            t("clusters.col.address", lang),
            t("col.province", lang),
            t("col.members", lang),
            t("col.reference_ecosystem", lang),
            t("clusters.col.lat", lang),
            t("clusters.col.lon", lang),
        ],
        rows,
        numeric=(3, 5, 6),
    )


def _attribution(lang: str) -> html.P:
    """The boundaries' source and licence (CC BY 4.0 asks for it wherever they are shown)."""
    return html.P(t("clusters.map.attribution", lang), className="small text-muted mb-0")


def map_block(data: PageData, level: int = 3, choose: bool = False) -> html.Section:
    """The headquarters map with its description, data table and boundary attribution.

    `level`: its heading's (2 on this page, straight under the h1; 3 in a public section).
    With `choose` (this page), each marker is a link to the view with its cluster's card,
    which the page's script turns into choosing it in the list (assets/svg-maps.js).
    """
    drawing = figures.hq_map(
        data.clusters,
        data.geojson,
        data.provinces,
        data.ecosystem_names,
        data.lang,
        svg_id=MAP_ID,
        reference_max=_reference_max(data),
        link=(lambda code: href(PAGE_PATH, {**data.params, "cluster": code})) if choose else None,
        picker=PICKER_ID,
        shapes=data.shapes,
    )
    block = drawn_chart_block(
        MAP_ID,
        t("clusters.map.title", data.lang),
        _map_description(data),
        drawing,
        _map_table(data),
        data.lang,
        level=level,
    )
    block.children.append(_attribution(data.lang))
    return block


# --- province choropleth ----------------------------------------------------------------


def _money_sum(amounts: list[float]) -> float:
    """`pd.Series(amounts, dtype=float).sum()`: NaN skipped, 0.0 when none is known."""
    total = series_sum(amounts)
    return 0.0 if total != total else total


def _province_description(summary: pd.DataFrame, metric: str, data: PageData) -> str:
    lang = data.lang
    if metric == "funding_eur":
        top = summary.sort_values("funding_eur", ascending=False).iloc[0]
        # The projects' rows by province as lists (a mask and five pandas sums before):
        # counts are whole numbers, money `Series.sum()`'s own (0 when none is known).
        codes = data.projects["province_code"].tolist()
        counts = data.projects["projects"].tolist()
        amounts = data.projects["funding_eur"].tolist()
        mapped = set(summary["code"].tolist())
        off_map = [i for i, code in enumerate(codes) if code not in mapped]
        n_total, eur_total = sum(counts), _money_sum(amounts)
        off_count = sum(counts[i] for i in off_map)
        unassigned = (
            t(
                "clusters.province.unassigned",
                lang,
                count=int(off_count),
                n=format_number(off_count, lang),
                eur=format_eur(_money_sum([amounts[i] for i in off_map]), lang, compact=True),
            )
            if off_map and off_count
            else ""
        )
        return t(
            "clusters.province.description_funding",
            lang,
            n=format_number(n_total, lang),
            eur=format_eur(eur_total, lang, compact=True),
            top=top["name"],
            top_eur=format_eur(top["funding_eur"], lang, compact=True),
            top_n=format_number(top["projects"], lang),
            per=format_number(top["funding_per_capita"], lang, 2),
            unassigned=unassigned,
        )
    hosting = summary[summary["hq"] > 0].sort_values(["hq", "members"], ascending=False)
    top = hosting.iloc[0]
    listed = [f"{r['name']} {format_number(r['hq'], lang)}" for r in records(hosting)]
    return t(
        "clusters.province.description_members",
        lang,
        k=format_number(len(hosting), lang),
        total=format_number(len(summary), lang),
        list=_and(listed, lang),
        top=top["name"],
        hq=format_number(top["hq"], lang),
        members=format_number(top["members"], lang),
        per=format_number(top["members_per_100k"], lang, 1),
    )


def _province_table(summary: pd.DataFrame, metric: str, lang: str) -> html.Div:
    headers = [
        t("col.province", lang),
        t("clusters.col.population", lang),
        t("clusters.col.hq", lang),
        t("col.members", lang),
        t("clusters.col.members_per_100k", lang),
    ]
    with_projects = metric == "funding_eur"
    if with_projects:
        headers += [
            t("clusters.col.projects", lang),
            t("clusters.col.funding", lang),
            t("clusters.col.funding_per_capita", lang),
        ]
    rows = []
    for r in records(summary):
        row = [
            r["name"],
            format_number(r["population"], lang),
            format_number(r["hq"], lang),
            format_number(r["members"], lang),
            format_number(r["members_per_100k"], lang, 1),
        ]
        if with_projects:
            row += [
                format_number(r["projects"], lang),
                format_eur(r["funding_eur"], lang),
                format_number(r["funding_per_capita"], lang, 2),
            ]
        rows.append(row)
    return data_table(
        PROVINCE_TABLE_ID,
        t("clusters.province.table", lang),
        headers,
        rows,
        numeric=tuple(range(1, len(headers))),
    )


def province_block(data: PageData) -> html.Section:
    """The province choropleth: funding where project data exist, else cluster members."""
    summary = figures.province_summary(data.provinces, data.clusters, data.projects)
    metric = figures.province_metric(summary)
    suffix = "funding" if metric == "funding_eur" else "members"
    outline = data.geojson if data.outline is None else data.outline
    figure = figures.province_map(summary, outline, data.provinces, metric, data.lang)
    block = chart_block(
        PROVINCE_MAP_ID,
        t(f"clusters.province.title_{suffix}", data.lang),
        _province_description(summary, metric, data),
        figure,
        _province_table(summary, metric, data.lang),
        data.lang,
        lazy=True,  # not clickable, and below the map: drawn when reached
    )
    block.children.append(_attribution(data.lang))
    return block


# --- member composition -----------------------------------------------------------------


def _totals(frame: pd.DataFrame) -> dict[str, int]:
    # Summed as Python ints (whole numbers: the same sums), without a pandas call per column.
    return {col: sum(map(int, frame[f"members_{col}"].tolist())) for col in MEMBER_COLUMNS}


def _most_research(research: list[int], total: list[int]) -> int:
    """Where research ÷ total members is largest (the first of equals), as `Series.argmax`.

    A cluster without members has no share and is skipped, as the NaN it was.
    """
    shares = [r / t if t > 0 else math.nan for r, t in zip(research, total, strict=True)]
    known = [i for i, share in enumerate(shares) if share == share]
    if not known:  # no cluster has members: as the Series did (pandas' own answer)
        return int(pd.Series(shares, dtype="float64").argmax())
    return max(known, key=shares.__getitem__)


def members_block(data: PageData) -> html.Section:
    """Firms / research organisations / other bodies per cluster, with the totals."""
    frame, lang = data.clusters, data.lang
    totals = _totals(frame)
    # The columns the block shows, as lists (records of the frame's 25 columns before).
    names = frame["name"].tolist()
    members = {col: frame[f"members_{col}"].tolist() for col in MEMBER_COLUMNS}
    most = _most_research(members["research"], members["total"])
    description = t(
        "clusters.members.description",
        lang,
        total=format_number(totals["total"], lang),
        firms=format_number(totals["firms"], lang),
        research=format_number(totals["research"], lang),
        other=format_number(totals["other"], lang),
        pf=_pct(totals["firms"], totals["total"], lang),
        pr=_pct(totals["research"], totals["total"], lang),
        po=_pct(totals["other"], totals["total"], lang),
        most=names[most],
        r=format_number(members["research"][most], lang),
        t=format_number(members["total"][most], lang),
    )
    rows: list[list[Any]] = [
        [
            name,
            *(format_number(members[col][i], lang) for col in MEMBER_COLUMNS),
            _pct(members["research"][i], members["total"][i], lang),
        ]
        for i, name in enumerate(names)
    ]
    rows.append(
        [
            _strong(t("total", lang)),
            *(_strong(format_number(totals[col], lang)) for col in MEMBER_COLUMNS),
            _pct(totals["research"], totals["total"], lang),
        ]
    )
    table = data_table(  # the totals row in bold makes it components: one block
        MEMBERS_TABLE_ID,
        t("clusters.members.table", lang),
        [
            t("col.cluster", lang),
            t("col.members", lang),
            t("col.firms", lang),
            t("col.research", lang),
            t("col.other", lang),
            t("clusters.col.research_share", lang),
        ],
        rows,
        numeric=(1, 2, 3, 4, 5),
        static=True,
    )
    figure = figures.members_bar(frame, lang)
    return chart_block(
        MEMBERS_ID,
        t("clusters.members.title", lang),
        description,
        figure,
        table,
        lang,
        lazy=True,  # below the map: drawn when reached (its bars stay clickable)
    )


# --- cluster × ecosystem matrix ---------------------------------------------------------


def _role_text(role: str, lang: str) -> str:
    return t(f"clusters.role.{role}", lang) if role else ""


def matrix_block(data: PageData) -> html.Section:
    """Reference ecosystem vs S3 synergies, cluster by ecosystem."""
    lang, codes = data.lang, [code for code, _ in data.ecosystems]
    roles = figures.role_rows(data.clusters, codes)
    details = []
    for code, name in data.ecosystems:
        cells = [row[code] for row in roles.values()]
        ref = sum(role in ("reference", "reference_synergy") for role in cells)
        syn = sum(role in ("synergy", "reference_synergy") for role in cells)
        if ref or syn:
            details.append(
                t(
                    "clusters.matrix.detail",
                    lang,
                    name=name,
                    ref=format_number(ref, lang),
                    syn=format_number(syn, lang),
                )
            )
    names = dict(zip(data.clusters["code"], data.clusters["name"], strict=True))
    rows = [
        [names[cluster], *(_role_text(row[code], lang) for code in codes)]
        for cluster, row in roles.items()
    ]
    table = data_table(
        MATRIX_TABLE_ID,
        t("clusters.matrix.table", lang),
        [t("col.cluster", lang), *(name for _, name in data.ecosystems)],
        rows,
    )
    figure = figures.ecosystem_matrix(data.clusters, data.ecosystems, lang, data.ecosystem)
    return chart_block(
        MATRIX_ID,
        t("clusters.matrix.title", lang),
        t("clusters.matrix.description", lang, details="; ".join(details)),
        figure,
        table,
        lang,
        lazy=True,  # at the bottom of the page: drawn when reached (its marks stay clickable)
    )


# --- cluster card -----------------------------------------------------------------------


def _text(value: object) -> str:
    """A text cell as a string: missing (None, or NaN in pandas' string columns) is ""."""
    return value.strip() if isinstance(value, str) else ""


def _split(text: object, separator: str = " | ") -> list[str]:
    if not isinstance(text, str) or not text.strip():
        return []
    return [part.strip() for part in text.split(separator) if part.strip()]


def _section(title: str, body: Component | str | None, lang: str) -> list[Component]:
    """A card section: heading in the page's language, brochure text in Italian."""
    if not body:
        return [
            html.H4(title, className="h6 fw-bold mt-3 mb-1"),
            html.P(t("clusters.card.none_given", lang), className="text-muted"),
        ]
    content = html.P(body, lang="it") if isinstance(body, str) else html.Div(body, lang="it")
    return [html.H4(title, className="h6 fw-bold mt-3 mb-1"), content]


def _fact(label: str, value: Component | str) -> list[Component]:
    return [html.Dt(label, className="col-sm-5"), html.Dd(value, className="col-sm-7")]


def cluster_card(
    cluster: Mapping[str, Any],
    ecosystem_names: Mapping[str, str],
    lang: str,
    params: Mapping[str, str],
) -> html.Article:
    """Everything the brochure says about one cluster.

    The descriptive texts are quoted from the Italian brochure: they carry `lang="it"`, so
    an English screen reader switches voice instead of mispronouncing them.
    """
    code = str(cluster["code"])
    mark: ClusterMark = {"data-cluster": code}
    members = html.Div(
        [
            html.Div(
                [
                    html.Div(
                        format_number(cluster[f"members_{col}"], lang), className="s3-kpi-value"
                    ),
                    html.Div(
                        t("clusters.card.members" if col == "total" else f"col.{col}", lang),
                        className="small",
                    ),
                ],
                className="col-6 col-xl-3",
            )
            for col in MEMBER_COLUMNS
        ],
        className="row g-2 mb-3 s3-card-members",
    )
    facts = _fact(
        t("clusters.card.headquarters", lang),
        f"{cluster['address']}, {cluster['postcode']} {cluster['city']} "
        f"({cluster['province_name']})",
    )
    if _text(cluster.get("other_offices")):
        facts += _fact(t("clusters.card.other_offices", lang), _text(cluster["other_offices"]))
    if _text(cluster.get("legal_form")):
        facts += _fact(t("clusters.card.legal_form", lang), _text(cluster["legal_form"]))
    facts += _fact(
        t("col.reference_ecosystem", lang),
        _names(cluster["reference_ecosystems"], ecosystem_names),
    )
    facts += _fact(
        t("col.synergies", lang), _names(cluster["synergy_ecosystems"], ecosystem_names) or "—"
    )
    facts += _fact(
        t("col.website", lang),
        html.A(
            cluster["website"],
            href=cluster["website"],
            target="_blank",
            rel="noopener",
            className="text-break",
        ),
    )
    projects = _split(cluster.get("projects"))
    pnrr = _split(cluster.get("pnrr_synergies"))
    return html.Article(
        [
            html.H3(cluster["name"], className="h5", id=f"{CARD_ID}-title"),
            members,
            html.Dl(facts, className="row s3-card-facts"),
            html.P(html.Small(t("clusters.card.source_note", lang), className="text-muted")),
            *_section(
                t("clusters.card.technology_areas", lang),
                _text(cluster.get("technology_areas")),
                lang,
            ),
            *_section(
                t("clusters.card.eu_projects", lang), _text(cluster.get("eu_projects")), lang
            ),
            *_section(
                t("clusters.card.success_stories", lang),
                _text(cluster.get("success_stories")),
                lang,
            ),
            *_section(
                t("clusters.card.projects", lang),
                html.Ul([html.Li(p) for p in projects]) if projects else None,
                lang,
            ),
            *_section(
                t("clusters.card.pnrr", lang),
                html.Ul([html.Li(p) for p in pnrr]) if pnrr else None,
                lang,
            ),
            html.P(
                html.Small(source_text(cluster.get("source"), lang), className="text-muted"),
                lang="it",
            ),
            html.A(
                t("clusters.card.link", lang),
                href=href(PAGE_PATH, {**params, "cluster": code}),
                className="small",
            ),
        ],
        className="s3-cluster-card",
        **aria(labelledby=f"{CARD_ID}-title"),
        **mark,
    )


def card_status(code: str | None, all_clusters: pd.DataFrame, lang: str) -> str:
    """What the live region says when the card changes."""
    found = all_clusters[all_clusters["code"] == code] if code else all_clusters.iloc[0:0]
    if found.empty:
        return t("clusters.card.unknown", lang, code=code) if code else ""
    return t("clusters.card.opened", lang, name=found.iloc[0]["name"])


def card_content(
    code: str | None,
    all_clusters: pd.DataFrame,
    visible_codes: Sequence[str],
    ecosystem_names: Mapping[str, str],
    lang: str,
    params: Mapping[str, str],
) -> list[Component]:
    """The card panel's content for `code`: the card, a prompt, or why there is no card."""
    if not code:
        return [html.P(t("clusters.card.prompt", lang), className="text-muted")]
    found = all_clusters[all_clusters["code"] == code]
    if found.empty:
        return [
            html.P(
                t("clusters.card.unknown", lang, code=code),
                className="alert alert-warning",
                role="alert",
                id=f"{CARD_ID}-error",
            )
        ]
    row = records(found.iloc[:1])[0]
    children: list[Component] = []
    if code not in visible_codes:
        children.append(
            html.P(t("clusters.card.filtered_out", lang, name=row["name"]), className="text-muted")
        )
    children.append(cluster_card(row, ecosystem_names, lang, params))
    return children


def card_panel(data: PageData) -> html.Section:
    """The cluster picker (the keyboard's way in) and the card it opens."""
    lang = data.lang
    options = [
        {"label": name, "value": code}
        for code, name in zip(data.clusters["code"], data.clusters["name"], strict=True)
    ]
    value = data.cluster if data.cluster in set(data.clusters["code"]) else ""
    return html.Section(
        [
            html.H2(t("clusters.card.heading", lang), className="h5", id=PANEL_HEADING_ID),
            html.Label(t("clusters.card.choose", lang), htmlFor=PICKER_ID, className="form-label"),
            dbc.Select(
                id=PICKER_ID,
                options=options,
                value=value,
                placeholder=t("clusters.card.none_option", lang),
                className="mb-3",
            ),
            html.Div(
                card_content(
                    data.cluster,
                    data.all_clusters,
                    data.clusters["code"].tolist(),
                    data.ecosystem_names,
                    lang,
                    data.params,
                ),
                id=CARD_ID,
                # As tall as the map beside it, scrolling inside: a long card would otherwise
                # leave a tall blank under the map. Focusable, so the keyboard can scroll it.
                className="overflow-auto pe-2",
                style={"maxHeight": f"{figures.MAP_HEIGHT + 120}px"},
                tabIndex=0,
                role="region",
                **aria(labelledby=PANEL_HEADING_ID),
            ),
            # A short live message, not the whole card: screen readers read a live region
            # in full, and the card is long. Keyboard focus stays on the list.
            html.P(id=CARD_STATUS_ID, className="visually-hidden", **aria(live="polite")),
            dcc.Store(id=URL_SINK_ID),
        ],
        className="s3-cluster-panel",
        **aria(labelledby=PANEL_HEADING_ID),
    )


# --- the page ---------------------------------------------------------------------------


# The clusters table's cells that are not plain text, written directly: the markup of
# html.Div([html.Div(name), html.Small(source)]), html.A(...) and html.Strong(...) without a
# component each (tested equal to it).


def _name_cell(name: str, source: str) -> Written:
    small = element("small", {"className": "text-muted"}, markup(source))
    return Written(element("div", {}, element("div", {}, markup(name)) + small))


def _website_cell(url: str) -> Written:
    return Written(element("a", {"href": url, "rel": "noopener", "target": "_blank"}, markup(url)))


def _strong(text: str) -> Written:
    return Written(element("strong", {}, markup(text)))


def clusters_table(
    clusters: pd.DataFrame, ecosystem_names: Mapping[str, str], lang: str
) -> html.Div:
    """Every cluster with its members by type and the totals row."""
    rows: list[list[Any]] = [
        [
            _name_cell(c["name"], source_text(c["source"], lang)),
            f"{c['address']}, {c['postcode']} {c['city']}",
            c["province_name"],
            *(format_number(c[f"members_{col}"], lang) for col in MEMBER_COLUMNS),
            _names(c["reference_ecosystems"], ecosystem_names),
            _names(c["synergy_ecosystems"], ecosystem_names),
            _website_cell(c["website"]),
        ]
        for c in records(clusters)
    ]
    totals = _totals(clusters)
    rows.append(
        [
            _strong(t("total", lang)),
            "",
            "",
            *(_strong(format_number(totals[c], lang)) for c in MEMBER_COLUMNS),
            "",
            "",
            "",
        ]
    )
    # Links and two-line names make it a table of components; it is static: one block.
    return data_table(
        TABLE_ID,
        t("clusters.table", lang),
        [
            t("col.cluster", lang),
            t("col.city", lang),
            t("col.province", lang),
            t("col.members", lang),
            t("col.firms", lang),
            t("col.research", lang),
            t("col.other", lang),
            t("col.reference_ecosystem", lang),
            t("col.synergies", lang),
            t("col.website", lang),
        ],
        rows,
        numeric=(3, 4, 5, 6),
        static=True,
    )


def layout(data: PageData) -> html.Div:
    """The whole page for one view."""
    lang, frame = data.lang, data.clusters
    totals = _totals(frame)
    summary = t(
        "clusters.summary",
        lang,
        n=len(frame),
        count=None,
        **{k: format_number(v, lang) for k, v in totals.items()},
    )
    children: list[Component] = [page_header(t("clusters.title", lang))]
    if data.ecosystem:
        name = data.ecosystem_names.get(data.ecosystem, data.ecosystem)
        children.append(
            html.P(
                t("clusters.filter_note", lang, name=name),
                className="text-muted",
                id=FILTER_NOTE_ID,
            )
        )
    children.append(html.P(summary, id=SUMMARY_ID))
    listing = html.Section(
        [
            html.H2(t("clusters.list", lang), className="h5"),
            clusters_table(frame, data.ecosystem_names, lang),
        ],
        className="mb-4",
    )
    if frame.empty:
        children.append(
            html.P(t("clusters.none", lang), className="alert alert-info", role="status")
        )
        return html.Div([*children, listing])
    # Drawn in this order so that the project sums are read last (PageData.projects).
    the_map, card, members, matrix = (
        map_block(data, level=2, choose=True),
        card_panel(data),
        members_block(data),
        matrix_block(data),
    )
    children += [
        dbc.Row([dbc.Col(the_map, lg=8), dbc.Col(card, lg=4)]),
        dbc.Row([dbc.Col(members, lg=6), dbc.Col(province_block(data), lg=6)]),
        matrix,
        listing,
    ]
    return html.Div(children)
