import { afterEach, describe, expect, it } from 'vitest';
import { createCameraStates } from '../cameras/camera-states.ts';
import { createGridAssigner } from '../geo/assigner.ts';
import { createIngest } from '../ingest/ingest.ts';
import { countyLabel, loadJurisdiction } from '../jurisdiction/load.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { adminCookie } from '../test-fixtures/auth.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { FIXTURE_JURISDICTION_DIR, FIXTURE_POINTS } from '../test-fixtures/index.ts';
import { createUnitState } from '../units/unit-state.ts';
import { createDemoFeed } from './feed.ts';
import type { DemoFeedOptions } from './feed.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const NOW = Date.parse('2026-03-02T04:00:00Z');

async function setup(options: Partial<DemoFeedOptions> = {}) {
  const t = tempDir('yzt-demo-');
  const store = openSqliteStore({ dataDir: t.dir });
  cleanups.push(t.remove, () => store.close());
  const jurisdiction = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
  const assigner = createGridAssigner(jurisdiction.grids);
  const ingest = createIngest({ assigner, store, countyLabel: countyLabel(jurisdiction), now: () => NOW });
  const units = createUnitState(jurisdiction.units);
  const cameras = createCameraStates(jurisdiction.cameras);
  const errors: unknown[] = [];
  const feed = createDemoFeed(
    { ingest, jurisdiction, assigner, store, units, cameras, now: () => NOW, log: () => {}, onError: (e) => errors.push(e) },
    { ratePerMinute: 10, backfillHours: 2, ...options },
  );
  cleanups.push(() => feed.stop());
  return { feed, store, ingest, units, errors };
}

describe('demo feed', () => {
  it('backfills an empty store through ingest with demo incidents of the last hours', async () => {
    const { feed, store, errors } = await setup();
    const n = await feed.backfill();
    expect(n).toBeGreaterThan(0);
    expect(await store.lastSeq()).toBe(n);
    const all = await store.after(0, n);
    expect(all.every((i) => i.source === 'demo')).toBe(true);
    const times = all.map((i) => Date.parse(i.occurredAt));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 2 * 3_600_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(errors).toEqual([]);
  });

  it('backfills a high rate in full batches and shortens the history to stay bounded', async () => {
    // 1200/min for 24 h would be 1.7 million; capped at ~6000 it is the last 5 minutes, >1000 a minute.
    const { feed, store, errors } = await setup({ ratePerMinute: 1200, backfillHours: 24, maxBackfill: 6000 });
    const n = await feed.backfill();
    expect(errors).toEqual([]);
    expect(n).toBeGreaterThan(3000);
    expect(n).toBeLessThan(12_000);
    const oldest = (await store.after(0, 1))[0]!;
    expect(Date.parse(oldest.occurredAt)).toBeGreaterThanOrEqual(NOW - 5 * 60_000);
  });

  it('does not backfill a store that already holds incidents', async () => {
    const { feed, store, ingest } = await setup();
    await ingest({ ...incidentAt(FIXTURE_POINTS['321202001002001'], 'real'), occurredAt: new Date(NOW).toISOString() });
    expect(await feed.backfill()).toBe(0);
    expect(await store.lastSeq()).toBe(1);
  });

  it('puts every patrol unit on the map as soon as it starts', async () => {
    const { feed, units } = await setup();
    feed.start();
    expect(units.latest().map((f) => f.id).sort()).toEqual(['unit-01', 'unit-02']);
  });
});

describe('demo feed in the app', () => {
  it('is off with DEMO_FEED=off: nothing is generated', async () => {
    const t = tempDir('yzt-demo-app-');
    cleanups.push(t.remove);
    const server = await createFixtureApp(t.dir, { demoFeed: false });
    cleanups.push(() => server.close());
    await server.listen(0, '127.0.0.1');
    expect(await server.store.lastSeq()).toBe(0);
    expect((await server.app.inject({ url: '/api/v1/health' })).json().demoFeed).toBe(false);
  });

  it('back-fills the loop too, each command at its own time: older cases archived, recent ones under way', async () => {
    const t = tempDir('yzt-demo-app-');
    cleanups.push(t.remove);
    const server = await createFixtureApp(t.dir, { demoFeed: true, demoRate: 10 }, { now: () => NOW, demo: { backfillHours: 4 } });
    cleanups.push(() => server.close());
    const n = await server.demo!.backfill();
    expect(n).toBeGreaterThan(500);
    const log = await server.store.logAfter(0, 100_000);
    const events = log.filter((e) => e.kind === 'event').map((e) => e.event);
    const incidents = log.filter((e) => e.kind === 'created').map((e) => e.incident);
    // Received when they occurred (at the end of the back-fill's minute, a second report at the latest a minute later), not all at the end.
    for (const i of incidents) expect(Date.parse(i.receivedAt) - Date.parse(i.occurredAt)).toBeLessThanOrEqual(120_000);
    expect(Date.parse(incidents[0]!.receivedAt)).toBeLessThan(NOW - 3 * 3_600_000);
    // The log is in time order, and its commands were made over the hours, by demo accounts.
    const times = log.map((e) => Date.parse(e.kind === 'created' ? e.incident.receivedAt : e.event.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Date.parse(events[0]!.at)).toBeLessThan(NOW - 3 * 3_600_000);
    expect(events.every((e) => (e.actor as { name: string }).name.startsWith('demo-'))).toBe(true);
    const { book } = server.casework;
    const stageOf = (i: { id: string }) => book.get(i.id)!.state.stage;
    const old = incidents.filter((i) => Date.parse(i.receivedAt) < NOW - 3 * 3_600_000);
    const recent = incidents.filter((i) => Date.parse(i.receivedAt) > NOW - 15 * 60_000);
    expect(old.filter((i) => stageOf(i) === 'archived' || stageOf(i) === 'merged').length).toBeGreaterThan(0.85 * old.length);
    expect(recent.filter((i) => stageOf(i) !== 'archived').length).toBeGreaterThan(0.85 * recent.length);
    // The clock is the server's own again.
    expect(server.access.now()).toBe(NOW);
  });

  it('is on with DEMO_FEED=on: demo incidents are stored and health says so', async () => {
    const t = tempDir('yzt-demo-app-');
    cleanups.push(t.remove);
    const server = await createFixtureApp(t.dir, { demoFeed: true, demoRate: 5 }, { demo: { backfillHours: 1 } });
    cleanups.push(() => server.close());
    await server.listen(0, '127.0.0.1');
    const recent = (await server.app.inject({ url: '/api/v1/incidents?limit=5', headers: { cookie: adminCookie(server) } })).json().incidents as { source: string }[];
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((i) => i.source === 'demo')).toBe(true);
    expect((await server.app.inject({ url: '/api/v1/health' })).json().demoFeed).toBe(true);
    // The patrol's fixes went through fix ingest: stored, so the unit has a track.
    const track = (await server.app.inject({ url: '/api/v1/units/unit-01/track', headers: { cookie: adminCookie(server) } })).json() as { fixes: unknown[] };
    expect(track.fixes.length).toBeGreaterThan(0);
  });
});
