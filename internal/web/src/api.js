// The node API as the dashboard uses it: same origin, the session cookie,
// and the X-Deco-Request header the node requires of cookie-authenticated
// writes (a cross-site form can not send it).

// ApiError is a failed request: status 0 means the node did not answer.
export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields || [];
  }
}

let onUnauthorized = () => {};

// whenUnauthorized sets what happens when the session is gone (401).
export function whenUnauthorized(f) { onUnauthorized = f; }

// request sends one request; body is JSON (an object) or a FormData.
// It resolves to the parsed JSON (null for 204, a Blob with {blob:true})
// and rejects with an ApiError that says what failed in words.
export async function request(method, path, body, opts = {}) {
  const init = { method, credentials: 'same-origin', headers: { 'X-Deco-Request': '1' }, cache: 'no-store' };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'unreachable', `the node at ${location.host} did not answer (${e.message}); is it running?`);
  }
  if (!res.ok) {
    let err = { error: `${res.status} ${res.statusText}`, code: '' };
    try {
      const j = await res.json();
      if (j && j.error) err = j;
    } catch (_) { /* not an API error body: a proxy or an old node */ }
    if (res.status === 401 && !opts.noRedirect) onUnauthorized();
    throw new ApiError(res.status, err.code, err.error, err.fields);
  }
  if (res.status === 204) return null;
  if (opts.blob) return res.blob();
  return res.json();
}

export const get = (path, opts) => request('GET', path, undefined, opts);
export const post = (path, body, opts) => request('POST', path, body, opts);
export const del = (path, opts) => request('DELETE', path, undefined, opts);
