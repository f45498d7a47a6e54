// Lazy charts (dashboard/lazy_graph.py): a placeholder box becomes its dcc.Graph when it
// comes into view (or within 100 px of it), or when the page is printed. Dash inserts the
// boxes after load, so new ones are picked up as they appear.
// A chart painted first as SVG (.s3-svg-first) becomes its dcc.Graph when the reader reaches
// for it: pointer over it, focus in it, a click, or its HTML legend pressed (the legend
// script sends 's3-draw-chart'). It prints as it is: the picture is the chart.
(function () {
    'use strict';
    var SELECTOR = '.s3-lazy-graph';
    var SVG_FIRST = '.s3-svg-first';
    var seen = new WeakSet();
    var asked = new WeakMap();  // SVG box → the picture it was asked to replace

    function ask(box) {
        window.dash_clientside.set_props(JSON.parse(box.id), {n_clicks: 1});
    }

    function draw(box) {
        if (box.dataset.drawn || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        box.dataset.drawn = '1';
        ask(box);
    }

    // Asked once per picture: Dash may reuse the box for the next view's picture.
    function swap(box) {
        var picture = box.querySelector('.s3-html[data-html]');
        if (!picture || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
        var markup = picture.getAttribute('data-html');
        if (asked.get(box) === markup) { return; }
        asked.set(box, markup);
        ask(box);
    }

    function reached(event) {
        var box = event.target.closest && event.target.closest(SVG_FIRST);
        if (box) { swap(box); }
    }
    ['pointerover', 'focusin', 'click', 's3-draw-chart'].forEach(function (type) {
        document.addEventListener(type, reached, true);
    });

    var observer = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (entry.isIntersecting) {
                observer.unobserve(entry.target);
                draw(entry.target);
            }
        });
    }, {rootMargin: '100px 0px'}) : null;

    function watch() {
        document.querySelectorAll(SELECTOR).forEach(function (box) {
            if (seen.has(box)) { return; }
            seen.add(box);
            if (observer) { observer.observe(box); } else { draw(box); }
        });
    }

    window.addEventListener('beforeprint', function () {
        document.querySelectorAll(SELECTOR).forEach(draw);
    });
    new MutationObserver(watch).observe(document.documentElement, {childList: true, subtree: true});
    watch();
}());
