import { describe, expect, it, onTestFinished } from 'vitest';
import type { HeatColumns, LiveHello, LiveTick } from '../../server/wire/index.ts';
import { createLiveStore } from '../live/store.ts';
import { startHeatFeed, type HeatSource } from './heat-feed.ts';
import { DAY_MS, heatColumnsOf, NOW, serverGrid } from './heat-test-grid.ts';
import { liveIncident } from './test-columns.ts';

const G = '321202001001001';
const A = { lng: 119.9123, lat: 32.4876 };
const B = { lng: 120.0311, lat: 32.5502 };

const hello = (lastSeq: number): LiveHello => ({
  version: '0', asOf: new Date(NOW).toISOString(), lastSeq, windowMs: DAY_MS, townshipCounts: {}, units: [], demoFeed: false, caseCounts: {},
});
const tick = (lastSeq: number, seqs: number[], where = A): LiveTick => ({
  asOf: new Date(NOW).toISOString(), lastSeq, incidents: seqs.map((s) => liveIncident(s, NOW - 1000, G, where)),
});
/** heat.arrow as the server answers it after committing seqs 1 … lastSeq, all at A. */
function answer(lastSeq: number): HeatColumns {
  const g = serverGrid();
  for (let s = 1; s <= lastSeq; s++) g.add(A.lng, A.lat, NOW - 60_000);
  return heatColumnsOf(g, lastSeq);
}

/** Lets pending promise callbacks and zero-delay timers run. */
const settled = () => new Promise((r) => setTimeout(r, 0));

/**
 * A live store that has had its first hello (at `helloSeq`), and a feed on it whose loads wait for
 * `releases[k]`, refreshing `refreshMs` after each; stopped after the test.
 */
function start(refreshMs: number, helloSeq: number) {
  const live = createLiveStore({ publishMs: 0 });
  live.hello(hello(helloSeq));
  const releases: ((c: HeatColumns) => void)[] = [];
  const seen: HeatSource[] = [];
  const stop = startHeatFeed(live, {
    load: () => new Promise((r) => releases.push(r)),
    windowMs: DAY_MS, refreshMs, now: () => NOW, onChange: (s) => seen.push(s),
  });
  onTestFinished(() => {
    stop();
    live.dispose();
  });
  const total = () => seen.at(-1)!.weights.reduce((a, b) => a + b, 0);
  return { live, releases, seen, total };
}

describe('heat feed', () => {
  it('adds what arrives during a load above the answer\'s lastSeq, then follows live without loading again', async () => {
    const { live, releases, seen, total } = start(60_000, 3);
    // While heat.arrow is in flight: 4 (which the answer will count) and 5 (which it will not).
    live.tick(tick(5, [4, 5]));
    live.flush();
    releases[0]!(answer(4));
    await settled();
    expect(total()).toBe(5);
    const published = seen.length;
    live.tick(tick(6, [5, 6]));
    live.flush();
    expect(seen.length).toBe(published + 1);
    expect(total()).toBe(6);
    expect(seen.at(-1)!.weights).not.toBe(seen.at(-2)!.weights); // a new array per version: deck.gl uploads by identity
    await settled();
    expect(releases.length).toBe(1); // no load per incident: the next is the refresh a minute on
  });

  it('a refresh replaces the live additions it counts and keeps the ones it does not', async () => {
    const { live, releases, seen, total } = start(0, 2);
    releases[0]!(answer(2));
    await settled();
    live.tick(tick(4, [3, 4], B));
    live.flush();
    expect(seen.at(-1)!.rows).toBe(2); // B's cell was not loaded: it appears
    expect(total()).toBe(4);
    await settled();
    expect(releases.length).toBe(2);
    live.tick(tick(5, [5], B)); // arrives while the refresh is in flight
    live.flush();
    const server = serverGrid();
    for (let s = 1; s <= 2; s++) server.add(A.lng, A.lat, NOW - 60_000);
    for (let s = 3; s <= 4; s++) server.add(B.lng, B.lat, NOW - 60_000);
    releases[1]!(heatColumnsOf(server, 4));
    await settled();
    expect(total()).toBe(5);
    expect(seen.at(-1)!.rows).toBe(2);
  });

  it('loads again at once when the server\'s log restarted, and follows the new seqs', async () => {
    const { live, releases, total } = start(60_000, 40);
    releases[0]!(answer(40));
    await settled();
    live.hello(hello(1)); // a new data directory: seqs start again
    expect(releases.length).toBe(2);
    releases[1]!(answer(1));
    await settled();
    live.tick(tick(2, [2]));
    live.flush();
    expect(total()).toBe(2);
  });
});
