"""Static html component trees written out as one html block (dashboard/static_markup.py)."""

from __future__ import annotations

import random

import pytest
from dash import dcc, html

from dashboard.aria import aria
from dashboard.components import data_table
from dashboard.static_markup import element, link, markup, static_block, written
from tests.components import find, text_of


def test_elements_attributes_and_styles_come_out_as_react_would_draw_them():
    tree = html.Div(
        [
            html.H3([html.Span("RI05", className="fw-bold"), " Risorse"], id="card-RI05"),
            html.Img(src="data:image/svg+xml;charset=utf-8,%3Csvg%3E", alt="RI05: 25%", width=200),
            html.A("Come", href="/indicators?indicator=RI05&lang=it", **aria(label="Come: RI05")),
            html.Label("Scegli", htmlFor="picker"),
        ],
        className="card border",
        style={"borderTop": "6px solid #c2410c", "fontWeight": 600, "minHeight": 118},
        tabIndex="0",
        hidden=False,
    )
    assert markup(tree) == (
        '<div class="card border" style="border-top:6px solid #c2410c;font-weight:600;'
        'min-height:118px" tabindex="0">'
        '<h3 id="card-RI05"><span class="fw-bold">RI05</span> Risorse</h3>'
        '<img alt="RI05: 25%" src="data:image/svg+xml;charset=utf-8,%3Csvg%3E" width="200"/>'
        '<a href="/indicators?indicator=RI05&amp;lang=it" aria-label="Come: RI05">Come</a>'
        '<label for="picker">Scegli</label></div>'
    )


def test_text_and_attribute_values_are_escaped():
    tree = html.P('<script>alert("x")</script> & co', title='"><img src=x onerror=alert(1)>')
    assert markup(tree) == (
        '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">'
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; co</p>'
    )


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "vbscript:x", "data:text/html,<p>"]
)
def test_script_urls_lose_their_link_as_dash_guards_them(url):
    assert markup(html.A("site", href=url)) == "<a>site</a>"


@pytest.mark.parametrize("url", ["https://www.afil.it", "/clusters?cluster=afil", "#top", "a/b"])
def test_web_links_stay(url):
    assert markup(html.A("site", href=url)) == f'<a href="{url}">site</a>'


def test_a_component_with_behaviour_is_refused():
    with pytest.raises(TypeError, match="not a static html component"):
        markup(html.Div([dcc.Graph(id="chart")]))


def test_the_block_reads_back_as_the_same_components():
    block = static_block(html.Div(html.Span("73,6 M€", id="value"), id="card"))
    assert block.to_plotly_json()["props"]["className"] == "s3-html"
    assert text_of(find(block.to_plotly_json(), "value")) == "73,6 M€"


def test_a_static_data_table_is_what_static_block_writes_of_it() -> None:
    from dashboard.components import Cell, data_table
    from dashboard.html_table import Marked

    rng = random.Random(3)
    cells: list[Cell] = [
        'a < b & "c"',
        "  two  spaces ",
        0,
        -1.5,
        1e-7,
        None,
        Marked("badge <x>", "badge text-bg-info"),
        html.Strong("total & more"),
        html.A("link", href="https://example.org/?a=1&b=2"),
        html.A("bad", href="javascript:alert(1)"),
        html.Div([html.Div("name"), html.Small("source", className="text-muted")]),
    ]
    for _ in range(40):
        width = rng.randint(1, 5)
        headers = [rng.choice(["Col", "A & B", "<th>"]) for _ in range(width)]
        rows = [[rng.choice(cells) for _ in range(width)] for _ in range(rng.randint(0, 6))]
        rows.append([html.Strong("Totale"), *([""] * (width - 1))])  # one component at least
        numeric = tuple(i for i in range(width) if rng.random() < 0.5)
        for row_headers in (False, True):
            named = ('t-id"', "Caption <& >")
            expected = static_block(
                data_table(*named, headers, rows, numeric, row_headers=row_headers)
            )
            got = data_table(*named, headers, rows, numeric, row_headers=row_headers, static=True)
            assert got.to_plotly_json() == expected.to_plotly_json()
    plain: list[list[Cell]] = [["a", 1], ["b", None]]
    assert markup(data_table("p", "P", ["x", "y"], plain, static=True)) == markup(
        data_table("p", "P", ["x", "y"], plain)
    )


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("RI05", "/indicators?indicator=RI05&lang=en"),
        ('<b>"x" & y</b>', "/indicators?indicator=%22a%22&b=<c>"),
        ("SYN0001", "javascript:alert(1)"),
        ("x", " JavaScript:alert(1)"),
        ("x", "https://example.org/a?b=1&c='2'"),
    ],
)
def test_a_link_written_directly_is_the_components_markup(text, url):
    assert link(text, url).html == markup(html.A(text, href=url))


@pytest.mark.parametrize(
    ("tag", "attributes"),
    [
        ("p", {"className": "text-muted"}),
        ("p", {"className": None}),
        ("h3", {"className": 'h6 "fw-bold" & <mt-2>'}),
        ("ul", {}),
        ("div", {"role": "region", "tabIndex": "0", "aria-labelledby": "x-caption"}),
    ],
)
def test_an_element_written_directly_is_the_components_markup(tag, attributes):
    inner = written(html.Li('<b>"x" & y</b>'))
    component = getattr(html, tag.capitalize())(inner, **attributes)
    assert element(tag, attributes, inner.html) == markup(component)


def test_written_html_is_kept_as_is_and_only_in_a_static_table():
    badge = written(html.Span("<ok>", className="badge"))
    assert markup([badge, " & more"]) == '<span class="badge">&lt;ok&gt;</span> &amp; more'

    with pytest.raises(TypeError, match="static table"):
        data_table("t", "caption", ["a"], [[badge]])
    block = data_table("t", "caption", ["a"], [[badge]], static=True)
    table = block.to_plotly_json()["props"]["data-html"]
    assert '<td><span class="badge">&lt;ok&gt;</span></td>' in table
