import { learn } from './labels.js';

// The JSON API (docs/serve.md): every answer or a Swedish {"error"} message. A caller that
// passes a key (say "run") cancels its own request still going when it sends a newer one.

export class ApiError extends Error {
  constructor(message, status, data = null) {
    super(message);
    this.status = status;
    this.data = data; // the answer's body, e.g. its "problems"
  }
}

const controllers = new Map();

async function request(method, path, body, key) {
  let signal;
  if (key) {
    controllers.get(key)?.abort();
    const c = new AbortController();
    controllers.set(key, c);
    signal = c.signal;
  }
  const options = { method, signal, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('Servern svarar inte. Kör finsim serve fortfarande?', 0);
  }
  const text = await response.text();
  if (key && controllers.get(key)?.signal === signal) controllers.delete(key);
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(`Oväntat svar från servern (${response.status}).`, response.status);
  }
  // 409 on a calculation: the server stopped it for a newer request of this browser session.
  if (response.status === 409 && path !== '/api/variant' && !data?.error)
    throw new ApiError('Beräkningen avbröts: en nyare startade.', 409);
  if (!response.ok) throw new ApiError(data?.error || `Fel ${response.status} från servern.`, response.status, data);
  learn(data?.labels);
  return data;
}

export const get = (path, key) => request('GET', path, undefined, key);
export const post = (path, body, key) => request('POST', path, body, key);

/** Whether an error is a cancelled request (a newer one replaced it): not shown. */
export const aborted = (e) => e?.name === 'AbortError';

export const query = (path, params) =>
  `${path}?${new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null))}`;
