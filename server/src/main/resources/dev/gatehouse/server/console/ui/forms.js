// Form pieces shared by the Keys and Teams pages: labelled fields, the API's errors shown next
// to the field they name, modal dialogs, and the one dialog that shows a new secret once.
// Everything is built with el() (textContent only), so no value is ever read as HTML.
import { el, clear } from './dom.js';

let fieldCount = 0;

/**
 * A labelled field: the label names the input, a hint and an error line describe it
 * (aria-describedby), and data-param is the admin API's name for it, so an ApiError's
 * `param` finds the field it is about.
 */
export function field({ label, input, param, hint }) {
  const id = input.id || `field-${++fieldCount}`;
  input.id = id;
  const hintNode = hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  input.setAttribute('aria-describedby', [hintNode && hintNode.id, error.id].filter(Boolean).join(' '));
  return el('div', { class: 'field', 'data-param': param || '' },
    el('label', { for: id }, label), input, hintNode, error);
}

/** A text input; `list` names a <datalist> of suggestions (an attribute: the property is read-only). */
export function textInput(id, value, { list, ...attrs } = {}) {
  const input = el('input', { id, type: 'text', value: value ?? '', autocomplete: 'off', ...attrs });
  if (list) input.setAttribute('list', list);
  return input;
}

export function numberInput(id, value, attrs = {}) {
  return el('input', { id, type: 'number', value: value ?? '', inputMode: 'decimal', ...attrs });
}

/** A select from [value, label] pairs, `selected` chosen. */
export function select(id, options, selected) {
  return el('select', { id },
    options.map(([value, label]) => el('option', { value, selected: value === (selected ?? '') }, label)));
}

