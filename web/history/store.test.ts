import { afterEach, describe, expect, it } from 'vitest';
import type { LiveHello, LiveTick } from '../../server/wire/index.ts';
import { createLiveStore, type LiveStore } from '../live/store.ts';
import { createHistoryStore } from './store.ts';
import type { LoadedHistory } from './load.ts';
import { arrowColumns, liveIncident } from './test-columns.ts';

const G = '321202001001001';
const NOW = Date.parse('2026-03-01T00:00:00Z');

const hello = (lastSeq: number): LiveHello => ({
  version: '0', asOf: new Date(NOW).toISOString(), lastSeq, windowMs: 86_400_000, townshipCounts: {}, units: [], demoFeed: false, caseCounts: {},
});
const tick = (lastSeq: number, seqs: number[]): LiveTick => ({
  asOf: new Date(NOW).toISOString(), lastSeq, incidents: seqs.map((s) => liveIncident(s, NOW - 1000, G)),
});
const loaded = (seqs: number[], lastSeq: number): LoadedHistory => ({
  columns: arrowColumns(seqs.map((seq) => ({ seq, ms: NOW - 10 * 86_400_000 + seq, grid: G }))), lastSeq, bytes: 100, decodeMs: 1,
});

let live: LiveStore;
let stop: () => void = () => undefined;
afterEach(() => {
  stop();
  live.dispose();
});

/** Resolves after pending promise callbacks have run. */
const turn = () => new Promise((r) => setTimeout(r, 0));

describe('history store', () => {
  it('loads the range, then appends what the live store receives, once each, without a second load', async () => {
    live = createLiveStore({ publishMs: 0 });
    let loads = 0;
    let release: (v: LoadedHistory) => void = () => undefined;
    const history = createHistoryStore(live, { publishMs: 0, afterLiveMs: 0, now: () => NOW, load: () => { loads += 1; return new Promise((r) => { release = r; }); } });
    stop = history.start();
    expect(history.getSnapshot().status.state).toBe('loading');
    // The socket says hello and a tick arrives while the history is still loading.
    live.hello(hello(3));
    live.tick(tick(5, [4, 5]));
    live.flush();
    release(loaded([1, 2, 3, 4], 3)); // the read saw 4 as well
    await turn();
    const s = history.getSnapshot();
    expect(s.status).toMatchObject({ state: 'ready', rows: 5 });
    expect([...s.columns!.seq.subarray(0, s.rows)]).toEqual([1, 2, 3, 4, 5]);
    live.tick(tick(6, [5, 6]));
    live.flush();
    await turn();
    expect(history.getSnapshot().rows).toBe(6);
    expect(history.getSnapshot().columns).toBe(s.columns); // grown in place, not copied
    expect(loads).toBe(1);
  });

  it('shows a load failure, and loads again on retry', async () => {
    live = createLiveStore({ publishMs: 0 });
    let fail = true;
    const history = createHistoryStore(live, {
      publishMs: 0, retryMs: 60_000, now: () => NOW,
      load: async () => { if (fail) throw new Error('503 Service Unavailable'); return loaded([1], 1); },
    });
    stop = history.start();
    await turn();
    expect(history.getSnapshot().status).toEqual({ state: 'error', message: '503 Service Unavailable' });
    fail = false;
    history.retry();
    await turn();
    expect(history.getSnapshot().status).toMatchObject({ state: 'ready', rows: 1 });
  });

  it('loads again when the server history restarted (a new backfill epoch after the first)', async () => {
    live = createLiveStore({ publishMs: 0 });
    let loads = 0;
    const history = createHistoryStore(live, { publishMs: 0, afterLiveMs: 0, now: () => NOW, load: async () => { loads += 1; return loaded([1, 2], 2); } });
    stop = history.start();
    live.hello(hello(2));
    await turn();
    expect(loads).toBe(1);
    live.hello(hello(0)); // lastSeq went back: a new server history
    await turn();
    expect(loads).toBe(2);
  });
});
