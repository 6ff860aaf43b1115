// Sessions (登录会话): a random token in an httpOnly cookie; only its SHA-256 is stored. A session
// belongs to an account or to a display link, and ends at its expiry, at logout, or when its account
// or link is revoked.
import type Database from 'better-sqlite3';
import { newSecret, secretHash } from './tokens.ts';

export interface Session {
  id: number;
  accountId: number | null;
  displayLinkId: number | null;
  /** ms since epoch. */
  createdAt: number;
  expiresAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id              INTEGER PRIMARY KEY,
  token_hash      TEXT NOT NULL UNIQUE,
  account_id      INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  display_link_id INTEGER REFERENCES display_links (id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  CHECK ((account_id IS NULL) != (display_link_id IS NULL))
);
CREATE INDEX IF NOT EXISTS sessions_account ON sessions (account_id);
CREATE INDEX IF NOT EXISTS sessions_display_link ON sessions (display_link_id);`;

interface Row {
  id: number;
  account_id: number | null;
  display_link_id: number | null;
  created_at: number;
  expires_at: number;
}

const toSession = (r: Row): Session => ({
  id: r.id,
  accountId: r.account_id,
  displayLinkId: r.display_link_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export interface SessionStore {
  /** Starts a session; the token is returned once, for the cookie. */
  create(owner: { accountId: number } | { displayLinkId: number }, expiresAt: number): { token: string; session: Session };
  /** The live session of a token (expired ones are not found). */
  byToken(token: string): Session | undefined;
  get(id: number): Session | undefined;
  delete(id: number): boolean;
  /** Ends every session of an account, except optionally one; returns the ended ids. */
  deleteForAccount(accountId: number, exceptId?: number): number[];
  deleteForDisplayLink(linkId: number): number[];
  /** Moves the expiry of a live session; false when it has ended. */
  extend(id: number, expiresAt: number): boolean;
  /** Forgets expired sessions. */
  purgeExpired(): number;
}

export function createSessionStore(db: Database.Database, now: () => number = Date.now): SessionStore {
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO sessions (token_hash, account_id, display_link_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const byHash = db.prepare<[string, number], Row>('SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM sessions WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM sessions WHERE id = ?');
  const ofAccount = db.prepare<[number], { id: number }>('SELECT id FROM sessions WHERE account_id = ?');
  const ofLink = db.prepare<[number], { id: number }>('SELECT id FROM sessions WHERE display_link_id = ?');
  const expired = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
  const setExpiry = db.prepare<[number, number, number]>('UPDATE sessions SET expires_at = ? WHERE id = ? AND expires_at > ?');

  const deleteIds = (ids: number[]) => {
    db.transaction(() => ids.forEach((id) => remove.run(id)))();
    return ids;
  };

  return {
    create(owner, expiresAt) {
      const token = newSecret('yzs_');
      const accountId = 'accountId' in owner ? owner.accountId : null;
      const linkId = 'displayLinkId' in owner ? owner.displayLinkId : null;
      const { lastInsertRowid } = insert.run(secretHash(token), accountId, linkId, now(), expiresAt);
      return { token, session: toSession(byId.get(Number(lastInsertRowid))!) };
    },
    byToken(token) {
      const r = byHash.get(secretHash(token), now());
      return r ? toSession(r) : undefined;
    },
    get(id) {
      const r = byId.get(id);
      return r && r.expires_at > now() ? toSession(r) : undefined;
    },
    delete: (id) => remove.run(id).changes > 0,
    deleteForAccount: (accountId, exceptId) => deleteIds(ofAccount.all(accountId).map((r) => r.id).filter((id) => id !== exceptId)),
    deleteForDisplayLink: (linkId) => deleteIds(ofLink.all(linkId).map((r) => r.id)),
    extend: (id, expiresAt) => setExpiry.run(expiresAt, id, now()).changes > 0,
    purgeExpired: () => expired.run(now()).changes,
  };
}
