// The session endpoints: who am I, log in, change password, log out.
import type { Me } from '../auth/session.ts';
import { API_BASE, getJson, HttpError } from './http.ts';

async function send(path: string, body: unknown): Promise<Response> {
  const res = await fetch(`${API_BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) {
    let message = res.statusText;
    try {
      message = ((await res.json()) as { message?: string }).message ?? message;
    } catch {
      // Keep the status text.
    }
    throw new HttpError(res.status, path, message);
  }
  return res;
}

/** The current session, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await getJson<Me>('/auth/me', undefined, { quietUnauthorized: true });
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null;
    throw err;
  }
}

export async function login(username: string, password: string): Promise<Me> {
  return (await (await send('/auth/login', { username, password })).json()) as Me;
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await send('/auth/password', { currentPassword, newPassword });
}

export async function logout(): Promise<void> {
  await send('/auth/logout', undefined);
}
