// Test incidents placed inside the demo county, deterministic, posted over the public HTTP API.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { IncidentInput, IngestResult, JurisdictionResponse } from '../../server/wire/index.ts';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES } from '../../server/wire/index.ts';
import { labelPoint } from '../../web/geo/label-point.ts';
import { ADMIN, apiKeyOf } from './credentials.ts';

/** Logs in as the test admin and returns the session cookie, for reading the API like the page does. */
export async function loginCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login as ${ADMIN.username}: ${res.status} ${await res.text()}`);
  return cookie;
}

export async function getJson<T>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * POSTs incidents with their sources' API keys, as the hotline and alarm systems would, and returns
 * the accepted items in input order (throws on anything rejected).
 */
export async function postIncidents(baseUrl: string, items: IncidentInput[]): Promise<IngestResult> {
  const accepted: IngestResult['accepted'] = [];
  for (const source of new Set(items.map((i) => i.source))) {
    const batch = items.filter((i) => i.source === source);
    const res = await fetch(`${baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKeyOf(source) },
      body: JSON.stringify(batch),
    });
    const body = (await res.json()) as IngestResult;
    if (!res.ok || body.rejected?.length) throw new Error(`POST /events (${source}): ${res.status} ${JSON.stringify(body)}`);
    accepted.push(...body.accepted);
  }
  return { accepted, rejected: [] };
}

/** A point inside an area, where its label goes. */
export function inside(f: Feature<Polygon | MultiPolygon>): [number, number] {
  return labelPoint(f.geometry);
}

/** A small deterministic pseudo-random sequence (tests must not depend on Math.random). */
export function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` plausible incidents spread over the county's grids during the last `minutes` minutes. */
export function scatterIncidents(j: JurisdictionResponse, n: number, minutes: number, seed = 7): IncidentInput[] {
  const rnd = sequence(seed);
  const grids = j.grids.features;
  const now = Date.now();
  const out: IncidentInput[] = [];
  for (let k = 0; k < n; k++) {
    // Busier towards the centre of the list order (the town grids come first in the demo county).
    const g = grids[Math.floor(rnd() ** 1.8 * grids.length)]!;
    const [lng, lat] = inside(g);
    out.push({
      source: 'hotline-12345',
      sourceId: `e2e-scatter-${seed}-${k}`,
      category: INCIDENT_CATEGORIES[Math.floor(rnd() * INCIDENT_CATEGORIES.length)]!,
      priority: INCIDENT_PRIORITIES[Math.min(3, Math.floor(rnd() * 4.6))]!,
      lng: lng + (rnd() - 0.5) * 0.0012,
      lat: lat + (rnd() - 0.5) * 0.0012,
      occurredAt: new Date(now - rnd() * minutes * 60_000).toISOString(),
      description: `测试事件 ${k + 1}`,
    });
  }
  return out;
}
