// The console's one way to the server: the admin API and the console's own routes, always on this
// origin, with the session cookie (HttpOnly: this code never sees it) and, on every call that
// changes state, the session's CSRF token in a header. The token lives in this module's memory
// only, never in storage or a URL.

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

/** A refusal of the API, with its own message and the field it names. */
export class ApiError extends Error {
  constructor(status, error) {
    super((error && error.message) || ('HTTP ' + status));
    this.status = status;
    this.code = error && error.code;
    this.type = error && error.type;
    this.param = error && error.param;
  }
}

function headers(method, hasBody) {
  const result = {accept: 'application/json'};
  if (hasBody) {
    result['content-type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    result['x-gatehouse-csrf'] = csrfToken;
  }
  return result;
}

async function failure(response) {
  let error = null;
  try {
    const body = await response.json();
    error = body && body.error;
  } catch (ignored) {
    error = null;
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('gatehouse:signed-out'));
  }
  return new ApiError(response.status, error);
}

/** The raw response of a call, for streams; throws ApiError unless it is a 2xx. */
async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: headers(method, body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
  });
  if (!response.ok) {
    throw await failure(response);
  }
  return response;
}

async function json(method, path, body) {
  const response = await call(method, path, body);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Saves what a GET answers as a file: fetched with the cookie, so no secret goes into a URL. */
async function download(path, filename) {
  const response = await call('GET', path);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const api = {
  get: (path) => json('GET', path),
  send: (method, path, body) => json(method, path, body),
  fetch: (method, path, body) => call(method, path, body),
  download,
};