/** A fieldset of checkboxes, one per [value, label], those in `checked` ticked. */
export function checkboxes({ id, legend, param, options, checked, hint }) {
  const ticked = new Set(checked || []);
  return el('fieldset', { class: 'checkboxes', id, 'data-param': param },
    el('legend', {}, legend),
    hint ? el('p', { class: 'hint' }, hint) : null,
    el('div', { class: 'checks' }, options.map(([value, label]) => {
      const box = el('input', { type: 'checkbox', id: `${id}-${value.replace(/[^A-Za-z0-9_-]/g, '_')}`, value,
        checked: ticked.has(value) });
      return el('label', { class: 'checkbox', for: box.id }, box, ' ', label);
    })),
    el('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

/**
 * Models and access groups: a checkbox each for what the gateway serves (and "*", every model),
 * and a text field for any other name, such as a model not configured yet.
 */
export function modelPicker({ id, catalog, selected, hint }) {
  const options = [['*', 'All models (*)'], ...catalog.models.map((model) => [model.name, model.name]),
    ...catalog.groups.map((group) => [group, `${group} (access group)`])];
  const known = new Set(options.map(([value]) => value));
  const picker = checkboxes({ id, legend: 'Models and access groups', param: 'models', options, checked: selected, hint });
  picker.append(field({ label: 'Other models or access groups (comma-separated)',
    input: textInput(`${id}-other`, (selected || []).filter((name) => !known.has(name)).join(', ')) }));
  return picker;
}

export function pickedModels(picker) {
  const other = picker.querySelector(`#${picker.id}-other`);
  return [...new Set([...checkedValues(picker), ...listOf(other.value)])];
}

export function checkedValues(fieldset) {
  return [...fieldset.querySelectorAll('input[type=checkbox]')].filter((box) => box.checked).map((box) => box.value);
}

/** Items of a list typed as text: split at commas and line breaks, blanks dropped. */
export function listOf(text) {
  return String(text || '').split(/[,\n]/).map((item) => item.trim()).filter(Boolean);
}

/** A number field's value: null when empty, else the number (NaN kept, for the API to name). */
export function numberOf(input) {
  const text = input.value.trim();
  return text === '' ? null : Number(text);
}

/** A mistake found before sending, named like the API's errors: `param` is the field. */
export class FieldError extends Error {
  constructor(param, message) {
    super(message);
    this.param = param;
  }
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((line) => { line.hidden = true; line.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

/**
 * Shows an error next to the field it names (the API's `param`, or a field name the message
 * starts with), else in the form's own error line; focuses the field so a keyboard or screen
 * reader user lands on it.
 */
export function showError(form, error) {
  clearErrors(form);
  const message = error && error.message ? error.message : String(error);
  const named = error && error.param ? String(error.param) : (message.match(/^([a-z_]+)[: ]/) || [])[1];
  // "allowed_ips[2]" or "metadata.owner" is about the field allowed_ips or metadata.
  const param = named ? named.split(/[.[]/)[0] : null;
  const target = param ? form.querySelector(`[data-param="${CSS.escape(param)}"]`) : null;
  const line = target ? target.querySelector('.field-error') : form.querySelector('.form-error');
  line.textContent = message;
  line.hidden = false;
  const input = target ? target.querySelector('input, select, textarea') : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } else {
    line.focus();
  }
}

/**
 * Sends a form: `send()` with the submit button disabled meanwhile (no second request from a
 * second click), its refusal shown next to its field. Resolves to the answer, or null when refused.
 */
export async function sendForm(form, send) {
  const submit = form.querySelector('[type=submit]');
  submit.disabled = true;
  try {
    return await send();
  } catch (error) {
    showError(form, error);
    return null;
  } finally {
    submit.disabled = false;
  }
}

/** The form's own error line, for errors that name no field. */
export function formError(id) {
  return el('p', { class: 'form-error field-error', id: `${id}-error`, role: 'alert', tabIndex: -1, hidden: true });
}

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert and moves
 * focus in, Escape fires `cancel` and closes it (MDN, "HTMLDialogElement: cancel event"). On
 * close the dialog leaves the DOM and focus goes back to what had it before.
 */
export function openDialog({ id, title, content, onClose }) {
  const opener = document.activeElement;
  const heading = el('h2', { id: `${id}-title` }, title);
  const dialog = el('dialog', { id, class: 'dialog', 'aria-labelledby': heading.id }, heading, content);
  let finished = false;
  // Runs once, whether the page closed the dialog or the user pressed Escape.
  const finish = () => {
    if (finished) return;
    finished = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    if (onClose) onClose();
    if (opener && opener.isConnected) opener.focus();
  };
  dialog.addEventListener('close', finish);
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close: finish };
}

/** Asks before something that can not be undone; resolves true when confirmed. */
export function confirmDialog({ id, title, message, confirmLabel, danger }) {
  return new Promise((resolve) => {
    let confirmed = false;
    const yes = el('button', { type: 'button', id: `${id}-confirm`, class: danger ? 'danger' : 'primary',
      on: { click: () => { confirmed = true; handle.close(); } } }, confirmLabel);
    const no = el('button', { type: 'button', id: `${id}-cancel`, class: 'secondary', on: { click: () => handle.close() } }, 'Cancel');
    const handle = openDialog({ id, title, content: [el('p', {}, message), el('div', { class: 'actions' }, no, yes)],
      onClose: () => resolve(confirmed) });
    no.focus();
  });
}

/**
 * Shows a new secret once, with a copy button. The secret lives only in this dialog's text and
 * in the closure below; closing the dialog removes the node and drops the reference, so nothing
 * of it stays in the page (it is never put in storage, a URL or a cookie).
 */
export function showSecretOnce({ title, secret, detail }) {
  return new Promise((resolve) => {
    let value = secret;
    const shown = el('code', { id: 'secret-value', class: 'secret-value' }, value);
    const status = el('p', { id: 'secret-copy-status', role: 'status' });
    const copy = el('button', { type: 'button', id: 'secret-copy', class: 'primary', on: { click: async () => {
      // The Clipboard API needs a secure context (HTTPS or loopback) and may be refused; then
      // the text is selected so that the user copies it by hand (MDN, "Clipboard: writeText()").
      try {
        await navigator.clipboard.writeText(value);
        status.textContent = 'Copied.';
      } catch (refused) {
        const range = document.createRange();
        range.selectNodeContents(shown);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = 'The browser did not allow copying: the key is selected, copy it with Ctrl+C.';
      }
    } } }, 'Copy');
    const done = el('button', { type: 'button', id: 'secret-close', class: 'secondary', on: { click: () => handle.close() } },
      'I have copied it');
    const handle = openDialog({ id: 'secret-dialog', title, content: [
      el('p', { class: 'warning' }, 'Copy this key now: you will not see it again. Gatehouse keeps only its hash.'),
      detail ? el('p', {}, detail) : null,
      shown, status, el('div', { class: 'actions' }, copy, done)],
    onClose: () => {
      value = null;
      clear(shown);
      window.getSelection().removeAllRanges();
      resolve();
    } });
    copy.focus();
  });
}

/** The text of a JSON object field; '' for an empty object. */
export function metadataText(metadata) {
  return metadata && Object.keys(metadata).length ? JSON.stringify(metadata, null, 2) : '';
}

/** The metadata typed, as an object; throws an error naming `metadata` when it is not one. */
export function metadataOf(textarea) {
  const text = textarea.value.trim();
  if (text === '') return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (bad) {
    throw new FieldError('metadata', `metadata: not JSON (${bad.message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new FieldError('metadata', 'metadata: must be a JSON object, such as {"owner": "data-team"}');
  }
  return value;
}

/** Only the fields of `next` that differ from `original`: the body of a PATCH. */
export function changedFields(original, next) {
  const changes = {};
  for (const [name, value] of Object.entries(next)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(original[name] ?? null)) changes[name] = value;
  }
  return changes;
}
