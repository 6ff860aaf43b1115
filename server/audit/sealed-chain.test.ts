// What the key and the checkpoint add to the chain: someone who can edit access.sqlite but does not
// hold the key cannot recompute the chain after an edit (plainly or with a key of their own), cannot
// cut entries off the end, and cannot pass keyed entries off as legacy ones; a log written before
// the key existed is verified and continued keyed; a missing checkpoint is said out loud.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_DATABASE_FILE, openAccessDb } from '../auth/access-db.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie } from '../test-fixtures/auth.ts';
import { AuditStartError } from './audit-error.ts';
import { AUDIT_KEY_FILE } from './audit-key.ts';
import { createAuditLog } from './audit-log.ts';
import type { AuditEntry } from './audit-log.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, sealedHash } from './chain.ts';
import { AUDIT_CHECKPOINT_FILE } from './checkpoint.ts';
import { runAuditCli } from './cli.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dataDir(): string {
  const t = tempDir('yzt-sealed-');
  cleanups.push(t.remove);
  return t.dir;
}

const entryInput = (i: number) => ({ actor: { type: 'account' as const, id: '1', name: 'admin' }, action: 'account.updated', target: `account:${i}`, before: { role: 'leader' }, after: { role: 'duty-officer' }, ip: '127.0.0.1' });

/** Opens the data directory's log as the server does (checked at start, appends allowed); closed after the test. */
function open(dir: string, keyFile?: string) {
  const db = openAccessDb(dir);
  let log: ReturnType<typeof createAuditLog>;
  try {
    log = createAuditLog(db, Date.now, { keyFile });
  } catch (err) {
    db.close();
    throw err;
  }
  cleanups.push(() => {
    log.close();
    db.close();
  });
  return log;
}

/** A data directory whose log holds n sealed entries, checkpointed (its pending checkpoint written). */
function sealedLog(n: number): string {
  const dir = dataDir();
  const log = open(dir);
  for (let i = 1; i <= n; i++) log.append(entryInput(i));
  log.close();
  return dir;
}

/** The verdict as the verify command sees it: a fresh read-only handle. */
function verifyReadonly(dir: string) {
  const db = new Database(path.join(dir, ACCESS_DATABASE_FILE), { readonly: true });
  try {
    return createAuditLog(db, Date.now, { readonly: true }).verify();
  } finally {
    db.close();
  }
}

function cli(dir: string): { code: number; out: string } {
  const lines: string[] = [];
  const code = runAuditCli(['verify'], { dataDir: dir }, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

interface Row { seq: number; at: string; actor: string; action: string; target: string | null; before: string | null; after: string | null; details: string | null; ip: string | null; prev_hash: string; hash: string }
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));
const hashed = (r: Row) => canonicalJson({ seq: r.seq, at: r.at, actor: parse(r.actor), action: r.action, target: r.target, before: parse(r.before), after: parse(r.after), details: parse(r.details), ip: r.ip });

/** The chain as the code before the audit key computed it: sha256(previous hash + canonical JSON). */
const plainSha = (prevHash: string, r: Row) => createHash('sha256').update(prevHash).update(hashed(r)).digest('hex');

/**
 * What someone with the database file (and the published source) does: drop the triggers, edit
 * rows, and recompute every hash from the first one changed with `hash` — so each link fits again.
 */
function rewrite(dir: string, edit: string, fromSeq: number, hash: (prevHash: string, r: Row) => string): void {
  const db = new Database(path.join(dir, ACCESS_DATABASE_FILE));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  if (edit) db.exec(edit);
  const rows = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq').all();
  const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.seq >= fromSeq) {
      r.prev_hash = prev;
      r.hash = hash(prev, r);
      set.run(r.prev_hash, r.hash, r.seq);
    }
    prev = r.hash;
  }
  db.close();
}

/**
 * A data directory as the code before the audit key left it: the same table, rows chained with
 * plain SHA-256, and neither a key nor a checkpoint.
 */
