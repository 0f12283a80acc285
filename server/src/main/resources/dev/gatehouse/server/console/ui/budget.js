// A key's or team's budget and rate limits: the form fields that set them, and what has been
// spent in the current budget period against max_budget (read from the spend log through
// GET /admin/spend, as docs/limits.md describes the period).
import { el, formatNumber, formatTime, formatUsd } from './dom.js';
import { field, numberInput, numberOf, select, textInput } from './forms.js';

const SINCE = { daily: 'today', weekly: 'this week', monthly: 'this month' };
const PERIODS = [['', 'Never resets'], ['daily', 'Daily'], ['weekly', 'Weekly'], ['monthly', 'Monthly']];

/** The limit fields of the admin API (docs/admin-api.md, "Keys"), ids prefixed by `prefix`. */
export function limitFields(prefix, values = {}) {
  const zones = el('datalist', { id: `${prefix}-timezones` },
    (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : ['UTC']).map((zone) => el('option', { value: zone })));
  return el('fieldset', { class: 'limits' },
    el('legend', {}, 'Budget and rate limits'),
    el('p', { class: 'hint' }, 'Empty means no limit of that kind.'),
    el('div', { class: 'field-row' },
      field({ label: 'Max budget (USD per period)', param: 'max_budget',
        input: numberInput(`${prefix}-max-budget`, values.max_budget, { min: 0, step: 'any' }) }),
      field({ label: 'Soft budget (USD, alert only)', param: 'soft_budget',
        input: numberInput(`${prefix}-soft-budget`, values.soft_budget, { min: 0, step: 'any' }) })),
    el('div', { class: 'field-row' },
      field({ label: 'Budget period', param: 'budget_duration',
        input: select(`${prefix}-budget-duration`, PERIODS, values.budget_duration) }),
      field({ label: 'Time zone of the period', param: 'budget_timezone', hint: 'UTC when empty',
        input: textInput(`${prefix}-budget-timezone`, values.budget_timezone, { list: zones.id }) }), zones),
    el('div', { class: 'field-row' },
      field({ label: 'Requests per minute', param: 'rpm_limit',
        input: numberInput(`${prefix}-rpm`, values.rpm_limit, { min: 0, step: 1 }) }),
      field({ label: 'Tokens per minute', param: 'tpm_limit',
        input: numberInput(`${prefix}-tpm`, values.tpm_limit, { min: 0, step: 1 }) }),
      field({ label: 'Requests in flight', param: 'max_parallel_requests',
        input: numberInput(`${prefix}-parallel`, values.max_parallel_requests, { min: 0, step: 1 }) })));
}

/** The limit fields' values as the API takes them: null for an empty field. */
export function readLimits(form, prefix) {
  const input = (name) => form.querySelector(`#${prefix}-${name}`);
  const text = (name) => input(name).value.trim() || null;
  return {
    max_budget: numberOf(input('max-budget')),
    soft_budget: numberOf(input('soft-budget')),
    budget_duration: text('budget-duration'),
    budget_timezone: text('budget-timezone'),
    rpm_limit: numberOf(input('rpm')),
    tpm_limit: numberOf(input('tpm')),
    max_parallel_requests: numberOf(input('parallel')),
  };
}

/** The limits of a key or team in a line, for tables: "$50.00 monthly · 60 rpm". */
export function limitsSummary(subject) {
  const parts = [];
  if (subject.max_budget != null) {
    parts.push(`${formatUsd(subject.max_budget)} ${subject.budget_duration || 'in total'}`);
  }
  if (subject.rpm_limit != null) parts.push(`${formatNumber(subject.rpm_limit)} rpm`);
  if (subject.tpm_limit != null) parts.push(`${formatNumber(subject.tpm_limit)} tpm`);
  if (subject.max_parallel_requests != null) parts.push(`${formatNumber(subject.max_parallel_requests)} in flight`);
  return parts.join(' · ') || 'none';
}

