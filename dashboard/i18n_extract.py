"""Babel extraction of the catalogue's messages from the code (`make messages`, babel.cfg).

A message id is a key passed to `t()`. A literal key (`t("nav.overview", lang)`) is
extracted as it is, as a plural (ngettext) when the call passes `count=`. A key built at
run time (`t(f"dm.kind.{kind}", lang)`, `"pub.view." + name`, a key kept in a mapping) is
matched against the Italian base catalogue, which is where a new message of that kind is
first written. Each message carries its Italian text as a comment, for the translator.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import IO, Any

from babel.messages.catalog import Message

from dashboard.i18n import DEFAULT_LANG, read_catalogue

Extracted = tuple[int, str, str | tuple[str, str], list[str]]


def _pattern(node: ast.expr) -> tuple[str, re.Pattern[str]] | None:
    """`f"dm.kind.{kind}"` or `"dm.kind." + kind` as the keys it can build: head, pattern."""
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        head = str(first.value) if isinstance(first, ast.Constant) else ""
        parts = [
            re.escape(str(v.value)) if isinstance(v, ast.Constant) else r"[\w-]+"
            for v in node.values
        ]
        return head, re.compile("".join(parts))
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        return node.left.value, re.compile(re.escape(node.left.value) + r"[\w-]+")
    return None


def _starting(keys: list[str], head: str) -> list[str]:
    """The sorted `keys` that start with `head` (none for an empty head: not a key)."""
    if not head:
        return []
    start = bisect.bisect_left(keys, head)
    end = start
    while end < len(keys) and keys[end].startswith(head):
        end += 1
    return keys[start:end]


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, bool]]:
    """Every `t(...)` call, with whether it passes a `count=`.

    An explicit `count=None`, written where the placeholders come as `**values`, is no count.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
            yield node, any(k.arg == "count" and not _is_none(k.value) for k in node.keywords)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


@cache
def _base() -> dict[str, Message]:
    """The Italian catalogue's messages by key (read once per extraction run)."""
    base = read_catalogue(DEFAULT_LANG)
    return {(m.id[0] if isinstance(m.id, tuple | list) else m.id): m for m in base if m.id}


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Babel's extraction method: (line, function, message id(s), comments) per message."""
    italian = _base()
    keys = sorted(italian)
    tree = ast.parse(fileobj.read())
    found: dict[str, tuple[int, bool]] = {}

    def add(key: str, line: int, plural: bool) -> None:
        seen = found.get(key)
        found[key] = (seen[0] if seen else line, plural or (seen is not None and seen[1]))

    plural_patterns: list[re.Pattern[str]] = []
    for call, plural in _calls(tree):
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            add(first.value, call.lineno, plural)
        elif first is not None and plural and (built := _pattern(first)):
            plural_patterns.append(built[1])
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Constant) and node.value in italian:
            add(node.value, line, False)
        elif isinstance(node, ast.expr) and (built := _pattern(node)):
            for key in _starting(keys, built[0]):
                if built[1].fullmatch(key):
                    add(key, line, any(p.fullmatch(key) for p in plural_patterns))
    for key, (line, plural) in sorted(found.items(), key=lambda item: item[1][0]):
        message = italian.get(key)
        plural = plural or (message is not None and isinstance(message.id, tuple | list))
        comments = [f"it: {_text(message.string)}"] if message is not None else []
        yield line, "ngettext" if plural else "gettext", (key, key) if plural else key, comments


def _text(string: object) -> str:
    """The Italian text of a message (its plural forms joined by ` | `)."""
    if isinstance(string, tuple | list):
        return " | ".join(str(s) for s in string)
    return str(string)
