// Who is signed in (GET /api/v1/auth/me), as a small store every part of the page can react to:
// any 401 from the API puts the page back on the login form.
import type { Role } from '../../server/wire/index.ts';
import { createSmallStore } from '../state/small-store.ts';

export type { Role };

/** Answer of GET /api/v1/auth/me and POST /api/v1/auth/login (mirrors the server's MeResponse). */
export interface Me {
  kind: 'account' | 'display';
  user: { id: number; username: string } | null;
  displayLink: { id: number; label: string } | null;
  role: Role | string;
  /** The jurisdiction this session may see: a county, township or village code. */
  jurisdiction: unknown;
  mustChangePassword: boolean;
  sessionExpiresAt: string;
}

export type Session = { state: 'checking' } | { state: 'anonymous'; reason?: 'expired' } | { state: 'signed-in'; me: Me };

export const sessionStore = createSmallStore<Session>({ state: 'checking' });

/** Called by the HTTP layer on a 401: the session is gone (expired, revoked, logged out elsewhere). */
export function sessionLost(): void {
  sessionStore.set((s) => (s.state === 'signed-in' ? { state: 'anonymous', reason: 'expired' } : s));
}
