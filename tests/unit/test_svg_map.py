"""The SVG map drawing (dashboard/figures/svg_map.py): pure functions, no data, no browser."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.figures import svg_map
from tests.components import SVG, svg_text


def steps(path: str) -> list[tuple[float, float]]:
    """The absolute points of one ring's path data (`M x y l dx dy ... z`)."""
    start, rest = re.fullmatch(r"M([^l]+)l(.*)z", path).groups()  # type: ignore[union-attr]
    number = r"-?(?:\d+\.?\d*|\.\d+)"
    x, y = (float(v) for v in re.findall(number, start))
    points = [(x, y)]
    values = [float(v) for v in re.findall(number, rest)]
    for dx, dy in zip(values[::2], values[1::2], strict=True):
        x, y = x + dx, y + dy
        points.append((round(x, 6), round(y, 6)))
    return points


@pytest.mark.parametrize(
    ("tenths", "text"), [(0, "0"), (12, "1.2"), (-3, "-.3"), (40, "4"), (-105, "-10.5")]
)
def test_tenths_are_short_numbers(tenths, text):
    assert svg_map._tenths(tenths) == text
    assert float(text) == pytest.approx(tenths / 10)


def test_ring_path_rounds_once_and_never_drifts():
    # A long ring of small steps: rounding each step would add up, rounding each point not.
    ring = [(100.04 + 0.33 * i, 50.06 - 0.27 * i) for i in range(500)] + [(100.04, 50.06)]
    points = steps(svg_map.ring_path(ring, (10.0, 20.0)))
    assert len(points) == len(ring)
    for (x, y), (px, py) in zip(ring, points, strict=True):
        assert px == pytest.approx(round((x - 10) * 10) / 10)
        assert py == pytest.approx(round((y - 20) * 10) / 10)


def test_simplify_keeps_the_ends_and_the_corners():
    line = [(float(x), 0.0) for x in range(10)] + [(9.0, float(y)) for y in range(1, 10)]
    assert svg_map.simplify(line, 0.5) == [(0.0, 0.0), (9.0, 0.0), (9.0, 9.0)]
    wiggle = [(0.0, 0.0), (1.0, 0.4), (2.0, 0.0)]
    assert svg_map.simplify(wiggle, 0.5) == [(0.0, 0.0), (2.0, 0.0)]
    assert svg_map.simplify(wiggle, 0.3) == wiggle


def test_outlines_refuse_what_is_not_a_polygon():
    point = {"features": [{"id": "x", "geometry": {"type": "Point", "coordinates": [9, 45]}}]}
    with pytest.raises(ValueError, match="not a polygon: Point"):
        svg_map.outlines(point, lambda lon, lat: (lon, lat))


def test_map_svg_escapes_every_text_and_hides_the_decoration():
    marker = svg_map.Marker(
        10, 10, 8, '#000" onload="x', name='A "B" <C>', title=["<b>&", "ok"], value="v&1"
    )
    label = svg_map.Label("</text><script>x</script>", (0, 0, 20, 14))
    legend = svg_map.Legend("<legend>", [("<e>", "#123456")], width=80)
    markup = svg_map.map_svg(
        'id"x',
        (0, 0, 200, 100),
        {"p": [[(1.0, 1.0), (5.0, 1.0), (5.0, 5.0), (1.0, 1.0)]]},
        [marker],
        [label],
        legend,
        svg_map.MapStyle(land="#eee", border="#777"),
    )
    svg = ET.fromstring(markup)  # well-formed, whatever the texts hold
    assert svg.get("id") == 'id"x'
    assert not [e for e in svg.iter() if e.tag.endswith("script")]
    (drawn,) = [e for e in svg.iter() if e.get("class") == "s3-map-marker"]
    assert drawn.get("aria-label") == 'A "B" <C>' and drawn.get("data-value") == "v&1"
    assert svg_text(drawn, "title") == "<b>&\nok"
    (circle,) = drawn.iter(f"{SVG}circle")
    assert circle.get("fill") == '#000" onload="x' and circle.get("onload") is None
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "</text><script>x</script>" in texts and "<legend>" in texts and "<e>" in texts
    # Outlines and labels are decoration for a screen reader: the page's text says it all.
    hidden = [g for g in svg.iter(f"{SVG}g") if g.get("aria-hidden") == "true"]
    assert {child.tag for g in hidden for child in g} == {f"{SVG}path", f"{SVG}text"}
