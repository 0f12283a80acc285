// Spend: what was spent over a chosen range of UTC days, grouped by key, team, model, end user,
// tag or day (/admin/spend), with totals, a chart of the range day by day, and the range's rows as CSV
// (/admin/spend/export, fetched with the session cookie: no secret in the URL).

import { el, clear, field, formatUsd, formatNumber } from '../dom.js';
import { barChart, compactUsd } from '../chart.js';
import { daysBetween, dayStart, dayAfter, utcDate, shortDay } from '../ranges.js';
import { dataTable, loadFailed } from '../tables.js';

const DAY = 86_400_000;
// More days than this in one range is refused here: the chart would be a smear, and the
// export of a longer range is better asked of the API directly.
const MAX_DAYS = 366;

const GROUPS = {
  key: { label: 'Key', none: 'no key' },
  team: { label: 'Team', none: 'no team' },
  model: { label: 'Model', none: 'no model' },
  end_user: { label: 'End user', none: 'no end user' },
  tag: { label: 'Tag', none: 'no tag' },
  day: { label: 'Day (UTC)', none: 'no day' },
};

/** Presets: each gives [first day, last day], both included, for today (UTC). */
const PRESETS = {
  today: { label: 'Today', days: (today) => [today, today] },
  '7d': { label: 'Last 7 days', days: (today) => [utcDate(Date.parse(today) - 6 * DAY), today] },
  '30d': { label: 'Last 30 days', days: (today) => [utcDate(Date.parse(today) - 29 * DAY), today] },
  month: { label: 'This month', days: (today) => [`${today.slice(0, 8)}01`, today] },
};

export default {
  path: 'spend',
  title: 'Spend',
  roles: ['owner', 'key-admin', 'auditor'],
  async render(root, ctx) {
    const today = utcDate(Date.now());
    const [first, last] = PRESETS['30d'].days(today);
    const from = el('input', { type: 'date', id: 'spend-from', value: first, max: today, required: true });
    const to = el('input', { type: 'date', id: 'spend-to', value: last, max: today, required: true });
    const group = el('select', { id: 'spend-group' },
      Object.entries(GROUPS).map(([value, g]) => el('option', { value }, g.label)));
    const message = el('p', { id: 'spend-message', role: 'status' });
    const chart = el('div', { id: 'spend-chart-box' });
    const table = el('div', { id: 'spend-table-box' });
    let generation = 0;

    const range = () => {
      if (!from.value || !to.value) {
        return { problem: 'Choose both a first and a last day.' };
      }
      if (from.value > to.value) {
        return { problem: 'The first day must not be after the last day.' };
      }
      if (daysBetween(from.value, to.value, MAX_DAYS + 1).length > MAX_DAYS) {
        return { problem: `Choose at most ${MAX_DAYS} days.` };
      }
      const query = `from=${encodeURIComponent(dayStart(from.value))}&to=${encodeURIComponent(dayAfter(to.value))}`;
      return { first: from.value, last: to.value, query };
    };

    const load = async () => {
      const chosen = range();
      message.textContent = chosen.problem ?? '';
      if (chosen.problem) {
        return;
      }
      const mine = ++generation;
      const by = group.value;
      const named = { key: '/admin/keys', team: '/admin/teams', end_user: '/admin/end-users' }[by];
      const [grouped, byDay, owners] = await Promise.allSettled([
        ctx.api.get(`/admin/spend?group_by=${by}&${chosen.query}`),
        by === 'day' ? null : ctx.api.get(`/admin/spend?group_by=day&${chosen.query}`),
        named ? ctx.api.get(named) : null,
      ]);
      if (mine !== generation) {
        return;
      }
      const days = by === 'day' ? grouped : byDay;
      clear(chart);
      chart.append(days.status === 'rejected'
        ? loadFailed('spend by day', days.reason)
        : dayCharts(chosen, days.value.data));
      clear(table);
      table.append(grouped.status === 'rejected'
        ? loadFailed('spend', grouped.reason)
        : groupTable(by, grouped.value.data, names(owners)));
    };

    const download = async (event) => {
      const chosen = range();
      message.textContent = chosen.problem ?? '';
      if (chosen.problem) {
        return;
      }
      // The whole file is fetched before the browser saves it: a long range takes a moment.
      const button = event.currentTarget;
      button.disabled = true;
      message.textContent = 'Exporting the spend rows…';
      try {
        await ctx.api.download(`/admin/spend/export?${chosen.query}`,
          `gatehouse-spend-${chosen.first}-to-${chosen.last}.csv`);
        message.textContent = 'The CSV file was downloaded.';
      } catch (error) {
        message.textContent = `The export failed: ${error.message}`;
      } finally {
        button.disabled = false;
      }
    };

    const presets = Object.entries(PRESETS).map(([name, preset]) => el('button', {
      type: 'button', id: `spend-preset-${name}`, class: 'secondary chip',
      on: {
        click: () => {
          [from.value, to.value] = preset.days(utcDate(Date.now()));
          load();
        },
      },
    }, preset.label));

    // The shell made root, <section id="page-spend">, labelled by the heading #page-title.
    root.append(
      el('h1', { id: 'page-title' }, 'Spend'),
      el('form', {
        id: 'spend-form', class: 'card toolbar',
        on: { submit: (event) => { event.preventDefault(); load(); } },
      },
        field('First day (UTC)', from),
        field('Last day (UTC, included)', to),
        field('Group by', group),
        el('div', { class: 'field form-actions' },
          el('button', { type: 'submit', id: 'spend-apply', class: 'primary' }, 'Show'),
          el('button', { type: 'button', id: 'spend-download', class: 'secondary', on: { click: download } },
            'Download CSV')),
        el('div', { role: 'group', 'aria-label': 'Preset ranges', class: 'chip-row' }, presets)),
      message,
      chart,
      table);
    await load();
  },
};

