// Maps drawn on the server as SVG (dashboard/figures/svg_map.py). A marker that is a link
// (its map names the page's list in `data-picker`) chooses its value in that list, in place,
// as a click on a plotly marker did: the list's callback then opens the card and writes the
// address. Mouse, Enter on a focused marker and touch all arrive here as a click. Without
// Dash's set_props or the list, or with a modifier key, the link is followed as a link: the
// same view, opened by its address. A button under the map saves the drawing as an SVG file.
(function () {
    'use strict';

    function choose(event, link) {
        var map = link.closest('svg[data-picker]');
        var pickerId = map && map.getAttribute('data-picker');
        var clientside = window.dash_clientside;
        if (!pickerId || !document.getElementById(pickerId) || !clientside || !clientside.set_props) {
            return;
        }
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        clientside.set_props(pickerId, {value: link.getAttribute('data-value')});
    }

    function save(button) {
        var svg = document.getElementById(button.getAttribute('data-svg-download'));
        if (!svg) { return; }
        var text = '<?xml version="1.0" encoding="UTF-8"?>\n' +
            new XMLSerializer().serializeToString(svg);
        var url = URL.createObjectURL(new Blob([text], {type: 'image/svg+xml'}));
        var anchor = document.createElement('a');
        anchor.href = url;
        anchor.download = svg.id + '.svg';
        document.body.appendChild(anchor);
        anchor.click();
        anchor.remove();
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    document.addEventListener('click', function (event) {
        var target = event.target;
        if (!target || !target.closest) { return; }
        var link = target.closest('svg.s3-svg-map a[data-value]');
        if (link) {
            choose(event, link);
            return;
        }
        var button = target.closest('button[data-svg-download]');
        if (button) { save(button); }
    });
}());
