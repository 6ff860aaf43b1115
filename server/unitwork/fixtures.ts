// The real server on the demo county for unit and dispatch tests (not used by the server): every
// unit given a fix along its patrol route (through fix ingest, the path trackers and the demo feed
// use), and a case reported and accepted at a point of a route.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppDeps, YizhangtuApp } from '../app.ts';
import { createFixtureApp, incidentAt } from '../test-fixtures/app.ts';
import { keyHeaders } from '../test-fixtures/auth.ts';
import type { RouteCollection, UnitInfo } from '../wire/index.ts';

export const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));
const routes = JSON.parse(readFileSync(`${DEMO_DIR}routes.geojson`, 'utf8')) as RouteCollection;
export const DEMO_UNITS = JSON.parse(readFileSync(`${DEMO_DIR}units.json`, 'utf8')) as UnitInfo[];

/** A point of a demo patrol route, `at` of the way along it (0 … 1). */
export function routePoint(routeId: string, at: number): { lng: number; lat: number } {
  const line = routes.features.find((f) => f.properties.id === routeId)!.geometry.coordinates;
  const [lng, lat] = line[Math.min(line.length - 1, Math.floor(at * (line.length - 1)))]!;
  return { lng: lng!, lat: lat! };
}

/** The demo county's server on a data directory (no demo feed). */
export function openDemoApp(dataDir: string, deps: AppDeps = {}): Promise<YizhangtuApp> {
  return createFixtureApp(dataDir, { jurisdictionDir: DEMO_DIR }, deps);
}

/** Gives every unit a fix on its route, spread along it by its rank within the route. */
export function placeUnits(server: YizhangtuApp, at = new Date().toISOString()): void {
  const seen = new Map<string, number>();
  for (const u of DEMO_UNITS) {
    const k = seen.get(u.routeId) ?? 0;
    seen.set(u.routeId, k + 1);
    const p = routePoint(u.routeId, 0.15 + 0.3 * k);
    const r = server.fixes.ingest(u.id, [{ at, lng: p.lng, lat: p.lat, heading: 0, speed: 0 }]);
    if (!r || r.rejected.length > 0) throw new Error(`placing ${u.id}: ${JSON.stringify(r)}`);
  }
}

/** Reports an incident at a point and has `cookie` accept it (受理): a case at version 2, ready to dispatch. */
export async function acceptedCase(server: YizhangtuApp, cookie: string, sourceId: string, p = routePoint('route-01', 0.5)): Promise<string> {
  const res = await server.app.inject({ method: 'POST', url: '/api/v1/events', headers: keyHeaders(), payload: JSON.stringify(incidentAt(p, sourceId)) });
  if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
  const id = res.json().accepted[0].id as string;
  const accept = await server.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/commands`, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'accept', expectedVersion: 1 }) });
  if (accept.statusCode !== 200) throw new Error(`accept: ${accept.statusCode} ${accept.body}`);
  return id;
}
