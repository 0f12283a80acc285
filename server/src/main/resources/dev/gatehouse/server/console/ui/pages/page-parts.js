// Pieces the Keys, Teams and Playground pages are built from: the heading of the page's section
// (made by the shell, <section id="page-NAME">) with its actions, the part of the route after the
// page's name, and drawing a page again in place.
import { el } from '../dom.js';

/** Fills the page's section: an h1 (the section's label) with the actions beside it, then the children. */
export function fillPage(section, title, actions, ...children) {
  section.append(el('header', { class: 'page-header' }, el('h1', { id: 'page-title', tabIndex: -1 }, title), actions),
    ...children);
  return section;
}

/** "key_123" for #/keys/key_123; null on the page's own list. */
export function subPath(ctx) {
  return (ctx.route && ctx.route.rest[0]) || null;
}

/** A query parameter of the route (#/keys?team=team_1), or null. */
export function routeParam(ctx, name) {
  return (ctx.route && ctx.route.params.get(name)) || null;
}

/**
 * Draws a page again in place; when the focus was on something the redraw removed (the button
 * that started it), it goes to the page's heading rather than being lost to the document.
 */
export async function redraw(section, draw) {
  section.replaceChildren();
  await draw();
  if (document.activeElement === document.body || !document.activeElement) {
    const heading = section.querySelector('h1');
    if (heading) heading.focus();
  }
}
