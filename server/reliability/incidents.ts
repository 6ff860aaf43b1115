// Valid incidents at points that really lie inside a jurisdiction, generated deterministically, so
// every reliability test posts work the server must accept (a rejection would hide a lost one).
import seedrandom from 'seedrandom';
import { createGridAssigner } from '../geo/assigner.ts';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES } from '../wire/index.ts';
import type { IncidentInput } from '../wire/index.ts';
import { TEST_SOURCE } from './client.ts';

export interface Point {
  lng: number;
  lat: number;
}

/** `n` seeded random points, each inside one of the jurisdiction's grids. */
export async function pointsInside(jurisdictionDir: string, n: number, seed: string): Promise<Point[]> {
  const j = await loadJurisdiction(jurisdictionDir);
  const assigner = createGridAssigner(j.grids);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of j.grids.features) {
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const [x, y] of parts.flat(2)) {
      minX = Math.min(minX, x!);
      maxX = Math.max(maxX, x!);
      minY = Math.min(minY, y!);
      maxY = Math.max(maxY, y!);
    }
  }
  const rng = seedrandom(seed);
  const points: Point[] = [];
  // A fixed pool, reused round-robin: assignment is not what these tests are about.
  const pool = Math.min(n, 2000);
  for (let tries = 0; points.length < pool; tries++) {
    if (tries > pool * 100) throw new Error(`found only ${points.length} points inside ${jurisdictionDir}`);
    const p = { lng: minX + rng() * (maxX - minX), lat: minY + rng() * (maxY - minY) };
    if (assigner.assign(p.lng, p.lat)) points.push({ lng: Number(p.lng.toFixed(6)), lat: Number(p.lat.toFixed(6)) });
  }
  return Array.from({ length: n }, (_, i) => points[i % pool]!);
}

/** Valid incidents with unique sourceIds `${prefix}-0 … ${prefix}-(n-1)`, occurring before `nowMs`. */
export function makeIncidents(points: Point[], prefix: string, nowMs: number): IncidentInput[] {
  return points.map((p, i) => ({
    source: TEST_SOURCE,
    sourceId: `${prefix}-${i}`,
    category: INCIDENT_CATEGORIES[i % INCIDENT_CATEGORIES.length]!,
    priority: INCIDENT_PRIORITIES[i % INCIDENT_PRIORITIES.length]!,
    lng: p.lng,
    lat: p.lat,
    occurredAt: new Date(nowMs - 60_000 - (i % 3600) * 1000).toISOString(),
    description: `可靠性测试 ${i}`,
  }));
}

/** Splits into consecutive batches of at most `size`. */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
