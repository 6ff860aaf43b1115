// Administration (账号管理): accounts, display links and API keys, each change audited with its
// before and after. An admin manages only what lies inside their own jurisdiction; API keys are
// county-wide, so only a county admin (or the command line) issues and revokes them.
import type { AuditActor } from '../audit/audit-log.ts';
import { AccessError } from './access-error.ts';
import type { Account } from '../wire/access.ts';
import type { StoredAccount } from './accounts.ts';
import type { ApiKey } from './api-keys.ts';
import type { AccessCore } from './core.ts';
import type { DisplayLink } from './display-links.ts';
import { generatePassword, hashPassword, passwordProblem } from './password.ts';
import type { AccountRole } from './roles.ts';
import { inScope } from './scope.ts';
import { isReservedSource, reservedSourceReason } from '../wire/index.ts';

/** Who makes a change: an admin's session or the command line (county scope). */
export interface Admin {
  actor: AuditActor;
  /** The admin's jurisdiction code. */
  scopeCode: string;
  /** The admin's own account, so they cannot lock themselves out. */
  accountId?: number;
  ip: string | null;
}

export interface NewAccountInput {
  username: string;
  role: AccountRole;
  jurisdictionCode: string;
  /** Omitted: a one-time password is generated and returned. */
  password?: string;
  /** Default true: the first login must set a new password. */
  mustChangePassword?: boolean;
}

export interface AccountPatch {
  role?: AccountRole;
  jurisdictionCode?: string;
  disabled?: boolean;
  /** True: a new one-time password is generated, returned once, and must be changed at next login. */
  resetPassword?: boolean;
}

const view = (a: StoredAccount) => ({ username: a.username, role: a.role, jurisdictionCode: a.jurisdictionCode, disabled: a.disabled, mustChangePassword: a.mustChangePassword });

function checkJurisdiction(core: AccessCore, by: Admin, code: string): void {
  if (!core.scopes.resolve(code)) throw new AccessError(400, `${code} is not a county, township or village code of this jurisdiction`, 'jurisdictionCode');
  if (!inScope({ code: by.scopeCode }, code)) throw new AccessError(403, `${code} lies outside your jurisdiction ${by.scopeCode}`, 'jurisdictionCode');
}

/** The account, if it exists and lies inside the admin's jurisdiction (otherwise 404: its existence is not revealed). */
function managed(core: AccessCore, by: Admin, id: number): StoredAccount {
  const a = core.accounts.get(id);
  if (!a || !inScope({ code: by.scopeCode }, a.jurisdictionCode)) throw new AccessError(404, `no account ${id}`);
  return a;
}

/** The account as the admin API answers it: with its login throttle. */
const withThrottle = (core: AccessCore, a: StoredAccount): Account => ({ ...a, loginThrottle: core.loginThrottle.stateOf(a.username) });

/** Refuses a change that would leave the county without an enabled admin. */
function keepLastAdmin(core: AccessCore, a: StoredAccount, after: { role: AccountRole; disabled: boolean; jurisdictionCode: string } | 'deleted'): void {
  const county = core.scopes.county.code;
  if (a.role !== 'admin' || a.disabled || a.jurisdictionCode !== county) return;
  const stays = after !== 'deleted' && after.role === 'admin' && !after.disabled && after.jurisdictionCode === county;
  if (!stays && core.accounts.countyAdmins(county).length <= 1) {
    throw new AccessError(409, 'this is the last enabled county admin: create another before removing it');
  }
}

export async function createAccount(core: AccessCore, by: Admin, input: NewAccountInput): Promise<{ account: Account; password?: string }> {
  checkJurisdiction(core, by, input.jurisdictionCode);
  if (core.accounts.byUsername(input.username)) throw new AccessError(409, `the username ${input.username} is taken`, 'username');
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated!;
  const problem = passwordProblem(password, input.username);
  if (problem) throw new AccessError(400, problem, 'password');
  const account = core.accounts.create({
    username: input.username,
    role: input.role,
    jurisdictionCode: input.jurisdictionCode,
    passwordHash: await hashPassword(password),
    mustChangePassword: input.mustChangePassword ?? true,
  });
  core.audit.append({ actor: by.actor, action: 'account.created', target: `account:${account.id}`, after: view(account), ip: by.ip });
  const answer = withThrottle(core, account);
  return generated ? { account: answer, password: generated } : { account: answer };
}

