"""The JSON of Dash's answers (callbacks and layouts), written by orjson in one pass.

Dash serializes every callback answer and layout with plotly's `to_json_plotly`: orjson
first, and when orjson meets a Dash component (any page's answer) plotly's
`clean_to_json_compatible` walks every value in Python, the figures' data and the clusters'
GeoJSON coordinates included, before orjson runs again. Here orjson runs once and calls
`_plain` only for what it cannot write itself: a component gives its props, anything else
goes through plotly's own cleaning and is written with plotly's own options, so the text is
the text plotly would send (tests/unit/test_answer_json.py compares the two; the README's
"Page speed on the server" says what it saves).
"""

from __future__ import annotations

from typing import Any

import dash._callback
import dash.dash
import orjson
from _plotly_utils.optional_imports import get_module
from dash.development.base_component import Component
from plotly.io._json import clean_to_json_compatible

# What plotly's orjson engine passes: keys that are not text, numpy arrays as they are.
PLOTLY_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
# The one pass leaves numpy values and dates to `_plain`, which writes them exactly as
# plotly's cleaned values are written (orjson alone spells datetime64 and float32 otherwise).
ONE_PASS_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
# plotly's `_safe`: the text may be inlined in a <script> (the layout, Dash's config).
UNSAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("/", "\\u002f"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _modules() -> dict[str, Any]:
    # Taken per call as plotly does: a module imported later (PIL) is then handled too.
    return {
        "sage_all": get_module("sage.all", should_load=False),
        "np": get_module("numpy", should_load=False),
        "pd": get_module("pandas", should_load=False),
        "image": get_module("PIL.Image", should_load=False),
    }


# Per component class: whether its props can be read from the instance's dict.
_PLAIN_PROPS: dict[type, bool] = {}


def _plain_props(component: Component) -> bool:
    """Whether `component_json` may read this component's props from its dict.

    Only with Dash's own `to_plotly_json` (a class may write its own) and when no prop name
    is an attribute of the class itself (`hasattr` would find it there, not in the dict).
    A generated class gives every instance the same prop names: decided once a class.
    """
    kind = type(component)
    plain = _PLAIN_PROPS.get(kind)
    if plain is None:
        names = getattr(component, "_prop_names", None)
        plain = (
            kind.to_plotly_json is Component.to_plotly_json
            and isinstance(names, list)
            and not any(hasattr(kind, name) for name in names)
        )
        _PLAIN_PROPS[kind] = plain
    return plain


def component_json(component: Component) -> dict[str, Any]:
    """`component.to_plotly_json()`: the same dict, in the same order, in fewer steps.

    Dash asks `hasattr` of every prop name and tests each attribute of the instance against
    each wildcard prefix in a generator: ~100 components an answer, about 1 ms a cold
    page. Here the props are read from the instance's dict, the prefixes tested at once.
    """
    if not _plain_props(component):
        return component.to_plotly_json()
    own = component.__dict__
    props = {name: own[name] for name in component._prop_names if name in own}
    prefixes = tuple(component._valid_wildcard_attributes)
    if prefixes:
        props.update({key: own[key] for key in own if key.startswith(prefixes)})
    return {"props": props, "type": component._type, "namespace": component._namespace}


def _plain(value: Any) -> Any:
    """What orjson writes in place of `value`, which it cannot write itself."""
    if isinstance(value, Component):
        return component_json(value)  # orjson comes back here for the components inside
    cleaned = clean_to_json_compatible(
        value, numpy_allowed=True, datetime_allowed=True, modules=_modules()
    )
    if isinstance(cleaned, dict | list):
        return cleaned  # an object array's or a Series' values: orjson walks them
    # A scalar, array or date that plotly would hand orjson as is: written with its options.
    # Anything orjson cannot write raises TypeError, which Dash reports as a bad output.
    return orjson.Fragment(orjson.dumps(cleaned, option=PLOTLY_OPTIONS))


def _safe(text: str) -> str:
    for unsafe, escaped in UNSAFE:
        if unsafe in text:
            text = text.replace(unsafe, escaped)
    return text


def to_json(value: Any) -> str:
    """`value` as `plotly.io.json.to_json_plotly(value)` writes it, in one orjson pass."""
    try:
        # plotly's first try: what orjson writes alone (figures without components) stays so.
        return _safe(orjson.dumps(value, option=PLOTLY_OPTIONS).decode())
    except TypeError:
        pass
    return _safe(orjson.dumps(value, default=_plain, option=ONE_PASS_OPTIONS).decode())


def install() -> None:
    """Make Dash serialize its callback answers and layouts with `to_json` (once a process).

    Dash has no setting or hook for its JSON: both modules import `dash._utils.to_json`
    by name, so the name is replaced in each (tests/unit/test_answer_json.py checks that).
    """
    dash._callback.to_json = to_json
    dash.dash.to_json = to_json
