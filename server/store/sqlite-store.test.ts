import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../test-fixtures/temp-stores.ts';
import type { Incident } from '../wire/index.ts';
import type { NewIncident, PageCursor } from './types.ts';

const { tempDir, open } = useTempStores('yzt-store');

function item(sourceId: string, over: Partial<NewIncident> = {}): NewIncident {
  return {
    source: 'hotline-12345',
    sourceId,
    category: 'dispute',
    priority: 'normal',
    lng: 119.905,
    lat: 32.485,
    occurredAt: '2026-01-10T08:00:00.000Z',
    description: '邻里噪音纠纷',
    townshipCode: '321202001',
    villageCode: '321202001002',
    gridCode: '321202001002001',
    ...over,
  };
}

describe('SQLite incident store', () => {
  it('assigns consecutive sequence numbers starting at 1, in batch order', async () => {
    const store = open(tempDir());
    const first = await store.appendBatch([item('a'), item('b')]);
    const second = await store.appendBatch([item('c')]);
    expect([...first, ...second].map((o) => o.incident.seq)).toEqual([1, 2, 3]);
    expect(await store.lastSeq()).toBe(3);
  });

  it('returns the stored incident for a repeated (source, sourceId) without writing a second one', async () => {
    const store = open(tempDir());
    const [original] = await store.appendBatch([item('x')]);
    const [again] = await store.appendBatch([item('x', { description: 'changed' })]);
    expect(again).toEqual({ incident: original!.incident, duplicate: true });
    expect(await store.lastSeq()).toBe(1);
  });

  it('treats a repeat inside the same batch as a duplicate of the first', async () => {
    const store = open(tempDir());
    const [a, b] = await store.appendBatch([item('x'), item('x')]);
    expect(b!.duplicate).toBe(true);
    expect(b!.incident.id).toBe(a!.incident.id);
  });

  it('keys idempotency by source and sourceId together', async () => {
    const store = open(tempDir());
    const [a, b] = await store.appendBatch([item('1'), item('1', { source: 'alarm-110' })]);
    expect(b!.duplicate).toBe(false);
    expect(b!.incident.id).not.toBe(a!.incident.id);
  });

  it('keeps incidents, sequence and idempotency across close and reopen', async () => {
    const dir = tempDir();
    const first = open(dir);
    const [stored] = await first.appendBatch([item('k')]);
    await first.close();
    const reopened = open(dir);
    expect(await reopened.getById(stored!.incident.id)).toEqual(stored!.incident);
    const [again, next] = await reopened.appendBatch([item('k'), item('l')]);
    expect(again!.duplicate).toBe(true);
    expect(next!.incident.seq).toBe(2);
  });

  it('leaves no gap in the sequence after a failed batch', async () => {
    const store = open(tempDir());
    await store.appendBatch([item('a')]);
    const bad = item('b', { occurredAt: 'not a date' });
    await expect(store.appendBatch([item('c'), bad])).rejects.toThrow();
    expect(await store.after(0, 10)).toHaveLength(1);
    const [next] = await store.appendBatch([item('c')]);
    expect(next!.incident.seq).toBe(2);
  });

  it('commits concurrent batches together with consecutive sequence numbers in call order, durably', async () => {
    const dir = tempDir();
    const store = open(dir);
    const results = await Promise.all([
      store.appendBatch([item('a'), item('b')]),
      store.appendBatch([item('c'), item('a')]),
      store.appendBatch([item('d')]),
    ]);
    expect(results.map((r) => r.map((o) => [o.incident.sourceId, o.incident.seq, o.duplicate]))).toEqual([
      [['a', 1, false], ['b', 2, false]],
      [['c', 3, false], ['a', 1, true]],
      [['d', 4, false]],
    ]);
    await store.close();
    const reopened = open(dir);
    expect((await reopened.after(0, 10)).map((i) => i.sourceId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fails only the bad one of concurrent batches', async () => {
    const store = open(tempDir());
    const results = await Promise.allSettled([store.appendBatch([item('a')]), store.appendBatch([item('b', { occurredAt: 'not a date' })]), store.appendBatch([item('c')])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.after(0, 10)).map((i) => [i.sourceId, i.seq])).toEqual([['a', 1], ['c', 2]]);
  });

  it('pages incidents after a sequence number in order', async () => {
    const store = open(tempDir());
    await store.appendBatch(['a', 'b', 'c', 'd', 'e'].map((id) => item(id)));
    expect((await store.after(1, 2)).map((i) => i.seq)).toEqual([2, 3]);
    expect((await store.after(3, 10)).map((i) => i.seq)).toEqual([4, 5]);
    expect(await store.after(5, 10)).toEqual([]);
  });

  it('lists newest first, filtered by time window, township and category', async () => {
    const store = open(tempDir());
    await store.appendBatch([
      item('old', { occurredAt: '2026-01-01T00:00:00.000Z' }),
      item('in1', { occurredAt: '2026-01-05T00:00:00.000Z' }),
      item('in2', { occurredAt: '2026-01-06T00:00:00.000Z' }),
      item('fire', { occurredAt: '2026-01-06T00:00:00.000Z', category: 'fire' }),
      item('west', { occurredAt: '2026-01-06T00:00:00.000Z', townshipCode: '321202002' }),
      item('late', { occurredAt: '2026-01-09T00:00:00.000Z' }),
    ]);
    const got = await store.listRecent({
      since: '2026-01-05T08:00:00+08:00',
      until: '2026-01-09T00:00:00Z',
      townshipCode: '321202001',
      category: 'dispute',
      limit: 10,
    });
    expect(got.map((i) => i.sourceId)).toEqual(['in2', 'in1']);
    expect((await store.listRecent({ limit: 2 })).map((i) => i.sourceId)).toEqual(['late', 'west']);
  });

  it('pages a time range oldest first by (occurredAt, seq), resuming after the last row, without gaps or repeats', async () => {
    const store = open(tempDir());
    const times = ['2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-09T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-04T00:00:00.000Z'];
    await store.appendBatch(times.map((occurredAt, k) => item(`p${k}`, { occurredAt })));
    const range = { since: '2026-01-02T00:00:00Z', until: '2026-01-09T00:00:00Z' };
    const seen: string[] = [];
    let after: { occurredAt: string; seq: number } | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await store.pointsPage({ ...range, ...(after ? { after } : {}), limit: 2 });
      seen.push(...page.rows.map((p) => `${p.occurredAt.slice(8, 10)}#${p.seq}`));
      if (!page.next) break;
      after = page.next;
    }
    // Day 02 (seq 3, 4, 6), day 03 (seq 2), day 04 (seq 7); day 01 before since, day 09 not before until.
    expect(seen).toEqual(['02#3', '02#4', '02#6', '03#2', '04#7']);
  });

  it('pages only the township or village asked for, with the map columns', async () => {
    const store = open(tempDir());
    await store.appendBatch([
      item('a'),
      item('b', { townshipCode: '321202002', villageCode: '321202002001', gridCode: '321202002001001' }),
      item('c', { villageCode: '321202001003', gridCode: '321202001003001', category: 'fire', priority: 'urgent', lng: 119.9123456789 }),
    ]);
    const range = { since: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z', limit: 10 };
    expect((await store.pointsPage({ ...range, townshipCode: '321202001' })).rows.map((p) => p.seq)).toEqual([1, 3]);
    const [c] = (await store.pointsPage({ ...range, villageCode: '321202001003' })).rows;
    expect(c).toEqual({
      seq: 3, id: expect.any(String), source: 'hotline-12345', category: 'fire', priority: 'urgent', stage: 'intake',
      lng: 119.9123456789, lat: 32.485, occurredAt: '2026-01-10T08:00:00.000Z',
      townshipCode: '321202001', villageCode: '321202001003', gridCode: '321202001003001',
    });
  });

  it('pages full incidents of a range by (occurredAt, seq), filtered by township, village and category, each exactly once', async () => {
    const store = open(tempDir());
    const west = { townshipCode: '321202002', villageCode: '321202002001', gridCode: '321202002001001' };
    await store.appendBatch(
      Array.from({ length: 40 }, (_, k) =>
        item(`r${k}`, {
          occurredAt: new Date(Date.UTC(2026, 0, 1 + (k % 9), 8)).toISOString(),
          category: k % 3 === 0 ? 'fire' : 'dispute',
          ...(k % 4 === 0 ? west : k % 4 === 1 ? { villageCode: '321202001003', gridCode: '321202001003001' } : {}),
        }),
      ),
    );
    const all = (await store.after(0, 100)).sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq));
    const range = { since: '2026-01-02T00:00:00Z', until: '2026-01-09T00:00:00Z' };
    const inRange = all.filter((i) => i.occurredAt >= '2026-01-02' && i.occurredAt < '2026-01-09');
    const cases = [
      { filter: {}, keep: () => true },
      { filter: { townshipCode: '321202001' }, keep: (i: Incident) => i.townshipCode === '321202001' },
      { filter: { villageCode: '321202001003' }, keep: (i: Incident) => i.villageCode === '321202001003' },
      { filter: { townshipCode: '321202002', category: 'fire' as const }, keep: (i: Incident) => i.townshipCode === '321202002' && i.category === 'fire' },
    ];
    for (const { filter, keep } of cases) {
      const seen: Incident[] = [];
      let after: PageCursor | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await store.incidentsPage({ ...range, ...filter, ...(after ? { after } : {}), limit: 4 });
        expect(page.rows.length).toBeLessThanOrEqual(4);
        seen.push(...page.rows);
        if (!page.next) break;
        after = page.next;
      }
      expect(seen, JSON.stringify(filter)).toEqual(inRange.filter(keep));
    }
  });

  it('examines at most `limit` incidents of the range per page, so a scope with none is read in bounded pages, not one long scan', async () => {
    const store = open(tempDir());
    await store.appendBatch(Array.from({ length: 10 }, (_, k) => item(`e${k}`, { occurredAt: new Date(Date.UTC(2026, 0, 2, k)).toISOString() })));
    const range = { since: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z', townshipCode: '321202002', limit: 3 };
    for (const read of [(after?: PageCursor) => store.pointsPage({ ...range, ...(after ? { after } : {}) }), (after?: PageCursor) => store.incidentsPage({ ...range, ...(after ? { after } : {}) })]) {
      const cursors: (PageCursor | undefined)[] = [];
      let after: PageCursor | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await read(after);
        expect(page.rows).toEqual([]);
        cursors.push(page.next);
        if (!page.next) break;
        after = page.next;
      }
      // Windows of 3, 3, 3 and the last 1 incident of the township next door: each ends at its last incident.
      expect(cursors.map((c) => c?.seq)).toEqual([3, 6, 9, undefined]);
    }
  });

  it('visits every incident that occurred since a time', async () => {
    const store = open(tempDir());
    await store.appendBatch([
      item('old', { occurredAt: '2026-01-01T00:00:00.000Z' }),
      item('new', { occurredAt: '2026-01-05T00:00:00.000Z' }),
    ]);
    const seen: string[] = [];
    const n = await store.forEachSince('2026-01-02T00:00:00Z', (i) => seen.push(i.sourceId));
    expect(n).toBe(1);
    expect(seen).toEqual(['new']);
  });

  it('keeps its database in WAL mode', async () => {
    const dir = tempDir();
    const store = open(dir);
    await store.appendBatch([item('a')]);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'yizhangtu.sqlite'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});
