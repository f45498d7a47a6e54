"""ARIA attributes for Dash components, typed.

Dash's html components take `aria-*` attributes only by dictionary expansion
(`html.Nav(links, **{"aria-label": ...})`): the names are not Python identifiers, so the
generated signatures cannot list them, and mypy matches a plain `dict[str, str]` against every
keyword parameter. `**aria(label=...)` returns a TypedDict whose keys mypy knows fall to the
component's `**kwargs`, and a misspelt attribute becomes a type error instead of a silent no-op.
"""

from __future__ import annotations

from typing import Literal, TypedDict

AriaAttributes = TypedDict(
    "AriaAttributes",
    {
        "aria-label": str,
        "aria-labelledby": str,
        "aria-describedby": str,
        "aria-hidden": Literal["true"],
        "aria-current": Literal["page", "true"],
        "aria-live": Literal["polite", "assertive"],
        "aria-pressed": Literal["true", "false"],
    },
    total=False,
)


def aria(
    *,
    label: str | None = None,
    labelledby: str | None = None,
    describedby: str | None = None,
    hidden: bool = False,
    current: Literal["page", "true"] | None = None,
    live: Literal["polite", "assertive"] | None = None,
    pressed: bool | None = None,
) -> AriaAttributes:
    """The given ARIA attributes, to expand into a component: `html.Nav(..., **aria(label=x))`.

    An attribute left at None (or `hidden=False`) is not set at all.
    """
    attributes: AriaAttributes = {}
    if label is not None:
        attributes["aria-label"] = label
    if labelledby is not None:
        attributes["aria-labelledby"] = labelledby
    if describedby is not None:
        attributes["aria-describedby"] = describedby
    if hidden:
        attributes["aria-hidden"] = "true"
    if current is not None:
        attributes["aria-current"] = current
    if live is not None:
        attributes["aria-live"] = live
    if pressed is not None:
        attributes["aria-pressed"] = "true" if pressed else "false"
    return attributes
