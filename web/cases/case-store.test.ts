import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseListResponse, CaseTab, CaseView } from '../../server/wire/case-api.ts';
import type { LiveHello } from '../../server/wire/index.ts';
import type { CaseListFilter } from '../api/cases.ts';
import { createLiveStore, type LiveStore } from '../live/store.ts';
import { incident } from '../live/test-incident.ts';
import { createCaseStore, type CaseStore } from './case-store.ts';
import { caseView } from './test-case.ts';

const OVERDUE_LIMIT = 999;
const TABS: Record<CaseTab, number> = { new: 2, open: 0, overdue: 0, verifying: 0, mine: 0 };

/** The server's side of GET /cases for these tests: answers each request when told to. */
function fakeServer() {
  const requests: { filter: CaseListFilter; answer: (cases: CaseView[], tabs?: Partial<Record<CaseTab, number>>) => Promise<void>; fail: (m: string) => Promise<void>; signal: AbortSignal }[] = [];
  const fetchCases = (filter: CaseListFilter, signal: AbortSignal) => new Promise<CaseListResponse>((resolve, reject) => {
    requests.push({
      filter, signal,
      answer: async (cases, tabs = {}) => {
        resolve({ cases, tabs: { ...TABS, ...tabs }, truncated: false, lastSeq: 1, asOf: '2026-01-01T00:00:00.000Z' });
        await vi.advanceTimersByTimeAsync(0);
      },
      fail: async (m) => {
        reject(new Error(m));
        await vi.advanceTimersByTimeAsync(0);
      },
    });
  });
  // The queue's loads, without the background load of every overdue case (limit OVERDUE_LIMIT).
  const queue = () => requests.filter((r) => r.filter.limit !== OVERDUE_LIMIT);
  return { all: requests, requests: queue, fetchCases };
}

function hello(lastSeq: number): LiveHello {
  return { version: 't', asOf: '2026-01-01T00:00:00Z', lastSeq, windowMs: 86_400_000, townshipCounts: {}, units: [], demoFeed: false, caseCounts: {} };
}

let live: LiveStore;
let store: CaseStore;
let stop: () => void;
let server: ReturnType<typeof fakeServer>;

beforeEach(() => {
  vi.useFakeTimers();
  live = createLiveStore({ publishMs: 10 });
  live.hello(hello(5));
  server = fakeServer();
  store = createCaseStore(live, { fetchCases: server.fetchCases, refreshDelayMs: 20, minIntervalMs: 100, retryMs: 1000, overdueLimit: OVERDUE_LIMIT });
  stop = store.start();
});

afterEach(() => {
  stop();
  live.dispose();
  vi.useRealTimers();
});

