// JSON over HTTP to our own server only (air-gapped: relative URLs, never another host). The
// session travels in its cookie, which same-origin requests carry by themselves.
import { sessionLost } from '../auth/session.ts';

/** An HTTP answer that was not 2xx, with the server's reason when it gave one. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly url: string, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export const API_BASE = '/api/v1';

/** GETs `path` under /api/v1 and parses the JSON body. A 401 ends the session (back to login). */
export async function getJson<T>(path: string, signal?: AbortSignal, opts: { quietUnauthorized?: boolean } = {}): Promise<T> {
  const url = `${API_BASE}${path}`;
  const res = await fetch(url, { signal: signal ?? null, headers: { accept: 'application/json' } });
  if (res.status === 401 && !opts.quietUnauthorized) sessionLost();
  if (!res.ok) {
    let reason = res.statusText;
    try {
      const body = (await res.json()) as { message?: string; error?: string };
      reason = body.message ?? body.error ?? reason;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new HttpError(res.status, url, `${res.status} ${reason} (${url})`);
  }
  return (await res.json()) as T;
}
