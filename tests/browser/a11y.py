"""Accessibility checks shared by the browser tests of both apps (WCAG 2.1 AA).

axe-core (MPL-2.0, tests/browser/vendor/) is injected into the page under test: nothing is
fetched at test time. Sizes change through the DevTools protocol (an exact viewport, no new
browser), so one page load is audited at every width.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.waits import waiting

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = (1280, 900)
PHONE = (390, 844)
REFLOW_WIDTH = 320  # WCAG 1.4.10: content reflows at 320 CSS px without scrolling sideways

# Drawn: an h1 in the main landmark, every plotly chart with its SVG, no Dash callback
# pending (dcc.Loading, grids and previews fill in after the first render). Charts drawn on
# reaching them (dashboard/lazy_graph.py) are drawn now, as for printing, so that the audit
# covers them.
_RENDERED = """
var lazy = document.querySelectorAll('.s3-lazy-graph:empty').length;
if (lazy) { window.dispatchEvent(new Event('beforeprint')); }
var h = document.querySelector('main h1');
var plots = document.querySelectorAll('.js-plotly-plot').length;
var drawn = document.querySelectorAll('.js-plotly-plot .main-svg').length;
var busy = document.querySelectorAll('[data-dash-is-loading="true"]').length;
// A graph just inserted (a lazy chart's answer) is a .dash-graph with no plot yet while
// plotly.js loads: it is not drawn.
var waiting = Array.from(document.querySelectorAll('.dash-graph')).filter(function (g) {
  return !g.querySelector('.main-svg');
}).length;
return !!h && !lazy && drawn >= plots && busy === 0 && waiting === 0;
"""

# Elements sticking out of the viewport on the right, innermost first (for the message).
_OVERFLOW = """
var width = document.documentElement.clientWidth;
var extra = document.documentElement.scrollWidth - width;
if (extra <= 0) { return null; }
var out = [];
function clipped(el) {  // inside a box that scrolls or clips: not the page's overflow
  for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') { return true; }
  }
  return false;
}
document.querySelectorAll('body *').forEach(function (el) {
  var r = el.getBoundingClientRect();
  if (r.width && r.right > width + 1 && !clipped(el)) {
    var name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '');
    var box = el.closest('[id]');
    out.push(name + ' in #' + (box ? box.id : '?') + ' right=' + Math.round(r.right));
  }
});
return {extra: extra, offenders: out.slice(0, 8)};
"""


# Responsive charts redraw to their new box a moment after a resize.
_CHARTS_FIT = """
return Array.from(document.querySelectorAll('.js-plotly-plot')).every(function (plot) {
  var svg = plot.querySelector('.main-svg');
  return !svg || svg.getBoundingClientRect().width <= plot.parentElement.clientWidth + 1;
});
"""


def contrast(colour: str, background: str) -> float:
    """WCAG contrast ratio of two CSS `rgb(…)` colours (opaque)."""

    def luminance(css: str) -> float:
        channels = [int(float(v)) / 255 for v in css[css.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def set_viewport(driver: WebDriver, width: int, height: int) -> None:
    """Make the page's viewport exactly `width` × `height` CSS pixels, and wait until the
    page has it (the layout is then read at the new size; charts redraw after that)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    if driver.current_url.startswith("http"):  # a page to resize (not about:blank)
        waiting(driver, 10).until(
            lambda d: (
                d.execute_script("return [window.innerWidth, window.innerHeight];")
                == [width, height]
            )
        )


def reset_viewport(driver: WebDriver) -> None:
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def wait_rendered(driver: WebDriver, timeout: float = 30) -> None:
    """Wait until the view has its h1, every chart is drawn and no callback is pending."""
    waiting(driver, timeout).until(lambda d: d.execute_script(_RENDERED))
    # A chart that never fits is reported by the reflow check, not here.
    with contextlib.suppress(TimeoutException):
        waiting(driver, 5).until(lambda d: d.execute_script(_CHARTS_FIT))
    # Two animation frames: plotly and AG Grid finish their layout after the DOM is there.
    driver.execute_async_script(
        "var done = arguments[0];"
        "requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });"
    )


def open_details(driver: WebDriver) -> int:
    """Open every <details> (the tables standing for the charts); returns how many."""
    count: int = driver.execute_script(
        "var all = document.querySelectorAll('details');"
        "all.forEach(function (d) { d.open = true; }); return all.length;"
    )
    return count


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    """The WCAG 2.0/2.1 A and AA violations axe finds in the current page."""
    if not driver.execute_script("return typeof axe !== 'undefined';"):
        driver.execute_script(AXE)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        # resultTypes: every rule still runs on every node; the passes and the incomplete
        # results keep one node each instead of being described node by node (the audit
        # reads the violations alone, which are reported in full).
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
        "                   resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations.map(function (v) {"
        "  return {id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,"
        "          nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); })};"
        "})); })"
        ".catch(function (e) { done([{id: 'axe-error', help: String(e), count: 1}]); });",
        WCAG_TAGS,
    )
    return list(result)


