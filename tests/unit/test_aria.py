"""`aria()`: typed ARIA attributes that Dash renders exactly as the `**{"aria-…": …}` form."""

from __future__ import annotations

from dash import html

from dashboard.aria import aria


def test_each_attribute_renders_as_its_aria_name():
    nav = html.Nav(
        "x",
        **aria(
            label="Lingua",
            labelledby="h",
            describedby="d",
            hidden=True,
            current="page",
            live="polite",
            pressed=False,
        ),
    )
    props = nav.to_plotly_json()["props"]
    assert {k: v for k, v in props.items() if k.startswith("aria-")} == {
        "aria-label": "Lingua",
        "aria-labelledby": "h",
        "aria-describedby": "d",
        "aria-hidden": "true",
        "aria-current": "page",
        "aria-live": "polite",
        "aria-pressed": "false",
    }


def test_an_attribute_left_out_is_not_set_at_all():
    assert aria() == {}
    assert aria(current=None, hidden=False) == {}
    span = html.Span("x", **aria(current=None))
    assert not any(k.startswith("aria-") for k in span.to_plotly_json()["props"])
    assert html.Span("x", **aria(label="")).to_plotly_json()["props"]["aria-label"] == ""
