// The store as one event log: incidents are the created entries of their cases, commands append
// events after them in the same gapless seq, optimistic concurrency is checked against what is
// committed, and every read (the log after a seq, a case's events, the open cases) sees one order.
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../test-fixtures/temp-stores.ts';
import type { IncidentStore, NewIncident, StreamAppend } from './types.ts';

const { tempDir, open } = useTempStores('yzt-log');

function item(sourceId: string, over: Partial<NewIncident> = {}): NewIncident {
  return {
    source: 'hotline-12345', sourceId, category: 'dispute', priority: 'normal', lng: 119.905, lat: 32.485,
    occurredAt: '2026-01-10T08:00:00.000Z', description: '邻里噪音纠纷',
    townshipCode: '321202001', villageCode: '321202001002', gridCode: '321202001002001', ...over,
  };
}

const officer = { type: 'account', id: 7, name: 'zhang' };

function accept(caseId: string, expectedVersion: number, over: Partial<StreamAppend> = {}): StreamAppend {
  return {
    stream: 'case', streamId: caseId, expectedVersion,
    events: [{ type: 'accepted', at: '2026-01-10T08:05:00.000Z', actor: officer, payload: { note: '已受理' } }],
    projection: { stage: 'accepted', open: true, stepDueAt: '2026-01-11T08:05:00.000Z' },
    ...over,
  };
}

async function twoCases(store: IncidentStore): Promise<[string, string]> {
  const [a, b] = await store.appendBatch([item('a'), item('b')]);
  return [a!.incident.id, b!.incident.id];
}

describe('the store as one event log', () => {
  it('numbers a command’s events after the incidents in one gapless seq, with the case’s next versions', async () => {
    const store = open();
    const [a] = await twoCases(store);
    const done = await store.appendCommand([{ ...accept(a, 1), events: [...accept(a, 1).events, { type: 'note', at: '2026-01-10T08:06:00.000Z', actor: officer, payload: { text: '电话联系' } }] }]);
    expect(done).toEqual({
      ok: true,
      events: [
        { seq: 3, stream: 'case', streamId: a, version: 2, type: 'accepted', at: '2026-01-10T08:05:00.000Z', actor: officer, payload: { note: '已受理' } },
        { seq: 4, stream: 'case', streamId: a, version: 3, type: 'note', at: '2026-01-10T08:06:00.000Z', actor: officer, payload: { text: '电话联系' } },
      ],
    });
    const [c] = await store.appendBatch([item('c')]);
    expect(c!.incident.seq).toBe(5);
    expect(await store.lastSeq()).toBe(5);
    // The incident row follows its case: lists and exports show the current stage and version.
    expect(await store.getById(a)).toMatchObject({ stage: 'accepted', version: 3, stepDueAt: '2026-01-11T08:05:00.000Z' });
  });

  it('refuses a command that saw an older version, writing nothing and using no seq', async () => {
    const store = open();
    const [a] = await twoCases(store);
    expect((await store.appendCommand([accept(a, 1)])).ok).toBe(true);
    const stale = await store.appendCommand([accept(a, 1)]);
    expect(stale).toEqual({ ok: false, conflict: { streamId: a, version: 2 } });
    expect(await store.eventsOf('case', a)).toHaveLength(1);
    expect(await store.lastSeq()).toBe(3);
    expect((await store.appendCommand([accept(a, 2)])).ok).toBe(true);
    expect(await store.lastSeq()).toBe(4);
  });

  it('lets exactly one of two commands that saw the same version through, whoever sent first', async () => {
    const store = open();
    const [a] = await twoCases(store);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.appendCommand([accept(a, 1)])));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.conflict.version)).toEqual(Array(7).fill(2));
    expect(await store.eventsOf('case', a)).toHaveLength(1);
  });

  it('writes a command over several cases all or nothing', async () => {
    const store = open();
    const [a, b] = await twoCases(store);
    await store.appendCommand([accept(b, 1)]);
    const merge = (bVersion: number): StreamAppend[] => [
      { stream: 'case', streamId: a, expectedVersion: 1, events: [{ type: 'merged', at: '2026-01-10T09:00:00.000Z', actor: officer, payload: { into: b } }], projection: { stage: 'merged', open: false, stepDueAt: null } },
      { stream: 'case', streamId: b, expectedVersion: bVersion, events: [{ type: 'note', at: '2026-01-10T09:00:00.000Z', actor: officer, payload: { text: `merged ${a}` } }], projection: { stage: 'accepted', open: true, stepDueAt: null } },
    ];
    expect(await store.appendCommand(merge(1))).toEqual({ ok: false, conflict: { streamId: b, version: 2 } });
    expect(await store.eventsOf('case', a)).toEqual([]);
    expect((await store.getById(a))!.stage).toBe('intake');
    expect((await store.appendCommand(merge(2))).ok).toBe(true);
    expect(await store.getById(a)).toMatchObject({ stage: 'merged', version: 2 });
  });

  it('answers a command on an unknown case as a conflict with no version', async () => {
    const store = open();
    expect(await store.appendCommand([accept('0190a000-0000-7000-8000-000000000000', 1)])).toEqual({ ok: false, conflict: { streamId: '0190a000-0000-7000-8000-000000000000', version: null } });
  });

  it('reads the log after a seq as incidents and events merged in seq order, paged', async () => {
    const store = open();
    const [a, b] = await twoCases(store);
    await store.appendCommand([accept(a, 1)]);
    await store.appendBatch([item('c')]);
    await store.appendCommand([accept(b, 1)]);
    const all = await store.logAfter(0, 100);
    expect(all.map((e) => `${e.seq}:${e.kind === 'created' ? `created ${e.incident.sourceId}` : `${e.event.type} v${e.event.version}`}`)).toEqual([
      '1:created a', '2:created b', '3:accepted v2', '4:created c', '5:accepted v2',
    ]);
    expect((await store.logAfter(2, 2)).map((e) => e.seq)).toEqual([3, 4]);
    expect(await store.logAfter(5, 10)).toEqual([]);
  });

  it('visits the open cases with their events, and not the closed ones', async () => {
    const store = open();
    const [a, b] = await twoCases(store);
    await store.appendCommand([accept(a, 1)]);
    await store.appendCommand([{ ...accept(b, 1), projection: { stage: 'archived', open: false, stepDueAt: null } }]);
    const seen: string[] = [];
    const n = await store.forEachOpenCase((incident, events) => seen.push(`${incident.sourceId}:${events.map((e) => e.type).join(',')}`));
    expect(n).toBe(1);
    expect(seen).toEqual(['a:accepted']);
  });

  it('keeps the log, its versions and its seq across close and reopen', async () => {
    const dir = tempDir();
    const first = open(dir);
    const [a] = await twoCases(first);
    await first.appendCommand([accept(a, 1)]);
    await first.close();
    const again = open(dir);
    expect(await again.lastSeq()).toBe(3);
    expect((await again.appendCommand([accept(a, 1)])).ok).toBe(false);
    const next = await again.appendCommand([accept(a, 2)]);
    expect(next.ok && next.events[0]!.seq).toBe(4);
  });
});