export async function updateAccount(core: AccessCore, by: Admin, id: number, patch: AccountPatch): Promise<{ account: Account; password?: string }> {
  const before = managed(core, by, id);
  if (patch.jurisdictionCode !== undefined) checkJurisdiction(core, by, patch.jurisdictionCode);
  if (by.accountId === id && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
    throw new AccessError(409, 'you cannot disable or demote your own account');
  }
  keepLastAdmin(core, before, {
    role: patch.role ?? before.role,
    disabled: patch.disabled ?? before.disabled,
    jurisdictionCode: patch.jurisdictionCode ?? before.jurisdictionCode,
  });
  const password = patch.resetPassword ? generatePassword() : undefined;
  const account = core.accounts.update(id, {
    role: patch.role,
    jurisdictionCode: patch.jurisdictionCode,
    disabled: patch.disabled,
    ...(password ? { passwordHash: await hashPassword(password), mustChangePassword: true } : {}),
  })!;
  // Disabled or reset: its sessions end. Role or jurisdiction changed: its live sockets reconnect into the new scope.
  const ended = account.disabled || password ? core.sessions.deleteForAccount(id) : [];
  // A new password or a re-enabled account starts with no throttle: the admin has vouched for the owner.
  const throttleCleared = password !== undefined || patch.disabled === false;
  if (throttleCleared) core.loginThrottle.clearUsername(account.username);
  core.audit.append({
    actor: by.actor,
    action: 'account.updated',
    target: `account:${id}`,
    before: view(before),
    after: view(account),
    details: { passwordReset: password !== undefined, endedSessions: ended.length, throttleCleared },
    ip: by.ip,
  });
  core.revoked({ accountId: id });
  const answer = withThrottle(core, account);
  return password ? { account: answer, password } : { account: answer };
}

export function deleteAccount(core: AccessCore, by: Admin, id: number): void {
  const before = managed(core, by, id);
  if (by.accountId === id) throw new AccessError(409, 'you cannot delete your own account');
  keepLastAdmin(core, before, 'deleted');
  core.sessions.deleteForAccount(id);
  core.accounts.delete(id);
  core.audit.append({ actor: by.actor, action: 'account.deleted', target: `account:${id}`, before: view(before), ip: by.ip });
  core.revoked({ accountId: id });
}

export function listAccounts(core: AccessCore, by: Admin): Account[] {
  return core.accounts.list().filter((a) => inScope({ code: by.scopeCode }, a.jurisdictionCode)).map((a) => withThrottle(core, a));
}

export function createDisplayLink(
  core: AccessCore,
  by: Admin,
  input: { label: string; jurisdictionCode: string; expiresInHours?: number },
): { link: DisplayLink; token: string } {
  checkJurisdiction(core, by, input.jurisdictionCode);
  const expiresAt = input.expiresInHours === undefined ? null : core.now() + input.expiresInHours * 3_600_000;
  const created = core.displayLinks.create({ label: input.label, jurisdictionCode: input.jurisdictionCode, createdBy: by.actor.name ?? by.actor.type, expiresAt });
  const { link } = created;
  core.audit.append({ actor: by.actor, action: 'display-link.created', target: `display-link:${link.id}`, after: { label: link.label, jurisdictionCode: link.jurisdictionCode, expiresAt: link.expiresAt }, ip: by.ip });
  return created;
}

export function revokeDisplayLink(core: AccessCore, by: Admin, id: number): DisplayLink {
  const link = core.displayLinks.get(id);
  if (!link || !inScope({ code: by.scopeCode }, link.jurisdictionCode)) throw new AccessError(404, `no display link ${id}`);
  if (!core.displayLinks.revoke(id)) throw new AccessError(409, `display link ${id} is already revoked`);
  const ended = core.sessions.deleteForDisplayLink(id);
  core.audit.append({ actor: by.actor, action: 'display-link.revoked', target: `display-link:${id}`, before: { label: link.label, jurisdictionCode: link.jurisdictionCode }, details: { endedSessions: ended.length }, ip: by.ip });
  core.revoked({ displayLinkId: id });
  return core.displayLinks.get(id)!;
}

export function listDisplayLinks(core: AccessCore, by: Admin): DisplayLink[] {
  return core.displayLinks.list().filter((l) => inScope({ code: by.scopeCode }, l.jurisdictionCode));
}

function countyOnly(core: AccessCore, by: Admin): void {
  if (by.scopeCode !== core.scopes.county.code) throw new AccessError(403, 'API keys are county-wide: only a county admin manages them');
}

export function issueApiKey(core: AccessCore, by: Admin, source: string, label: string): { apiKey: ApiKey; key: string } {
  countyOnly(core, by);
  if (isReservedSource(source)) throw new AccessError(400, reservedSourceReason(source), 'source');
  const issued = core.apiKeys.issue(source, label, by.actor.name ?? by.actor.type);
  core.audit.append({ actor: by.actor, action: 'api-key.issued', target: `api-key:${issued.apiKey.id}`, after: { source, label }, ip: by.ip });
  return issued;
}

export function revokeApiKey(core: AccessCore, by: Admin, id: string): ApiKey {
  countyOnly(core, by);
  const key = core.apiKeys.get(id);
  if (!key) throw new AccessError(404, `no API key ${id}`);
  if (key.origin === 'config') throw new AccessError(409, `API key ${id} comes from the configuration (API_KEYS): remove it there and restart`);
  if (!core.apiKeys.revoke(id)) throw new AccessError(409, `API key ${id} is already revoked`);
  core.audit.append({ actor: by.actor, action: 'api-key.revoked', target: `api-key:${id}`, before: { source: key.source, label: key.label }, ip: by.ip });
  return core.apiKeys.get(id)!;
}

export function listApiKeys(core: AccessCore, by: Admin): ApiKey[] {
  countyOnly(core, by);
  return core.apiKeys.list();
}
