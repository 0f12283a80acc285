// Models and deployments: each public model with its price, context window, capabilities and
// access groups, and its deployments with their own price and routing health on this instance —
// state, cooldown, latency, error rate, requests in flight — all from /admin/models. An owner may
// reload the configuration file here (/admin/config/reload); the button is not shown to other
// roles, and the API refuses them anyway.

import { el, clear, formatUsd, formatNumber, formatTime } from '../dom.js';
import { dataTable, loadFailed } from '../tables.js';

const CAPABILITIES = {
  function_calling: 'tools',
  vision: 'images in',
  reasoning: 'reasoning',
  response_schema: 'JSON schema output',
};

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
      let models;
      try {
        models = await ctx.api.get('/admin/models');
      } catch (error) {
        if (mine === generation) {
          clear(list).append(loadFailed('the models', error));
        }
        return;
      }
      if (mine !== generation) {
        return; // a later refresh is loading; its answer is the one to show
      }
      clear(list);
      if (models.data.length === 0) {
        list.append(el('p', { class: 'empty' }, 'No model is configured.'));
      }
      list.append(...models.data.map((model, i) => modelCard(model, `model-${i}`)));
    };

    const reload = async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      clear(reloadResult);
      try {
        const answer = await ctx.api.send('POST', '/admin/config/reload');
        reloadResult.append(el('div', { class: 'notice', id: 'models-reload-ok' },
          el('p', {}, `Configuration reloaded: ${formatNumber(answer.models)} models, `
            + `${formatNumber(answer.deployments)} deployments.`),
          answer.warnings.length === 0 ? null : el('ul', { id: 'models-reload-warnings' },
            answer.warnings.map((w) => el('li', {}, w)))));
        await load();
      } catch (error) {
        reloadResult.append(el('div', { class: 'error', id: 'models-reload-failed', role: 'alert' },
          el('p', {}, 'The configuration was not reloaded; the gateway goes on serving the one it had.'),
          el('p', { class: 'problem-text' }, error.message)));
      } finally {
        button.disabled = false;
      }
    };

    // The shell made root, <section id="page-models">, labelled by the heading #page-title.
    root.append(
      el('div', { class: 'page-head' },
        el('h1', { id: 'page-title' }, 'Models and deployments'),
        el('div', { class: 'toolbar' },
          el('button', { type: 'button', id: 'models-refresh', class: 'secondary', on: { click: () => load() } },
            'Refresh'),
          ctx.can('owner')
            ? el('button', { type: 'button', id: 'models-reload', class: 'primary', on: { click: reload } },
              'Reload configuration')
            : null)),
      el('p', { class: 'muted' }, 'Health is this instance\'s own view since it started; cooldowns are shared '
        + 'between instances that share Redis.'),
      reloadResult,
      list);
    await load();
  },
};

function modelCard(model, headingId) {
  const samePrice = model.price != null;
  return el('article', { class: 'card model-card', 'data-model': model.id, 'aria-labelledby': headingId },
    el('h2', { id: headingId }, model.id),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Price'), el('dd', {}, samePrice ? price(model.price)
        : 'differs between deployments, or is not known for one: see each below'),
      el('dt', {}, 'Context window'), el('dd', {}, tokens(model.context_window)),
      el('dt', {}, 'Output at most'), el('dd', {}, tokens(model.max_output_tokens)),
      el('dt', {}, 'Can take'), el('dd', {}, capabilities(model.capabilities)),
      el('dt', {}, 'Access groups'), el('dd', {}, model.access_groups.length === 0
        ? 'none' : model.access_groups.join(', '))),
    dataTable({
      caption: `Deployments of ${model.id}`,
      columns: [{ title: 'Deployment' }, { title: 'Provider' }, { title: 'Upstream model' }, { title: 'State' },
        { title: 'Cooling until' }, { title: 'Latency', num: true }, { title: 'Error rate', num: true },
        { title: 'In flight', num: true }, ...(samePrice ? [] : [{ title: 'Price' }])],
      rows: model.deployments.map((d) => [...deploymentRow(d), ...(samePrice ? [] : [price(d.price)])]),
      empty: 'No deployment.',
    }));
}

function deploymentRow(d) {
  const state = d.state ?? 'unknown';
  return [
    d.id,
    d.provider,
    d.upstream_model ?? '',
    el('span', { class: ['badge', state] }, state.replace('_', ' ')),
    d.cooling_until ? formatTime(d.cooling_until) : '—',
    d.latency_ms == null ? '—' : `${formatNumber(Math.round(d.latency_ms))} ms`,
    d.error_rate == null ? '—' : `${(d.error_rate * 100).toFixed(1)} %`,
    d.in_flight == null ? '—' : formatNumber(d.in_flight),
  ];
}

/** Per million tokens in and out, and per image by quality and size; "not priced" when unknown. */
function price(p) {
  if (p == null) {
    return 'not priced: its requests count as unpriced';
  }
  const parts = [];
  if (p.input_per_million != null || p.output_per_million != null) {
    parts.push(`${usd(p.input_per_million)} in, ${usd(p.output_per_million)} out per million tokens`);
  }
  if (p.cached_input_per_million != null) {
    parts.push(`${usd(p.cached_input_per_million)} per million cached input tokens`);
  }
  if (p.per_image != null) {
    parts.push('per image: ' + Object.entries(p.per_image).map(([kind, v]) => `${kind} ${usd(v)}`).join(', '));
  }
  if (p.long_context != null) {
    parts.push(`above ${formatNumber(p.long_context.prompt_tokens_above)} prompt tokens: `
      + `${usd(p.long_context.input_per_million)} in, ${usd(p.long_context.output_per_million)} out`);
  }
  return parts.length === 0 ? 'not priced' : parts.join('; ');
}

function usd(value) {
  return value == null ? '—' : formatUsd(value);
}

function tokens(n) {
  return n == null ? 'not known' : `${formatNumber(n)} tokens`;
}

function capabilities(c) {
  if (c == null) {
    return 'not known';
  }
  const known = Object.entries(CAPABILITIES).filter(([name]) => c[name] != null);
  if (known.length === 0) {
    return 'not known';
  }
  return known.map(([name, label]) => `${label}: ${c[name] ? 'yes' : 'no'}`).join(', ');
}