describe('the case store', () => {
  it('loads every overdue case of the scope at start and after a reconnect, for the map\'s rings', async () => {
    const overdue = () => server.all.filter((r) => r.filter.limit === OVERDUE_LIMIT);
    expect(overdue()[0]?.filter).toEqual({ tab: 'overdue', sort: 'due', limit: OVERDUE_LIMIT });
    await overdue()[0]!.answer([caseView(4, { overdue: { step: true, case: false } })]);
    expect(store.getSnapshot().views.get('c-4')?.overdue.step).toBe(true);
    live.setConnection('reconnecting');
    live.hello(hello(9));
    live.resumed({ incidents: [], cases: [], lastSeq: 9, more: false });
    expect(overdue()).toHaveLength(2);
  });

  it('loads nothing until the queue is watched, then the default tab sorted by due time', async () => {
    expect(server.requests()).toHaveLength(0);
    store.watchQueue();
    expect(server.requests()[0]?.filter).toEqual({ tab: 'new', sort: 'due', limit: 200 });
    await server.requests()[0]!.answer([caseView(1), caseView(2)]);
    const s = store.getSnapshot();
    expect(s.queue).toMatchObject({ status: 'ready', ids: ['c-1', 'c-2'], tabs: TABS });
    expect(s.views.get('c-2')?.version).toBe(1);
  });

  it('applies a live change to the case at once and asks for the queue again', async () => {
    store.watchQueue();
    await server.requests()[0]!.answer([caseView(1), caseView(2)]);
    live.tick({ asOf: '2026-01-01T00:00:01Z', lastSeq: 6, incidents: [], cases: [caseView(1, { version: 2, stage: 'accepted' })] });
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getSnapshot().views.get('c-1')?.stage).toBe('accepted');
    expect(server.requests()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(server.requests()).toHaveLength(2);
    await server.requests()[1]!.answer([caseView(2)], { new: 1, open: 1 });
    expect(store.getSnapshot().queue).toMatchObject({ ids: ['c-2'], tabs: { new: 1, open: 1 } });
  });

  it('never lets an answer cut before a live change undo it', async () => {
    store.watchQueue();
    live.tick({ asOf: '2026-01-01T00:00:01Z', lastSeq: 6, incidents: [], cases: [caseView(1, { version: 3, stage: 'dispatched' })] });
    await vi.advanceTimersByTimeAsync(10);
    await server.requests()[0]!.answer([caseView(1, { version: 2, stage: 'accepted' })]);
    expect(store.getSnapshot().views.get('c-1')?.stage).toBe('dispatched');
    // The change arrived while the first load was out: it is asked for again.
    await vi.advanceTimersByTimeAsync(200);
    expect(server.requests()).toHaveLength(2);
  });

  it('coalesces a burst of changes into one load', async () => {
    store.watchQueue();
    await server.requests()[0]!.answer([]);
    await vi.advanceTimersByTimeAsync(500);
    for (let k = 0; k < 5; k++) {
      live.tick({ asOf: '2026-01-01T00:00:01Z', lastSeq: 6 + k, incidents: [incident(6 + k)] });
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(150);
    expect(server.requests()).toHaveLength(2);
  });

  it('loads the queue again for a new filter, dropping the answer of the old one', async () => {
    store.watchQueue();
    store.setFilter({ tab: 'overdue', township: '321202001' });
    expect(server.requests()[0]!.signal.aborted).toBe(true);
    expect(server.requests()[1]?.filter).toEqual({ tab: 'overdue', sort: 'due', township: '321202001', limit: 200 });
    await server.requests()[1]!.answer([caseView(7)]);
    expect(store.getSnapshot().queue.ids).toEqual(['c-7']);
  });

  it('reloads when the server history restarts, forgetting the views it held', async () => {
    store.watchQueue();
    await server.requests()[0]!.answer([caseView(1)]);
    live.hello(hello(2));
    expect(store.getSnapshot().views.size).toBe(0);
    expect(server.requests()).toHaveLength(2);
  });

  it('reloads after a reconnect', async () => {
    store.watchQueue();
    await server.requests()[0]!.answer([caseView(1)]);
    live.setConnection('reconnecting');
    live.hello(hello(9));
    expect(server.requests()).toHaveLength(1);
    live.resumed({ incidents: [], cases: [], lastSeq: 9, more: false });
    expect(server.requests()).toHaveLength(2);
  });

  it('says why a load failed and tries again', async () => {
    store.watchQueue();
    await server.requests()[0]!.fail('403 forbidden');
    expect(store.getSnapshot().queue).toMatchObject({ status: 'error', error: '403 forbidden' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.requests()).toHaveLength(2);
  });

  it('takes in the case a command answered with', async () => {
    store.ingest([caseView(3, { version: 4, stage: 'verifying' })]);
    expect(store.getSnapshot().views.get('c-3')?.stage).toBe('verifying');
  });

  it('stops loading when nobody watches the queue', async () => {
    const stop = store.watchQueue();
    await server.requests()[0]!.answer([]);
    stop();
    live.tick({ asOf: '2026-01-01T00:00:01Z', lastSeq: 6, incidents: [], cases: [caseView(1, { version: 2 })] });
    await vi.advanceTimersByTimeAsync(500);
    expect(server.requests()).toHaveLength(1);
    expect(store.getSnapshot().views.get('c-1')?.version).toBe(2);
  });
});
