// Accounts (账号) in the access database. Passwords arrive here already hashed. Failed logins are
// not counted on the account (anyone could lock it): see login-throttle.ts.
import type Database from 'better-sqlite3';
import type { Account } from '../wire/access.ts';
import type { AccountRole } from './roles.ts';

/** An account as stored (the admin API adds its login throttle). */
export type StoredAccount = Omit<Account, 'loginThrottle'>;

export interface NewAccount {
  username: string;
  role: AccountRole;
  jurisdictionCode: string;
  passwordHash: string;
  mustChangePassword: boolean;
}

export type AccountChange = Partial<Pick<Account, 'role' | 'jurisdictionCode' | 'disabled' | 'mustChangePassword'>> & { passwordHash?: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role                 TEXT NOT NULL,
  jurisdiction_code    TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled             INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);`;

interface Row {
  id: number;
  username: string;
  role: string;
  jurisdiction_code: string;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

// Databases made before the login throttle keep two unused columns (failed_logins, locked_until).
const toAccount = (r: Row): StoredAccount => ({
  id: r.id,
  username: r.username,
  role: r.role as AccountRole,
  jurisdictionCode: r.jurisdiction_code,
  mustChangePassword: r.must_change_password === 1,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface AccountStore {
  create(a: NewAccount): StoredAccount;
  get(id: number): StoredAccount | undefined;
  byUsername(username: string): { account: StoredAccount; passwordHash: string } | undefined;
  passwordHash(id: number): string | undefined;
  list(): StoredAccount[];
  update(id: number, change: AccountChange): StoredAccount | undefined;
  delete(id: number): boolean;
  /** Enabled admins whose jurisdiction is the county. */
  countyAdmins(countyCode: string): StoredAccount[];
}

export function createAccountStore(db: Database.Database, now: () => number = Date.now): AccountStore {
  db.exec(SCHEMA);
  const iso = () => new Date(now()).toISOString();
  const byId = db.prepare<[number], Row>('SELECT * FROM accounts WHERE id = ?');
  const byName = db.prepare<[string], Row>('SELECT * FROM accounts WHERE username = ?');
  const all = db.prepare<[], Row>('SELECT * FROM accounts ORDER BY id');
  const insert = db.prepare(`INSERT INTO accounts (username, role, jurisdiction_code, password_hash, must_change_password, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const remove = db.prepare<[number]>('DELETE FROM accounts WHERE id = ?');
  const admins = db.prepare<[string], Row>("SELECT * FROM accounts WHERE role = 'admin' AND disabled = 0 AND jurisdiction_code = ?");

  const columns: Record<keyof AccountChange, string> = {
    role: 'role',
    jurisdictionCode: 'jurisdiction_code',
    disabled: 'disabled',
    mustChangePassword: 'must_change_password',
    passwordHash: 'password_hash',
  };

  return {
    create(a) {
      const t = iso();
      const { lastInsertRowid } = insert.run(a.username, a.role, a.jurisdictionCode, a.passwordHash, a.mustChangePassword ? 1 : 0, t, t);
      return toAccount(byId.get(Number(lastInsertRowid))!);
    },
    get(id) {
      const r = byId.get(id);
      return r ? toAccount(r) : undefined;
    },
    byUsername(username) {
      const r = byName.get(username);
      return r ? { account: toAccount(r), passwordHash: r.password_hash } : undefined;
    },
    passwordHash: (id) => byId.get(id)?.password_hash,
    list: () => all.all().map(toAccount),
    update(id, change) {
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [key, column] of Object.entries(columns) as [keyof AccountChange, string][]) {
        const v = change[key];
        if (v === undefined) continue;
        sets.push(`${column} = ?`);
        params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
      }
      sets.push('updated_at = ?');
      params.push(iso(), id);
      db.prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE id = ?`).run(...params);
      return this.get(id);
    },
    delete: (id) => remove.run(id).changes > 0,
    countyAdmins: (countyCode) => admins.all(countyCode).map(toAccount),
  };
}
