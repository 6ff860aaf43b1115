// Boots the real server on the generated demo county (data/demo, from `npm run data`): the files
// load, incidents are assigned to its grids, and everything outside it is refused.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, incidentAt, tempDir } from './test-fixtures/app.ts';
import { adminCookie, keyHeaders } from './test-fixtures/auth.ts';
import type { CameraCollection, GridCollection, JurisdictionResponse } from './wire/index.ts';

const DEMO_DIR = fileURLToPath(new URL('../data/demo/', import.meta.url));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function demoServer() {
  // Not skipped when missing: the demo county is part of the product, its absence is a failure.
  expect(existsSync(`${DEMO_DIR}grids.geojson`), 'data/demo is missing: run `npm run data`').toBe(true);
  const t = tempDir('yzt-demo-county-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, { jurisdictionDir: DEMO_DIR });
  cleanups.push(() => server.close());
  await server.listen(0, '127.0.0.1');
  // The county admin sees everything; incidents are posted with the hotline's key.
  const cookie = adminCookie(server);
  const app = server.app;
  return {
    app: {
      inject: (o: InjectOptions & { url: string }) =>
        app.inject({ ...o, headers: o.method === 'POST' ? keyHeaders() : { cookie } } as InjectOptions),
    },
  };
}

describe('server on the demo county', () => {
  it('serves 海陵区 with its 14 townships and 156 villages, and counts for each township', async () => {
    const { app } = await demoServer();
    const j = (await app.inject({ url: '/api/v1/jurisdiction' })).json() as JurisdictionResponse;
    expect(j.county.properties).toMatchObject({ code: '321202', name: '海陵区', schematic: true });
    expect(j.townships.features).toHaveLength(14);
    expect(j.villages.features).toHaveLength(156);
    const counts = (await app.inject({ url: '/api/v1/counts' })).json().counts as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual(j.townships.features.map((f) => f.properties.code).sort());
  });

  it('assigns incidents at camera positions to grids of the county', async () => {
    const { app } = await demoServer();
    const cameras = (await app.inject({ url: '/api/v1/cameras' })).json() as CameraCollection;
    const grids = (await app.inject({ url: '/api/v1/jurisdiction' })).json().grids as GridCollection;
    const gridByCode = new Map(grids.features.map((f) => [f.properties.code, f.properties]));
    const sample = cameras.features.filter((_, i) => i % 50 === 0);
    const items = sample.map((c, i) => incidentAt({ lng: c.geometry.coordinates[0]!, lat: c.geometry.coordinates[1]! }, `cam-${i}`));
    const res = await app.inject({ method: 'POST', url: '/api/v1/events', payload: items });
    const body = res.json() as { accepted: { gridCode: string; villageCode: string; townshipCode: string }[]; rejected: unknown[] };
    expect(body.rejected).toEqual([]);
    for (const a of body.accepted) {
      const grid = gridByCode.get(a.gridCode);
      expect(grid).toBeDefined();
      expect([grid!.villageCode, grid!.townshipCode]).toEqual([a.villageCode, a.townshipCode]);
    }
  });

  it('refuses an incident in the next county with the county named', async () => {
    const { app } = await demoServer();
    // 泰州市姜堰区, east of 海陵区.
    const res = await app.inject({ method: 'POST', url: '/api/v1/events', payload: incidentAt({ lng: 120.15, lat: 32.51 }, 'far') });
    expect(res.statusCode).toBe(422);
    expect(res.json().rejected[0].reason).toContain('outside jurisdiction 321202 海陵区');
  });
});
