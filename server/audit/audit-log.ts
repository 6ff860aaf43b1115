// The audit log (审计日志): an append-only SQLite table in the access database, hash-chained.
// Triggers refuse UPDATE and DELETE, so the server itself cannot rewrite history; someone editing
// the file directly can, and verify() then names the first entry that no longer fits the chain.
import type Database from 'better-sqlite3';
import { createChainChecker, entryHash, GENESIS_HASH } from './chain.ts';
import type { AuditEntry, AuditInput, ChainVerdict } from './chain.ts';

export type { AuditActor, AuditEntry, AuditInput, ChainVerdict } from './chain.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,   -- JSON
  action    TEXT NOT NULL,
  target    TEXT,
  before    TEXT,            -- JSON
  after     TEXT,            -- JSON
  details   TEXT,            -- JSON
  ip        TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action, seq);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
  details: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

function toEntry(r: Row): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: parse(r.actor) as AuditEntry['actor'],
    action: r.action,
    target: r.target,
    before: parse(r.before),
    after: parse(r.after),
    details: parse(r.details),
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** JSON text of a value; undefined and null are stored as NULL. */
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export interface AuditQuery {
  /** Entries with seq < beforeSeq (paging backwards from the newest). */
  beforeSeq?: number;
  /** Only this action, or actions under this prefix when it ends with '.' (e.g. "account."). */
  action?: string;
  limit: number;
}

export interface AuditLog {
  /** Appends one entry (synchronously committed) and returns it. */
  append(input: AuditInput): AuditEntry;
  /** Newest first. */
  list(query: AuditQuery): AuditEntry[];
  /** Every entry in seq order, optionally from a time on, without loading them all at once. */
  iterate(options?: { since?: string; until?: string }): IterableIterator<AuditEntry>;
  /** Recomputes the whole chain. */
  verify(): ChainVerdict;
  count(): number;
  /** One bounded page of a range, for exports: see AuditPageQuery. */
  page(query: AuditPageQuery): AuditPage;
}

/**
 * A page of the entries with `at` in [since, until), in seq order. It reads the seqs
 * (afterSeq, min(afterSeq + limit, throughSeq)] by the primary key, so a page costs at most `limit`
 * rows however few of them lie in the time range (`at` has no index).
 */
export interface AuditPageQuery {
  afterSeq: number;
  /** The last seq to read (an export's: the log's last at its start). */
  throughSeq: number;
  /** ISO 8601 UTC as stored (toISOString()). */
  since: string;
  /** Omitted: no end in time. */
  until?: string;
  limit: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** afterSeq of the next page; null when throughSeq is reached. */
  next: number | null;
}

/** The audit log on an open database (creates its table when missing). */
export function createAuditLog(db: Database.Database, now: () => number = Date.now, options: { readonly?: boolean } = {}): AuditLog {
  // A read-only handle (the verify command) must find the table, not create it.
  if (!options.readonly) db.exec(SCHEMA);
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare<Row>(`INSERT INTO audit_log (seq, at, actor, action, target, before, after, details, ip, prev_hash, hash)
    VALUES (@seq, @at, @actor, @action, @target, @before, @after, @details, @ip, @prev_hash, @hash)`);
  const all = db.prepare<[string, string], Row>('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq');
  const everything = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq');
  const counter = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');
  const pageRows = db.prepare<{ after: number; to: number; since: string; until: string }, Row>(
    'SELECT * FROM audit_log WHERE seq > @after AND seq <= @to AND at >= @since AND at < @until ORDER BY seq',
  );

  const appendTx = db.transaction((input: AuditInput): AuditEntry => {
    const prev = last.get();
    const base = {
      seq: (prev?.seq ?? 0) + 1,
      at: new Date(now()).toISOString(),
      // Stored as JSON and parsed back before hashing, so the hash covers exactly what is stored.
      actor: parse(JSON.stringify(input.actor)) as AuditEntry['actor'],
      action: input.action,
      target: input.target ?? null,
      before: parse(json(input.before)),
      after: parse(json(input.after)),
      details: parse(json(input.details)),
      ip: input.ip ?? null,
    };
    const prevHash = prev?.hash ?? GENESIS_HASH;
    const entry: AuditEntry = { ...base, prevHash, hash: entryHash(prevHash, base) };
    insert.run({
      seq: entry.seq,
      at: entry.at,
      actor: JSON.stringify(entry.actor),
      action: entry.action,
      target: entry.target,
      before: json(entry.before),
      after: json(entry.after),
      details: json(entry.details),
      ip: entry.ip,
      prev_hash: entry.prevHash,
      hash: entry.hash,
    });
    return entry;
  });

  const listStatements = new Map<string, Database.Statement<unknown[], Row>>();
  return {
    append: (input) => appendTx.immediate(input),
    list(q) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.beforeSeq !== undefined) {
        where.push('seq < ?');
        params.push(q.beforeSeq);
      }
      if (q.action !== undefined) {
        if (q.action.endsWith('.')) {
          where.push("substr(action, 1, length(?)) = ?");
          params.push(q.action, q.action);
        } else {
          where.push('action = ?');
          params.push(q.action);
        }
      }
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      let stmt = listStatements.get(sql);
      if (!stmt) listStatements.set(sql, (stmt = db.prepare<unknown[], Row>(sql)));
      return stmt.all(...params, q.limit).map(toEntry);
    },
    *iterate(options = {}) {
      const rows = options.since === undefined && options.until === undefined
        ? everything.iterate()
        : all.iterate(options.since ?? '', options.until ?? '\uffff');
      for (const r of rows) yield toEntry(r);
    },
    verify() {
      // Straight from the rows: a row whose JSON no longer parses was edited by hand too.
      const checker = createChainChecker();
      let n = 0;
      for (const r of everything.iterate()) {
        n += 1;
        let reason: string | undefined;
        try {
          reason = checker.check(toEntry(r));
        } catch {
          reason = 'its stored JSON is unreadable: the entry was modified';
        }
        if (reason) return { ok: false, entries: n, headHash: checker.headHash(), firstBroken: { seq: r.seq, reason } };
      }
      return { ok: true, entries: n, headHash: checker.headHash() };
    },
    count: () => counter.get()!.n,
    page(q) {
      const to = Math.min(q.afterSeq + q.limit, q.throughSeq);
      const entries = pageRows.all({ after: q.afterSeq, to, since: q.since, until: q.until ?? '\uffff' }).map(toEntry);
      return { entries, next: to < q.throughSeq ? to : null };
    },
  };
}
