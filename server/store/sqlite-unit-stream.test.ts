// Units in the one log: a unit stream has no created entry (version 0 before its first event), its
// events take the next seqs like a case's, optimistic concurrency holds on it, and a case and a unit
// appended by one command (a dispatch) are written together or not at all.
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../test-fixtures/temp-stores.ts';
import type { StreamAppend } from './types.ts';

const { tempDir, open } = useTempStores('yzt-unit-log');

const officer = { type: 'account', id: 7, name: 'zhang' };
const at = '2026-01-10T08:05:00.000Z';

function dispatched(unitId: string, expectedVersion: number, caseId: string): StreamAppend {
  return { stream: 'unit', streamId: unitId, expectedVersion, events: [{ type: 'dispatched', at, actor: officer, payload: { caseId, override: false, replaces: null } }] };
}

const incident = {
  source: 'hotline-12345', sourceId: 's1', category: 'dispute', priority: 'normal', lng: 119.905, lat: 32.485,
  occurredAt: '2026-01-10T08:00:00.000Z', description: '纠纷', townshipCode: '321202001', villageCode: '321202001002', gridCode: '321202001002001',
} as const;

describe('unit streams in the log', () => {
  it('starts a unit at version 0, numbers its events in the one seq, and refuses a stale version', async () => {
    const store = open();
    expect((await store.appendBatch([incident]))[0]!.incident.seq).toBe(1);
    const first = await store.appendCommand([dispatched('unit-1', 0, 'c1')]);
    expect(first).toMatchObject({ ok: true, events: [{ seq: 2, stream: 'unit', streamId: 'unit-1', version: 1, type: 'dispatched' }] });
    expect(await store.appendCommand([dispatched('unit-1', 0, 'c2')])).toEqual({ ok: false, conflict: { streamId: 'unit-1', version: 1 } });
    expect((await store.appendCommand([dispatched('unit-1', 1, 'c2')])).ok).toBe(true);
    expect((await store.eventsOf('unit', 'unit-1')).map((e) => e.version)).toEqual([1, 2]);
    expect(await store.eventsOf('case', 'unit-1')).toEqual([]);
    // A unit's events are not a case's: the open-case fold does not see them.
    let seen = 0;
    await store.forEachOpenCase((_i, events) => { seen += events.length; });
    expect(seen).toBe(0);
    expect((await store.logAfter(0, 10)).map((e) => e.kind === 'event' ? `${e.seq}:${e.event.stream}` : `${e.seq}:created`)).toEqual(['1:created', '2:unit', '3:unit']);
  });

  it('writes a case and a unit of one command together, or neither when one of them moved', async () => {
    const dir = tempDir();
    const store = open(dir);
    const id = (await store.appendBatch([incident]))[0]!.incident.id;
    const assign = (v: number): StreamAppend => ({
      stream: 'case', streamId: id, expectedVersion: v, events: [{ type: 'assigned', at, actor: officer, payload: { assignee: { kind: 'unit', unitId: 'unit-1', name: 'u' } } }],
      projection: { stage: 'dispatched', open: true, stepDueAt: null },
    });
    expect((await store.appendCommand([dispatched('unit-1', 0, 'other')])).ok).toBe(true);
    // The unit moved on (version 1): nothing of the command is written, the case included.
    expect(await store.appendCommand([assign(1), dispatched('unit-1', 0, id)])).toEqual({ ok: false, conflict: { streamId: 'unit-1', version: 1 } });
    expect(await store.eventsOf('case', id)).toEqual([]);
    expect(await store.lastSeq()).toBe(2);
    const both = await store.appendCommand([assign(1), dispatched('unit-1', 1, id)]);
    expect(both).toMatchObject({ ok: true, events: [{ seq: 3, stream: 'case', version: 2 }, { seq: 4, stream: 'unit', version: 2 }] });
    expect(await store.getById(id)).toMatchObject({ stage: 'dispatched', version: 2 });
    await store.close();
    // Reopened: the same versions are read back.
    const again = open(dir);
    expect((await again.eventsOf('unit', 'unit-1')).map((e) => `${e.version}:${(e.payload as { caseId: string }).caseId}`)).toEqual(['1:other', `2:${id}`]);
  });
});
