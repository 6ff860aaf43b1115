// The read endpoints through the real app (fastify inject) on the fixture county.
import type { InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, testKey } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import type { Incident, JurisdictionResponse } from '../wire/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function app() {
  const t = tempDir('yzt-read-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir);
  cleanups.push(() => server.close());
  // As the county admin (sees everything), posting with the hotline's key: scoping has its own tests.
  const cookie = adminCookie(server);
  const inner = server.app;
  type Options = InjectOptions & { url: string; headers?: Record<string, string> };
  return {
    inject: (o: Options) =>
      inner.inject({ ...o, headers: { ...(o.method === 'POST' ? { authorization: `Bearer ${testKey()}` } : { cookie }), ...o.headers } } as InjectOptions),
  };
}

const EAST = FIXTURE_POINTS['321202001002001'];
const WEST = FIXTURE_POINTS['321202002001002'];

describe('read endpoints', () => {
  it('reports health with status and version', async () => {
    const res = await (await app()).inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), lastSeq: 0, demoFeed: false });
  });

  it('serves the jurisdiction levels with geometry', async () => {
    const res = await (await app()).inject({ url: '/api/v1/jurisdiction' });
    const body = res.json() as JurisdictionResponse;
    expect(body.county.properties.code).toBe('321202');
    expect(body.townships.features).toHaveLength(2);
    expect(body.villages.features).toHaveLength(2);
    expect(body.grids.features.map((f) => f.properties.code)).toContain('321202002001002');
  });

  it('answers an unchanged jurisdiction with 304 for its ETag', async () => {
    const a = await app();
    const first = await a.inject({ url: '/api/v1/jurisdiction' });
    const again = await a.inject({ url: '/api/v1/jurisdiction', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('compresses large answers with brotli when asked', async () => {
    const res = await (await app()).inject({ url: '/api/v1/jurisdiction', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
  });

  it('serves cameras, routes and units', async () => {
    const a = await app();
    expect((await a.inject({ url: '/api/v1/cameras' })).json().features).toHaveLength(2);
    expect((await a.inject({ url: '/api/v1/routes' })).json().features).toHaveLength(2);
    expect((await a.inject({ url: '/api/v1/units' })).json()).toMatchObject({ units: [{ id: 'unit-01' }, { id: 'unit-02' }], fixes: [] });
  });

  it('lists incidents newest first, filtered by township and category', async () => {
    const a = await app();
    const at = (p: { lng: number; lat: number }, id: string, iso: string, category = 'dispute') => ({ ...incidentAt(p, id), occurredAt: iso, category });
    await a.inject({
      method: 'POST',
      url: '/api/v1/events',
      payload: [
        at(EAST, 'e1', '2026-01-01T08:00:00+08:00'),
        at(EAST, 'e2', '2026-01-02T08:00:00+08:00'),
        at(EAST, 'fire', '2026-01-03T08:00:00+08:00', 'fire'),
        at(WEST, 'w1', '2026-01-04T08:00:00+08:00'),
      ],
    });
    const list = async (q: string) => ((await a.inject({ url: `/api/v1/incidents?${q}` })).json().incidents as Incident[]).map((i) => i.sourceId);
    expect(await list('')).toEqual(['w1', 'fire', 'e2', 'e1']);
    expect(await list('township=321202001&category=dispute')).toEqual(['e2', 'e1']);
    expect(await list('since=2026-01-02T00:00:00Z&until=2026-01-04T00:00:00Z')).toEqual(['fire', 'e2']);
    expect(await list('limit=1')).toEqual(['w1']);
  });

  it.each([
    ['since=yesterday', 'since'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['category=murder', 'category'],
    ['township=32', 'township'],
    ['colour=red', 'colour'],
  ])('answers GET /incidents?%s with 400 naming %s', async (query, field) => {
    const res = await (await app()).inject({ url: `/api/v1/incidents?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field, message: expect.any(String) });
  });

  it('finds an incident by id and answers 404 for an unknown one', async () => {
    const a = await app();
    const posted = (await a.inject({ method: 'POST', url: '/api/v1/events', payload: incidentAt(EAST, 'x') })).json();
    const id = posted.accepted[0].id as string;
    expect((await a.inject({ url: `/api/v1/incidents/${id}` })).json()).toMatchObject({ id, sourceId: 'x' });
    expect((await a.inject({ url: '/api/v1/incidents/nope' })).statusCode).toBe(404);
  });

  it('counts incidents per township in the window, zeros included', async () => {
    const a = await app();
    const old = { ...incidentAt(WEST, 'old'), occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString() };
    await a.inject({ method: 'POST', url: '/api/v1/events', payload: [incidentAt(WEST, 'new'), old] });
    expect((await a.inject({ url: '/api/v1/counts' })).json()).toMatchObject({ windowHours: 24, counts: { '321202001': 0, '321202002': 2 } });
    expect((await a.inject({ url: '/api/v1/counts?windowHours=1' })).json().counts).toEqual({ '321202001': 0, '321202002': 1 });
  });

  it.each([['windowHours=0'], ['windowHours=-1'], ['windowHours=721'], ['windowHours=x']])('answers GET /counts?%s with 400', async (q) => {
    const res = await (await app()).inject({ url: `/api/v1/counts?${q}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('windowHours');
  });

  it('ranks hotspots of the window', async () => {
    const res = await (await app()).inject({ url: '/api/v1/hotspots?window=24h' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ window: { name: '24h' }, hotspots: [] });
  });

  it('serves the basemap routes under /tiles', async () => {
    const res = await (await app()).inject({ url: '/tiles/tilejson.json' });
    // 200 with a built archive, 503 with a hint before `npm run tiles`: never the SPA or a crash.
    expect([200, 503]).toContain(res.statusCode);
    expect(res.headers['content-type']).toContain('application/json');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await (await app()).inject({ url: '/api/v1/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('/api/v1/nothing');
  });
});
