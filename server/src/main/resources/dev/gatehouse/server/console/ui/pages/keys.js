// The Keys page: the virtual keys with search and filters (#/keys), one key with its budget use
// (#/keys/key_…), and for owners and key-admins creation, edits, rotation and revocation. The
// secret of a new or rotated key is shown once, in a dialog, and dropped when it closes.
import { el, formatTime, toast } from '../dom.js';
import { changedFields, confirmDialog, field, formError, openDialog, select, sendForm, showSecretOnce } from '../forms.js';
import { budgetPanel, limitsSummary } from '../budget.js';
import { loadCatalog } from '../catalog.js';
import { keyBody, keyForm } from './key-form.js';
import { fillPage, redraw, routeParam, subPath } from './page-parts.js';

const GRACE = [['0', 'End the old secret now'], ['3600', '1 hour'], ['86400', '24 hours'], ['604800', '7 days'],
  ['2592000', '30 days']];

/** 'active', 'expired' or 'revoked': the API says active for a key past its expiry, which no longer works. */
function statusOf(key) {
  if (key.status === 'active' && key.expires && Date.parse(key.expires) <= Date.now()) return 'expired';
  return key.status;
}

function statusBadge(key) {
  const status = statusOf(key);
  return el('span', { class: ['badge', status === 'active' ? 'active' : 'bad'] }, status);
}

/**
 * For a key that still opens with a secret imported from LiteLLM (docs/migrating-from-litellm.md),
 * a badge saying until when; that secret stops then, so the key wants rotating before it does.
 */
function liteLlmBadge(key) {
  if (!key.litellm_secret_until) return null;
  return el('span', { class: ['badge', 'warn', 'litellm-secret'], title: 'Rotate this key before its LiteLLM secret stops' },
    'LiteLLM secret until ', el('time', { datetime: key.litellm_secret_until }, formatTime(key.litellm_secret_until)));
}

export default {
  path: 'keys',
  title: 'Keys',
  roles: ['owner', 'key-admin', 'auditor'],
  async render(root, ctx) {
    const id = subPath(ctx);
    return id ? renderKey(root, ctx, id) : renderList(root, ctx);
  },
};

async function renderList(root, ctx) {
  const [keys, teams] = await Promise.all([ctx.api.get('/admin/keys'), ctx.api.get('/admin/teams')]);
  const teamName = new Map(teams.data.map((team) => [team.id, team.name]));
  const search = el('input', { id: 'keys-search', type: 'search', placeholder: 'Name or key id', autocomplete: 'off' });
  const teamFilter = select('keys-team', [['', 'All teams'], ['-', 'No team'],
    ...teams.data.map((team) => [team.id, team.name])], routeParam(ctx, 'team') || '');
  const statusFilter = select('keys-status', [['', 'Any status'], ['active', 'Active'], ['expired', 'Expired'],
    ['revoked', 'Revoked']], '');
  const body = el('tbody');
  const count = el('p', { id: 'keys-count', role: 'status' });

  const show = () => {
    const words = search.value.trim().toLowerCase();
    const shown = keys.data.filter((key) => (!words || key.name.toLowerCase().includes(words) || key.id.includes(words))
      && (!teamFilter.value || (teamFilter.value === '-' ? !key.team_id : key.team_id === teamFilter.value))
      && (!statusFilter.value || statusOf(key) === statusFilter.value));
    body.replaceChildren(...shown.map((key) => el('tr', { 'data-key-id': key.id },
      el('th', { scope: 'row' }, el('a', { href: `#/keys/${key.id}` }, key.name), el('br'), el('code', {}, key.id)),
      el('td', {}, key.team_id ? el('a', { href: `#/teams/${key.team_id}` }, teamName.get(key.team_id) || key.team_id) : '—'),
      el('td', {}, key.models.length ? key.models.join(', ') : 'the team\'s'),
      el('td', {}, statusBadge(key), key.litellm_secret_until ? [el('br'), liteLlmBadge(key)] : null),
      el('td', {}, key.expires ? formatTime(key.expires) : 'never'),
      el('td', {}, limitsSummary(key)))));
    if (shown.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 6, class: 'empty' }, keys.data.length ? 'No key matches.' : 'No keys yet.')));
    }
    count.textContent = `${shown.length} of ${keys.data.length} keys`;
  };
  // 'input' as the user types or picks; 'change' too, for whatever sets a value without typing.
  for (const input of [search, teamFilter, statusFilter]) {
    input.addEventListener('input', show);
    input.addEventListener('change', show);
  }
  show();

  const create = ctx.can('manage-keys')
    ? el('button', { type: 'button', id: 'key-create', class: 'primary', on: { click: () => createKey(ctx, teams.data) } },
      'New key')
    : null;
  fillPage(root, 'Keys', create,
    el('form', { class: 'toolbar', role: 'search', on: { submit: (event) => event.preventDefault() } },
      field({ label: 'Search', input: search }), field({ label: 'Team', input: teamFilter }),
      field({ label: 'Status', input: statusFilter })),
    count,
    el('div', { class: 'table-wrap' }, el('table', { id: 'keys-table' },
      el('caption', { class: 'visually-hidden' }, 'Virtual keys'),
      el('thead', {}, el('tr', {}, ['Name', 'Team', 'Models', 'Status', 'Expires', 'Limits'].map((name) =>
        el('th', { scope: 'col' }, name)))),
      body)));
}

