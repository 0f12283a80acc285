// The Playground: a chat through POST /admin/playground/chat/completions as a chosen virtual
// key, so an admin sees what that key may do: its models, its limits, its errors as the API
// words them. The answer streams in (fetch and a ReadableStream, the SSE `data:` lines read
// as they come); the gateway's headers and the usage are shown beside it.
import { el, formatNumber } from '../dom.js';
import { field, textInput } from '../forms.js';
import { allowedModels, loadCatalog } from '../catalog.js';
import { readEvents } from '../sse.js';
import { fillPage } from './page-parts.js';

const HEADERS = ['x-gatehouse-deployment', 'x-gatehouse-overhead-ms', 'x-gatehouse-attempts', 'x-gatehouse-fallback',
  'x-request-id', 'x-ratelimit-remaining-requests', 'x-ratelimit-remaining-tokens'];

export default {
  path: 'playground',
  title: 'Playground',
  roles: ['owner', 'key-admin'],
  async render(root, ctx) {
    if (!ctx.can('manage-keys')) {
      fillPage(root, 'Playground', null,
        el('p', {}, 'The playground sends requests as a virtual key; it needs the owner or key-admin role.'));
      return undefined;
    }
    const [keys, teams, catalog] = await Promise.all([ctx.api.get('/admin/keys'), ctx.api.get('/admin/teams'),
      loadCatalog(ctx.api)]);
    // A revoked or expired key would only be refused: only keys that work are offered.
    const active = keys.data.filter((key) => key.status === 'active'
      && !(key.expires && Date.parse(key.expires) <= Date.now()));
    const playground = new Playground(ctx, active, teams.data, catalog);
    playground.draw(root);
    return () => playground.stop();
  },
};

/** The API's refusal of a playground request, in its own words. */
class Refusal extends Error {
  constructor(status, error) {
    super(error.message);
    this.status = status;
    this.code = error.code;
  }
}

class Playground {
  constructor(ctx, keys, teams, catalog) {
    this.ctx = ctx;
    this.keys = keys;
    this.teams = teams;
    this.catalog = catalog;
    this.history = [];
    this.running = null;
  }

  draw(root) {
    this.key = el('select', { id: 'playground-key', on: { change: () => this.offerModels() } },
      this.keys.map((key) => el('option', { value: key.id }, `${key.name} (${key.id})`)));
    this.modelList = el('datalist', { id: 'playground-models' });
    this.model = textInput('playground-model', '', { list: this.modelList.id });
    this.system = el('textarea', { id: 'playground-system', rows: 2, placeholder: 'You are a helpful assistant.' });
    this.maxTokens = el('input', { id: 'playground-max-tokens', type: 'number', min: 1, step: 1 });
    this.input = el('textarea', { id: 'playground-input', rows: 3, required: true });
    this.messages = el('ol', { id: 'playground-messages', class: 'messages', 'aria-live': 'polite' });
    this.error = el('p', { id: 'playground-error', class: 'field-error', role: 'alert', hidden: true });
    this.meta = el('dl', { id: 'playground-meta', class: 'detail-list' });
    this.send = el('button', { type: 'submit', id: 'playground-send', class: 'primary' }, 'Send');
    this.stopButton = el('button', { type: 'button', id: 'playground-stop', class: 'secondary', disabled: true, on: { click: () => this.stop() } },
      'Stop');
    const clearButton = el('button', { type: 'button', id: 'playground-clear', class: 'secondary', on: { click: () => this.clear() } },
      'New conversation');
    this.offerModels();
    const form = el('form', { id: 'playground-form', class: 'stacked', on: { submit: (event) => {
      event.preventDefault();
      this.ask();
    } } },
    this.keys.length === 0 ? el('p', {}, 'There is no active key: make one on the Keys page first.') : null,
    el('div', { class: 'field-row' },
      field({ label: 'Virtual key', input: this.key }),
      field({ label: 'Model', input: this.model, hint: 'The models this key may use are suggested.' }), this.modelList,
      field({ label: 'Max tokens (optional)', input: this.maxTokens })),
    field({ label: 'System prompt (optional)', input: this.system }),
    this.messages,
    field({ label: 'Message', input: this.input }),
    this.error,
    el('div', { class: 'actions' }, clearButton, this.stopButton, this.send));
    fillPage(root, 'Playground', null, el('div', { class: 'playground-layout' }, form,
      el('section', { class: 'card', 'aria-labelledby': 'playground-meta-title' },
        el('h2', { id: 'playground-meta-title' }, 'Last answer'), this.meta)));
  }

  /** Suggests the models the chosen key may use: its own list, or its team's when it has none. */
  offerModels() {
    const key = this.keys.find((k) => k.id === this.key.value);
    if (!key) return;
    const team = this.teams.find((t) => t.id === key.team_id);
    const scope = key.models.length ? key.models : (team ? team.models : []);
    const names = this.catalog.available ? allowedModels(this.catalog, scope) : scope.filter((name) => name !== '*');
    this.modelList.replaceChildren(...names.map((name) => el('option', { value: name })));
    if (!names.includes(this.model.value)) this.model.value = names[0] || '';
  }

