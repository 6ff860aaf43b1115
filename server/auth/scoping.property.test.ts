// Jurisdiction scoping on the demo county (海陵区, 14 townships), through the real server: every
// township account receives live exactly the incidents inside its township — no more, no fewer —
// and is refused everything else: by id (404), in lists, counts, exports, resume, map objects and
// hotspots. Villages are checked the same way for arbitrary villages (fast-check).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import type { ClientToServerEvents, Incident, IngestResult, JurisdictionResponse, LiveHello, LiveTick, ServerToClientEvents } from '../wire/index.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));
const POINTS = 700;

interface Viewer {
  code: string;
  cookie: string;
  socket: Client;
  hello: LiveHello;
  ticks: LiveTick[];
}

let server: YizhangtuApp;
let url: string;
let removeDir: () => void;
let j: JurisdictionResponse;
let all: Incident[] = [];
const viewers: Viewer[] = [];

/** A seeded pseudo-random sequence (the test must not depend on Math.random). */
function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function bbox(geometry: JurisdictionResponse['county']['geometry']): [number, number, number, number] {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const pts = rings.flat();
  return [Math.min(...pts.map((p) => p[0]!)), Math.min(...pts.map((p) => p[1]!)), Math.max(...pts.map((p) => p[0]!)), Math.max(...pts.map((p) => p[1]!))];
}

async function viewer(code: string): Promise<Viewer> {
  const { cookie } = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: code });
  const socket: Client = connect(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  const ticks: LiveTick[] = [];
  socket.on('tick', (t) => ticks.push(t));
  const hello = await new Promise<LiveHello>((resolve, reject) => {
    socket.once('hello', resolve);
    socket.once('connect_error', reject);
  });
  return { code, cookie, socket, hello, ticks };
}

const inside = (code: string) => (i: Incident) => i.gridCode.startsWith(code);
const ids = (list: Incident[]) => list.map((i) => i.id).sort();
const get = (path: string, cookie: string) => server.app.inject({ url: path, headers: { cookie } });

beforeAll(async () => {
  expect(existsSync(`${DEMO_DIR}grids.geojson`), 'data/demo is missing: run `npm run data`').toBe(true);
  const t = tempDir('yzt-scoping-');
  removeDir = t.remove;
  server = await createFixtureApp(t.dir, { jurisdictionDir: DEMO_DIR, rateLimitPerMinute: 1_000_000 });
  ({ url } = await server.listen(0, '127.0.0.1'));
  j = (await get('/api/v1/jurisdiction', adminCookie(server))).json();
  for (const f of j.townships.features) viewers.push(await viewer(f.properties.code));

  // Random points over the county's box, posted by the hotline; those outside every grid are refused.
  const [w, s, e, n] = bbox(j.county.geometry);
  const rnd = sequence(20261122);
  const items = Array.from({ length: POINTS }, (_, k) => incidentAt({ lng: w + rnd() * (e - w), lat: s + rnd() * (n - s) }, `scope-${k}`));
  for (let k = 0; k < items.length; k += 200) {
    const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: keyHeaders(), body: JSON.stringify(items.slice(k, k + 200)) });
    expect((await res.json()) as IngestResult).toHaveProperty('accepted');
  }
  all = await server.store.after(0, 10_000);
  const last = all.at(-1)!.seq;
  // Every socket has been sent a tick that covers the last incident.
  for (let i = 0; i < 300 && !viewers.every((v) => v.ticks.some((t) => t.lastSeq >= last)); i++) await new Promise((r) => setTimeout(r, 20));
}, 60_000);

afterAll(async () => {
  for (const v of viewers) v.socket.disconnect();
  await server?.close();
  removeDir?.();
});

