// The access layer assembled: the stores on the access database, the audit log, and the questions
// every request and socket asks — whose session or key is this, and is it still good?
import type Database from 'better-sqlite3';
import { createAuditLog } from '../audit/audit-log.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import { createAccountStore } from './accounts.ts';
import { createApiKeyStore } from './api-keys.ts';
import type { ConfiguredKey } from './api-keys.ts';
import type { AccessCore, AccessOptions, Revocation } from './core.ts';
import { DEFAULT_ACCESS_OPTIONS } from './core.ts';
import { createDisplayLinkStore } from './display-links.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { generatePassword, hashPassword } from './password.ts';
import type { ApiKeyPrincipal, SessionPrincipal } from './principal.ts';
import { createScopeResolver } from './scope.ts';
import { createSessionStore } from './sessions.ts';

export interface Access extends AccessCore {
  /** The principal of a session token, or undefined (unknown, expired, account disabled, link revoked). */
  authenticateSession(token: string): SessionPrincipal | undefined;
  /** The principal of an API key, or undefined (unknown or revoked). */
  authenticateKey(key: string): ApiKeyPrincipal | undefined;
  /** Re-checks a session by id (for long-lived sockets): false once it ended or its owner was revoked. */
  sessionValid(sessionId: number): boolean;
  close(): void;
}

export interface OpenAccessInput {
  db: Database.Database;
  jurisdiction: Jurisdiction;
  apiKeys?: readonly ConfiguredKey[];
  /** AUDIT_KEY_FILE (default: the database directory's generated audit.key). */
  auditKeyFile?: string | undefined;
  options?: Partial<AccessOptions>;
  now?: () => number;
}

/** The access layer on an open database; throws AuditStartError (and closes the database) when the audit log may not be appended to. */
export function openAccess(input: OpenAccessInput): Access {
  const now = input.now ?? Date.now;
  const { db } = input;
  // Table order matters for the foreign keys of sessions.
  const accounts = createAccountStore(db, now);
  const displayLinks = createDisplayLinkStore(db, now);
  const sessions = createSessionStore(db, now);
  const apiKeys = createApiKeyStore(db, input.apiKeys ?? [], now);
  let audit: AuditLog;
  try {
    audit = createAuditLog(db, now, { keyFile: input.auditKeyFile });
  } catch (err) {
    db.close();
    throw err;
  }
  const scopes = createScopeResolver(input.jurisdiction);
  const listeners: ((r: Revocation) => void)[] = [];
  const options = { ...DEFAULT_ACCESS_OPTIONS, ...input.options };
  const loginThrottle = createLoginThrottle(
    db,
    { maxFailuresPerAddress: options.maxFailedLogins, maxFailuresPerUsername: options.maxFailedLoginsPerUsername, windowMs: options.lockMs },
    now,
  );

  function principalOf(sessionId: number | undefined, token?: string): SessionPrincipal | undefined {
    const s = token !== undefined ? sessions.byToken(token) : sessionId !== undefined ? sessions.get(sessionId) : undefined;
    if (!s) return undefined;
    if (s.accountId !== null) {
      const a = accounts.get(s.accountId);
      const scope = a && scopes.resolve(a.jurisdictionCode);
      if (!a || a.disabled || !scope) return undefined;
      return {
        kind: 'account',
        role: a.role,
        scope,
        accountId: a.id,
        username: a.username,
        sessionId: s.id,
        mustChangePassword: a.mustChangePassword,
        expiresAt: s.expiresAt,
      };
    }
    const link = s.displayLinkId !== null && displayLinks.usable(s.displayLinkId) ? displayLinks.get(s.displayLinkId) : undefined;
    const scope = link && scopes.resolve(link.jurisdictionCode);
    if (!link || !scope) return undefined;
    return { kind: 'display', role: 'wall-display', scope, linkId: link.id, label: link.label, sessionId: s.id, expiresAt: s.expiresAt };
  }

  return {
    accounts,
    sessions,
    displayLinks,
    apiKeys,
    loginThrottle,
    audit,
    scopes,
    options,
    now,
    revoked(r) {
      for (const l of listeners) l(r);
    },
    onRevoked(listener) {
      listeners.push(listener);
    },
    authenticateSession: (token) => principalOf(undefined, token),
    authenticateKey(key) {
      const k = apiKeys.byKey(key);
      return k ? { kind: 'api-key', keyId: k.id, source: k.source } : undefined;
    },
    sessionValid: (sessionId) => principalOf(sessionId) !== undefined,
    close() {
      if (!db.open) return;
      audit.close();
      db.close();
    },
  };
}

/** What the first start did about the admin account. */
export type AdminBootstrap =
  | { created: false }
  | { created: true; username: string; /** Generated: print it once; the first login must change it. */ oneTimePassword?: string };

/**
 * Makes sure an enabled county admin exists. On a first start it creates `admin` — with the given
 * password (ADMIN_PASSWORD, automated deployments) or a generated one-time password that must be
 * changed at the first login. There is no default password.
 */
export async function ensureAdmin(access: Access, password: string | undefined): Promise<AdminBootstrap> {
  const county = access.scopes.county.code;
  if (access.accounts.countyAdmins(county).length > 0) return { created: false };
  const oneTime = password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(password ?? oneTime!);
  const existing = access.accounts.byUsername('admin')?.account;
  const change = { role: 'admin' as const, jurisdictionCode: county, passwordHash, mustChangePassword: oneTime !== undefined };
  const account = existing
    ? access.accounts.update(existing.id, { ...change, disabled: false })!
    : access.accounts.create({ username: 'admin', ...change });
  access.loginThrottle.clearUsername(account.username);
  access.audit.append({
    actor: { type: 'system' },
    action: 'account.bootstrap-admin',
    target: `account:${account.id}`,
    after: { username: account.username, role: account.role, jurisdictionCode: county, mustChangePassword: account.mustChangePassword },
    details: { password: oneTime ? 'generated one-time password' : 'ADMIN_PASSWORD' },
  });
  return oneTime ? { created: true, username: account.username, oneTimePassword: oneTime } : { created: true, username: account.username };
}
