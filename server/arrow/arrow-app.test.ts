// The Arrow endpoints through the real server (port 0, real HTTP, real SQLite): the same incidents
// as GET /incidents, the heat total as GET /counts, and the caller's jurisdiction respected.
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import { INCIDENT_PRIORITIES, readHeatColumns, readIncidentColumns, uuidAt } from '../wire/index.ts';
import type { Incident } from '../wire/index.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve() {
  const t = tempDir('yzt-arrow-app-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir);
  cleanups.push(() => server.close());
  const { url } = await server.listen(0, '127.0.0.1');
  return { server, base: `${url}/api/v1`, admin: adminCookie(server) };
}

const GRIDS = Object.keys(FIXTURE_POINTS) as (keyof typeof FIXTURE_POINTS)[];
const CATEGORIES = ['dispute', 'fire', 'traffic', 'environment'];

async function post(base: string, n: number, minutesAgo: (k: number) => number) {
  const now = Date.now();
  const body = Array.from({ length: n }, (_, k) => ({
    source: 'hotline-12345',
    sourceId: `arrow-${k}`,
    category: CATEGORIES[k % CATEGORIES.length],
    priority: INCIDENT_PRIORITIES[k % 4],
    lng: FIXTURE_POINTS[GRIDS[k % 4]!].lng + k * 1e-5,
    lat: FIXTURE_POINTS[GRIDS[k % 4]!].lat - k * 1e-5,
    occurredAt: new Date(now - minutesAgo(k) * 60_000).toISOString(),
  }));
  const res = await fetch(`${base}/events`, { method: 'POST', headers: keyHeaders(), body: JSON.stringify(body) });
  expect(res.status).toBe(201);
}

async function arrow(url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } });
  expect(res.status).toBe(200);
  return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
}

describe('Arrow endpoints in the app', () => {
  it('incidents.arrow holds the same ids, coordinates and categories as GET /incidents', async () => {
    const { base, admin } = await serve();
    await post(base, 60, (k) => k * 7);
    const json = (await (await fetch(`${base}/incidents?limit=1000`, { headers: { cookie: admin } })).json()) as { incidents: Incident[] };
    const c = readIncidentColumns(await arrow(`${base}/incidents.arrow`, admin));
    expect(c.length).toBe(60);
    const byId = new Map(json.incidents.map((i) => [i.id, i]));
    for (let k = 0; k < c.length; k++) {
      const i = byId.get(uuidAt(c.id, k));
      expect(i).toBeDefined();
      expect(c.seq[k]).toBe(i!.seq);
      expect(c.categories[c.category[k]!]).toBe(i!.category);
      expect(INCIDENT_PRIORITIES[c.priority[k]!]).toBe(i!.priority);
      expect(c.grids[c.grid[k]!]).toBe(i!.gridCode);
      expect(c.occurredAt[k]).toBe(Date.parse(i!.occurredAt));
      expect(Math.abs(c.origin[0] + c.position[2 * k]! - i!.lng)).toBeLessThan(1e-6);
      expect(Math.abs(c.origin[1] + c.position[2 * k + 1]! - i!.lat)).toBeLessThan(1e-6);
    }
  });

  it('heat.arrow sums to the window total of GET /counts', async () => {
    const { base, admin } = await serve();
    await post(base, 40, (k) => k * 10); // every 10 minutes over 6.5 hours
    for (const hours of [1, 3, 24]) {
      const heat = readHeatColumns(await arrow(`${base}/heat.arrow?windowHours=${hours}`, admin));
      const counts = (await (await fetch(`${base}/counts?windowHours=${hours}`, { headers: { cookie: admin } })).json()) as { counts: Record<string, number> };
      const total = Object.values(counts.counts).reduce((a, b) => a + b, 0);
      expect(heat.total).toBe(total);
      expect(heat.count.reduce((a, b) => a + b, 0)).toBe(total);
    }
    expect(readHeatColumns(await arrow(`${base}/heat.arrow?windowHours=1`, admin)).total).toBe(6); // 0, 10 … 50 minutes ago
  });

  it('heat.arrow\'s lastSeq is what the county grid has counted, not what the store holds', async () => {
    const { server, base, admin } = await serve();
    await post(base, 5, (k) => k);
    expect(readHeatColumns(await arrow(`${base}/heat.arrow`, admin)).lastSeq).toBe(5);
    // Committed but not (yet) handed to the aggregates, as in the instant between a commit and
    // ingest's hand-over: the grid does not count it, so lastSeq must not claim it, or a live
    // client would skip it until the next refresh.
    await server.store.appendBatch([{ ...FIXTURE_POINTS[GRIDS[0]!], source: 'hotline-12345', sourceId: 'not-handed-over', category: 'dispute', priority: 'normal', occurredAt: new Date().toISOString(), description: '', townshipCode: '321202001', villageCode: '321202001002', gridCode: GRIDS[0]! }]);
    expect(await server.store.lastSeq()).toBe(6);
    const heat = readHeatColumns(await arrow(`${base}/heat.arrow`, admin));
    expect(heat.total).toBe(5);
    expect(heat.lastSeq).toBe(5);
  });

  it('a township account gets only its township; an API key and an anonymous caller get nothing', async () => {
    const { server, base } = await serve();
    await post(base, 20, (k) => k);
    const east = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const c = readIncidentColumns(await arrow(`${base}/incidents.arrow`, east.cookie));
    expect(c.length).toBe(10);
    expect(new Set(Array.from(c.township, (t) => c.townships[t]))).toEqual(new Set(['321202001']));
    expect(readHeatColumns(await arrow(`${base}/heat.arrow`, east.cookie)).total).toBe(10);
    expect((await fetch(`${base}/incidents.arrow`, { headers: keyHeaders() })).status).toBe(403);
    expect((await fetch(`${base}/heat.arrow`)).status).toBe(401);
  });
});
