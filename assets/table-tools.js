// Interactive tables built as escaped HTML on the server (dashboard/grid.py): a button in a
// column header sorts the rows (again: the other way; `aria-sort` on the header says how),
// the search box above keeps the rows holding its words, long tables page, and the CSV
// button writes the rows in their shown order (the server prepared the CSV values: numbers
// raw, formulas neutralised). Tables arrive inside html blocks (assets/html-blocks.js), so
// every control is reached through events on the document: nothing to attach per table.
(function () {
    'use strict';
    var TABLE = 'table.s3-grid';

    function gridOf(el) {
        var block = el.closest('.s3-grid-block');
        return block ? block.querySelector(TABLE) : null;
    }

    function fold(text) {  // case and accents do not matter to the filter
        return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    }

    function fill(template, values) {
        return template.replace(/\{(\w+)\}/g, function (whole, name) {
            return name in values ? String(values[name]) : whole;
        });
    }

    function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }

    function matches(table) {
        var input = table.closest('.s3-grid-block').querySelector('.s3-grid-filter');
        var words = input ? fold(input.value).split(/\s+/).filter(Boolean) : [];
        return rowsOf(table).filter(function (row) {
            var text = fold(row.textContent);
            return words.every(function (word) { return text.indexOf(word) !== -1; });
        });
    }

    // Shows the matching rows of the current page; says how many in the status line.
    function show(table) {
        var shown = matches(table);
        var size = parseInt(table.getAttribute('data-page-size'), 10) || 0;
        var pages = size ? Math.max(1, Math.ceil(shown.length / size)) : 1;
        var page = Math.min(parseInt(table.getAttribute('data-page') || '1', 10), pages);
        table.setAttribute('data-page', String(page));
        var first = size ? (page - 1) * size : 0;
        var visible = new Set(size ? shown.slice(first, first + size) : shown);
        rowsOf(table).forEach(function (row) { row.hidden = !visible.has(row); });
        var block = table.closest('.s3-grid-block');
        var status = block.querySelector('[role=status]');
        if (status) {
            status.textContent = shown.length ? fill(table.getAttribute('data-rows-text'), {
                shown: shown.length, n: table.tBodies[0].rows.length,
            }) : table.getAttribute('data-empty-text');
        }
        var pager = block.querySelector('.s3-grid-pager');
        if (pager) {
            pager.querySelector('.s3-grid-page').textContent = fill(
                table.getAttribute('data-page-text'), {page: page, pages: pages});
            pager.querySelector('[data-step="-1"]').disabled = page <= 1;
            pager.querySelector('[data-step="1"]').disabled = page >= pages;
        }
    }

    function sortKey(cell, kind) {
        if (!cell) { return null; }
        if (kind === 'number') {
            var raw = cell.getAttribute('data-value');
            return raw === '' || raw === null ? null : parseFloat(raw);
        }
        if (kind === 'date') { return cell.getAttribute('data-value') || null; }
        return cell.textContent.trim() || null;
    }

    function sort(header) {
        var table = header.closest('table');
        var kind = header.getAttribute('data-kind');
        var index = Array.prototype.indexOf.call(header.parentNode.cells, header);
        var ascending = header.getAttribute('aria-sort') !== 'ascending';
        var collator = new Intl.Collator(table.getAttribute('data-lang') || undefined,
            {numeric: true, sensitivity: 'base'});
        var keyed = rowsOf(table).map(function (row) {
            return {row: row, key: sortKey(row.cells[index], kind)};
        });
        keyed.sort(function (a, b) {
            if (a.key === null || b.key === null) {  // empty cells last, either way
                return (a.key === null) - (b.key === null);
            }
            var order = kind === 'number' ? a.key - b.key : collator.compare(a.key, b.key);
            return ascending ? order : -order;
        });
        var body = table.tBodies[0];
        keyed.forEach(function (item) { body.appendChild(item.row); });  // stable sort
        Array.prototype.forEach.call(header.parentNode.cells, function (th) {
            th.removeAttribute('aria-sort');
        });
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        table.setAttribute('data-page', '1');
        show(table);
    }

    function csvField(value) {
        var text = value === null || value === undefined ? '' : String(value);
        return '"' + text.replace(/"/g, '""') + '"';
    }

    function exportCsv(table) {
        var data = JSON.parse(table.getAttribute('data-csv'));
        var lines = [data.header.map(csvField).join(',')];
        matches(table).forEach(function (row) {  // shown order, every page
            lines.push(data.rows[parseInt(row.getAttribute('data-row'), 10)]
                .map(csvField).join(','));
        });
        var blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'],
            {type: 'text/csv;charset=utf-8'});
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = table.getAttribute('data-file') || 'table.csv';
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    document.addEventListener('click', function (event) {
        var target = event.target.closest('.s3-sort, .s3-grid-export, .s3-grid-pager button');
        if (!target) { return; }
        if (target.classList.contains('s3-sort')) {
            sort(target.closest('th'));
            return;
        }
        var table = gridOf(target);
        if (!table) { return; }
        if (target.classList.contains('s3-grid-export')) {
            exportCsv(table);
            return;
        }
        var page = parseInt(table.getAttribute('data-page') || '1', 10);
        table.setAttribute('data-page', String(page + parseInt(target.getAttribute('data-step'), 10)));
        show(table);
    });

    document.addEventListener('input', function (event) {
        if (!event.target.classList || !event.target.classList.contains('s3-grid-filter')) {
            return;
        }
        var table = gridOf(event.target);
        if (table) {
            table.setAttribute('data-page', '1');
            show(table);
        }
    });
}());
