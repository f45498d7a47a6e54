"""Reading the tables a rendered layout carries as HTML (dashboard/html_table.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _Rows(HTMLParser):
    """The body rows of the table with id `wanted`, as cell texts."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted = wanted
        self.inside = False
        self.in_body = False
        self.found = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("id") == self.wanted:
            self.inside = self.found = True
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if self.in_body and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None
        elif tag == "table":
            self.inside = self.in_body = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _markdown_texts(node: object) -> list[str]:
    if isinstance(node, dict):
        if node.get("type") == "Markdown":
            return [str(node.get("props", {}).get("children", ""))]
        if "data-html" in node.get("props", {}):  # html_table.html_block
            return [str(node["props"]["data-html"])]
        return [t for v in node.values() for t in _markdown_texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _markdown_texts(v)]
    return []


def html_table_rows(layout: object, table_id: str) -> list[list[str]]:
    """The body rows (cell texts) of the HTML table `table_id` in a layout's JSON."""
    for text in _markdown_texts(layout):
        parser = _Rows(table_id)
        parser.feed(text)
        if parser.found:
            return parser.rows
    raise AssertionError(f"no table {table_id!r} in the layout")


class _Tree(HTMLParser):
    """Markup as serialised Dash components: {"type": "Td", "props": {"children": [...]}}."""

    def __init__(self) -> None:
        super().__init__()
        self.root: dict[str, Any] = {"type": "Div", "props": {"children": []}}
        self.open: list[dict[str, Any]] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        props: dict[str, Any] = {"children": []}
        for name, value in attrs:
            props["className" if name == "class" else name] = value
        node = {"type": tag.capitalize(), "props": props}
        self.open[-1]["props"]["children"].append(node)
        self.open.append(node)

    def handle_endtag(self, tag: str) -> None:
        if len(self.open) > 1:
            props = self.open.pop()["props"]
            # As Dash serialises html.Td("x"): one child bare, no child an empty text.
            children = props["children"]
            props["children"] = children[0] if len(children) == 1 else children or ""

    def handle_data(self, data: str) -> None:
        self.open[-1]["props"]["children"].append(data)


def markup_components(markup: str) -> list[dict[str, Any]]:
    """An html block's markup as the components `html.Table` & co. would have serialised to."""
    tree = _Tree()
    tree.feed(markup)
    tree.close()
    return tree.root["props"]["children"]
