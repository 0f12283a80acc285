// Pieces every page of Keys, Teams and Playground is built from: its root section with a
// heading and its actions, and the part of the route after the page's name.
import { el } from '../dom.js';

/** <section id="page-NAME"> with an h1, the actions beside it, then the children. */
export function pageSection(name, title, actions, ...children) {
  return el('section', { id: `page-${name}`, class: 'page', 'aria-labelledby': `page-${name}-title` },
    el('header', { class: 'page-header' }, el('h1', { id: `page-${name}-title` }, title), actions),
    ...children);
}

/** "key_123" for #/keys/key_123; null on the page's own list. */
export function subPath(ctx) {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, '').split('?')[0]);
  const rest = hash.split('/').slice(1).join('/');
  return rest || null;
}
