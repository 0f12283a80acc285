// Data tables for the console's read-only pages (overview, spend, audit, models): a caption,
// column headers with scope="col", each row's first cell a header with scope="row", numbers
// right-aligned, inside the shell's .table-wrap, which scrolls sideways on a narrow screen
// instead of the page.

import { el } from './dom.js';

/**
 * @param {object} spec
 * @param {string} [spec.id]       the table's id
 * @param {string} spec.caption    what the table holds (read out by screen readers; may be hidden by CSS)
 * @param {{title: string, num?: boolean}[]} spec.columns
 * @param {Array<Array<string|Node>>} spec.rows   cells in column order; the first is the row's header
 * @param {Array<string|Node>} [spec.foot]        a totals row, in column order
 * @param {string} [spec.empty]    the text shown in place of rows when there are none
 * @returns {HTMLElement}
 */
export function dataTable({ id, caption, columns, rows, foot, empty = 'Nothing to show.' }) {
  const cell = (value, i, header) => {
    const attrs = columns[i].num ? { class: 'num' } : {};
    if (header && i === 0) {
      return el('th', { ...attrs, scope: 'row' }, value);
    }
    return el('td', attrs, value);
  };
  return el('div', { class: 'table-wrap' },
    el('table', { id, class: 'data-table' },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {},
        columns.map((c) => el('th', c.num ? { scope: 'col', class: 'num' } : { scope: 'col' }, c.title)))),
      el('tbody', {}, rows.length === 0
        ? el('tr', {}, el('td', { class: 'empty', colspan: columns.length }, empty))
        : rows.map((row) => el('tr', {}, row.map((value, i) => cell(value, i, true))))),
      foot ? el('tfoot', {}, el('tr', {}, foot.map((value, i) => cell(value, i, true)))) : null));
}

/** A paragraph saying what could not be loaded, with the API's own message. */
export function loadFailed(what, error) {
  return el('p', { class: 'error', role: 'alert' }, `Could not load ${what}: ${(error && error.message) || error}`);
}
