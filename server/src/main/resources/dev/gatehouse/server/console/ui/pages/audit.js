// Audit log: the hash-chained log page by page, oldest first as the API serves it
// (/admin/audit?after&limit), filtered by action, actor and target text in the browser over the
// pages loaded so far; and the chain's check (/admin/audit/verify) with its head seq and hash.

import { el, clear, field, formatNumber, formatTime, toast } from '../dom.js';
import { dataTable, loadFailed } from '../tables.js';

const PAGE_SIZES = [50, 100, 500, 1000];

export default {
  path: 'audit',
  title: 'Audit log',
  roles: ['owner', 'auditor'],
  async render(root, ctx) {
    const entries = [];
    let after = 0;
    let exhausted = false;
    let generation = 0;
    const filters = {
      action: el('input', { type: 'search', id: 'audit-filter-action', autocomplete: 'off' }),
      actor: el('input', { type: 'search', id: 'audit-filter-actor', autocomplete: 'off' }),
      target: el('input', { type: 'search', id: 'audit-filter-target', autocomplete: 'off' }),
    };
    const limit = el('select', { id: 'audit-limit' },
      PAGE_SIZES.map((n) => el('option', { value: String(n), selected: n === 100 }, String(n))));
    const table = el('div', { id: 'audit-table-box' });
    const status = el('p', { id: 'audit-status', role: 'status' });
    const more = el('button', {
      type: 'button', id: 'audit-more', class: 'secondary', on: { click: () => loadPage() },
    }, 'Load more');
    const verifyResult = el('div', { id: 'audit-verify-result', 'aria-live': 'polite' });

    const show = () => {
      const wanted = Object.fromEntries(Object.entries(filters)
        .map(([field, input]) => [field, input.value.trim().toLowerCase()]));
      const shown = entries.filter((e) => Object.entries(wanted)
        .every(([field, text]) => text === '' || String(e[field] ?? '').toLowerCase().includes(text)));
      clear(table);
      table.append(dataTable({
        id: 'audit-table',
        caption: 'Audit log entries, oldest first',
        columns: [{ title: 'Seq', num: true }, { title: 'Time' }, { title: 'Actor' }, { title: 'Action' },
          { title: 'Target' }, { title: 'Source' }, { title: 'Details' }],
        rows: shown.map((e) => [String(e.seq), formatTime(e.at), e.actor, e.action, e.target ?? '', e.source ?? '',
          details(e.details)]),
        empty: entries.length === 0 ? 'The audit log is empty.' : 'No loaded entry matches the filter.',
      }));
      const range = entries.length === 0 ? '' : `, seq ${entries[0].seq} to ${entries[entries.length - 1].seq}`;
      status.textContent = `${formatNumber(shown.length)} of ${formatNumber(entries.length)} loaded entries `
        + `shown${range}.`
        + (exhausted ? ' That is the end of the log so far.' : '');
      // At the end the button stays: the log grows, and it then asks for what was written since.
      more.textContent = exhausted ? 'Check for newer entries' : 'Load more';
      more.disabled = false;
    };

    const loadPage = async () => {
      const mine = ++generation;
      more.disabled = true;
      try {
        const page = await ctx.api.get(`/admin/audit?after=${after}&limit=${limit.value}`);
        if (mine !== generation) {
          return; // the page size changed meanwhile: the load that started over is the one to show
        }
        entries.push(...page.data);
        exhausted = page.data.length < Number(limit.value);
        after = page.next_after;
      } catch (error) {
        if (mine !== generation) {
          return;
        }
        clear(table);
        table.append(loadFailed('the audit log', error));
        more.disabled = false;
        return;
      }
      show();
    };

    const verify = async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      clear(verifyResult);
      verifyResult.append(el('p', {}, 'Checking every entry of the chain…'));
      try {
        const result = await ctx.api.get('/admin/audit/verify');
        clear(verifyResult);
        verifyResult.append(verdict(result));
      } catch (error) {
        clear(verifyResult);
        verifyResult.append(loadFailed('the chain check', error));
      } finally {
        button.disabled = false;
      }
    };

    for (const input of Object.values(filters)) {
      // 'input' as the user types; 'change' also catches a value cleared without typing.
      input.addEventListener('input', show);
      input.addEventListener('change', show);
    }
    limit.addEventListener('change', () => {
      // A new page size starts over, so the pages loaded are one size and the status stays true.
      entries.length = 0;
      after = 0;
      exhausted = false;
      loadPage();
    });

    // The shell made root, <section id="page-audit">, labelled by the heading #page-title.
    root.append(
      el('h1', { id: 'page-title' }, 'Audit log'),
      el('section', { class: 'card', 'aria-labelledby': 'audit-verify-title' },
        el('h2', { id: 'audit-verify-title' }, 'Hash chain'),
        el('p', { class: 'muted' }, 'Every entry carries the hash of the one before it. The check reads the whole log '
          + 'and names any entry changed, removed, inserted or reordered. Keep the head hash somewhere else: '
          + 'comparing it later also catches a chain rewritten as a whole.'),
        el('button', { type: 'button', id: 'audit-verify', class: 'primary', on: { click: verify } }, 'Verify chain'),
        verifyResult),
      el('h2', {}, 'Entries'),
      el('form', { id: 'audit-filters', class: 'toolbar', on: { submit: (event) => event.preventDefault() } },
        field('Action contains', filters.action),
        field('Actor contains', filters.actor),
        field('Target contains', filters.target),
        field('Entries per page', limit)),
      el('p', { class: 'muted' }, 'The filters search the entries loaded so far; load more pages to search further.'),
      status,
      table,
      el('div', { class: 'actions' }, more));
    await loadPage();
  },
};

/** The check's answer: intact or its problems, and the head to keep. */
function verdict(result) {
  const hash = el('code', { id: 'audit-head-hash', class: 'hash' }, result.head_hash ?? '');
  const copy = el('button', {
    type: 'button', id: 'audit-copy-head', class: 'secondary',
    'aria-label': 'Copy the head hash',
    on: { click: () => copyText(result.head_hash ?? '', hash) },
  }, 'Copy');
  return el('div', { class: result.intact ? 'notice verdict' : 'error verdict' },
    el('p', { id: 'audit-verify-verdict', class: 'verdict-line' }, result.intact
      ? `Intact: ${formatNumber(result.entries)} entries checked, no problem found.`
      : `Problems found in ${formatNumber(result.entries)} entries checked:`),
    result.intact ? null : el('ul', { id: 'audit-problems' }, result.problems.map((p) => el('li', {}, p))),
    el('dl', { class: 'head' },
      el('dt', {}, 'Head seq'), el('dd', { id: 'audit-head-seq' }, String(result.head_seq)),
      el('dt', {}, 'Head hash'), el('dd', {}, hash, ' ', copy)));
}

/** The clipboard when the browser grants it; otherwise the text selected, for the user's own copy. */
async function copyText(text, node) {
  try {
    await navigator.clipboard.writeText(text);
    toast('Head hash copied.', 'info');
  } catch (error) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    toast('The browser did not allow copying: the hash is selected, copy it with the keyboard.', 'info');
  }
}

/** An entry's details as compact JSON, or nothing when it has none. */
function details(value) {
  if (value == null || (typeof value === 'object' && Object.keys(value).length === 0)) {
    return '';
  }
  return el('code', { class: 'details' }, JSON.stringify(value));
}
