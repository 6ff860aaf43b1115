// Display links (大屏链接): a secret URL that turns a browser into a read-only wall display of one
// jurisdiction, with no login. Revoking the link ends every session it started.
import type { DisplayLink } from '../wire/access.ts';
export type { DisplayLink };
import type Database from 'better-sqlite3';
import { newSecret, secretHash } from './tokens.ts';


const SCHEMA = `
CREATE TABLE IF NOT EXISTS display_links (
  id                INTEGER PRIMARY KEY,
  token_hash        TEXT NOT NULL UNIQUE,
  label             TEXT NOT NULL,
  jurisdiction_code TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  expires_at        INTEGER,
  revoked_at        TEXT
);`;

interface Row {
  id: number;
  label: string;
  jurisdiction_code: string;
  created_by: string;
  created_at: string;
  expires_at: number | null;
  revoked_at: string | null;
}

const toLink = (r: Row): DisplayLink => ({
  id: r.id,
  label: r.label,
  jurisdictionCode: r.jurisdiction_code,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export interface DisplayLinkStore {
  /** Creates a link; its token is returned once (it goes into the URL). */
  create(input: { label: string; jurisdictionCode: string; createdBy: string; expiresAt: number | null }): { token: string; link: DisplayLink };
  /** The usable (not revoked, not expired) link of a token. */
  byToken(token: string): DisplayLink | undefined;
  get(id: number): DisplayLink | undefined;
  /** True when the link exists and is still usable. */
  usable(id: number): boolean;
  list(): DisplayLink[];
  /** Marks the link revoked; false when unknown or already revoked. */
  revoke(id: number): boolean;
}

export function createDisplayLinkStore(db: Database.Database, now: () => number = Date.now): DisplayLinkStore {
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO display_links (token_hash, label, jurisdiction_code, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byHash = db.prepare<[string], Row>('SELECT * FROM display_links WHERE token_hash = ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM display_links WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM display_links ORDER BY id');
  const revoke = db.prepare<[string, number]>('UPDATE display_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const isUsable = (r: Row | undefined): r is Row => r !== undefined && r.revoked_at === null && (r.expires_at === null || r.expires_at > now());

  return {
    create(input) {
      const token = newSecret('yzd_');
      const { lastInsertRowid } = insert.run(secretHash(token), input.label, input.jurisdictionCode, input.createdBy, new Date(now()).toISOString(), input.expiresAt);
      return { token, link: toLink(byId.get(Number(lastInsertRowid))!) };
    },
    byToken(token) {
      const r = byHash.get(secretHash(token));
      return isUsable(r) ? toLink(r) : undefined;
    },
    get(id) {
      const r = byId.get(id);
      return r ? toLink(r) : undefined;
    },
    usable: (id) => isUsable(byId.get(id)),
    list: () => all.all().map(toLink),
    revoke: (id) => revoke.run(new Date(now()).toISOString(), id).changes > 0,
  };
}
