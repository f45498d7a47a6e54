"""Reading serialised Dash component trees (the JSON a callback answers), for any test.

A component is a dict with "type" and "props"; its children, and any prop that holds
components, are searched too, and so is an html block's markup (dashboard/html_table.py),
read as the components html.Table & co. would have given. Plain dicts and lists (a whole
callback response) are walked through.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from tests.html_tables import markup_components


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every component under `node`, depth first, in document order."""
    if isinstance(node, dict):
        if "props" in node:
            yield node
        values = node["props"].values() if "props" in node else node.values()
        for value in values:
            yield from walk(value)
        if "props" in node and isinstance(node["props"].get("data-html"), str):
            # An html block (dashboard/html_table.py): its markup read as the components.
            yield from walk(markup_components(node["props"]["data-html"]))
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def find(node: Any, component_id: str) -> dict[str, Any]:
    """The first component with this id; the test fails if there is none."""
    found = next((c for c in walk(node) if c["props"].get("id") == component_id), None)
    assert found is not None, f"no component with id {component_id!r}"
    return found


def has(node: Any, component_id: str) -> bool:
    """True when a component with this id is under `node`."""
    return any(c["props"].get("id") == component_id for c in walk(node))


def texts(node: Any) -> list[str]:
    """Every string (and number) in the children under `node`, in document order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for child in node for s in texts(child)]
    if isinstance(node, dict):
        markup = node.get("props", {}).get("data-html")
        if isinstance(markup, str):
            return texts(markup_components(markup))
        return texts(node.get("props", {}).get("children"))
    return [] if node is None else [str(node)]


def text_of(node: Any) -> str:
    """The visible text under `node`, space separated."""
    return " ".join(texts(node))


SVG = "{http://www.w3.org/2000/svg}"  # ElementTree's prefix of SVG tag names


def svg_of(node: Any, svg_id: str) -> ET.Element:
    """The inline `<svg id=svg_id>` of an html block under `node`, parsed as XML (so the
    markup must be well-formed: it is also what a saved .svg file holds)."""
    for component in walk(node):
        markup = component["props"].get("data-html")
        start = markup.find("<svg ") if isinstance(markup, str) else -1
        while start >= 0:
            end = markup.index("</svg>", start) + len("</svg>")
            svg = ET.fromstring(markup[start:end])
            if svg.get("id") == svg_id:
                return svg
            start = markup.find("<svg ", end)
    raise AssertionError(f"no svg with id {svg_id!r}")


def attr(element: ET.Element, name: str) -> str:
    """An attribute `element` must have."""
    value = element.get(name)
    assert value is not None, f"no {name} on {element.tag}"
    return value


def svg_text(element: ET.Element, tag: str) -> str:
    """The text of `element`'s first SVG child `tag` (`title`, `text`), which must exist."""
    found = element.find(f"{SVG}{tag}")
    assert found is not None and found.text is not None, f"no {tag} text in {element.tag}"
    return found.text


def table_rows(node: Any, table_id: str) -> list[list[str]]:
    """The body rows of the html table with this id (caption, thead, tbody), as cell texts."""
    body = find(node, table_id)["props"]["children"][2]
    return [
        [" ".join(texts(cell)) for cell in _listed(row["props"]["children"])]
        for row in _listed(body["props"]["children"])
    ]


def _listed(children: Any) -> list[Any]:
    # Dash serialises a lone child bare, and so does an html block read back.
    return children if isinstance(children, list) else [children]


def graphs(node: Any) -> list[dict[str, Any]]:
    """The props of every chart under `node`: each dcc.Graph and each chart drawn when the
    reader reaches it (dashboard/lazy_graph.py keeps its graph's props in a store)."""
    from dashboard.lazy_graph import DATA_TYPE

    found = []
    for component in walk(node):
        props = component["props"]
        if component["type"] == "Graph":
            found.append(props)
        elif isinstance(props.get("id"), dict) and props["id"].get("type") == DATA_TYPE:
            found.append(props["data"])
    return found


def graph(node: Any, chart_id: str) -> dict[str, Any]:
    """The props of the chart `chart_id` (drawn now or when reached); fails if none."""
    found = next((g for g in graphs(node) if g["id"] == chart_id), None)
    assert found is not None, f"no chart with id {chart_id!r}"
    return found


def _children(node: dict[str, Any]) -> list[Any]:
    children = node["props"].get("children")
    return children if isinstance(children, list) else [children]


def grid_rows(node: Any, grid_id: str) -> dict[str, dict[str, Any]]:
    """An interactive table's rows (dashboard/grid.py) by their `data-key`, as records.

    Each record holds, per column field, the cell's text; a number or date column also its
    raw value (`data-value`, a number when it parses as one) under the field and its text
    under `<field>_fmt`, as the records the grid was built from; a link column its target.
    """
    table = find(node, grid_id)
    head, body = (c for c in _children(table) if isinstance(c, dict) and c["type"] != "Caption")
    headers = [th["props"] for th in _children(_children(head)[0])]
    rows: dict[str, dict[str, Any]] = {}
    for tr in _children(body):
        record: dict[str, Any] = {}
        for th, cell in zip(headers, _children(tr), strict=True):
            field, text = th["data-field"], text_of(cell).strip()
            if "data-value" in cell["props"]:
                raw = cell["props"]["data-value"]
                record[f"{field}_fmt"] = text
                try:
                    record[field] = float(raw) if raw != "" else None
                except ValueError:
                    record[field] = raw
            elif th.get("data-kind") is None:  # a link column
                links = [c for c in walk(cell) if c["type"] == "A"]
                record[field] = links[0]["props"]["href"] if links else ""
            else:
                record[field] = text
        record["class"] = tr["props"].get("className") or ""
        rows[tr["props"]["data-key"]] = record
    return rows


def grid_csv(node: Any, grid_id: str) -> list[dict[str, Any]]:
    """The rows an interactive table's CSV button writes, by column header (unsorted)."""
    import json

    data = json.loads(find(node, grid_id)["props"]["data-csv"])
    return [dict(zip(data["header"], row, strict=True)) for row in data["rows"]]
