// What every access operation shares: the stores, the audit log, the jurisdiction's scopes, the
// clock, and the listeners told when sessions end or an account changes (the live channel
// disconnects those sockets).
import type { AuditLog } from '../audit/audit-log.ts';
import type { AccountStore } from './accounts.ts';
import type { ApiKeyStore } from './api-keys.ts';
import type { DisplayLinkStore } from './display-links.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { ScopeResolver } from './scope.ts';
import type { SessionStore } from './sessions.ts';

/** What was revoked, for whoever holds connections of it. */
export type Revocation = { sessionIds: number[] } | { accountId: number } | { displayLinkId: number };

export interface AccessOptions {
  /** Session lifetime of an account login, ms. */
  sessionMs: number;
  /** Failed password attempts in a row from one address for one username before that address is refused for it. */
  maxFailedLogins: number;
  /** Failed password attempts for one username from all addresses in one window before every address is refused for its rest. */
  maxFailedLoginsPerUsername: number;
  /** How long a refused address waits, and the window of the per-username ceiling, ms. */
  lockMs: number;
}

export const DEFAULT_ACCESS_OPTIONS: AccessOptions = { sessionMs: 12 * 3_600_000, maxFailedLogins: 5, maxFailedLoginsPerUsername: 50, lockMs: 15 * 60_000 };

export interface AccessCore {
  accounts: AccountStore;
  sessions: SessionStore;
  displayLinks: DisplayLinkStore;
  apiKeys: ApiKeyStore;
  /** Failed password attempts per (address, username) and per username. */
  loginThrottle: LoginThrottle;
  audit: AuditLog;
  scopes: ScopeResolver;
  options: AccessOptions;
  now: () => number;
  /** Tells the listeners (the live channel) what was revoked or changed. */
  revoked(r: Revocation): void;
  onRevoked(listener: (r: Revocation) => void): void;
}
