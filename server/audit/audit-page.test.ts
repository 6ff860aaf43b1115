// The audit log's paged read for exports: bounded windows of seqs, filtered by time, ending at the
// seq the export started from.
import { afterEach, describe, expect, it } from 'vitest';
import { openAccessDb } from '../auth/access-db.ts';
import { tempDir } from '../test-fixtures/app.ts';
import { createAuditLog } from './audit-log.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

/** A log of `n` entries written an hour apart from 2026-03-01T00:00Z. */
function logOf(n: number) {
  const t = tempDir('yzt-audit-page-');
  cleanups.push(t.remove);
  const db = openAccessDb(t.dir);
  cleanups.push(() => db.close());
  let at = Date.parse('2026-03-01T00:00:00Z');
  const log = createAuditLog(db, () => at);
  for (let i = 1; i <= n; i++, at += 3_600_000) log.append({ actor: { type: 'system' }, action: 'account.updated', target: `account:${i}` });
  return log;
}

describe('audit log pages', () => {
  it('read at most `limit` seqs a page, keep the entries of the time range, and stop at throughSeq', () => {
    const log = logOf(10);
    const range = { since: '2026-03-01T02:00:00.000Z', until: '2026-03-01T08:00:00.000Z', throughSeq: 9, limit: 4 };
    expect(log.page({ ...range, afterSeq: 0 })).toMatchObject({ entries: [{ seq: 3 }, { seq: 4 }], next: 4 });
    expect(log.page({ ...range, afterSeq: 4 })).toMatchObject({ entries: [{ seq: 5 }, { seq: 6 }, { seq: 7 }, { seq: 8 }], next: 8 });
    // Seq 9 lies past until, seq 10 past throughSeq: the last page.
    expect(log.page({ ...range, afterSeq: 8 })).toEqual({ entries: [], next: null });
    const { until: _until, ...open } = range;
    expect(log.page({ ...open, afterSeq: 8 }).entries.map((e) => e.seq)).toEqual([9]);
    // Entries as list() gives them.
    expect(log.page({ ...open, afterSeq: 8 }).entries).toEqual(log.list({ beforeSeq: 10, limit: 1 }));
  });
});
