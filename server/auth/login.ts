// Logging in and out, changing one's password, and opening a wall display from its link — each
// audited. Failed logins count towards a lock (5 in a row lock the account for 15 minutes); an
// unknown username costs the same scrypt time as a wrong password and gets the same answer.
import { AccessError } from './access-error.ts';
import type { AccessCore } from './core.ts';
import { displaySessionExpiry } from './display-session.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { actorOf } from './principal.ts';
import type { AccountPrincipal, SessionPrincipal } from './principal.ts';

/** A started session: the token goes into the cookie. */
export interface StartedSession {
  token: string;
  expiresAt: number;
}

const WRONG = 'wrong username or password';

export async function login(core: AccessCore, username: string, password: string, ip: string | null): Promise<StartedSession & { accountId: number }> {
  const found = core.accounts.byUsername(username);
  const ok = await verifyPassword(password, found?.passwordHash);
  const t = core.now();
  const fail = (reason: string, target?: string): never => {
    core.audit.append({ actor: { type: 'anonymous', name: username }, action: 'auth.login-failed', target: target ?? null, details: { username, reason }, ip });
    throw new AccessError(401, WRONG);
  };
  if (!found) return fail('unknown username');
  const { account } = found;
  const target = `account:${account.id}`;
  if (account.lockedUntil !== null && account.lockedUntil > t) {
    core.audit.append({ actor: { type: 'anonymous', name: username }, action: 'auth.login-refused-locked', target, details: { username, lockedUntil: new Date(account.lockedUntil).toISOString() }, ip });
    const seconds = Math.ceil((account.lockedUntil - t) / 1000);
    throw new AccessError(423, `the account is locked after repeated failed logins: try again in ${Math.ceil(seconds / 60)} minutes or ask an administrator`, undefined, seconds);
  }
  if (account.disabled) return fail('account disabled', target);
  if (!ok) {
    const { locked } = core.accounts.recordFailure(account.id, core.options.maxFailedLogins, t + core.options.lockMs);
    if (locked) {
      core.audit.append({ actor: { type: 'system' }, action: 'auth.locked', target, details: { username, failures: core.options.maxFailedLogins, lockedUntil: new Date(t + core.options.lockMs).toISOString() }, ip });
    }
    return fail('wrong password', target);
  }
  core.accounts.recordSuccess(account.id);
  const expiresAt = t + core.options.sessionMs;
  const { token, session } = core.sessions.create({ accountId: account.id }, expiresAt);
  core.audit.append({ actor: { type: 'account', id: String(account.id), name: account.username }, action: 'auth.login', target, details: { sessionId: session.id, mustChangePassword: account.mustChangePassword }, ip });
  return { token, expiresAt, accountId: account.id };
}

export function logout(core: AccessCore, p: SessionPrincipal, ip: string | null): void {
  core.sessions.delete(p.sessionId);
  core.audit.append({ actor: actorOf(p), action: 'auth.logout', target: `session:${p.sessionId}`, ip });
  core.revoked({ sessionIds: [p.sessionId] });
}

/** Changes the caller's own password; every other session of the account ends. */
export async function changePassword(core: AccessCore, p: AccountPrincipal, current: string, next: string, ip: string | null): Promise<void> {
  const stored = core.accounts.passwordHash(p.accountId);
  if (!(await verifyPassword(current, stored))) {
    core.audit.append({ actor: actorOf(p), action: 'auth.password-change-failed', target: `account:${p.accountId}`, details: { reason: 'wrong current password' }, ip });
    throw new AccessError(403, 'the current password is wrong', 'currentPassword');
  }
  const problem = passwordProblem(next, p.username) ?? (next === current ? 'the new password must differ from the current one' : undefined);
  if (problem) throw new AccessError(400, problem, 'newPassword');
  core.accounts.update(p.accountId, { passwordHash: await hashPassword(next), mustChangePassword: false });
  const ended = core.sessions.deleteForAccount(p.accountId, p.sessionId);
  core.audit.append({ actor: actorOf(p), action: 'auth.password-changed', target: `account:${p.accountId}`, before: { mustChangePassword: p.mustChangePassword }, after: { mustChangePassword: false }, details: { endedSessions: ended.length }, ip });
  if (ended.length > 0) core.revoked({ sessionIds: ended });
}

/** Opens a wall-display session from a display link token; undefined (audited) when the link is not usable. */
export function redeemDisplayLink(core: AccessCore, token: string, ip: string | null): StartedSession | undefined {
  const link = core.displayLinks.byToken(token);
  if (!link) {
    core.audit.append({ actor: { type: 'anonymous' }, action: 'display.refused', details: { reason: 'unknown, revoked or expired display link' }, ip });
    return undefined;
  }
  const expiresAt = displaySessionExpiry(link, core.now());
  const { token: sessionToken, session } = core.sessions.create({ displayLinkId: link.id }, expiresAt);
  core.audit.append({ actor: { type: 'display', id: String(link.id), name: link.label }, action: 'display.opened', target: `display-link:${link.id}`, details: { sessionId: session.id }, ip });
  return { token: sessionToken, expiresAt };
}
