// The audit log: entries are chained; the table refuses edits; an entry changed in the file behind
// the server's back is detected, and the first broken entry is named (by verify and by the CLI).
// What the key and the checkpoint add (recomputed chains, truncation, legacy logs): sealed-chain.test.ts.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_DATABASE_FILE, openAccessDb } from '../auth/access-db.ts';
import { tempDir } from '../test-fixtures/app.ts';
import { createAuditLog } from './audit-log.ts';
import { canonicalJson } from './canonical-json.ts';
import { runAuditCli } from './cli.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function setup(n = 5) {
  const t = tempDir('yzt-audit-');
  cleanups.push(t.remove);
  const db = openAccessDb(t.dir);
  const log = createAuditLog(db);
  /** Closes the log (its pending checkpoint written) and the database, once. */
  const close = () => {
    if (!db.open) return;
    log.close();
    db.close();
  };
  cleanups.push(close);
  for (let i = 1; i <= n; i++) {
    log.append({ actor: { type: 'account', id: '1', name: 'admin' }, action: 'account.updated', target: `account:${i}`, before: { role: 'leader' }, after: { role: 'duty-officer' }, ip: '127.0.0.1' });
  }
  return { dir: t.dir, db, log, close };
}

/** Edits a stored entry the way someone with the database file could: triggers dropped first. */
function tamper(dir: string, sql: string): void {
  const db = new Database(path.join(dir, ACCESS_DATABASE_FILE));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

describe('audit log', () => {
  it('chains every entry to the one before and verifies', () => {
    const { log } = setup(5);
    const entries = [...log.iterate()];
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(log.verify()).toEqual({ ok: true, entries: 5, headHash: entries[4]!.hash, keyedSince: 1, checkpoint: { status: 'ok', seq: 5, hash: entries[4]!.hash, reestablishedAt: [] } });
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    const { db } = setup(2);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow('append-only');
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow('append-only');
  });

  it('detects a modified row and names it as the first broken entry', () => {
    const { dir, close, log } = setup(6);
    const intactBefore = [...log.iterate()][1]!.hash;
    close();
    tamper(dir, `UPDATE audit_log SET after = '{"role":"admin"}' WHERE seq = 3`);
    const reopened = openAccessDb(dir);
    cleanups.push(() => reopened.close());
    const verdict = createAuditLog(reopened).verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toEqual({ seq: 3, reason: expect.stringContaining('modified') });
    expect(verdict.headHash).toBe(intactBefore); // entries 1 and 2 still verify
    console.log(`[audit] modified row 3 of 6: verify names entry ${verdict.firstBroken!.seq} (${verdict.firstBroken!.reason})`);
  });

  it('detects a row modified and re-hashed at the entry after it', () => {
    const { dir, close } = setup(4);
    close();
    tamper(dir, `UPDATE audit_log SET target = 'account:99', hash = '${'a'.repeat(64)}' WHERE seq = 2`);
    const reopened = openAccessDb(dir);
    cleanups.push(() => reopened.close());
    expect(createAuditLog(reopened).verify().firstBroken?.seq).toBe(2);
  });

  it('detects a removed row', () => {
    const { dir, close } = setup(4);
    close();
    tamper(dir, 'DELETE FROM audit_log WHERE seq = 2');
    const reopened = openAccessDb(dir);
    cleanups.push(() => reopened.close());
    expect(createAuditLog(reopened).verify().firstBroken).toEqual({ seq: 3, reason: expect.stringContaining('expected entry 2') });
  });

  it('names the first broken entry on the command line and exits 1', () => {
    const { dir, close } = setup(5);
    close();
    tamper(dir, `UPDATE audit_log SET ip = '10.0.0.1' WHERE seq = 4`);
    const lines: string[] = [];
    expect(runAuditCli(['verify'], { dataDir: dir }, (l) => lines.push(l))).toBe(1);
    expect(lines[1]).toMatch(/^audit log BROKEN at entry 4: /);
  });

  it('verifies an intact log on the command line with exit 0', () => {
    const { dir, close } = setup(3);
    close();
    const lines: string[] = [];
    expect(runAuditCli(['verify'], { dataDir: dir }, (l) => lines.push(l))).toBe(0);
    expect(lines[1]).toMatch(/^audit log OK: 3 entries/);
  });

  it('pages newest first and filters by action prefix', () => {
    const { log } = setup(5);
    log.append({ actor: { type: 'anonymous' }, action: 'auth.login-failed', details: { username: 'x' } });
    expect(log.list({ limit: 2 }).map((e) => e.seq)).toEqual([6, 5]);
    expect(log.list({ limit: 10, beforeSeq: 3 }).map((e) => e.seq)).toEqual([2, 1]);
    expect(log.list({ limit: 10, action: 'auth.' }).map((e) => e.action)).toEqual(['auth.login-failed']);
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: 'é' })).toBe('{"b":"é"}');
  });
});