function legacyDataDir(n: number): string {
  const dir = dataDir();
  const db = new Database(path.join(dir, ACCESS_DATABASE_FILE));
  db.exec(`CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT,
    before TEXT, after TEXT, details TEXT, ip TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
    CREATE INDEX audit_log_action ON audit_log (action, seq);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
  const insert = db.prepare('INSERT INTO audit_log VALUES (@seq, @at, @actor, @action, @target, @before, @after, @details, @ip, @prev_hash, @hash)');
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const r: Row = { seq, at: new Date(Date.UTC(2024, 0, seq)).toISOString(), actor: '{"type":"system"}', action: 'account.bootstrap-admin', target: `account:${seq}`, before: null, after: '{"role":"admin"}', details: null, ip: null, prev_hash: prev, hash: '' };
    r.hash = plainSha(prev, r);
    insert.run(r);
    prev = r.hash;
  }
  db.close();
  return dir;
}

describe('the sealed audit chain', () => {
  it('detects a row edited and its chain recomputed with plain SHA-256, as the unkeyed chain allowed', () => {
    const dir = sealedLog(5);
    rewrite(dir, `UPDATE audit_log SET after = '{"role":"admin"}' WHERE seq = 3`, 3, plainSha);
    const verdict = verifyReadonly(dir);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toEqual({ seq: 3, reason: expect.stringContaining('recomputed without the key') });
    const { code, out } = cli(dir);
    expect(code).toBe(1);
    expect(out).toContain('audit log BROKEN at entry 3');
  });

  it('detects a row edited and its chain recomputed with a key other than the audit key', () => {
    const dir = sealedLog(5);
    const otherKey = randomBytes(32);
    rewrite(dir, `UPDATE audit_log SET ip = '10.9.9.9' WHERE seq = 3`, 3, (prev, r) => sealedHash(otherKey, prev, { ...r, actor: parse(r.actor) as AuditEntry['actor'], before: parse(r.before), after: parse(r.after), details: parse(r.details) }));
    expect(verifyReadonly(dir).firstBroken).toEqual({ seq: 3, reason: expect.stringContaining('does not match its seal') });
  });

  it('detects entries deleted from the end, in verify and by refusing to start on them', () => {
    const dir = sealedLog(6);
    rewrite(dir, 'DELETE FROM audit_log WHERE seq >= 5', 7, plainSha);
    const verdict = verifyReadonly(dir);
    expect(verdict).toMatchObject({ ok: false, entries: 4, checkpoint: { status: 'truncated', seq: 6 } });
    expect(verdict.firstBroken).toEqual({ seq: 5, reason: expect.stringContaining('entries 5–6 were removed from the end') });
    expect(cli(dir).code).toBe(1);
    // Appending now would overwrite the checkpoint that proves the cut.
    expect(() => open(dir)).toThrow(AuditStartError);
    expect(() => open(dir)).toThrow(/ends at entry 4 but its checkpoint records entry 6/);
    console.log(`[audit] last 2 of 6 entries deleted: ${verdict.firstBroken!.reason}`);
  });

  it('says out loud that a missing checkpoint leaves truncation unchecked, and records it at the next start', () => {
    const dir = sealedLog(3);
    rmSync(path.join(dir, AUDIT_CHECKPOINT_FILE));
    const verdict = verifyReadonly(dir);
    expect(verdict).toMatchObject({ ok: false, entries: 3, checkpoint: { status: 'missing' } });
    expect(verdict.firstBroken).toBeUndefined();
    const { code, out } = cli(dir);
    expect(code).toBe(1);
    expect(out).toMatch(/audit log NOT VERIFIED: .* NO CHECKPOINT at .*, so entries removed from the end cannot be detected/);

    const log = open(dir);
    expect(log.list({ limit: 1 })[0]).toMatchObject({ seq: 4, action: 'audit.checkpoint-missing', actor: { type: 'system' } });
    expect(log.verify()).toMatchObject({ ok: true, entries: 4, checkpoint: { status: 'ok', seq: 4, reestablishedAt: [4] } });
    expect(cli(dir).out).toContain('a start found the checkpoint missing (recorded at entry 4)');
  });

  it('accepts a log ahead of its checkpoint (a crash between commit and checkpoint)', () => {
    const dir = dataDir();
    const log = open(dir);
    for (let i = 1; i <= 3; i++) log.append(entryInput(i));
    log.close();
    const atThree = readFileSync(path.join(dir, AUDIT_CHECKPOINT_FILE));
    log.append(entryInput(4));
    log.close();
    writeFileSync(path.join(dir, AUDIT_CHECKPOINT_FILE), atThree);
    expect(log.verify()).toMatchObject({ ok: true, entries: 4, checkpoint: { status: 'behind', seq: 3 } });
    const next = open(dir);
    next.append(entryInput(5));
    next.close();
    expect(verifyReadonly(dir)).toMatchObject({ ok: true, entries: 5, checkpoint: { status: 'ok', seq: 5 } });
  });

  it('checkpoints a burst of appends once at once and once when the interval is over', async () => {
    const dir = dataDir();
    const db = openAccessDb(dir);
    const log = createAuditLog(db, Date.now, { checkpointIntervalMs: 200 });
    cleanups.push(() => void db.close());
    const checkpointed = () => verifyReadonly(dir).checkpoint.seq;
    const t0 = performance.now();
    for (let i = 1; i <= 50; i++) log.append(entryInput(i));
    const perAppendUs = ((performance.now() - t0) / 50) * 1000;
    expect(checkpointed()).toBe(1);
    await vi.waitFor(() => expect(checkpointed()).toBe(50), { timeout: 5000, interval: 50 });
    log.close();

    const every = createAuditLog(db, Date.now, { checkpointIntervalMs: 0 });
    const t1 = performance.now();
    for (let i = 1; i <= 50; i++) every.append(entryInput(i));
    const everyUs = ((performance.now() - t1) / 50) * 1000;
    expect(checkpointed()).toBe(100);
    console.log(`[audit] append with the checkpoint coalesced: ${perAppendUs.toFixed(0)} µs; written after every append (temp + fsync + rename): ${everyUs.toFixed(0)} µs`);
  });

  it('verifies a legacy (unkeyed) log, continues it keyed, and catches a legacy entry rewritten afterwards', () => {
    const dir = legacyDataDir(4);
    expect(existsSync(path.join(dir, AUDIT_KEY_FILE))).toBe(false);
    const log = open(dir);
    const [marker] = log.list({ limit: 1 });
    const legacyHead = [...log.iterate()][3]!.hash;
    expect(marker).toMatchObject({ seq: 5, action: 'audit.chain-keyed', prevHash: legacyHead, details: { legacyEntries: 4, legacyHeadHash: legacyHead, legacyChain: 'intact' } });
    log.append(entryInput(6));
    expect(log.verify()).toMatchObject({ ok: true, entries: 6, keyedSince: 5, checkpoint: { status: 'ok', seq: 6 } });
    log.close();
    expect(cli(dir).out).toContain('entries 1–4 predate the audit key');

    // Legacy entries can still be recomputed by anyone, but the first sealed entry covers the last
    // legacy hash: linked to the new one, its seal no longer fits, and that takes the key to redo.
    rewrite(dir, `UPDATE audit_log SET after = '{"role":"leader"}' WHERE seq = 2`, 2, (prev, r) => (r.seq <= 4 ? plainSha(prev, r) : r.hash));
    expect(verifyReadonly(dir).firstBroken).toEqual({ seq: 5, reason: expect.stringContaining('does not match its seal') });
  });

  it('detects sealed entries rewritten as legacy ones (a downgrade), after a legacy start and on a fresh log', () => {
    const upgraded = legacyDataDir(3);
    const log = open(upgraded);
    for (let i = 1; i <= 3; i++) log.append(entryInput(i));
    log.close();
    rewrite(upgraded, `UPDATE audit_log SET target = 'account:99' WHERE seq = 6`, 4, plainSha);
    expect(verifyReadonly(upgraded).firstBroken).toEqual({ seq: 4, reason: expect.stringContaining('where the chain is keyed since entry 4') });
    expect(() => open(upgraded)).toThrow(/audit entry 7 is not the one its checkpoint records: it was rewritten/);

    const fresh = sealedLog(3);
    rewrite(fresh, '', 1, plainSha);
    expect(verifyReadonly(fresh).firstBroken).toEqual({ seq: 1, reason: expect.stringContaining('keyed since entry 1') });
    // Without the checkpoint as well, the all-legacy log is not passed as fine.
    rmSync(path.join(fresh, AUDIT_CHECKPOINT_FILE));
    expect(verifyReadonly(fresh)).toMatchObject({ ok: false, keyedSince: null, checkpoint: { status: 'missing' } });
  });

  it('creates the key and the checkpoint readable by the owner only', () => {
    const dir = sealedLog(1);
    expect(statSync(path.join(dir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, AUDIT_CHECKPOINT_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, AUDIT_KEY_FILE), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('refuses to start with another key than the one the log was sealed with', () => {
    const dir = sealedLog(2);
    const other = path.join(dataDir(), 'other.key');
    writeFileSync(other, randomBytes(32).toString('hex'), { mode: 0o600 });
    expect(() => open(dir, other)).toThrow(/checkpoint .* is not valid \(its seal does not verify with the audit key\)/);
    rmSync(path.join(dir, AUDIT_CHECKPOINT_FILE));
    expect(() => open(dir, other)).toThrow(/last audit entry \(2\) verifies neither with the audit key nor as a legacy entry/);
  });

  it('reports a missing checkpoint through GET /api/v1/audit/verify', async () => {
    const dir = dataDir();
    const server = await createFixtureApp(dir);
    cleanups.push(() => server.close());
    const cookie = adminCookie(server);
    const intact = (await server.app.inject({ url: '/api/v1/audit/verify', headers: { cookie } })).json();
    expect(intact).toMatchObject({ ok: true, entries: 1, keyedSince: 1, checkpoint: { status: 'ok', seq: 1 } });
    rmSync(path.join(dir, AUDIT_CHECKPOINT_FILE));
    const missing = (await server.app.inject({ url: '/api/v1/audit/verify', headers: { cookie } })).json();
    expect(missing).toMatchObject({ ok: false, entries: 1, checkpoint: { status: 'missing' } });
  });
});