/** Opens the key form in a dialog; `send(body)` makes the request, `done(answer)` follows it. */
async function formDialog(ctx, { id, title, key, teams, send, done }) {
  const catalog = await loadCatalog(ctx.api);
  let handle;
  const form = keyForm({ key, teams, catalog, onCancel: () => handle.close(), onSubmit: async (read, formNode) => {
    const answer = await sendForm(formNode, async () => ({ body: await send(read()) }));
    if (answer) {
      handle.close();
      await done(answer.body);
    }
  } });
  handle = openDialog({ id, title, content: form });
  form.querySelector('input').focus();
}

function createKey(ctx, teams) {
  return formDialog(ctx, { id: 'key-create-dialog', title: 'New key', teams,
    send: (body) => ctx.api.send('POST', '/admin/keys', body),
    done: async (created) => {
      await showSecretOnce({ title: `Key "${created.name}" created`, secret: created.key });
      delete created.key;
      ctx.navigate(`keys/${created.id}`);
    } });
}

async function renderKey(root, ctx, id) {
  const key = await ctx.api.get(`/admin/keys/${encodeURIComponent(id)}`);
  const teams = (await ctx.api.get('/admin/teams')).data;
  const team = teams.find((t) => t.id === key.team_id);
  const rerender = () => redraw(root, () => renderKey(root, ctx, id));
  const active = key.status === 'active';
  const actions = el('div', { class: 'actions' },
    el('button', { type: 'button', id: 'key-refresh', class: 'secondary', on: { click: rerender } }, 'Refresh'),
    ctx.can('manage-keys') && active ? [
      el('button', { type: 'button', id: 'key-edit', class: 'secondary', on: { click: () => editKey(ctx, key, teams, rerender) } }, 'Edit'),
      el('button', { type: 'button', id: 'key-rotate', class: 'secondary', on: { click: () => rotateKey(ctx, key, rerender) } }, 'Rotate'),
      el('button', { type: 'button', id: 'key-revoke', class: 'danger', on: { click: () => revokeKey(ctx, key, rerender) } },
        'Revoke'),
    ] : null);
  const row = (term, value) => [el('dt', {}, term), el('dd', {}, value)];
  // fillPage appends with the DOM's append, which would write a null as text: pass the notice only when there is one.
  const notice = liteLlmNotice(ctx, key, active, rerender);
  fillPage(root, key.name, actions,
    el('p', {}, el('a', { href: '#/keys' }, '← All keys')),
    ...(notice ? [notice] : []),
    el('dl', { class: 'detail-list', id: 'key-details' },
      row('ID', el('code', {}, key.id)),
      row('Status', statusBadge(key)),
      row('Team', team ? el('a', { href: `#/teams/${team.id}` }, team.name) : key.team_id || 'none'),
      row('Models', key.models.length ? key.models.join(', ') : 'the team\'s models'),
      row('Endpoints', key.endpoints.join(', ')),
      row('Allowed addresses', key.allowed_ips.length ? key.allowed_ips.join(', ') : 'any'),
      row('Expires', key.expires ? formatTime(key.expires) : 'never'),
      key.litellm_secret_until ? row('LiteLLM secret', liteLlmBadge(key)) : null,
      row('Limits', limitsSummary(key)),
      row('Created', formatTime(key.created_at)),
      row('Updated', formatTime(key.updated_at)),
      key.revoked_at ? row('Revoked', formatTime(key.revoked_at)) : null,
      Object.keys(key.metadata || {}).length ? row('Metadata', el('pre', {}, JSON.stringify(key.metadata, null, 2))) : null),
    budgetPanel(ctx.api, 'key', key));
}

