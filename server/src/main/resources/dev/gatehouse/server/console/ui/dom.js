// Building the page's DOM without ever parsing HTML: every value goes in as text (textContent or
// an attribute), so nothing a user or the API wrote can become markup or script. The console's
// code never uses innerHTML, outerHTML, insertAdjacentHTML or document.write (a test checks).

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'open', 'multiple',
  'required', 'readOnly', 'indeterminate', 'tabIndex']);

function apply(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false && !PROPERTIES.has(name)) {
      continue;
    }
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        node.addEventListener(event, handler);
      }
    } else if (name === 'style') {
      // The Content-Security-Policy refuses style attributes; use a class, or node.style.
      throw new Error('el(): no style attribute; use a class');
    } else if (name === 'href' && !(String(value).startsWith('#') || String(value).startsWith('/'))) {
      throw new Error('el(): href must be a path or a fragment of this console');
    } else if (name === 'class') {
      node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (PROPERTIES.has(name)) {
      node[name] = value;
    } else {
      node.setAttribute(name === 'htmlFor' ? 'for' : name, value === true ? '' : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** An HTML element: el('button', {class: 'primary', on: {click: save}}, 'Save'). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  apply(node, attrs);
  append(node, children);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element, for charts: svg('rect', {x: 0, y: 0, width: 10, height: 20}). */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) {
      continue;
    }
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        node.addEventListener(event, handler);
      }
    } else if (name === 'style') {
      throw new Error('svg(): no style attribute; use a class');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

/** Removes every child of node. */
export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
  return node;
}

/** US dollars from a number or a decimal string: $0.0123 keeps small amounts readable. */
export function formatUsd(value) {
  const n = Number(value || 0);
  const digits = n !== 0 && Math.abs(n) < 1 ? 4 : 2;
  return '$' + n.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

export function formatNumber(value) {
  return Number(value || 0).toLocaleString('en-US');
}

/** An ISO-8601 instant (or epoch milliseconds) in the browser's time zone; '—' for none. */
export function formatTime(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const date = new Date(value);
  return isNaN(date.getTime()) ? String(value) : date.toLocaleString('en-GB', {
    year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

/** A short message at the bottom of the screen, read out by screen readers. kind: 'info' or 'error'. */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  if (!region) {
    return;
  }
  const item = el('div', {class: ['toast', kind]}, message);
  region.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** A labelled form field: field('Name', el('input', {id: 'key-name'})). */
export function field(label, control, hint) {
  const id = control.id || ('f-' + Math.random().toString(36).slice(2));
  control.id = id;
  return el('div', {class: 'field'}, el('label', {for: id}, label), control,
    hint ? el('small', {class: 'hint'}, hint) : null);
}

/** A message for an API failure, next to where it happened; names the field the API named. */
export function errorBox(error) {
  const text = error && error.param ? error.param + ': ' + error.message : (error && error.message) || String(error);
  return el('p', {class: 'error', role: 'alert'}, text);
}
