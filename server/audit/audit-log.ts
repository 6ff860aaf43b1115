// The audit log (审计日志): an append-only SQLite table in the access database, hash-chained and
// sealed with a key kept outside the database (chain.ts), its end checkpointed outside it too
// (checkpoint.ts). Triggers refuse UPDATE and DELETE, so the server itself cannot rewrite history;
// someone editing the file directly can, and verify() then names the first entry that no longer
// fits the chain, or the entries cut off its end.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { sealedHash, GENESIS_HASH } from './chain.ts';
import type { AuditEntry, AuditInput, ChainVerdict } from './chain.ts';
import { startChain } from './chain-start.ts';
import { verifyStoredChain } from './chain-verify.ts';
import { CHECKPOINT_INTERVAL_MS, createCheckpointWriter } from './checkpoint-writer.ts';
import type { StoredChain } from './chain-verify.ts';
import { ephemeralSeal, openAuditSeal } from './seal.ts';
import type { AuditSeal } from './seal.ts';

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

/** The entry of a row, or undefined when its stored JSON no longer parses (edited by hand). */
function readable(r: Row): AuditEntry | undefined {
  try {
    return toEntry(r);
  } catch {
    return undefined;
  }
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
  /** Appends several entries in one transaction (a busy loop's decisions share one commit). */
  appendMany(inputs: readonly AuditInput[]): AuditEntry[];
  /** Appends one entry (synchronously committed) and returns it. */
  append(input: AuditInput): AuditEntry;
  /** Newest first. */
  list(query: AuditQuery): AuditEntry[];
  /** Every entry in seq order, optionally from a time on, without loading them all at once. */
  iterate(options?: { since?: string; until?: string }): IterableIterator<AuditEntry>;
  /** Recomputes the whole chain with the key and checks the log's end against its checkpoint. */
  verify(): ChainVerdict;
  count(): number;
  /** Writes the pending checkpoint; call before closing the database. */
  close(): void;
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

export interface AuditLogOptions {
  /** A read-only handle (the verify command): nothing is created, checked at start or appended. */
  readonly?: boolean;
  /** AUDIT_KEY_FILE: the key kept outside the data directory (default: DATA_DIR/audit.key, generated). */
  keyFile?: string | undefined;
  /** The key and checkpoint, when the caller opened them (default: those of the database's directory). */
  seal?: AuditSeal;
  /** A busy log is checkpointed at most this often (default CHECKPOINT_INTERVAL_MS). */
  checkpointIntervalMs?: number;
  /** A checkpoint write from the timer failed (default: a process warning). */
  onCheckpointError?: (err: unknown) => void;
}

/**
 * The audit log on an open database (creates its table when missing). Unless read-only, the log's
 * end is checked against its checkpoint first; throws AuditStartError when the key is missing or
 * exposed or the log was cut or rewritten.
 */
export function createAuditLog(db: Database.Database, now: () => number = Date.now, options: AuditLogOptions = {}): AuditLog {
  // A read-only handle (the verify command) must find the table, not create it.
  if (!options.readonly) db.exec(SCHEMA);
  const seal = options.seal ?? (db.memory ? ephemeralSeal() : openAuditSeal({ dataDir: path.dirname(db.name), keyFile: options.keyFile, readonly: options.readonly }));
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare<Row>(`INSERT INTO audit_log (seq, at, actor, action, target, before, after, details, ip, prev_hash, hash)
    VALUES (@seq, @at, @actor, @action, @target, @before, @after, @details, @ip, @prev_hash, @hash)`);
  const all = db.prepare<[string, string], Row>('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq');
  const everything = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq');
  const counter = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');
  const rowAt = db.prepare<[number], Row>('SELECT * FROM audit_log WHERE seq = ?');
  const seqsOf = db.prepare<[string], { seq: number }>('SELECT seq FROM audit_log WHERE action = ? ORDER BY seq');
  const stored: StoredChain = {
    *rows() {
      // Straight from the rows: a row whose JSON no longer parses was edited by hand too.
      for (const r of everything.iterate()) yield { seq: r.seq, entry: readable(r) };
    },
    head: () => last.get(),
    entryAt(seq) {
      const r = rowAt.get(seq);
      return r && readable(r);
    },
    hashAt: (seq) => rowAt.get(seq)?.hash,
    seqsOf: (action) => seqsOf.all(action).map((r) => r.seq),
  };
  // Where the sealed entries start: every entry from it on is sealed (and checkpointed).
  let keyedSince = 1;
  const onCheckpointError = options.onCheckpointError ?? ((err: unknown) => process.emitWarning(`audit checkpoint not written: ${(err as Error).message}`));
  const checkpoints = createCheckpointWriter(seal.checkpoint, options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS, onCheckpointError);
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
    const entry: AuditEntry = { ...base, prevHash, hash: sealedHash(seal.key, prevHash, base) };
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

  /** Commits the entry, then checkpoints it (not inside a caller's transaction: it could still roll back). */
  function append(input: AuditInput): AuditEntry {
    const entry = appendTx.immediate(input);
    if (!db.inTransaction) checkpoints.offer({ keyedSince, seq: entry.seq, hash: entry.hash });
    return entry;
  }
  /** Commits several entries in one transaction (one fsync), then checkpoints the last. */
  const appendManyTx = db.transaction((inputs: readonly AuditInput[]): AuditEntry[] => inputs.map((i) => appendTx(i)));
  function appendMany(inputs: readonly AuditInput[]): AuditEntry[] {
    if (inputs.length === 0) return [];
    const entries = appendManyTx.immediate(inputs);
    const last = entries[entries.length - 1]!;
    if (!db.inTransaction) checkpoints.offer({ keyedSince, seq: last.seq, hash: last.hash });
    return entries;
  }
  if (!options.readonly) {
    const start = startChain(stored, seal);
    keyedSince = start.keyedSince;
    if (start.record) append(start.record);
  }

  const listStatements = new Map<string, Database.Statement<unknown[], Row>>();
  return {
    append,
    appendMany,
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
      // What this process appended is checkpointed first: a cut made since is then caught too.
      checkpoints.flush();
      return verifyStoredChain(stored, seal);
    },
    count: () => counter.get()!.n,
    close: () => checkpoints.close(),
    page(q) {
      const to = Math.min(q.afterSeq + q.limit, q.throughSeq);
      const entries = pageRows.all({ after: q.afterSeq, to, since: q.since, until: q.until ?? '\uffff' }).map(toEntry);
      return { entries, next: to < q.throughSeq ? to : null };
    },
  };
}