/** Spend and requests per day over the whole range, days without requests included as zero. */
function dayCharts(chosen, rows) {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days = daysBetween(chosen.first, chosen.last, MAX_DAYS);
  const point = (day, value) => ({ label: shortDay(new Date(`${day}T00:00:00Z`)), title: day, values: [value] });
  return el('div', { class: 'chart-grid' },
    barChart({
      id: 'spend-chart', caption: 'Spend per day (USD)', xTitle: 'Day (UTC)', series: [{ name: 'Spend' }],
      points: days.map((d) => point(d, Number(byDay.get(d)?.cost_usd ?? 0))), format: formatUsd, axisFormat: compactUsd,
    }),
    barChart({
      id: 'spend-chart-requests', caption: 'Requests per day', xTitle: 'Day (UTC)', series: [{ name: 'Requests' }],
      points: days.map((d) => point(d, byDay.get(d)?.requests ?? 0)), format: formatNumber, counts: true,
    }));
}

/** One row per group, the most spent first (days in order), and the range's totals below. */
function groupTable(by, rows, names) {
  const sorted = by === 'day' ? rows
    : [...rows].sort((a, b) => Number(b.cost_usd) - Number(a.cost_usd) || b.requests - a.requests);
  const sum = (f) => rows.reduce((a, r) => a + f(r), 0);
  const cost = rows.reduce((a, r) => a + Number(r.cost_usd), 0);
  const groupName = (value) => {
    if (value == null) {
      return `(${GROUPS[by].none})`;
    }
    const name = names.get(value);
    return name ? el('span', {}, name, el('span', { class: 'id' }, value)) : value;
  };
  // A request with several tags counts under each, so the tags' rows do not add up to a total.
  const totals = rows.length > 0 && by !== 'tag';
  return dataTable({
    id: 'spend-table',
    caption: by === 'tag' ? 'Spend by tag (a request counts under each of its tags)'
      : `Spend by ${by.replace('_', ' ')}`,
    columns: [{ title: GROUPS[by].label }, { title: 'Requests', num: true }, { title: 'Prompt tokens', num: true },
      { title: 'Completion tokens', num: true }, { title: 'Spend', num: true },
      { title: 'Unpriced requests', num: true }],
    rows: sorted.map((r) => [groupName(r[by]), formatNumber(r.requests), formatNumber(r.prompt_tokens),
      formatNumber(r.completion_tokens), formatUsd(Number(r.cost_usd)), formatNumber(r.unpriced_requests)]),
    foot: !totals ? null : ['Total', formatNumber(sum((r) => r.requests)),
      formatNumber(sum((r) => r.prompt_tokens)), formatNumber(sum((r) => r.completion_tokens)), formatUsd(cost),
      formatNumber(sum((r) => r.unpriced_requests))],
    empty: 'No requests in this range.',
  });
}

function names(settled) {
  const map = new Map();
  if (settled.status === 'fulfilled' && settled.value) {
    for (const item of settled.value.data) {
      // Keys and teams have an id and a name; end users a user_id and, maybe, an alias.
      const name = item.name ?? item.alias;
      if (name) {
        map.set(item.id ?? item.user_id, name);
      }
    }
  }
  return map;
}
