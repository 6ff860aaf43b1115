import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticTiling } from '../geo/synthetic-tiling.ts';
import { createHotspotService } from './hotspot-service.ts';
import { hotspotRoutes, type HotspotsResponse } from './hotspot-routes.ts';
import { createWindowCounts, HOUR_MS } from './window-counts.ts';

const T0 = Date.UTC(2026, 10, 22, 8);
const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function start() {
  const grids = syntheticTiling({ columns: 10, rows: 10, holes: 0, multiPolygons: 0, seed: 'routes' });
  for (const f of grids.features) f.properties.households = 100;
  const counts = createWindowCounts({ clock: () => T0 });
  for (const f of grids.features) counts.add({ ...f.properties, gridCode: f.properties.code, category: 'dispute', source: 'demo', occurredAtMs: T0 - HOUR_MS / 2 });
  const hot = grids.features[44]?.properties;
  for (let k = 0; k < 30 && hot; k++) counts.add({ ...hot, gridCode: hot.code, category: 'fire', source: 'alarm-110', occurredAtMs: T0 - k * 60_000 });
  const app = Fastify();
  apps.push(app);
  await app.register(hotspotRoutes, { prefix: '/api/v1', service: createHotspotService(grids, counts), now: () => T0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, hot, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1` };
}

describe('GET /api/v1/hotspots', () => {
  it('answers the ranked hotspots of the default 24 h window', async () => {
    const { base, hot } = await start();
    const res = await fetch(`${base}/hotspots`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as HotspotsResponse;
    expect(body.window).toEqual({ name: '24h', ms: 24 * HOUR_MS, from: new Date(T0 - 24 * HOUR_MS).toISOString(), to: new Date(T0).toISOString() });
    expect(body.method.statistic).toBe('getis-ord-gi*');
    expect(body.hotspots[0]?.gridCodes).toContain(hot?.code);
    expect(body.hotspots[0]?.topCategories[0]).toEqual({ category: 'fire', count: 30 });
  });

  it('takes a custom window, a past now and options', async () => {
    const { base } = await start();
    const early = await (await fetch(`${base}/hotspots?windowMinutes=10&now=${encodeURIComponent(new Date(T0 - 2 * HOUR_MS).toISOString())}`)).json() as HotspotsResponse;
    expect(early.window.ms).toBe(10 * 60_000);
    expect(early.hotspots).toEqual([]); // nothing had happened yet
    const strict = await (await fetch(`${base}/hotspots?window=1h&minCount=1000`)).json() as HotspotsResponse;
    expect(strict.hotspots).toEqual([]);
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const { base } = await start();
    for (const [query, field] of [['window=2h', 'window'], ['windowMinutes=0', 'windowMinutes'], ['fdr=NaN', 'fdr'], ['limit=abc', 'limit'], ['now=yesterday', 'now'], ['window=1h&windowMinutes=5', 'windowMinutes']] as const) {
      const res = await fetch(`${base}/hotspots?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { field?: string }).field, query).toBe(field);
    }
    const unknown = await fetch(`${base}/hotspots?colour=red`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toContain('colour');
  });
});