// The wall-clock fields of instant `ms` in time zone `zone`.
function zoned(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
    month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'),
    second: part('second') };
}

// How far `zone` is ahead of UTC at instant `ms`, in milliseconds.
function offset(ms, zone) {
  const t = zoned(ms, zone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - Math.floor(ms / 1000) * 1000;
}

// The first instant of the given calendar day in `zone`: its midnight, or when a daylight-saving
// change skips midnight, the first time that day has.
function midnight(year, month, day, zone) {
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - offset(wall, zone);
  const candidates = [first, wall - offset(first, zone)].filter((t) => {
    const local = zoned(t, zone);
    return local.year === year && local.month === month && local.day === day;
  });
  return candidates.length ? Math.min(...candidates) : first;
}

/**
 * When the current budget period began: midnight in the budget's time zone of today, of this
 * week's Monday, or of the 1st of this month (docs/limits.md, "Periods"); the key's or team's
 * creation for a budget that never resets.
 */
export function periodStart(subject, now = Date.now()) {
  const zone = subject.budget_timezone || 'UTC';
  const today = zoned(now, zone);
  switch (subject.budget_duration) {
    case 'daily':
      return midnight(today.year, today.month, today.day, zone);
    case 'weekly': {
      const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
      const monday = new Date(Date.UTC(today.year, today.month - 1, today.day - ((weekday + 6) % 7)));
      return midnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), zone);
    }
    case 'monthly':
      return midnight(today.year, today.month, 1, zone);
    default:
      return Date.parse(subject.created_at);
  }
}

/** What `subject` (a key or team, `kind` 'key' or 'team') has spent since its period began. */
export async function spentThisPeriod(api, kind, subject) {
  const from = new Date(periodStart(subject)).toISOString();
  // `to` is exclusive: a minute ahead takes in the rows written up to now.
  const to = new Date(Date.now() + 60_000).toISOString();
  const totals = await api.get(`/admin/spend?group_by=${kind}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  const row = totals.data.find((total) => total[kind] === subject.id);
  return { from, spent: row ? Number(row.cost_usd) : 0, requests: row ? row.requests : 0 };
}

/** A panel with the budget use of `subject`, filled in once the spend is read. */
export function budgetPanel(api, kind, subject) {
  const body = el('div', { class: 'budget-body' }, el('p', {}, 'Reading the spend log…'));
  const panel = el('section', { class: 'card budget', id: `${kind}-budget`, 'aria-labelledby': `${kind}-budget-title` },
    el('h2', { id: `${kind}-budget-title` }, 'Budget'), body);
  spentThisPeriod(api, kind, subject).then(({ from, spent, requests }) => {
    const since = SINCE[subject.budget_duration] || 'since it was created';
    if (subject.max_budget == null) {
      body.replaceChildren(el('p', { id: `${kind}-budget-spent` },
        `${formatUsd(spent)} spent ${since} (${requests} ${requests === 1 ? 'request' : 'requests'}); no budget set.`));
      return;
    }
    const max = Number(subject.max_budget);
    const remaining = Math.max(0, max - spent);
    body.replaceChildren(
      el('meter', { id: `${kind}-budget-meter`, min: 0, max, value: Math.min(spent, max), optimum: 0,
        high: subject.soft_budget != null ? Number(subject.soft_budget) : max * 0.8, low: 0,
        'aria-label': `Budget used ${since}` }),
      el('p', { id: `${kind}-budget-spent` }, `${formatUsd(spent)} of ${formatUsd(max)} spent ${since}`,
        ` (${requests} ${requests === 1 ? 'request' : 'requests'} since ${formatTime(from)}).`),
      el('p', {}, 'Remaining: ', el('strong', { id: `${kind}-budget-remaining`, 'data-usd': String(remaining) },
        formatUsd(remaining))));
  }).catch((error) => {
    body.replaceChildren(el('p', { class: 'field-error', role: 'alert' }, `The spend could not be read: ${error.message}`));
  });
  return panel;
}
