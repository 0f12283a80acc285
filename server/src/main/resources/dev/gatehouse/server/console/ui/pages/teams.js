// The Teams page: teams with search (#/teams), one team with its keys and budget use
// (#/teams/team_…), and for owners and key-admins creation, edits and deletion of a team that
// never had keys.
import { el, formatTime, toast } from '../dom.js';
import {
  changedFields, confirmDialog, field, formError, metadataOf, metadataText, modelPicker, openDialog, pickedModels,
  sendForm, textInput,
} from '../forms.js';
import { budgetPanel, limitFields, limitsSummary, readLimits } from '../budget.js';
import { loadCatalog } from '../catalog.js';
import { fillPage, redraw, subPath } from './page-parts.js';

const P = 'team-form';

export default {
  path: 'teams',
  title: 'Teams',
  roles: ['owner', 'key-admin', 'auditor'],
  async render(root, ctx) {
    const id = subPath(ctx);
    return id ? renderTeam(root, ctx, id) : renderList(root, ctx);
  },
};

async function renderList(root, ctx) {
  const teams = (await ctx.api.get('/admin/teams')).data;
  const search = el('input', { id: 'teams-search', type: 'search', placeholder: 'Name or team id', autocomplete: 'off' });
  const body = el('tbody');
  const count = el('p', { id: 'teams-count', role: 'status' });
  const show = () => {
    const words = search.value.trim().toLowerCase();
    const shown = teams.filter((team) => !words || team.name.toLowerCase().includes(words) || team.id.includes(words));
    body.replaceChildren(...shown.map((team) => el('tr', { 'data-team-id': team.id },
      el('th', { scope: 'row' }, el('a', { href: `#/teams/${team.id}` }, team.name), el('br'), el('code', {}, team.id)),
      el('td', {}, team.models.join(', ')),
      el('td', {}, limitsSummary(team)),
      el('td', {}, formatTime(team.created_at)))));
    if (shown.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 4, class: 'empty' }, teams.length ? 'No team matches.' : 'No teams yet.')));
    }
    count.textContent = `${shown.length} of ${teams.length} teams`;
  };
  search.addEventListener('input', show);
  search.addEventListener('change', show);
  show();
  const create = ctx.can('manage-keys')
    ? el('button', { type: 'button', id: 'team-create', class: 'primary', on: { click: () => createTeam(ctx) } }, 'New team')
    : null;
  fillPage(root, 'Teams', create,
    el('form', { class: 'toolbar', role: 'search', on: { submit: (event) => event.preventDefault() } },
      field({ label: 'Search', input: search })),
    count,
    el('div', { class: 'table-wrap' }, el('table', { id: 'teams-table' },
      el('caption', { class: 'visually-hidden' }, 'Teams'),
      el('thead', {}, el('tr', {}, ['Name', 'Models', 'Limits', 'Created'].map((name) => el('th', { scope: 'col' }, name)))),
      body)));
}

/** The team form in a dialog; `send(body)` makes the request, `done(answer)` follows it. */
async function formDialog(ctx, { id, title, team, send, done }) {
  const catalog = await loadCatalog(ctx.api);
  const t = team || { models: [], metadata: {} };
  let handle;
  const form = el('form', { id: P, class: 'stacked', novalidate: true },
    formError(P),
    field({ label: 'Name', param: 'name', input: textInput(`${P}-name`, t.name, { required: true }) }),
    modelPicker({ id: `${P}-models`, catalog, selected: t.models,
      hint: 'The team\'s keys never reach beyond these.' }),
    limitFields(P, t),
    field({ label: 'Metadata (JSON object, optional)', param: 'metadata',
      input: el('textarea', { id: `${P}-metadata`, rows: 3, value: metadataText(t.metadata) }) }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: `${P}-cancel`, class: 'secondary', on: { click: () => handle.close() } }, 'Cancel'),
      el('button', { type: 'submit', id: `${P}-submit`, class: 'primary' }, team ? 'Save changes' : 'Create team')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await sendForm(form, async () => ({ body: await send({
      name: form.querySelector(`#${P}-name`).value.trim(),
      models: pickedModels(form.querySelector(`#${P}-models`)),
      ...readLimits(form, P),
      metadata: metadataOf(form.querySelector(`#${P}-metadata`)),
    }) }));
    if (answer) {
      handle.close();
      await done(answer.body);
    }
  });
  handle = openDialog({ id, title, content: form });
  form.querySelector('input').focus();
}

