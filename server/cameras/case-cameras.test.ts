// GET /cases/{id}/cameras on the real server (demo county plus cameras placed by the test around a
// case): the camera looking at the scene is named with its stream, ranked before an offline one
// and one at the edge of its view; one looking away is not named; another township's officer and
// an API key do not get the list.
import { afterEach, describe, expect, it } from 'vitest';
import { localFrame } from '../dispatch/geo.ts';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { acceptedCase, DEMO_DIR, openDemoApp, routePoint } from '../unitwork/fixtures.ts';
import type { CameraCollection, CameraProps } from '../wire/index.ts';
import type { CaseCamerasResponse } from '../wire/case-cameras.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SCENE = routePoint('route-01', 0.5);

/** A camera `m` metres from the scene in direction `from` (degrees), looking `bearing`. */
function cameraAt(id: string, from: number, m: number, props: Partial<CameraProps> & { streamUrl?: string }): CameraCollection['features'][number] {
  const { kx, ky } = localFrame(SCENE.lat);
  const r = (from * Math.PI) / 180;
  return {
    type: 'Feature',
    properties: { id, name: `测试 ${id}`, state: 'online', bearing: 0, fov: 60, range: 80, townshipCode: '321202001', gridCode: '321202001003001', ...props },
    geometry: { type: 'Point', coordinates: [SCENE.lng + (Math.sin(r) * m) / kx, SCENE.lat + (Math.cos(r) * m) / ky] },
  };
}

describe('GET /cases/{id}/cameras', () => {
  it('names the cameras that look at the scene, online and square-on first, with their streams', async () => {
    const jurisdiction = await loadJurisdiction(DEMO_DIR);
    jurisdiction.cameras.features.push(
      cameraAt('t-straight', 180, 12, { bearing: 0, streamUrl: 'http://10.1.1.1/hls/t-straight.m3u8' }), // south of it, looking north
      cameraAt('t-edge', 180, 60, { bearing: 28 }), // at the edge of its view, far
      cameraAt('t-offline', 0, 10, { bearing: 180, state: 'offline' }),
      cameraAt('t-away', 180, 12, { bearing: 180 }), // south of it, looking south
    );
    const t = tempDir('yzt-case-cameras-');
    cleanups.push(t.remove);
    const server = await openDemoApp(t.dir, { jurisdiction });
    cleanups.push(() => server.close());
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const id = await acceptedCase(server, officer.cookie, 'cameras-1', SCENE);

    const res = await server.app.inject({ url: `/api/v1/cases/${id}/cameras`, headers: { cookie: officer.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<CaseCamerasResponse>();
    const mine = body.cameras.filter((c) => c.cameraId.startsWith('t-'));
    expect(mine.map((c) => c.cameraId)).toEqual(['t-straight', 't-edge', 't-offline']);
    expect(mine[0]).toMatchObject({ state: 'online', streamUrl: 'http://10.1.1.1/hls/t-straight.m3u8', offAxisDeg: 0 });
    expect(mine[0]!.distanceM).toBeCloseTo(12, 0);
    expect(mine[1]).toMatchObject({ streamUrl: null });
    // Online ones first, whatever the demo cameras around it.
    const states = body.cameras.map((c) => c.state);
    expect(states.slice(0, states.lastIndexOf('online') + 1).every((s) => s === 'online')).toBe(true);

    const west = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202002' });
    expect((await server.app.inject({ url: `/api/v1/cases/${id}/cameras`, headers: { cookie: west.cookie } })).statusCode).toBe(404);
    expect((await server.app.inject({ url: `/api/v1/cases/${id}/cameras`, headers: keyHeaders() })).statusCode).toBe(403);
    expect((await server.app.inject({ url: '/api/v1/cases/ghost/cameras', headers: { cookie: officer.cookie } })).statusCode).toBe(404);
  });

  it('gives a camera without its own stream the configured template', async () => {
    const t = tempDir('yzt-case-cameras-');
    cleanups.push(t.remove);
    const jurisdiction = await loadJurisdiction(DEMO_DIR);
    jurisdiction.cameras.features.push(cameraAt('t-plain', 180, 12, { bearing: 0 }));
    const templated = await createFixtureApp(t.dir, { jurisdictionDir: DEMO_DIR, cameraStreamTemplate: '/wvp/play/{id}/hls.m3u8' }, { jurisdiction });
    cleanups.push(() => templated.close());
    const officer = await sessionFor(templated, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const id = await acceptedCase(templated, officer.cookie, 'cameras-2', SCENE);
    const body = (await templated.app.inject({ url: `/api/v1/cases/${id}/cameras`, headers: { cookie: officer.cookie } })).json<CaseCamerasResponse>();
    expect(body.cameras.find((c) => c.cameraId === 't-plain')?.streamUrl).toBe('/wvp/play/t-plain/hls.m3u8');
  });
});
