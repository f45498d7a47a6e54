// Lazy charts (dashboard/lazy_graph.py): a placeholder box becomes its dcc.Graph when it
// comes into view (or within 100 px of it), or when the page is printed. Dash inserts the
// boxes after load, so new ones are picked up as they appear.
(function () {
    'use strict';
    var SELECTOR = '.s3-lazy-graph';
    var seen = new WeakSet();

    function draw(box) {
        if (box.dataset.drawn || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        box.dataset.drawn = '1';
        window.dash_clientside.set_props(JSON.parse(box.id), {n_clicks: 1});
    }

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
