// The form that creates or edits a virtual key: every scope and limit of the admin API
// (docs/admin-api.md, "Keys"), read back into the request body the API takes.
import { el } from '../dom.js';
import {
  FieldError, checkboxes, checkedValues, field, formError, listOf, metadataOf, metadataText, modelPicker, pickedModels,
  select, textInput,
} from '../forms.js';
import { limitFields, readLimits } from '../budget.js';

export const ENDPOINTS = ['chat', 'messages', 'embeddings', 'images', 'audio', 'rerank', 'models', 'responses',
  'completions'];

const P = 'key-form';

// A datetime-local input's value for an instant, in the browser's time zone.
function localInput(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * The form; `key` is the key being edited, absent for a new one. `onSubmit(body, form)` gets the
 * request body (every field; the caller sends what it needs).
 */
export function keyForm({ key, teams, catalog, onSubmit, onCancel }) {
  const editing = Boolean(key);
  const k = key || { models: [], endpoints: [], allowed_ips: [], metadata: {} };
  const expiryKind = select(`${P}-expiry`, [['never', 'Never'], ['duration', 'After a duration'], ['at', 'At a date and time']],
    k.expires ? 'at' : 'never');
  const duration = textInput(`${P}-duration`, '', { placeholder: '30d' });
  const expires = el('input', { id: `${P}-expires`, type: 'datetime-local', value: localInput(k.expires),
    'data-initial': localInput(k.expires) });
  const durationField = field({ label: 'Duration from now', param: 'duration', input: duration,
    hint: '30s, 30m, 12h, 30d or 2w' });
  const expiresField = field({ label: 'Expires at (your local time)', param: 'expires', input: expires });
  const showExpiry = () => {
    durationField.hidden = expiryKind.value !== 'duration';
    expiresField.hidden = expiryKind.value !== 'at';
  };
  expiryKind.addEventListener('change', showExpiry);

  const form = el('form', { id: P, class: 'stacked', novalidate: true },
    formError(P),
    field({ label: 'Name', param: 'name', input: textInput(`${P}-name`, k.name, { required: true, maxLength: 200 }) }),
    field({ label: 'Team', param: 'team_id', input: select(`${P}-team`,
      [['', 'No team'], ...teams.map((team) => [team.id, `${team.name} (${team.id})`])], k.team_id) }),
    modelPicker({ id: `${P}-models`, catalog, selected: k.models,
      hint: 'With a team, none ticked means the team\'s models; a key without a team needs some.' }),
    checkboxes({ id: `${P}-endpoints`, legend: 'Endpoints', param: 'endpoints',
      options: ENDPOINTS.map((name) => [name, name]), checked: editing ? k.endpoints : [],
      hint: 'None ticked: every endpoint.' }),
    field({ label: 'Allowed client addresses (CIDR, one per line)', param: 'allowed_ips',
      hint: 'Such as 10.0.0.0/8 or 2001:db8::/32. Empty: any address.',
      input: el('textarea', { id: `${P}-allowed-ips`, rows: 2, value: (k.allowed_ips || []).join('\n') }) }),
    el('fieldset', { class: 'expiry' }, el('legend', {}, 'Expiry'),
      field({ label: 'The key expires', input: expiryKind }), durationField, expiresField),
    limitFields(P, k),
    field({ label: 'Metadata (JSON object, optional)', param: 'metadata',
      input: el('textarea', { id: `${P}-metadata`, rows: 3, value: metadataText(k.metadata) }) }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: `${P}-cancel`, class: 'secondary', on: { click: onCancel } }, 'Cancel'),
      el('button', { type: 'submit', id: `${P}-submit`, class: 'primary' }, editing ? 'Save changes' : 'Create key')));
  showExpiry();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(() => readKeyForm(form, k, editing), form);
  });
  return form;
}

/** The body for POST /admin/keys (or, compared with the key, a PATCH); FieldError when a field can not be read. */
function readKeyForm(form, key, editing) {
  const value = (name) => form.querySelector(`#${P}-${name}`).value.trim();
  const body = {
    name: value('name'),
    team_id: value('team') || null,
    models: pickedModels(form.querySelector(`#${P}-models`)),
    allowed_ips: listOf(value('allowed-ips')),
    ...readLimits(form, P),
    metadata: metadataOf(form.querySelector(`#${P}-metadata`)),
  };
  const endpoints = checkedValues(form.querySelector(`#${P}-endpoints`));
  if (endpoints.length) {
    body.endpoints = endpoints.sort();
  } else if (editing) {
    body.endpoints = [...ENDPOINTS].sort();
  }
  switch (value('expiry')) {
    case 'duration':
      body.duration = value('duration');
      break;
    case 'at': {
      const input = form.querySelector(`#${P}-expires`);
      if (editing && input.value === input.dataset.initial) {
        body.expires = key.expires;
      } else {
        const at = new Date(input.value);
        if (Number.isNaN(at.getTime())) throw new FieldError('expires', 'expires: choose a date and time');
        body.expires = at.toISOString();
      }
      break;
    }
    default:
      body.expires = null;
  }
  return body;
}

/** A key's fields in the shape readKeyForm gives, to see what an edit changed. */
export function keyBody(key) {
  return {
    name: key.name, team_id: key.team_id, models: key.models, allowed_ips: key.allowed_ips,
    max_budget: key.max_budget, soft_budget: key.soft_budget, budget_duration: key.budget_duration,
    budget_timezone: key.budget_timezone, rpm_limit: key.rpm_limit, tpm_limit: key.tpm_limit,
    max_parallel_requests: key.max_parallel_requests, metadata: key.metadata || {},
    endpoints: [...key.endpoints].sort(), expires: key.expires,
  };
}