  clear() {
    this.stop();
    this.history = [];
    this.messages.replaceChildren();
    this.meta.replaceChildren();
    this.error.hidden = true;
  }

  stop() {
    if (this.running) this.running.abort();
  }

  bubble(role, text) {
    const body = el('p', { class: 'message-text' }, text);
    this.messages.append(el('li', { class: `message message-${role}` }, el('span', { class: 'message-role' }, role), body));
    return body;
  }

  async ask() {
    const text = this.input.value.trim();
    if (!text || this.running) return;
    this.error.hidden = true;
    const question = this.bubble('user', text).parentNode;
    this.history.push({ role: 'user', content: text });
    this.input.value = '';
    const previous = this.messages.querySelector('#playground-answer');
    if (previous) previous.removeAttribute('id');
    const answer = this.bubble('assistant', '');
    const answerItem = answer.parentNode;
    answer.id = 'playground-answer';
    answer.setAttribute('aria-busy', 'true');
    const controller = new AbortController();
    this.running = controller;
    this.send.disabled = true;
    this.stopButton.disabled = false;
    try {
      const reply = await this.stream(controller.signal, answer);
      this.history.push({ role: 'assistant', content: reply });
    } catch (error) {
      // A refused request leaves the conversation as it was, the question back in its box to send again.
      this.history.pop();
      question.remove();
      answerItem.remove();
      this.input.value = text;
      this.showError(error);
    } finally {
      answer.removeAttribute('aria-busy');
      this.running = null;
      this.send.disabled = false;
      this.stopButton.disabled = true;
    }
  }

  request() {
    const messages = this.system.value.trim() ? [{ role: 'system', content: this.system.value.trim() }] : [];
    const body = { key_id: this.key.value, model: this.model.value.trim(), messages: [...messages, ...this.history],
      stream: true, stream_options: { include_usage: true } };
    if (this.maxTokens.value) body.max_tokens = Number(this.maxTokens.value);
    return body;
  }

  /** Sends the conversation and shows the answer as it streams in; resolves to its text. */
  async stream(signal, answer) {
    const response = await fetch('/admin/playground/chat/completions', {
      // Not api.fetch: its 401 means "the console's session ended", while here a 401 is the chosen
      // key's own answer (revoked, expired), to be shown like any other refusal.
      method: 'POST', signal, credentials: 'same-origin', cache: 'no-store', redirect: 'error',
      headers: { 'content-type': 'application/json', 'x-gatehouse-csrf': this.ctx.session.csrf_token },
      body: JSON.stringify(this.request()),
    });
    this.showHeaders(response.headers);
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      const error = body && body.error ? body.error : { message: `HTTP ${response.status}` };
      if (response.status === 401 && error.code === 'invalid_admin_key') {
        // The admin's own session is over (not the key's refusal): the shell shows the sign-in.
        window.dispatchEvent(new CustomEvent('gatehouse:signed-out'));
      }
      throw new Refusal(response.status, error);
    }
    let text = '';
    let chunks = 0;
    for await (const data of readEvents(response.body)) {
      if (data === '[DONE]') break;
      const event = JSON.parse(data);
      // After the first chunk a failure can only come inside the stream (docs/server.md, "Streaming").
      if (event.error) throw new Refusal(response.status, event.error);
      chunks += 1;
      const delta = event.choices && event.choices[0] && event.choices[0].delta;
      if (delta && delta.content) {
        text += delta.content;
        answer.textContent = text;
      }
      if (event.usage) this.showUsage(event.usage);
    }
    this.metaRow('Chunks received', 'playground-chunks', String(chunks));
    return text;
  }

  showHeaders(headers) {
    this.meta.replaceChildren();
    for (const name of HEADERS) {
      const value = headers.get(name);
      if (value !== null) this.metaRow(name, `playground-${name.replace(/^x-(gatehouse-)?/, '')}`, value);
    }
  }

  showUsage(usage) {
    this.metaRow('Usage', 'playground-usage', `${formatNumber(usage.prompt_tokens)} prompt + `
      + `${formatNumber(usage.completion_tokens)} completion = ${formatNumber(usage.total_tokens)} tokens`);
  }

  metaRow(term, id, value) {
    const existing = this.meta.querySelector(`#${id}`);
    if (existing) {
      existing.textContent = value;
      return;
    }
    this.meta.append(el('dt', {}, term), el('dd', { id }, value));
  }

  showError(error) {
    if (error && error.name === 'AbortError') {
      this.error.textContent = 'Stopped.';
    } else {
      const status = error.status ? `${error.status} ` : '';
      const code = error.code ? `${error.code}: ` : '';
      this.error.textContent = `${status}${code}${error.message}`;
    }
    this.error.hidden = false;
  }
}
