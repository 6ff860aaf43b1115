// Who is signed in (GET /api/v1/auth/me), as a small store every part of the page can react to:
// any 401 from the API puts the page back on the login form.
import type { MeResponse, Role } from '../../server/wire/index.ts';
import { createSmallStore } from '../state/small-store.ts';

export type { Role };

/** Who is signed in: the answer of GET /api/v1/auth/me and POST /api/v1/auth/login. */
export type Me = MeResponse;

export type Session = { state: 'checking' } | { state: 'anonymous'; reason?: 'expired' } | { state: 'signed-in'; me: Me };

export const sessionStore = createSmallStore<Session>({ state: 'checking' });

/** Called by the HTTP layer on a 401: the session is gone (expired, revoked, logged out elsewhere). */
export function sessionLost(): void {
  sessionStore.set((s) => (s.state === 'signed-in' ? { state: 'anonymous', reason: 'expired' } : s));
}
