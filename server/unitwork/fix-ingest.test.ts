// GPS fix ingest on the real server (demo county): POST /units/{id}/fixes answers after the commit
// (the fixes are on disk for another reader of the file, and survive a restart), a resent fix is
// kept once, each rejection names its reason per item, the latest position moves the
// recommendation's unit, GET /units/{id}/track replays the window, and only a fix source or an
// officer of the unit's township may post. Prints the throughput through HTTP in batches of 500.
import { afterEach, describe, expect, it } from 'vitest';
import { localFrame } from '../dispatch/geo.ts';
import { tempDir } from '../test-fixtures/app.ts';
import { keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import type { FixBatchResult, UnitTrack } from '../wire/unit-fixes.ts';
import { openFixStore } from './fix-store.ts';
import { DEMO_UNITS, openDemoApp, routePoint } from './fixtures.ts';
import type { YizhangtuApp } from '../app.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const EAST = '321202001';
const car = DEMO_UNITS.find((u) => u.kind === 'car' && u.townshipCode === EAST)!;
const foot = DEMO_UNITS.find((u) => u.kind === 'foot' && u.townshipCode === EAST)!;

async function open(dir: string): Promise<{ server: YizhangtuApp; gps: Record<string, string> }> {
  const server = await openDemoApp(dir);
  cleanups.push(() => server.close());
  const { key } = server.access.apiKeys.issue('gps-tracker', 'trackers', 'test');
  return { server, gps: { 'content-type': 'application/json', authorization: `Bearer ${key}` } };
}

/** Fixes every `stepS` seconds moving `stepM` metres east each, ending `endAgoS` seconds ago. */
function walk(start: { lng: number; lat: number }, n: number, stepS: number, stepM: number, endAgoS = 0): { at: string; lng: number; lat: number; speed: number; heading: number }[] {
  const kx = localFrame(start.lat).kx;
  const t0 = Date.now() - (endAgoS + (n - 1) * stepS) * 1000;
  return Array.from({ length: n }, (_, k) => ({ at: new Date(t0 + k * stepS * 1000).toISOString(), lng: start.lng + (k * stepM) / kx, lat: start.lat, speed: stepM / stepS, heading: 90 }));
}

const post = (server: YizhangtuApp, unitId: string, body: unknown, headers: Record<string, string>) =>
  server.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/fixes`, headers, payload: JSON.stringify(body) });

describe('POST /units/{id}/fixes', () => {
  it('acknowledges after the commit, keeps a resent fix once, and moves the unit', async () => {
    const t = tempDir('yzt-fixes-');
    cleanups.push(t.remove);
    const { server, gps } = await open(t.dir);
    const fixes = walk(routePoint(car.routeId, 0.3), 20, 5, 40, 10);
    const res = await post(server, car.id, fixes, gps);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FixBatchResult>()).toEqual({ unitId: car.id, accepted: 20, duplicates: 0, rejected: [] });
    // On disk when answered: another connection to the file sees all twenty.
    const reader = openFixStore(t.dir);
    expect(reader.track(car.id, 0, Date.now(), 100)).toHaveLength(20);
    reader.close();
    // The latest-fix store the recommendation reads has the newest one.
    expect(server.unitFixes.latest().find((f) => f.id === car.id)).toMatchObject({ at: fixes[19]!.at, lng: fixes[19]!.lng, lat: fixes[19]!.lat });

    // Resent (a tracker retrying), plus one new: the twenty are duplicates, stored once.
    const again = await post(server, car.id, [...fixes, ...walk(routePoint(car.routeId, 0.3), 1, 5, 0, 0).map((f) => ({ ...f, lng: fixes[19]!.lng }))], gps);
    expect(again.json<FixBatchResult>()).toMatchObject({ accepted: 1, duplicates: 20, rejected: [] });
    // The same time with another position is still the first one's duplicate.
    const moved = await post(server, car.id, [{ ...fixes[3]!, lng: fixes[3]!.lng + 0.0001 }], gps);
    expect(moved.json<FixBatchResult>()).toMatchObject({ accepted: 0, duplicates: 1 });

    const track = (await server.app.inject({ url: `/api/v1/units/${car.id}/track?since=${fixes[0]!.at}&until=${fixes[9]!.at}`, headers: { cookie: (await sessionFor(server, { role: 'leader', jurisdictionCode: EAST })).cookie } })).json<UnitTrack>();
    expect(track.fixes.map((f) => f.at)).toEqual(fixes.slice(0, 10).map((f) => f.at));
    expect(track.fixes[3]!.lng).toBe(fixes[3]!.lng);
    expect(track.truncated).toBe(false);

    // After a restart the unit stands at its last stored fix.
    await server.close();
    const { server: reopened } = await open(t.dir);
    expect(reopened.unitFixes.latest().find((f) => f.id === car.id)?.lng).toBeCloseTo(fixes[19]!.lng, 9);
  });

  it('rejects each implausible fix with its reason and stores the rest', async () => {
    const t = tempDir('yzt-fixes-');
    cleanups.push(t.remove);
    const { server, gps } = await open(t.dir);
    const start = routePoint(foot.routeId, 0.5);
    const good = walk(start, 3, 10, 10, 60);
    const batch: unknown[] = [
      ...good,
      { ...good[2], at: new Date(Date.now() + 120_000).toISOString() }, // 3: from the future
      { ...good[2], at: new Date(Date.parse(good[2]!.at) + 10_000).toISOString(), lng: start.lng + 0.05 }, // 4: ~4.7 km in 10 s on foot
      { ...good[2], at: new Date(Date.parse(good[2]!.at) + 20_000).toISOString(), lng: 116.39, lat: 39.91 }, // 5: Beijing, far outside the county
      { at: 'yesterday', lng: start.lng, lat: start.lat }, // 6
      { at: good[0]!.at, lng: 'NaN', lat: start.lat }, // 7
      { ...good[0], extra: 1 }, // 8
      null, // 9
    ];
    const res = await post(server, foot.id, batch, gps);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<FixBatchResult>();
    expect(r.accepted).toBe(3);
    expect(r.rejected.map((x) => `${x.index}:${x.code}`)).toEqual(['3:future', '4:too-fast', '5:outside-area', '6:malformed', '7:malformed', '8:malformed', '9:malformed']);
    for (const x of r.rejected) expect(x.reason.length).toBeGreaterThan(5);
    expect(r.rejected[1]!.reason).toMatch(/foot patrol/);

    // A batch of nothing but bad fixes is a 422 with the same list.
    const bad = await post(server, foot.id, [{ at: 'x', lng: 1, lat: 1 }], gps);
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, code: 'malformed' }] });
    expect(server.unitFixes.latest().find((f) => f.id === foot.id)?.at).toBe(good[2]!.at);
  });

  it('takes fixes from a fix source or an officer of the unit\'s township only', async () => {
    const t = tempDir('yzt-fixes-');
    cleanups.push(t.remove);
    const { server, gps } = await open(t.dir);
    const fixes = walk(routePoint(car.routeId, 0.3), 1, 1, 0, 0);
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: EAST });
    const west = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202002' });
    const worker = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: EAST });
    const json = { 'content-type': 'application/json' };
    expect((await post(server, car.id, fixes, keyHeaders('hotline-12345'))).statusCode).toBe(403);
    expect((await post(server, car.id, fixes, { ...json, cookie: worker.cookie })).statusCode).toBe(403);
    expect((await post(server, car.id, fixes, { ...json, cookie: west.cookie })).statusCode).toBe(404);
    expect((await post(server, 'ghost', fixes, gps)).statusCode).toBe(404);
    expect((await post(server, car.id, { at: fixes[0]!.at }, gps)).statusCode).toBe(422);
    expect((await post(server, car.id, [], gps)).statusCode).toBe(422);
    expect((await post(server, car.id, Array.from({ length: 1001 }, () => fixes[0]), gps)).statusCode).toBe(413);
    expect((await post(server, car.id, fixes, { ...json, cookie: officer.cookie })).json()).toMatchObject({ accepted: 1 });
    expect((await server.app.inject({ url: `/api/v1/units/${car.id}/track`, headers: { cookie: west.cookie } })).statusCode).toBe(404);
    expect((await server.app.inject({ url: `/api/v1/units/${car.id}/track`, headers: gps })).statusCode).toBe(403);
    expect((await server.app.inject({ url: `/api/v1/units/${car.id}/track?since=2026-13-01`, headers: { cookie: officer.cookie } })).statusCode).toBe(400);
  });

  it('acknowledges fixes through HTTP in batches of 500 (throughput printed)', async () => {
    const t = tempDir('yzt-fixes-');
    cleanups.push(t.remove);
    const { server, gps } = await open(t.dir);
    const { url } = await server.listen(0, '127.0.0.1');
    // Every unit of the county sends its track in batches of 500 fixes a second apart, 4 requests in flight.
    const BATCHES_PER_UNIT = 3;
    const bodies = DEMO_UNITS.flatMap((u, k) => {
      const track = walk(routePoint(u.routeId, 0.5), 500 * BATCHES_PER_UNIT, 1, 0.5, 60 + k);
      return Array.from({ length: BATCHES_PER_UNIT }, (_, b) => ({ unitId: u.id, body: JSON.stringify(track.slice(b * 500, (b + 1) * 500)) }));
    });
    // Batches of one unit in order; units interleaved.
    const queues = new Map<string, string[]>();
    for (const b of bodies) queues.set(b.unitId, [...(queues.get(b.unitId) ?? []), b.body]);
    const units = [...queues.keys()];
    let acked = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 4 }, async (_, w) => {
      for (let k = w; k < units.length; k += 4) {
        for (const body of queues.get(units[k]!)!) {
          const res = await fetch(`${url}/api/v1/units/${units[k]}/fixes`, { method: 'POST', headers: gps, body });
          const r = (await res.json()) as FixBatchResult;
          if (res.status !== 200 || r.rejected.length > 0) throw new Error(`${res.status} ${JSON.stringify(r).slice(0, 300)}`);
          acked += r.accepted;
        }
      }
    }));
    const s = (performance.now() - t0) / 1000;
    console.log(`[fix ingest] ${acked} fixes acknowledged through HTTP in batches of 500 in ${s.toFixed(2)} s: ${Math.round(acked / s)} fixes/s (goal 20,000/s)`);
    expect(acked).toBe(DEMO_UNITS.length * 500 * BATCHES_PER_UNIT);
  }, 120_000);
});
