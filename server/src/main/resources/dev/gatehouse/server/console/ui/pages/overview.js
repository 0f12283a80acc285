// Overview: requests, errors, tokens and spend over the last hour, day or 30 days as bar charts
// (from /admin/spend/timeseries), the keys, teams and models that spent most in that window
// (/admin/spend?group_by=…), and the deployments not healthy now (/admin/health/deployments).

import { el, clear, formatUsd, formatNumber, formatTime } from '../dom.js';
import { barChart, compactUsd } from '../chart.js';
import { WINDOWS, windowRange, bucketLabels } from '../ranges.js';
import { dataTable, loadFailed } from '../tables.js';

const TOP_ROWS = 5;

export default {
  path: 'overview',
  title: 'Overview',
  roles: ['owner', 'key-admin', 'auditor'],
  async render(root, ctx) {
    let current = 'day';
    let generation = 0;
    const buttons = {};
    const totals = el('div', { id: 'overview-totals', class: 'stat-row' });
    const charts = el('div', { id: 'overview-charts', class: 'chart-grid' });
    const tops = el('div', { id: 'overview-top', class: 'top-grid' });
    const health = el('div', { id: 'overview-cooldowns' });

    const load = async () => {
      const mine = ++generation;
      const span = WINDOWS[current];
      const { from, to } = windowRange(span);
      const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const [series, byKey, byTeam, byModel, deployments, keys, teams] = await Promise.allSettled([
        ctx.api.get(`/admin/spend/timeseries?${range}&bucket=${span.bucket}`),
        ctx.api.get(`/admin/spend?group_by=key&${range}`),
        ctx.api.get(`/admin/spend?group_by=team&${range}`),
        ctx.api.get(`/admin/spend?group_by=model&${range}`),
        ctx.api.get('/admin/health/deployments'),
        ctx.api.get('/admin/keys'),
        ctx.api.get('/admin/teams'),
      ]);
      if (mine !== generation) {
        return; // a later switch is loading; its answer is the one to show
      }
      const names = {
        key: nameMap(keys),
        team: nameMap(teams),
      };
      showSeries(totals, charts, series, span);
      clear(tops);
      tops.append(
        topTable('keys', 'Top keys', 'Key', byKey, (id) => label(id, names.key, 'no key')),
        topTable('teams', 'Top teams', 'Team', byTeam, (id) => label(id, names.team, 'no team')),
        topTable('models', 'Top models', 'Model', byModel, (id) => id ?? '(no model)'));
      showCooldowns(health, deployments);
    };

    const select = (name) => {
      current = name;
      for (const [key, button] of Object.entries(buttons)) {
        button.setAttribute('aria-pressed', String(key === name));
      }
      load();
    };
    for (const [name, span] of Object.entries(WINDOWS)) {
      buttons[name] = el('button', {
        type: 'button',
        id: `overview-range-${name}`,
        class: 'secondary toggle',
        'aria-pressed': String(name === current),
        on: { click: () => select(name) },
      }, span.label);
    }

    // The shell made root, <section id="page-overview">, labelled by the heading #page-title.
    root.append(
      el('div', { class: 'page-head' },
        el('h1', { id: 'page-title' }, 'Overview'),
        el('div', { class: 'toolbar' },
          el('div', { role: 'group', 'aria-label': 'Time range', class: 'toggle-group' }, Object.values(buttons)),
          el('button', { type: 'button', id: 'overview-refresh', class: 'secondary', on: { click: () => load() } },
            'Refresh'))),
      totals,
      charts,
      el('h2', {}, 'Who spent most'),
      tops,
      el('h2', {}, 'Deployments not healthy'),
      health);
    await load();
  },
};

