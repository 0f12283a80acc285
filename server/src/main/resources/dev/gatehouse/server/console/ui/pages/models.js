// Models and deployments: each public model with its prices, context window and access groups
// (/admin/models), and its deployments' routing health on this instance — state, cooldown,
// latency, error rate, requests in flight (/admin/health/deployments). An owner may reload the
// configuration file here (/admin/config/reload); the button is not shown to other roles, and
// the API refuses them anyway.

import { el, clear, formatUsd, formatNumber, formatTime } from '../dom.js';
import { dataTable, loadFailed } from '../tables.js';

export default {
  path: 'models',
  title: 'Models',
  roles: ['owner', 'key-admin', 'auditor'],
  async render(root, ctx) {
    const list = el('div', { id: 'models-list', class: 'model-list' });
    const reloadResult = el('div', { id: 'models-reload-result', 'aria-live': 'polite' });
    let generation = 0;

    const load = async () => {
      const mine = ++generation;
      const [models, health] = await Promise.allSettled([
        ctx.api.get('/admin/models'),
        ctx.api.get('/admin/health/deployments'),
      ]);
      if (mine !== generation) {
        return;
      }
      clear(list);
      if (models.status === 'rejected') {
        list.append(loadFailed('the models', models.reason));
        return;
      }
      const byId = new Map(health.status === 'fulfilled' ? health.value.data.map((d) => [d.id, d]) : []);
      if (health.status === 'rejected') {
        list.append(loadFailed('deployment health', health.reason));
      }
      if (models.value.data.length === 0) {
        list.append(el('p', {}, 'No model is configured.'));
      }
      list.append(...models.value.data.map((model, i) => modelCard(model, byId, `model-${i}`)));
    };

    const reload = async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      clear(reloadResult);
      try {
        const answer = await ctx.api.send('POST', '/admin/config/reload');
        reloadResult.append(el('div', { class: 'verdict ok', id: 'models-reload-ok' },
          el('p', {}, `Configuration reloaded: ${formatNumber(answer.models)} models, `
            + `${formatNumber(answer.deployments)} deployments.`),
          answer.warnings.length === 0 ? null : el('ul', { id: 'models-reload-warnings' },
            answer.warnings.map((w) => el('li', {}, w)))));
        await load();
      } catch (error) {
        reloadResult.append(el('div', { class: 'verdict bad', id: 'models-reload-failed', role: 'alert' },
          el('p', {}, 'The configuration was not reloaded; the gateway serves the one it had.'),
          el('p', { class: 'problem-text' }, error.message)));
      } finally {
        button.disabled = false;
      }
    };

    root.append(el('section', { id: 'page-models', class: 'page' },
      el('div', { class: 'page-head' },
        el('h1', {}, 'Models and deployments'),
        el('div', { class: 'toolbar' },
          el('button', { type: 'button', id: 'models-refresh', on: { click: () => load() } }, 'Refresh'),
          ctx.can('owner')
            ? el('button', { type: 'button', id: 'models-reload', class: 'primary', on: { click: reload } },
              'Reload configuration')
            : null)),
      el('p', { class: 'muted' }, 'Health is this instance\'s own view since it started; cooldowns are shared '
        + 'between instances when they share a store.'),
      reloadResult,
      list));
    await load();
  },
};

function modelCard(model, health, headingId) {
  return el('article', { class: 'model-card', 'data-model': model.id, 'aria-labelledby': headingId },
    el('h2', { id: headingId }, model.id),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Price'), el('dd', {}, price(model.price)),
      el('dt', {}, 'Context window'), el('dd', {}, model.context_window == null
        ? 'not known' : `${formatNumber(model.context_window)} tokens`),
      el('dt', {}, 'Access groups'), el('dd', {}, model.access_groups.length === 0
        ? 'none' : model.access_groups.join(', '))),
    dataTable({
      caption: `Deployments of ${model.id}`,
      columns: [{ title: 'Deployment' }, { title: 'Provider' }, { title: 'Upstream model' }, { title: 'State' },
        { title: 'Cooling until' }, { title: 'Latency', num: true }, { title: 'Error rate', num: true },
        { title: 'In flight', num: true }],
      rows: model.deployments.map((d) => deploymentRow(d, health.get(d.id))),
      empty: 'No deployment.',
    }));
}

function deploymentRow(deployment, health) {
  const state = health?.state ?? deployment.state;
  return [
    deployment.id,
    deployment.provider,
    deployment.upstream_model ?? '',
    el('span', { class: `state state-${state}` }, state.replace('_', ' ')),
    health?.cooling_until ? formatTime(health.cooling_until) : '—',
    health?.latency_ms == null ? '—' : `${formatNumber(Math.round(health.latency_ms))} ms`,
    health ? `${(health.error_rate * 100).toFixed(1)} %` : '—',
    health ? formatNumber(health.in_flight) : '—',
  ];
}

/** Per million tokens in and out, or per image; "not priced" when the model has no price. */
function price(p) {
  if (p == null) {
    return 'not priced (its requests count as unpriced)';
  }
  const parts = [];
  if (p.input_per_million != null) {
    parts.push(`${formatUsd(Number(p.input_per_million))} input`);
  }
  if (p.output_per_million != null) {
    parts.push(`${formatUsd(Number(p.output_per_million))} output`);
  }
  const tokens = parts.length === 0 ? [] : [`${parts.join(', ')} per million tokens`];
  const images = p.per_image == null ? [] : [`${formatUsd(Number(p.per_image))} per image`];
  return [...tokens, ...images].join('; ') || 'not priced';
}