describe('jurisdiction scoping over the 14 townships of the demo county', () => {
  it('delivers each township account live exactly the incidents inside it', () => {
    expect(viewers).toHaveLength(14);
    let leaked = 0;
    let missed = 0;
    for (const v of viewers) {
      const received = v.ticks.flatMap((t) => t.incidents);
      const expected = all.filter(inside(v.code));
      leaked += received.filter((i) => !inside(v.code)(i)).length;
      missed += expected.filter((i) => !received.some((r) => r.id === i.id)).length;
      expect(ids(received), v.code).toEqual(ids(expected));
      expect(received.length, `${v.code} receives something`).toBeGreaterThan(0);
      for (const t of v.ticks) {
        expect(Object.keys(t.townshipCounts ?? {}).every((c) => c === v.code)).toBe(true);
        expect((t.cameras ?? []).every((c) => c.id.length > 0)).toBe(true);
      }
    }
    expect([leaked, missed]).toEqual([0, 0]);
    console.log(`[scoping] ${all.length} incidents over 14 townships: live leaked 0, missed 0 (per township ${viewers.map((v) => all.filter(inside(v.code)).length).join('/')})`);
  });

  it('resumes from 0 with exactly the township’s incidents, paged', async () => {
    for (const v of viewers) {
      const got: Incident[] = [];
      let afterSeq = 0;
      for (;;) {
        const page = await v.socket.emitWithAck('resume', { afterSeq });
        got.push(...page.incidents);
        if (!page.more) break;
        afterSeq = page.incidents.at(-1)!.seq;
      }
      expect(ids(got), v.code).toEqual(ids(all.filter((i) => i.seq <= v.hello.lastSeq && inside(v.code)(i))));
    }
  });

  it('refuses every out-of-scope incident by id with 404, and serves the in-scope ones', async () => {
    let refused = 0;
    const rnd = sequence(7);
    for (const v of viewers) {
      const sample = Array.from({ length: 25 }, () => all[Math.floor(rnd() * all.length)]!);
      for (const i of sample) {
        const res = await get(`/api/v1/incidents/${i.id}`, v.cookie);
        expect(res.statusCode, `${v.code} ${i.gridCode}`).toBe(inside(v.code)(i) ? 200 : 404);
        if (res.statusCode === 404) refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
    console.log(`[scoping] by id: ${refused} out-of-scope lookups answered 404 (as unknown), every in-scope one 200`);
  });

  it('lists, counts and exports only the township’s incidents, and refuses another township', async () => {
    for (const v of viewers) {
      const expected = all.filter(inside(v.code));
      expect(ids((await get('/api/v1/incidents?limit=5000', v.cookie)).json().incidents), v.code).toEqual(ids(expected));
      expect((await get('/api/v1/counts', v.cookie)).json().counts).toEqual({ [v.code]: expected.length });
      const exported = (await get('/api/v1/incidents/export?format=ndjson', v.cookie)).body.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Incident);
      expect(ids(exported), v.code).toEqual(ids(expected));
      const other = viewers.find((o) => o.code !== v.code)!.code;
      expect((await get(`/api/v1/incidents?township=${other}`, v.cookie)).statusCode).toBe(403);
    }
  });

  it('shows only the township’s areas, cameras, routes, units and hotspots', async () => {
    for (const v of viewers) {
      const area = (await get('/api/v1/jurisdiction', v.cookie)).json() as JurisdictionResponse;
      expect(area.townships.features.map((f) => f.properties.code)).toEqual([v.code]);
      expect(area.grids.features.every((f) => f.properties.code.startsWith(v.code))).toBe(true);
      const cameras = (await get('/api/v1/cameras', v.cookie)).json().features as { properties: { gridCode: string } }[];
      expect(cameras.every((c) => c.properties.gridCode.startsWith(v.code))).toBe(true);
      const routes = (await get('/api/v1/routes', v.cookie)).json().features as { properties: { townshipCode: string } }[];
      expect(routes.every((r) => r.properties.townshipCode === v.code)).toBe(true);
      const units = (await get('/api/v1/units', v.cookie)).json().units as { townshipCode: string }[];
      expect(units.every((u) => u.townshipCode === v.code)).toBe(true);
      const hotspots = (await get('/api/v1/hotspots?window=24h&minCount=1', v.cookie)).json().hotspots as { gridCodes: string[] }[];
      expect(hotspots.flatMap((h) => h.gridCodes).every((g) => g.startsWith(v.code))).toBe(true);
    }
  });

  it('gives any village account exactly its own incidents, on resume and over REST', async () => {
    const villages = j.villages.features.map((f) => f.properties.code);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...villages), async (code) => {
        const v = await viewer(code);
        try {
          const expected = all.filter(inside(code));
          const listed = (await get('/api/v1/incidents?limit=5000', v.cookie)).json().incidents as Incident[];
          expect(ids(listed)).toEqual(ids(expected));
          expect(v.hello.townshipCounts).toEqual({});
          const probe = all.find((i) => !inside(code)(i))!;
          expect((await get(`/api/v1/incidents/${probe.id}`, v.cookie)).statusCode).toBe(404);
          const page = await v.socket.emitWithAck('resume', { afterSeq: 0 });
          expect(page.incidents.every(inside(code))).toBe(true);
        } finally {
          v.socket.disconnect();
        }
      }),
      { numRuns: 12, seed: 42 },
    );
  });
});
