import { afterEach, describe, expect, it } from 'vitest';
import type { Incident, LiveHello, LiveTick } from '../../server/wire/index.ts';
import type { CaseView } from '../../server/wire/case-api.ts';
import { createLiveStore, type LiveStore } from './store.ts';

function incident(seq: number): Incident {
  return {
    id: `inc-${seq}`, seq, source: 'alarm-110', sourceId: `s-${seq}`, category: 'fire', priority: 'urgent',
    lng: 119.9, lat: 32.49, occurredAt: '2026-01-01T00:00:00Z', receivedAt: '2026-01-01T00:00:01Z',
    description: '', stage: 'intake', version: 1, stepDueAt: null, caseDueAt: null, townshipCode: 't', villageCode: 'v', gridCode: 'g',
  };
}

function hello(lastSeq: number, over: Partial<LiveHello> = {}): LiveHello {
  return {
    version: '0.1.0', asOf: '2026-01-01T00:00:05Z', lastSeq, windowMs: 86_400_000,
    townshipCounts: { t: 1 }, units: [], demoFeed: true, caseCounts: {}, ...over,
  };
}

function tick(lastSeq: number, incidents: Incident[], over: Partial<LiveTick> = {}): LiveTick {
  return { asOf: '2026-01-01T00:00:06Z', lastSeq, incidents, ...over };
}

let store: LiveStore;
afterEach(() => store.dispose());

describe('live store', () => {
  it('starts fresh at the server position on first contact and asks for a backfill', () => {
    store = createLiveStore();
    expect(store.hello(hello(7))).toBe('fresh');
    expect(store.lastSeq()).toBe(7);
    expect(store.getSnapshot().backfillEpoch).toBe(1);
    expect(store.getSnapshot().demoFeed).toBe(true);
    expect(store.getSnapshot().connection).toBe('connected');
  });

  it('resumes after a reconnect to the same server', () => {
    store = createLiveStore();
    store.hello(hello(7));
    store.tick(tick(9, [incident(8), incident(9)]));
    expect(store.hello(hello(12))).toBe('resume');
    expect(store.lastSeq()).toBe(9);
    expect(store.getSnapshot().backfillEpoch).toBe(1);
  });

  it('shows that it is catching up while a resume replays the gap, then connected', () => {
    store = createLiveStore();
    store.hello(hello(7));
    store.tick(tick(9, [incident(8), incident(9)]));
    store.hello(hello(12));
    expect(store.getSnapshot().connection).toBe('catching-up');
    store.resumed({ incidents: [incident(10), incident(11)], lastSeq: 12, more: true, cases: [] });
    expect(store.getSnapshot().connection).toBe('catching-up');
    store.resumed({ incidents: [incident(12)], lastSeq: 12, more: false, cases: [] });
    expect(store.getSnapshot().connection).toBe('connected');
  });

  it('resets when the server history went backwards', () => {
    store = createLiveStore();
    store.hello(hello(7));
    store.tick(tick(9, [incident(8), incident(9)]));
    expect(store.hello(hello(2))).toBe('reset');
    expect(store.lastSeq()).toBe(2);
    expect(store.getSnapshot().incidents.newestFirst).toHaveLength(0);
    expect(store.getSnapshot().backfillEpoch).toBe(2);
  });

  it('buffers ticks and publishes them together', () => {
    store = createLiveStore({ publishMs: 60_000 });
    store.hello(hello(0));
    let published = 0;
    store.subscribe(() => published++);
    store.tick(tick(1, [incident(1)]));
    store.tick(tick(2, [incident(2)], { townshipCounts: { t: 3 } }));
    expect(published).toBe(0);
    expect(store.getSnapshot().incidents.newestFirst).toHaveLength(0);
    store.flush();
    expect(published).toBe(1);
    expect(store.getSnapshot().incidents.newestFirst.map((i) => i.seq)).toEqual([2, 1]);
    expect(store.getSnapshot().townshipCounts).toEqual({ t: 3 });
    expect(store.getSnapshot().asOf).toBe('2026-01-01T00:00:06Z');
  });

  it('advances the resume point only to the end of a page while more pages remain', () => {
    store = createLiveStore();
    store.hello(hello(1));
    store.resumed({ incidents: [incident(2), incident(3)], lastSeq: 10, more: true, cases: [] });
    expect(store.lastSeq()).toBe(3);
    store.resumed({ incidents: [incident(4)], lastSeq: 10, more: false, cases: [] });
    expect(store.lastSeq()).toBe(10);
  });

  it('ignores a backfill answer for an older epoch', () => {
    store = createLiveStore();
    store.hello(hello(5));
    store.backfill(0, [incident(1)]);
    store.backfill(1, [incident(2)]);
    store.flush();
    expect(store.getSnapshot().incidents.newestFirst.map((i) => i.id)).toEqual(['inc-2']);
  });
});

describe('live store: cases', () => {
  // Only the fields the store reads (id, version) matter here; the rest is the wire shape.
  function view(id: string, version: number): CaseView {
    return { id, version, stage: 'intake', lastSeq: version } as unknown as CaseView;
  }

  it('hands each publish its changed cases once, the newest view of each, and keeps the counts', () => {
    store = createLiveStore({ publishMs: 1_000_000 });
    const seen: string[][] = [];
    store.onCases((c) => seen.push(c.cases.map((v) => `${v.id}@${v.version}`).concat(c.overdue.map((o) => `overdue:${o.caseId}`))));
    store.hello(hello(7, { caseCounts: { t: { open: 3, overdue: 0, stages: { intake: 3 } } } }));
    expect(store.getSnapshot().caseCounts.t?.open).toBe(3);
    store.tick(tick(8, [], { cases: [view('a', 2), view('b', 1)] }));
    store.tick(tick(9, [], {
      cases: [view('a', 3)], overdue: [{ caseId: 'b', limit: 'step', dueAt: '2026-01-01T00:00:00Z' }],
      caseCounts: { t: { open: 3, overdue: 1, stages: { intake: 3 } } },
    }));
    store.tick(tick(9, [], { cases: [view('a', 1)] })); // an older view arriving late never wins
    expect(seen).toEqual([]);
    store.flush();
    expect(seen).toEqual([['a@3', 'b@1', 'overdue:b']]);
    expect(store.getSnapshot().caseCounts.t?.overdue).toBe(1);
    store.tick(tick(10, [incident(10)]));
    store.flush();
    expect(seen).toHaveLength(1); // no case changed: no call
  });

  it('passes on the cases a resume replays', () => {
    store = createLiveStore({ publishMs: 1_000_000 });
    const seen: string[] = [];
    store.onCases((c) => seen.push(...c.cases.map((v) => v.id)));
    store.hello(hello(7));
    store.tick(tick(8, []));
    store.hello(hello(12));
    store.resumed({ incidents: [], lastSeq: 12, more: false, cases: [view('c', 4)] });
    store.flush();
    expect(seen).toEqual(['c']);
  });
});
