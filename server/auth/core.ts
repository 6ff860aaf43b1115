// What every access operation shares: the stores, the audit log, the jurisdiction's scopes, the
// clock, and the listeners told when sessions end or an account changes (the live channel
// disconnects those sockets).
import type { AuditLog } from '../audit/audit-log.ts';
import type { AccountStore } from './accounts.ts';
import type { ApiKeyStore } from './api-keys.ts';
import type { DisplayLinkStore } from './display-links.ts';
import type { ScopeResolver } from './scope.ts';
import type { SessionStore } from './sessions.ts';

/** What was revoked, for whoever holds connections of it. */
export type Revocation = { sessionIds: number[] } | { accountId: number } | { displayLinkId: number };

export interface AccessOptions {
  /** Session lifetime of an account login, ms. */
  sessionMs: number;
  /** Failed logins in a row that lock an account. */
  maxFailedLogins: number;
  /** How long a lock lasts, ms. */
  lockMs: number;
}

export const DEFAULT_ACCESS_OPTIONS: AccessOptions = { sessionMs: 12 * 3_600_000, maxFailedLogins: 5, lockMs: 15 * 60_000 };

export interface AccessCore {
  accounts: AccountStore;
  sessions: SessionStore;
  displayLinks: DisplayLinkStore;
  apiKeys: ApiKeyStore;
  audit: AuditLog;
  scopes: ScopeResolver;
  options: AccessOptions;
  now: () => number;
  /** Tells the listeners (the live channel) what was revoked or changed. */
  revoked(r: Revocation): void;
  onRevoked(listener: (r: Revocation) => void): void;
}
