"""The public transparency page: views, header and footer, built from published data only.

Light on purpose, because citizens read it on phones and the Region embeds it in its site:
plain HTML tables (no grid library), gauges and the cluster map as SVG drawn on the server
(no plotly.js), funding bars in CSS. Only
`dash.html` and `dash.dcc` components are used, so the public index leaves out the other
component bundles (`slim_scripts`, applied by callbacks/public.py).

This module holds the shell (header, footer, title, which view shows what) and the index
helpers; the sections are in dashboard/public_sections.py, the text views and the embed box
in dashboard/public_texts.py, the shared parts in dashboard/public_parts.py.

Views (all under /public, each with `?lang=it|en` and `?embed=1` for iframes):

    /public/                       everything below, in one page
    /public/indicators             the indicators: status, gauges, table
    /public/indicator/<CODE>       one indicator's card
    /public/trends                 the trends to reverse
    /public/funding                funding by ecosystem
    /public/clusters               the cluster map and list
    /public/method                 the method in plain words
    /public/context                Lombardy against its peer regions (Eurostat)
    /public/accessibility          the accessibility statement

Layout only: data in, components out; no SQL, no callbacks (callbacks/public.py).
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Callable
from typing import Any

from dash import html
from dash.development.base_component import Component

from dashboard.aria import aria
from dashboard.components import lang_switch, page_header
from dashboard.i18n import LANGS, t
from dashboard.public_context import context_view
from dashboard.public_parts import (
    ACCESSIBILITY,
    ALLOWED_NAMESPACES,
    CLUSTERS,
    CONTEXT,
    FUNDING,
    HOME,
    INDICATOR,
    INDICATORS,
    METHOD,
    NOT_FOUND,
    TRENDS,
    PublicData,
    PublicView,
    not_found,
    updated_line,
    walk,
    with_query,
)
from dashboard.public_sections import (
    clusters_section,
    funding_section,
    indicator_view,
    indicators_section,
    open_data_section,
    trends_section,
)
from dashboard.public_texts import (
    accessibility_view,
    embed_box,
    method_summary,
    method_view,
)

# --------------------------------------------------------------------------- shell


def header(view: PublicView) -> list[Component]:
    """Brand, the views and the language switch; nothing in compact (embed) mode."""
    if view.embed:
        return []
    lang = view.lang
    nav = [
        (HOME, "pub.nav.home"),
        (METHOD, "pub.nav.method"),
        (CONTEXT, "pub.nav.context"),
        (ACCESSIBILITY, "pub.nav.accessibility"),
    ]
    links = [
        html.Li(
            html.A(
                t(key, lang),
                href=view.href(name),
                className="s3p-nav-link",
                **aria(current="page" if view.name == name else None),
            )
        )
        for name, key in nav
    ]
    links.append(
        html.Li(html.A(t("pub.nav.data", lang), href="/api/v1/", className="s3p-nav-link"))
    )
    return [
        html.Div(
            [
                html.Div(
                    [
                        html.P(t("pub.brand", lang), className="s3p-brand mb-0"),
                        html.P(t("app.subtitle", lang), className="s3p-tagline mb-0"),
                    ]
                ),
                lang_switch(view.path, view.query(), lang),
            ],
            className="s3p-header-top",
        ),
        html.Nav(
            html.Ul(links, className="s3p-nav list-unstyled mb-0"),
            **aria(label=t("pub.nav.label", lang)),
        ),
    ]


def footer(view: PublicView) -> html.Div:
    """Licence, sources and the statement; in embed mode a link to the full page."""
    lang = view.lang
    children: list[Component] = []
    if view.embed:
        children.append(
            html.P(
                html.A(
                    t("pub.embed.full", lang),
                    href=with_query(view.path, view.query(embed=False)),
                    target="_blank",
                    rel="noopener",
                )
            )
        )
    children += [
        html.P(t("pub.footer.source", lang)),
        html.P(
            [
                t("footer.licence", lang),
                " · ",
                html.A(t("pub.nav.accessibility", lang), href=view.href(ACCESSIBILITY)),
            ]
        ),
    ]
    compact = " s3p-footer-embed" if view.embed else ""
    return html.Div(children, className=f"s3-footer s3p-footer small s3p-muted{compact}")


def problems_alert(view: PublicView) -> html.Div | None:
    """A visible warning listing the address parameters that were ignored."""
    if not view.problems:
        return None
    return html.Div(
        [html.P(t("error.param", view.lang, detail=p), className="mb-0") for p in view.problems],
        className="alert alert-warning",
        role="alert",
        id="public-param-errors",
    )


def page_title(view: PublicView, data: PublicData | None) -> str:
    """The document title of a view (WCAG 2.4.2)."""
    lang = view.lang
    brand = t("pub.brand", lang)
    if view.name == INDICATOR and data is not None and view.code:
        return f"{view.code} — {brand}"
    if view.name in (HOME, NOT_FOUND):
        return brand if view.name == HOME else f"{t('notfound.title', lang)} — {brand}"
    return f"{t(f'pub.view.{view.name}', lang)} — {brand}"


def home_view(data: PublicData, view: PublicView) -> list[Component]:
    """Everything in one page: status, indicators, trends, funding, clusters, method, data."""
    lang = view.lang
    return [
        page_header(t("pub.title", lang), t("pub.intro", lang)),
        updated_line(data, lang),
        indicators_section(data, view, standalone=False),
        trends_section(data, view, standalone=False),
        funding_section(data, view, standalone=False),
        clusters_section(data, view, standalone=False),
        method_summary(view),
        open_data_section(view),
    ]


def section_view(data: PublicData, view: PublicView) -> list[Component]:
    """One section on its own page (for embedding), under its own h1."""
    lang = view.lang
    builders: dict[str, Callable[[PublicData, PublicView, bool], Component]] = {
        INDICATORS: indicators_section,
        TRENDS: trends_section,
        FUNDING: funding_section,
        CLUSTERS: clusters_section,
    }
    built = builders[view.name](data, view, True)
    # A section's own h2 gives way to the page's h1 (the trends panel keeps its heading).
    body = built.children[1:] if isinstance(built, html.Section) else built.children
    return [
        page_header(t(f"pub.view.{view.name}", lang)),
        updated_line(data, lang),
        # Dash sets props as attributes that its generated classes do not declare.
        promote_headings(html.Div(body, id=built.id)),  # type: ignore[attr-defined]
    ]


def promote_headings(tree: Component) -> Component:
    """`tree` with its h3s made h2s, looking the same.

    A section shown under the page's h1 has lost its own h2, and headings must not skip a
    level (h1 → h3).
    """

    def promoted(child: Any) -> Any:
        if not isinstance(child, html.H3):
            return child
        props = {name: getattr(child, name, None) for name in child._prop_names}
        return html.H2(**{name: value for name, value in props.items() if value is not None})

    for component in walk(tree):
        children = getattr(component, "children", None)
        if isinstance(children, list | tuple):
            component.children = [promoted(child) for child in children]
        elif children is not None:
            component.children = promoted(children)
    return tree


def layout(data: PublicData | None, view: PublicView) -> html.Div:
    """The content of a view (inside <main>), with its embed box and the address problems."""
    lang = view.lang
    children: list[Component] = []
    alert = problems_alert(view)
    if alert is not None:
        children.append(alert)
    if data is None or view.name == NOT_FOUND:
        body = not_found(view) if view.name == NOT_FOUND else [html.P(t("error.unexpected", lang))]
    elif view.name == HOME:
        body = home_view(data, view)
    elif view.name == INDICATOR:
        body = indicator_view(data, view)
    elif view.name == METHOD:
        body = method_view(data, view)
    elif view.name == ACCESSIBILITY:
        body = accessibility_view(view)
    elif view.name == CONTEXT:
        body = context_view(data.context(view.peers) if data.context else None, view)
    else:
        body = section_view(data, view)
    children += body
    # The snippet is for the full page; a page already embedded offers a link to it instead.
    if (
        data is not None
        and view.name not in (NOT_FOUND, ACCESSIBILITY)
        and view.origin
        and not view.embed
    ):
        children.append(embed_box(view, page_title(view, data)))
    return html.Div(children, className="s3p-page s3p-embed" if view.embed else "s3p-page")


# --------------------------------------------------------------------------- index page

_SCRIPT = re.compile(r'<script src="(?P<src>[^"]*)"></script>\n?')
# Script paths the public index keeps: React and its polyfills, the renderer, html, dcc,
# and the app's own assets. Anything else (dash-bootstrap-components, dash_table, any library
# another page adds later) is left out.
KEPT_SCRIPTS = (
    "/_dash-component-suites/dash/deps/",
    "/_dash-component-suites/dash/dash-renderer/",
    "/_dash-component-suites/dash/dcc/",
    "/_dash-component-suites/dash/html/",
    "/assets/",
)


def keep_script(src: str) -> bool:
    """True for the script bundles the public page needs."""
    return any(part in src for part in KEPT_SCRIPTS)


def slim_scripts(scripts: str) -> str:
    """The index's script tags without the component bundles the public page never uses.

    Dash serves every component library imported in the process to every app; the public
    page uses html and dcc only, so dash-bootstrap-components and dash_table (about 75 KB
    compressed) stay out of its first load. Inline scripts (clientside callbacks) stay.
    """
    return _SCRIPT.sub(lambda m: m.group(0) if keep_script(m.group("src")) else "", scripts)


def index_lang(page: str, lang: str) -> str:
    """The index page with `<html lang>` set to the view's language (before any script)."""
    if lang not in LANGS:
        return page
    return page.replace('<html lang="it">', f'<html lang="{lang}">', 1)


def noscript(lang: str) -> str:
    """What a browser without JavaScript shows: where the same data can be read."""
    return (
        f"<noscript><p>{html_text.escape(t('pub.noscript', lang))} "
        '<a href="/api/v1/">/api/v1/</a></p></noscript>'
    )


def uses_allowed_components(component: Any) -> bool:
    """True when the layout uses only the component libraries the public index loads."""
    return all(c._namespace in ALLOWED_NAMESPACES for c in walk(component))
