// HTML chart legends (dashboard/chart_legend.py): a button per trace shows or hides its line
// with Plotly.restyle, as a click on plotly's own legend does, and by keyboard too (a real
// button). The graph is the truth: after every redraw (a new figure shows every line again)
// the buttons' aria-pressed follow the traces' `visible`.
(function () {
    'use strict';
    var watched = new WeakSet();

    function plotOf(graphId) {
        var graph = document.getElementById(graphId);
        return graph && graph.querySelector('.js-plotly-plot');
    }

    function shown(trace) {
        return trace.visible !== 'legendonly' && trace.visible !== false;
    }

    function sync(graphId, gd) {
        var legend = document.querySelector('.s3-legend[data-graph="' + graphId + '"]');
        if (!legend || !gd.data) { return; }
        legend.querySelectorAll('button[data-trace]').forEach(function (button) {
            var trace = gd.data[Number(button.getAttribute('data-trace'))];
            if (trace) { button.setAttribute('aria-pressed', String(shown(trace))); }
        });
    }

    // Before the graph exists (a chart painted first as SVG, dashboard/lazy_graph.py): the
    // button and the picture's line follow at once, and the graph is asked for; it comes
    // with the lines pressed off already off (lazy_graph's callback reads the buttons).
    function pressedBeforeGraph(graphId, button, index) {
        var box = document.querySelector('.s3-svg-first[data-chart="' + graphId + '"]');
        if (!box) { return; }
        var on = button.getAttribute('aria-pressed') === 'false';
        button.setAttribute('aria-pressed', String(on));
        var line = box.querySelector('svg [data-trace="' + index + '"]');
        if (line) { line.setAttribute('display', on ? 'inline' : 'none'); }
        box.dispatchEvent(new CustomEvent('s3-draw-chart', {bubbles: true}));
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('.s3-legend button[data-trace]');
        if (!button) { return; }
        var graphId = button.closest('.s3-legend').getAttribute('data-graph');
        var gd = plotOf(graphId);
        var index = Number(button.getAttribute('data-trace'));
        if (!gd) { pressedBeforeGraph(graphId, button, index); return; }
        // plotly is drawing the chart: its line is not there yet.
        if (!gd.data || !gd.data[index] || !window.Plotly) { return; }
        var visible = shown(gd.data[index]) ? 'legendonly' : true;
        button.setAttribute('aria-pressed', String(visible === true));
        window.Plotly.restyle(gd, {visible: visible}, [index]);
    });

    function watch() {
        document.querySelectorAll('.s3-legend[data-graph]').forEach(function (legend) {
            var graphId = legend.getAttribute('data-graph');
            var gd = plotOf(graphId);
            if (!gd || watched.has(gd) || typeof gd.on !== 'function') { return; }
            watched.add(gd);
            gd.on('plotly_afterplot', function () { sync(graphId, gd); });
            sync(graphId, gd);
        });
    }

    new MutationObserver(watch).observe(document.documentElement, {childList: true, subtree: true});
    watch();
}());
