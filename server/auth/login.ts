// Logging in and out, changing one's password, and opening a wall display from its link — each
// audited. Password attempts (logins and the current password of a change) go through the login
// throttle: per (client address, username) and per username, the same for a username that exists
// and one that does not. An unknown username costs the same scrypt time as a wrong password and
// gets the same answer; a throttled attempt costs no scrypt time whoever it names.
import type { AuditActor } from '../audit/audit-log.ts';
import { AccessError } from './access-error.ts';
import type { AccessCore } from './core.ts';
import { displaySessionExpiry } from './display-session.ts';
import type { Admission, ThrottleRefusal } from './login-throttle.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { actorOf } from './principal.ts';
import type { AccountPrincipal, SessionPrincipal } from './principal.ts';

/** A started session: the token goes into the cookie. */
export interface StartedSession {
  token: string;
  expiresAt: number;
}

const WRONG = 'wrong username or password';

/** The 423 of a throttled attempt: its words and Retry-After depend only on the refusal, never on the account. */
function throttled(r: ThrottleRefusal, t: number): AccessError {
  const seconds = Math.max(1, Math.ceil((r.until - t) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const who = r.scope === 'address' ? 'this username from your address' : 'this username (from any address)';
  return new AccessError(423, `too many failed password attempts for ${who}: try again in ${minutes} minute${minutes === 1 ? '' : 's'} or ask an administrator`, undefined, seconds);
}

const refusalDetails = (r: ThrottleRefusal) => ({ scope: r.scope, until: new Date(r.until).toISOString() });

/** Audits the refusal that a failed admitted attempt starts, if it starts one. */
function auditThrottleStart(core: AccessCore, admission: Admission, username: string, target: string | null, ip: string | null): void {
  if (!admission.admitted || !admission.failureStarts) return;
  core.audit.append({ actor: { type: 'system' }, action: 'auth.throttled', target, details: { username, ...refusalDetails(admission.failureStarts) }, ip });
}

/** Admits a password attempt of (address, username), or audits and throws the 423. */
function admit(core: AccessCore, username: string, ip: string | null, refused: { actor: AuditActor; action: string; target: string | null }): Admission {
  const admission = core.loginThrottle.admit(ip ?? '', username);
  if (admission.admitted) return admission;
  core.audit.append({ ...refused, details: { username, ...refusalDetails(admission.refusal) }, ip });
  throw throttled(admission.refusal, core.now());
}

export async function login(core: AccessCore, username: string, password: string, ip: string | null): Promise<StartedSession & { accountId: number }> {
  const found = core.accounts.byUsername(username);
  const target = found ? `account:${found.account.id}` : null;
  const actor: AuditActor = { type: 'anonymous', name: username };
  const admission = admit(core, username, ip, { actor, action: 'auth.login-throttled', target });
  const ok = await verifyPassword(password, found?.passwordHash);
  const fail = (reason: string): never => {
    auditThrottleStart(core, admission, username, target, ip);
    core.audit.append({ actor, action: 'auth.login-failed', target, details: { username, reason }, ip });
    throw new AccessError(401, WRONG);
  };
  if (!found) return fail('unknown username');
  const { account } = found;
  if (account.disabled) return fail('account disabled');
  if (!ok) return fail('wrong password');
  core.loginThrottle.succeeded(ip ?? '', username);
  const expiresAt = core.now() + core.options.sessionMs;
  const { token, session } = core.sessions.create({ accountId: account.id }, expiresAt);
  core.audit.append({ actor: { type: 'account', id: String(account.id), name: account.username }, action: 'auth.login', target, details: { sessionId: session.id, mustChangePassword: account.mustChangePassword }, ip });
  return { token, expiresAt, accountId: account.id };
}

export function logout(core: AccessCore, p: SessionPrincipal, ip: string | null): void {
  core.sessions.delete(p.sessionId);
  core.audit.append({ actor: actorOf(p), action: 'auth.logout', target: `session:${p.sessionId}`, ip });
  core.revoked({ sessionIds: [p.sessionId] });
}

/**
 * Changes the caller's own password; every other session of the account ends. A wrong current
 * password counts like a failed login of the account from that address (a stolen session guesses no faster).
 */
export async function changePassword(core: AccessCore, p: AccountPrincipal, current: string, next: string, ip: string | null): Promise<void> {
  const target = `account:${p.accountId}`;
  const admission = admit(core, p.username, ip, { actor: actorOf(p), action: 'auth.password-change-throttled', target });
  const stored = core.accounts.passwordHash(p.accountId);
  if (!(await verifyPassword(current, stored))) {
    auditThrottleStart(core, admission, p.username, target, ip);
    core.audit.append({ actor: actorOf(p), action: 'auth.password-change-failed', target, details: { reason: 'wrong current password' }, ip });
    throw new AccessError(403, 'the current password is wrong', 'currentPassword');
  }
  core.loginThrottle.succeeded(ip ?? '', p.username);
  const problem = passwordProblem(next, p.username) ?? (next === current ? 'the new password must differ from the current one' : undefined);
  if (problem) throw new AccessError(400, problem, 'newPassword');
  core.accounts.update(p.accountId, { passwordHash: await hashPassword(next), mustChangePassword: false });
  const ended = core.sessions.deleteForAccount(p.accountId, p.sessionId);
  core.audit.append({ actor: actorOf(p), action: 'auth.password-changed', target: `account:${p.accountId}`, before: { mustChangePassword: p.mustChangePassword }, after: { mustChangePassword: false }, details: { endedSessions: ended.length }, ip });
  if (ended.length > 0) core.revoked({ sessionIds: ended });
}

/**
 * Opens a wall-display session from a display link token; undefined when the link is not usable,
 * told to `refused` (audited by the caller, throttled per address: anyone may knock).
 */
export function redeemDisplayLink(core: AccessCore, token: string, ip: string | null, refused: (reason: string) => void): StartedSession | undefined {
  const link = core.displayLinks.byToken(token);
  if (!link) {
    refused('unknown, revoked or expired display link');
    return undefined;
  }
  const expiresAt = displaySessionExpiry(link, core.now());
  const { token: sessionToken, session } = core.sessions.create({ displayLinkId: link.id }, expiresAt);
  core.audit.append({ actor: { type: 'display', id: String(link.id), name: link.label }, action: 'display.opened', target: `display-link:${link.id}`, details: { sessionId: session.id }, ip });
  return { token: sessionToken, expiresAt };
}
