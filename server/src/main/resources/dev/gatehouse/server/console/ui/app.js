// The console's shell: signing in and out, the navigation, and the hash router that shows one page
// module at a time (pages/NAME.js). Pages get a context: the session (name, role, CSRF token),
// the api, can(action) and navigate(path).

import {api, ApiError, setCsrfToken} from './api.js';
import {clear, el, errorBox, field, toast} from './dom.js';

const PAGES = [
  {path: 'overview', title: 'Overview'},
  {path: 'keys', title: 'Keys'},
  {path: 'teams', title: 'Teams'},
  {path: 'spend', title: 'Spend'},
  {path: 'audit', title: 'Audit log', roles: ['owner', 'auditor']},
  {path: 'models', title: 'Models'},
  {path: 'playground', title: 'Playground', roles: ['owner', 'key-admin']},
];

const ROLE_LABELS = {'owner': 'Owner', 'key-admin': 'Key admin', 'auditor': 'Auditor'};

let session = null;
let cleanup = null;
const root = document.getElementById('app');

function can(action) {
  const role = session && session.role;
  switch (action) {
    case 'owner': return role === 'owner';
    case 'manage-keys': return role === 'owner' || role === 'key-admin';
    case 'audit': return role === 'owner' || role === 'auditor';
    case 'read': return Boolean(role);
    default: return false;
  }
}

function visiblePages() {
  return PAGES.filter((page) => !page.roles || page.roles.includes(session.role));
}

/** '#/keys/key_1?x=1' → {page: 'keys', rest: ['key_1'], params: URLSearchParams}. */
function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return {page: parts[0] || 'overview', rest: parts.slice(1), params: new URLSearchParams(query || '')};
}

function navigate(path, params) {
  const query = params ? '?' + new URLSearchParams(params).toString() : '';
  location.hash = '#/' + path + query;
}

async function show() {
  if (!session) {
    return;
  }
  if (cleanup) {
    try {
      cleanup();
    } catch (ignored) {
      // a page's cleanup failing must not keep the next page from showing
    }
    cleanup = null;
  }
  const route = parseHash();
  const main = document.getElementById('main');
  const page = visiblePages().find((p) => p.path === route.page);
  for (const link of document.querySelectorAll('nav.pages a')) {
    link.toggleAttribute('aria-current', link.dataset.page === route.page);
    if (link.dataset.page === route.page) {
      link.setAttribute('aria-current', 'page');
    }
  }
  clear(main);
  if (!page) {
    main.appendChild(el('section', {id: 'page-missing'}, el('h1', {}, 'Not found'),
      el('p', {}, 'There is no such page, or your role can not see it.')));
    return;
  }
  const section = el('section', {id: 'page-' + page.path, class: 'page', 'aria-labelledby': 'page-title'});
  main.appendChild(section);
  document.title = page.title + ' · Gatehouse console';
  let module;
  try {
    module = (await import('./pages/' + page.path + '.js')).default;
  } catch (e) {
    section.appendChild(errorBox(new Error('This page could not be loaded: ' + e.message)));
    return;
  }
  try {
    const result = await module.render(section, {session, api, can, navigate, route});
    cleanup = typeof result === 'function' ? result : null;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      section.appendChild(errorBox(e));
    }
  }
}

function shell() {
  clear(root);
  const nav = el('nav', {class: 'pages', 'aria-label': 'Console pages'},
    el('ul', {}, visiblePages().map((page) =>
      el('li', {}, el('a', {href: '#/' + page.path, 'data-page': page.path}, page.title)))));
  const header = el('header', {class: 'top'},
    el('a', {class: 'brand', href: '#/overview'}, 'Gatehouse'),
    nav,
    el('div', {class: 'who'},
      el('span', {id: 'who-name'}, session.name),
      el('span', {id: 'who-role', class: ['badge', 'role-' + session.role]}, ROLE_LABELS[session.role] || session.role),
      el('button', {id: 'sign-out', type: 'button', class: 'secondary', on: {click: signOut}}, 'Sign out')));
  root.appendChild(header);
  root.appendChild(el('main', {id: 'main', tabindex: '-1'}));
}

async function signOut() {
  try {
    await api.send('DELETE', '/ui/api/session');
  } catch (e) {
    // signed out already (the session ended): the sign-in page is right either way
  }
  signedOut('You are signed out.');
}

function signedOut(message) {
  session = null;
  setCsrfToken(null);
  signInPage(message);
}

async function signInPage(message) {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  clear(root);
  document.title = 'Sign in · Gatehouse console';
  let config = {oidc: false};
  try {
    config = await api.get('/ui/api/config');
  } catch (ignored) {
    // the form still works without single sign-on
  }
  const keyInput = el('input', {id: 'admin-key', type: 'password', autocomplete: 'off', spellcheck: 'false',
    required: true, placeholder: 'gtw_ak_…'});
  const problem = el('div', {id: 'sign-in-problem'});
  const form = el('form', {id: 'sign-in-form', class: 'card', on: {submit: async (event) => {
    event.preventDefault();
    clear(problem);
    try {
      const opened = await api.send('POST', '/ui/api/session', {admin_key: keyInput.value});
      keyInput.value = '';
      start(opened);
    } catch (e) {
      problem.appendChild(errorBox(e));
      keyInput.focus();
    }
  }}},
  el('h1', {}, 'Gatehouse console'),
  message ? el('p', {class: 'notice'}, message) : null,
  field('Admin key', keyInput, 'The key is exchanged for a session; it is not kept by this page.'),
  problem,
  el('button', {id: 'sign-in', type: 'submit', class: 'primary'}, 'Sign in'),
  config.oidc ? el('p', {class: 'sso'}, el('a', {id: 'sign-in-sso', class: 'button secondary', href: '/ui/oidc/login'},
    'Sign in with single sign-on')) : null);
  root.appendChild(el('main', {id: 'main', class: 'sign-in'}, form));
  keyInput.focus();
}

function start(opened) {
  session = {name: opened.name, role: opened.role, subject: opened.subject, csrf_token: opened.csrf_token};
  setCsrfToken(opened.csrf_token);
  shell();
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    location.hash = '#/overview';
  } else {
    show();
  }
}

window.addEventListener('hashchange', show);
window.addEventListener('gatehouse:signed-out', () => {
  if (session) {
    signedOut('Your session is over; sign in again.');
  }
});

async function boot() {
  const current = await api.get('/ui/api/session');
  if (current && current.signed_in) {
    start(current);
  } else {
    signInPage(null);
  }
}

boot().catch((e) => toast(String(e), 'error'));
