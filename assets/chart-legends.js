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

    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('.s3-legend button[data-trace]');
        if (!button) { return; }
        var gd = plotOf(button.closest('.s3-legend').getAttribute('data-graph'));
        var index = Number(button.getAttribute('data-trace'));
        // Before plotly has drawn the chart there is no line to hide yet.
        if (!gd || !gd.data || !gd.data[index] || !window.Plotly) { return; }
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
