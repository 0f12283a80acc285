// Pieces every page of Keys, Teams and Playground is built from: its root section with a
// heading and its actions, and the part of the route after the page's name.
import { el } from '../dom.js';

/** <section id="page-NAME"> with an h1, the actions beside it, then the children. */
export function pageSection(name, title, actions, ...children) {
  return el('section', { id: `page-${name}`, class: 'page', 'aria-labelledby': `page-${name}-title` },
    el('header', { class: 'page-header' }, el('h1', { id: `page-${name}-title`, tabIndex: -1 }, title), actions),
    ...children);
}

/** "key_123" for #/keys/key_123; null on the page's own list. */
export function subPath(ctx) {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, '').split('?')[0]);
  const rest = hash.split('/').slice(1).join('/');
  return rest || null;
}

/**
 * Draws a page again in place; when the focus was on something the redraw removed (the button
 * that started it), it goes to the page's heading rather than being lost to the document.
 */
export async function redraw(root, draw) {
  root.replaceChildren();
  await draw();
  if (document.activeElement === document.body || !document.activeElement) {
    const heading = root.querySelector('h1');
    if (heading) heading.focus();
  }
}