/** The four charts of one window, and its totals above them. */
function showSeries(totals, charts, settled, span) {
  clear(totals);
  clear(charts);
  if (settled.status === 'rejected') {
    charts.append(loadFailed('requests over time', settled.reason));
    return;
  }
  const buckets = settled.value.data;
  const points = (values) => buckets.map((b, i) => ({ ...bucketLabels(b.start, span.bucket), values: values(b, i) }));
  const sum = (f) => buckets.reduce((a, b) => a + f(b), 0);
  const xTitle = span.bucket === 'day' ? 'Day (UTC)' : `${capital(span.per)} starting (UTC)`;

  totals.append(
    stat('Requests', formatNumber(sum((b) => b.requests))),
    stat('Errors', formatNumber(sum((b) => b.errors))),
    stat('Tokens', formatNumber(sum((b) => b.prompt_tokens + b.completion_tokens))),
    stat('Spend', formatUsd(sum((b) => Number(b.cost_usd)))));
  charts.append(
    barChart({
      id: 'overview-chart-requests', caption: `Requests per ${span.per}`, xTitle,
      series: [{ name: 'Succeeded' }, { name: 'Failed' }],
      points: points((b) => [b.requests - b.errors, b.errors]), format: formatNumber, counts: true,
    }),
    barChart({
      id: 'overview-chart-errors', caption: `Errors per ${span.per}`, xTitle, series: [{ name: 'Errors' }],
      points: points((b) => [b.errors]), format: formatNumber, counts: true,
    }),
    barChart({
      id: 'overview-chart-tokens', caption: `Tokens per ${span.per}`, xTitle,
      series: [{ name: 'Prompt' }, { name: 'Completion' }],
      points: points((b) => [b.prompt_tokens, b.completion_tokens]), format: formatNumber, counts: true,
    }),
    barChart({
      id: 'overview-chart-spend', caption: `Spend per ${span.per} (USD)`, xTitle, series: [{ name: 'Spend' }],
      points: points((b) => [Number(b.cost_usd)]), format: formatUsd, axisFormat: compactUsd,
    }));
}

function stat(name, value) {
  return el('dl', { class: 'card total' }, el('dt', { class: 'stat-label' }, name), el('dd', { class: 'stat' }, value));
}

/** The groups that spent most (then made most requests), at most TOP_ROWS of them; the caption is the title. */
function topTable(id, caption, header, settled, name) {
  const box = el('div', { class: 'top' });
  if (settled.status === 'rejected') {
    box.append(loadFailed(caption.toLowerCase(), settled.reason));
    return box;
  }
  const field = settled.value.group_by;
  const rows = [...settled.value.data]
    .sort((a, b) => Number(b.cost_usd) - Number(a.cost_usd) || b.requests - a.requests)
    .slice(0, TOP_ROWS)
    .map((row) => [name(row[field]), formatNumber(row.requests), formatUsd(Number(row.cost_usd))]);
  box.append(dataTable({
    id: `overview-top-${id}`,
    caption,
    columns: [{ title: header }, { title: 'Requests', num: true }, { title: 'Spend', num: true }],
    rows,
    empty: 'No requests in this span.',
  }));
  return box;
}

/** Deployments cooling down, half open or probing: the ones routing avoids or tries carefully. */
function showCooldowns(box, settled) {
  clear(box);
  if (settled.status === 'rejected') {
    box.append(loadFailed('deployment health', settled.reason));
    return;
  }
  const unwell = settled.value.data.filter((d) => d.state !== 'healthy');
  box.append(dataTable({
    id: 'overview-cooldown-table',
    caption: 'Deployments cooling down, half open or probing on this instance',
    columns: [{ title: 'Deployment' }, { title: 'Model' }, { title: 'State' }, { title: 'Cooling until' },
      { title: 'Error rate', num: true }],
    rows: unwell.map((d) => [d.id, d.model, el('span', { class: ['badge', d.state] }, d.state.replace('_', ' ')),
      formatTime(d.cooling_until),
      `${(d.error_rate * 100).toFixed(1)} %`]),
    empty: 'Every deployment is healthy.',
  }));
}

function nameMap(settled) {
  const map = new Map();
  if (settled.status === 'fulfilled') {
    for (const item of settled.value.data) {
      map.set(item.id, item.name);
    }
  }
  return map;
}

/** A key's or team's name with its id, or the id alone when the name is unknown (e.g. deleted). */
function label(id, names, none) {
  if (id == null) {
    return `(${none})`;
  }
  const name = names.get(id);
  return name ? el('span', {}, name, el('span', { class: 'id' }, id)) : id;
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
