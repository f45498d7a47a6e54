"""A static tree of html components as one component (an html block), for Dash's renderer.

Dash's renderer pays for every component on the page (dashboard/html_table.py): a card or
a table of links and badges built of components costs a dozen or more each. When nothing
in the tree takes part in a callback, the same tree can travel as its HTML: `static_block`
writes it out (every text and attribute value escaped) into one `html_block`, which
assets/html-blocks.js puts in place. The browser gets the same elements, ids, classes,
styles, ARIA attributes and links.

Only dash.html components and plain values are accepted: a dcc or dbc component, or
anything with behaviour, raises TypeError rather than lose its behaviour silently. Link
targets keep Dash's guard: a `javascript:` (or any other non-web) URL is dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dash import html as dash_html
from dash.development.base_component import Component

from dashboard.html_table import html_block

NAMESPACE = "dash_html_components"
VOID = frozenset({"img", "br", "hr", "wbr"})
# Dash (React) prop names that are not the HTML attribute's name.
ATTRIBUTES = {
    "className": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
}
# Dash's bookkeeping props: no HTML attribute.
SKIPPED = frozenset(
    {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state"}
)
URL_ATTRIBUTES = frozenset({"href", "src"})
SAFE_URL = re.compile(r"^(https?:|mailto:|data:image/svg\+xml|[/?#]|[^:/?#]+(?:[/?#]|$))", re.I)
# CSS properties React writes without "px" when given a number.
UNITLESS = frozenset({"fontWeight", "opacity", "zIndex", "flex", "flexGrow", "flexShrink"})
UNITLESS |= {"lineHeight", "order"}


def _css(style: Mapping[str, Any]) -> str:
    parts = []
    for name, value in style.items():
        if value is None:
            continue
        prop = re.sub(r"([A-Z])", r"-\1", name).lower()
        number = isinstance(value, int | float) and not isinstance(value, bool)
        text = f"{value}px" if number and name not in UNITLESS else str(value)
        parts.append(f"{prop}:{text}")
    return ";".join(parts)


def _attribute(name: str, value: object) -> str:
    if value is None or value is False:
        return ""
    attr = ATTRIBUTES.get(name, name)
    if value is True:
        return f" {attr}"
    text = _css(value) if name == "style" and isinstance(value, Mapping) else str(value)
    if attr in URL_ATTRIBUTES and not SAFE_URL.match(text.strip()):
        return ""  # as Dash does for html.A: no script URLs
    return f' {attr}="{html.escape(text, quote=True)}"'


@dataclass(frozen=True)
class Written:
    """HTML that `markup` wrote already, kept as is.

    A piece repeated on every row of a long table (a status badge) is written once.
    """

    html: str


def written(node: object) -> Written:
    """`node`'s HTML, written now (see `Written`)."""
    return Written(markup(node))


def element(tag: str, attributes: Mapping[str, object], inner: str = "") -> str:
    """`<tag …>inner</tag>` as `markup` writes a component with these props, in this order.

    `inner` is HTML already (from `markup`, `element` or `text`); the attributes are
    escaped and link targets checked as `markup` does. For a piece written many times a
    page, without building its components only to write them out again.
    """
    attrs = "".join(_attribute(k, v) for k, v in attributes.items())
    return f"<{tag}{attrs}/>" if tag in VOID else f"<{tag}{attrs}>{inner}</{tag}>"


def text_html(value: str) -> str:
    """A text child as `markup` writes it (escaped)."""
    return html.escape(value, quote=False)


def link(text: str, href: str) -> Written:
    """`markup(html.A(text, href=href))` without building the component (a link per row)."""
    return Written(element("a", {"href": href}, markup(text)))


def markup(node: object) -> str:
    """The HTML of a static tree of dash.html components, strings, numbers and `Written`."""
    if node is None:
        return ""
    if isinstance(node, Written):
        return node.html
    if isinstance(node, str | int | float) and not isinstance(node, bool):
        return html.escape(str(node), quote=False)
    if isinstance(node, list | tuple):
        return "".join(markup(child) for child in node)
    if not isinstance(node, Component) or node._namespace != NAMESPACE:
        raise TypeError(f"not a static html component: {type(node).__name__}")
    tag = node._type.lower()
    props = node.to_plotly_json()["props"]
    attrs = "".join(_attribute(k, v) for k, v in props.items() if k not in SKIPPED)
    if tag in VOID:
        return f"<{tag}{attrs}/>"
    return f"<{tag}{attrs}>{markup(props.get('children'))}</{tag}>"


def static_block(node: Component | list[Component]) -> dash_html.Div:
    """`node` (static: no callback reads or writes it) as one component carrying its HTML."""
    return html_block(markup(node))