function createTeam(ctx) {
  return formDialog(ctx, { id: 'team-create-dialog', title: 'New team',
    send: (body) => ctx.api.send('POST', '/admin/teams', body),
    done: (created) => ctx.navigate(`teams/${created.id}`) });
}

function teamBody(team) {
  return {
    name: team.name, models: team.models, max_budget: team.max_budget, soft_budget: team.soft_budget,
    budget_duration: team.budget_duration, budget_timezone: team.budget_timezone, rpm_limit: team.rpm_limit,
    tpm_limit: team.tpm_limit, max_parallel_requests: team.max_parallel_requests, metadata: team.metadata || {},
  };
}

async function renderTeam(root, ctx, id) {
  const path = `/admin/teams/${encodeURIComponent(id)}`;
  const [team, keys] = await Promise.all([ctx.api.get(path),
    ctx.api.get(`/admin/keys?team_id=${encodeURIComponent(id)}`)]);
  const rerender = () => redraw(root, () => renderTeam(root, ctx, id));
  const manage = ctx.can('manage-keys');
  const actions = el('div', { class: 'actions' },
    el('button', { type: 'button', id: 'team-refresh', class: 'secondary', on: { click: rerender } }, 'Refresh'),
    manage ? el('button', { type: 'button', id: 'team-edit', class: 'secondary', on: { click: () => formDialog(ctx, {
      id: 'team-edit-dialog', title: `Edit "${team.name}"`, team,
      send: async (body) => {
        const changes = changedFields(teamBody(team), body);
        return Object.keys(changes).length ? ctx.api.send('PATCH', path, changes) : null;
      },
      done: async (updated) => {
        await rerender();
        toast(updated ? 'Team saved.' : 'Nothing changed.');
      } }) } }, 'Edit') : null,
    // Only a team that never had keys can be deleted (docs/admin-api.md): the button is offered then only.
    manage && keys.data.length === 0 ? el('button', { type: 'button', id: 'team-delete', class: 'danger',
      on: { click: () => deleteTeam(ctx, team, path) } }, 'Delete') : null);
  const row = (term, value) => [el('dt', {}, term), el('dd', {}, value)];
  fillPage(root, team.name, actions,
    el('p', {}, el('a', { href: '#/teams' }, '← All teams')),
    el('dl', { class: 'detail-list', id: 'team-details' },
      row('ID', el('code', {}, team.id)),
      row('Models', team.models.join(', ')),
      row('Limits', limitsSummary(team)),
      row('Created', formatTime(team.created_at)),
      row('Updated', formatTime(team.updated_at)),
      Object.keys(team.metadata || {}).length ? row('Metadata', el('pre', {}, JSON.stringify(team.metadata, null, 2))) : null),
    budgetPanel(ctx.api, 'team', team),
    el('section', { class: 'card', 'aria-labelledby': 'team-keys-title' },
      el('h2', { id: 'team-keys-title' }, `Keys (${keys.data.length})`),
      keys.data.length === 0 ? el('p', {}, 'This team has no keys.') : el('div', { class: 'table-wrap' },
        el('table', { id: 'team-keys-table' },
          el('thead', {}, el('tr', {}, ['Name', 'Status', 'Models', 'Limits'].map((name) => el('th', { scope: 'col' }, name)))),
          el('tbody', {}, keys.data.map((key) => el('tr', {},
            el('th', { scope: 'row' }, el('a', { href: `#/keys/${key.id}` }, key.name)),
            el('td', {}, el('span', { class: ['badge', key.status === 'active' ? 'active' : 'bad'] }, key.status)),
            el('td', {}, key.models.length ? key.models.join(', ') : 'the team\'s'),
            el('td', {}, limitsSummary(key)))))))));
}

async function deleteTeam(ctx, team, path) {
  const sure = await confirmDialog({ id: 'team-delete-dialog', title: `Delete "${team.name}"?`, danger: true,
    confirmLabel: 'Delete', message: 'The team is removed. This can not be undone.' });
  if (!sure) return;
  try {
    await ctx.api.send('DELETE', path);
    toast('Team deleted.');
    ctx.navigate('teams');
  } catch (error) {
    toast(error.message, 'error');
  }
}
