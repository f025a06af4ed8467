// Calls to the server: the same origin only. In `vanban serve` with tokens the tab's token
// goes as a bearer header (kept in sessionStorage); `vanban edit` uses its cookie.

const TOKEN_KEY = 'vanban-token';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function headers(extra = {}) {
  const h = { ...extra };
  const t = sessionStorage.getItem(TOKEN_KEY);
  if (t) h.Authorization = `Bearer ${t}`;
  return h;
}

export function setToken(t) {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

let askToken = null;
/** Called with no argument when a request gets 401 in the service; resolves with a token. */
export function onTokenNeeded(f) { askToken = f; }

/** fetch with the token; a 401 asks for a token once and tries again. */
export async function call(path, opts = {}, retried = false) {
  const res = await fetch(path, { ...opts, headers: headers(opts.headers), credentials: 'same-origin' });
  if (res.status === 401 && !retried && askToken && !path.startsWith('/v1/edit')) {
    const t = await askToken();
    // A header carries visible ASCII only: anything else cannot be the service's token.
    if (t && /^[\x21-\x7e]+$/.test(t)) { setToken(t); return call(path, opts, true); }
  }
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, problem);
  }
  return res;
}

export async function json(path, body, method = 'POST') {
  const res = await call(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

export async function get(path) {
  return (await call(path)).json();
}

/** The diagnostics of an error answer, or one made of its detail. */
export function diagnosticsOf(err) {
  if (err instanceof ApiError && Array.isArray(err.problem.diagnostics) && err.problem.diagnostics.length) return err.problem.diagnostics;
  return [{ severity: 'error', code: err.problem?.type ? 'request' : 'network', path: null, message: err.message }];
}
