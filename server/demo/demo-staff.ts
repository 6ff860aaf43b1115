// The simulated duty's people: a duty officer per township (demo-duty-<township code>) and a grid
// worker per village that has demo cases (demo-grid-<village code>), real accounts created on first
// need, so the admin page lists them and every case event and audit entry names who acted. No
// password can log in as them: the stored hash is a random token that is not a password hash at all.
import { randomBytes } from 'node:crypto';
import type { Access } from '../auth/access.ts';
import type { StoredAccount } from '../auth/accounts.ts';
import type { AccountPrincipal } from '../auth/principal.ts';
import type { AccountRole } from '../auth/roles.ts';
import type { CaseState } from '../wire/index.ts';
import type { DemoActor } from './duty-plan.ts';

/** Prefix of every demo account's username. */
export const DEMO_ACCOUNT_PREFIX = 'demo-';

export interface DemoStaff {
  /** The principal of whoever makes a move on this case (created on first need); undefined when that account is disabled or its area unknown. */
  principal(by: DemoActor, state: CaseState): AccountPrincipal | undefined;
  /** Demo accounts created by this process. */
  readonly created: number;
}

/** What no password verifies against (verifyPassword refuses anything but an scrypt hash). */
function unusablePasswordHash(): string {
  return `demo-account-no-login$${randomBytes(24).toString('base64url')}`;
}

export function createDemoStaff(access: Access): DemoStaff {
  // Username → its account and principal as the account is now (null: disabled or deleted — then left alone).
  const known = new Map<string, { accountId: number; principal: AccountPrincipal | null }>();
  let created = 0;

  function principalOf(account: StoredAccount): AccountPrincipal | null {
    const scope = access.scopes.resolve(account.jurisdictionCode);
    if (account.disabled || !scope) return null;
    return { kind: 'account', role: account.role, scope, accountId: account.id, username: account.username, sessionId: 0, mustChangePassword: false, expiresAt: Number.POSITIVE_INFINITY };
  }

  // An admin changed, disabled or deleted one: act only as what it is now (a deleted one is not made again).
  access.onRevoked((r) => {
    if (!('accountId' in r)) return;
    for (const entry of known.values()) {
      if (entry.accountId !== r.accountId) continue;
      const account = access.accounts.get(r.accountId);
      entry.principal = account ? principalOf(account) : null;
    }
  });

  function accountFor(username: string, role: AccountRole, code: string): AccountPrincipal | undefined {
    const entry = known.get(username);
    if (entry) return entry.principal ?? undefined;
    let account = access.accounts.byUsername(username)?.account;
    if (!account) {
      if (!access.scopes.resolve(code)) return undefined;
      account = access.accounts.create({ username, role, jurisdictionCode: code, passwordHash: unusablePasswordHash(), mustChangePassword: false });
      created += 1;
      access.audit.append({
        actor: { type: 'system' },
        action: 'account.created',
        target: `account:${account.id}`,
        after: { username, role, jurisdictionCode: code, disabled: false, mustChangePassword: false },
        details: { reason: 'demo feed: a simulated duty account (no password can log in)' },
      });
    }
    const principal = principalOf(account);
    known.set(username, { accountId: account.id, principal });
    return principal ?? undefined;
  }

  return {
    principal(by, state) {
      return by === 'duty'
        ? accountFor(`${DEMO_ACCOUNT_PREFIX}duty-${state.townshipCode}`, 'duty-officer', state.townshipCode)
        : accountFor(`${DEMO_ACCOUNT_PREFIX}grid-${state.villageCode}`, 'grid-worker', state.villageCode);
    },
    get created() {
      return created;
    },
  };
}
