"""Reading the tables a rendered layout carries as HTML (dashboard/html_table.py)."""

from __future__ import annotations

from html.parser import HTMLParser


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