/**
 * A key whose clients may still send the sk-… secret it was imported with: that secret stops at
 * `litellm_secret_until`, so the key should be rotated and its clients given the new secret first.
 */
function liteLlmNotice(ctx, key, active, rerender) {
  if (!key.litellm_secret_until) return null;
  const until = formatTime(key.litellm_secret_until);
  return el('div', { class: 'notice', id: 'key-litellm-notice', role: 'note' },
    el('p', {}, `This key was imported from LiteLLM. Its LiteLLM secret (sk-…) keeps working until ${until}, then stops. `
      + 'Rotate the key and give its clients the new secret before then.'),
    ctx.can('manage-keys') && active
      ? el('button', { type: 'button', id: 'key-litellm-rotate', class: 'primary',
        on: { click: () => rotateKey(ctx, key, rerender) } }, 'Rotate now')
      : null);
}

function editKey(ctx, key, teams, rerender) {
  return formDialog(ctx, { id: 'key-edit-dialog', title: `Edit "${key.name}"`, key, teams,
    send: async (body) => {
      const changes = changedFields(keyBody(key), body);
      return Object.keys(changes).length
        ? ctx.api.send('PATCH', `/admin/keys/${encodeURIComponent(key.id)}`, changes) : null;
    },
    done: async (updated) => {
      await rerender();
      toast(updated ? 'Key saved.' : 'Nothing changed.');
    } });
}

function rotateKey(ctx, key, rerender) {
  let handle;
  const grace = select('rotate-grace', GRACE, '86400');
  const form = el('form', { id: 'rotate-form', class: 'stacked' },
    el('p', {}, 'A new secret is made. The current one keeps working for the grace period, so clients can switch.'),
    formError('rotate-form'),
    field({ label: 'Grace period for the current secret', param: 'grace_seconds', input: grace }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'rotate-cancel', class: 'secondary', on: { click: () => handle.close() } }, 'Cancel'),
      el('button', { type: 'submit', id: 'rotate-submit', class: 'primary' }, 'Rotate')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const rotated = await sendForm(form, () => ctx.api.send('POST', `/admin/keys/${encodeURIComponent(key.id)}/rotate`,
      { grace_seconds: Number(grace.value) }));
    if (!rotated) return;
    handle.close();
    await showSecretOnce({ title: `Key "${key.name}" rotated`, secret: rotated.key,
      detail: `The previous secret works until ${formatTime(rotated.previous_key_expires)}.` });
    delete rotated.key;
    await rerender();
  });
  handle = openDialog({ id: 'rotate-dialog', title: `Rotate "${key.name}"`, content: form });
  grace.focus();
}

async function revokeKey(ctx, key, rerender) {
  const sure = await confirmDialog({ id: 'revoke-dialog', title: `Revoke "${key.name}"?`, danger: true,
    confirmLabel: 'Revoke', message: 'Every request with this key is refused from now on. This can not be undone.' });
  if (!sure) return;
  try {
    await ctx.api.send('POST', `/admin/keys/${encodeURIComponent(key.id)}/revoke`);
    await rerender();
  } catch (error) {
    toast(error.message, 'error');
  }
}
