// Tables built as escaped HTML on the server (dashboard/html_table.py): a block carries its
// markup in `data-html`, shown here as its content. One component instead of one per cell
// keeps Dash's renderer quick. Blocks arrive with the layout and with callbacks' answers,
// and a callback may change a block's markup: every change of the page is looked at.
(function () {
    'use strict';
    var SELECTOR = '.s3-html[data-html]';
    var shown = new WeakMap();

    function fill() {
        document.querySelectorAll(SELECTOR).forEach(function (block) {
            var markup = block.getAttribute('data-html');
            if (shown.get(block) !== markup) {
                shown.set(block, markup);
                block.innerHTML = markup;
            }
        });
    }

    new MutationObserver(fill).observe(document.documentElement, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-html'],
    });
    fill();
}());
