// Who is asking: a logged-in account, a wall display (display link session) or a source system
// (API key). Built on the server from the credential alone; nothing a client says about itself is
// trusted for authorisation.
import type { AuditActor } from '../audit/audit-log.ts';
import type { AccountRole, Role } from './roles.ts';
import type { Scope } from './scope.ts';

export interface AccountPrincipal {
  kind: 'account';
  role: AccountRole;
  scope: Scope;
  accountId: number;
  username: string;
  sessionId: number;
  /** Until the password is changed, only /auth/me, /auth/logout and /auth/password work. */
  mustChangePassword: boolean;
  /** Session expiry, ms since epoch. */
  expiresAt: number;
}

export interface DisplayPrincipal {
  kind: 'display';
  role: 'wall-display';
  scope: Scope;
  linkId: number;
  label: string;
  sessionId: number;
  expiresAt: number;
}

export interface ApiKeyPrincipal {
  kind: 'api-key';
  keyId: string;
  /** The one source name this key may post as. */
  source: string;
}

/** Principals with a session (and so a role and a scope). */
export type SessionPrincipal = AccountPrincipal | DisplayPrincipal;
export type Principal = SessionPrincipal | ApiKeyPrincipal;

/** The role of a principal; API keys have none (they may only post incidents). */
export function roleOf(p: Principal): Role | undefined {
  return p.kind === 'api-key' ? undefined : p.role;
}

/** The audit log's description of a principal (or of nobody). */
export function actorOf(p: Principal | undefined): AuditActor {
  if (!p) return { type: 'anonymous' };
  if (p.kind === 'account') return { type: 'account', id: String(p.accountId), name: p.username };
  if (p.kind === 'display') return { type: 'display', id: String(p.linkId), name: p.label };
  return { type: 'api-key', id: p.keyId, name: p.source };
}

/** A stable key per principal for rate limiting: an account, a display link or an API key. */
export function rateKeyOf(p: Principal): string {
  if (p.kind === 'account') return `account:${p.accountId}`;
  if (p.kind === 'display') return `display:${p.linkId}`;
  return `api-key:${p.keyId}`;
}
