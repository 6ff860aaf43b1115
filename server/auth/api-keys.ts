// API keys (接口密钥) for the systems that post incidents: each key is valid for one source name
// only. Issued keys live hashed in the access database; keys from configuration (API_KEYS) are held
// hashed in memory, listed, and changed only by changing the configuration.
import type { ApiKey } from '../wire/access.ts';
export type { ApiKey };
import type Database from 'better-sqlite3';
import { newSecret, secretHash } from './tokens.ts';


const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id           INTEGER PRIMARY KEY,
  source       TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_used_at TEXT
);`;

interface Row {
  id: number;
  source: string;
  label: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const toKey = (r: Row): ApiKey => ({
  id: String(r.id),
  source: r.source,
  label: r.label,
  origin: 'issued',
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

/** A key given in configuration. */
export interface ConfiguredKey {
  source: string;
  key: string;
}

export interface ApiKeyStore {
  /** Issues a key for a source; the key itself is returned once. */
  issue(source: string, label: string, createdBy: string): { key: string; apiKey: ApiKey };
  /** The valid key a presented secret belongs to. */
  byKey(key: string): ApiKey | undefined;
  get(id: string): ApiKey | undefined;
  list(): ApiKey[];
  /** Revokes an issued key; false when unknown, already revoked or configured. */
  revoke(id: string): boolean;
}

export function createApiKeyStore(db: Database.Database, configured: readonly ConfiguredKey[] = [], now: () => number = Date.now): ApiKeyStore {
  db.exec(SCHEMA);
  const iso = () => new Date(now()).toISOString();
  const insert = db.prepare('INSERT INTO api_keys (source, key_hash, label, created_by, created_at) VALUES (?, ?, ?, ?, ?)');
  const byHash = db.prepare<[string], Row>('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL');
  const byId = db.prepare<[number], Row>('SELECT * FROM api_keys WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM api_keys ORDER BY id');
  const revoke = db.prepare<[string, number]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const used = db.prepare<[string, number]>('UPDATE api_keys SET last_used_at = ? WHERE id = ?');

  const fromConfig = new Map<string, ApiKey>();
  for (const c of configured) {
    fromConfig.set(secretHash(c.key), {
      id: `config:${c.source}`,
      source: c.source,
      label: 'from configuration (API_KEYS)',
      origin: 'config',
      createdBy: null,
      createdAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
  }
  // last_used_at is written at most once a minute per key: not one write per posted batch.
  const lastWritten = new Map<number, number>();

  return {
    issue(source, label, createdBy) {
      const key = newSecret('yzk_');
      const { lastInsertRowid } = insert.run(source, secretHash(key), label, createdBy, iso());
      return { key, apiKey: toKey(byId.get(Number(lastInsertRowid))!) };
    },
    byKey(key) {
      const hash = secretHash(key);
      const configuredKey = fromConfig.get(hash);
      if (configuredKey) return configuredKey;
      const r = byHash.get(hash);
      if (!r) return undefined;
      const t = now();
      if ((lastWritten.get(r.id) ?? 0) < t - 60_000) {
        lastWritten.set(r.id, t);
        used.run(iso(), r.id);
      }
      return toKey(r);
    },
    get(id) {
      const configuredKey = [...fromConfig.values()].find((k) => k.id === id);
      if (configuredKey) return configuredKey;
      const n = Number(id);
      const r = Number.isSafeInteger(n) ? byId.get(n) : undefined;
      return r ? toKey(r) : undefined;
    },
    list: () => [...fromConfig.values(), ...all.all().map(toKey)],
    revoke(id) {
      const n = Number(id);
      return Number.isSafeInteger(n) && revoke.run(iso(), n).changes > 0;
    },
  };
}