def horizontal_overflow(driver: WebDriver) -> dict[str, Any] | None:
    """None when the page fits its viewport's width; else by how much, and what sticks out."""
    result: dict[str, Any] | None = driver.execute_script(_OVERFLOW)
    return result


def skipped_headings(driver: WebDriver) -> list[str]:
    """Headings that go down more than one level from the one before (h1 → h3)."""
    jumps: list[str] = driver.execute_script(
        "var last = 0, out = [];"
        "document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(function (h) {"
        "  var level = +h.tagName[1];"
        "  if (level > last + 1) { out.push('h' + last + ' → ' + h.tagName.toLowerCase()"
        "    + ' ' + h.textContent.slice(0, 40)); }"
        "  last = level;"
        "});"
        "return out;"
    )
    return jumps


def audit_sizes(driver: WebDriver) -> dict[str, Any]:
    """axe at desktop and phone size, and reflow at 320 px, on the page already loaded.

    Every <details> is opened first; headings must not skip a level (axe calls that a best
    practice only). Returns only what failed: {} is a clean page.
    """
    failures: dict[str, Any] = {}
    for width, height in (DESKTOP, PHONE):
        # The viewport is in effect when set_viewport returns; wait_rendered then waits
        # until every responsive chart has redrawn to fit its narrower box.
        set_viewport(driver, width, height)
        wait_rendered(driver)
        open_details(driver)  # the tables, and any chart inside, are laid out now
        wait_rendered(driver)
        violations = axe_violations(driver)
        if violations:
            failures[f"{width}x{height}"] = violations
    set_viewport(driver, REFLOW_WIDTH, 640)
    wait_rendered(driver)
    overflow = horizontal_overflow(driver)
    if overflow:
        failures[f"reflow {REFLOW_WIDTH}px"] = overflow
    set_viewport(driver, *DESKTOP)
    jumps = skipped_headings(driver)
    if jumps:
        failures["skipped heading levels"] = jumps
    return failures


# A focus indicator: an outline or a box shadow (Bootstrap's form controls use the latter).
_FOCUS_STYLE = """
var el = document.activeElement;
if (!el || el === document.body) { return null; }
var s = getComputedStyle(el);
var r = el.getBoundingClientRect();
var name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '');
var outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
var shadow = s.boxShadow && s.boxShadow !== 'none';
var opacity = 1;  // as seen: an ancestor's opacity counts (plotly's mode bar fades in)
for (var p = el; p; p = p.parentElement) { opacity *= parseFloat(getComputedStyle(p).opacity); }
return {name: name, key: el.id || el.getAttribute('data-s3-key') || name,
        visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && opacity > 0.5,
        indicated: outline || !!shadow};
"""

# What a keyboard user must be able to reach: visible, enabled, in the tab order.
_TABBABLE = """
var sel = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]),'
  + ' select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';
var out = [];
document.querySelectorAll(sel).forEach(function (el, i) {
  if (el.tabIndex < 0 || el.closest('[inert]')) { return; }
  var r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (!r.width || !r.height || s.visibility === 'hidden') { return; }
  if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') { return; }
  el.setAttribute('data-s3-key', 'k' + i);
  out.push(el.id || 'k' + i);
});
return out;
"""


def tab_walk(driver: WebDriver, limit: int = 400) -> dict[str, Any]:
    """Press Tab from the top of the page until focus comes back round.

    Returns the presses, the stops without a visible focus indicator and what was never
    reached.
    """
    expected = set(driver.execute_script(_TABBABLE))
    driver.execute_script("document.activeElement && document.activeElement.blur();")
    driver.execute_script("window.scrollTo(0, 0); document.body.focus();")
    actions = ActionChains(driver)
    seen: list[str] = []
    unmarked: list[str] = []
    presses = 0
    while presses < limit:
        presses += 1
        actions.send_keys(Keys.TAB).perform()
        state = driver.execute_script(_FOCUS_STYLE)
        if state is None:  # back on the document: round the page
            break
        if seen and state["key"] == seen[0]:
            break
        seen.append(state["key"])
        if not (state["visible"] and state["indicated"]):
            time.sleep(0.5)  # what fades in on focus (the mode bar) gets its transition
            state = driver.execute_script(_FOCUS_STYLE)
            if not (state["visible"] and state["indicated"]):
                unmarked.append(state["name"])
    return {
        "first": seen[0] if seen else None,
        "presses": presses,
        "unmarked": unmarked,
        "unreached": sorted(expected - set(seen)),
    }
