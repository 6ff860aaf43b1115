import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createAggregates } from '../aggregate/aggregates.ts';
import { createGridAssigner } from '../geo/assigner.ts';
import { createIngest } from '../ingest/ingest.ts';
import { countyLabel, loadJurisdiction } from '../jurisdiction/load.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { FIXTURE_JURISDICTION_DIR, FIXTURE_POINTS } from '../test-fixtures/index.ts';
import { ARROW_META, ARROW_STREAM_TYPE, INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, readHeatColumns, readIncidentColumns, uuidAt } from '../wire/index.ts';
import type { Incident, IncidentCategory } from '../wire/index.ts';
import { arrowRoutes, type AreaScope } from './arrow-routes.ts';

const NOW = Date.UTC(2026, 10, 22, 8);
const HOUR = 3_600_000;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const GRIDS = Object.keys(FIXTURE_POINTS) as (keyof typeof FIXTURE_POINTS)[];

/** A real store, ingest and aggregates on the fixture county, with the Arrow routes on port 0. */
async function start(opts: { batchRows?: number; scopeOf?: (code: string | undefined) => AreaScope | undefined } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'yzt-arrow-'));
  const store = openSqliteStore({ dataDir: dir });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close());
  const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
  const aggregates = createAggregates(j.grids, { clock: () => NOW });
  const ingest = createIngest({
    assigner: createGridAssigner(j.grids),
    store,
    countyLabel: countyLabel(j),
    now: () => NOW,
    onCommitted: (incidents) => {
      for (const i of incidents) aggregates.add({ ...i, occurredAtMs: Date.parse(i.occurredAt) });
    },
  });
  const app = Fastify();
  cleanups.push(() => app.close());
  await app.register(arrowRoutes, {
    prefix: '/api/v1',
    store,
    heat: aggregates.heat,
    now: () => NOW,
    ...(opts.batchRows ? { batchRows: opts.batchRows } : {}),
    ...(opts.scopeOf ? { scopeOf: (r) => opts.scopeOf!(r.headers['x-scope'] as string | undefined) } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { store, ingest, aggregates, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1` };
}

/** n incidents spread over the fixture grids, categories and priorities, `hoursAgo(k)` before NOW. */
function incidents(n: number, hoursAgo: (k: number) => number, prefix = 'i') {
  return Array.from({ length: n }, (_, k) => {
    const p = FIXTURE_POINTS[GRIDS[k % GRIDS.length]!];
    return {
      source: k % 3 === 0 ? 'alarm-110' : 'hotline-12345',
      sourceId: `${prefix}-${k}`,
      category: INCIDENT_CATEGORIES[k % INCIDENT_CATEGORIES.length] as IncidentCategory,
      priority: INCIDENT_PRIORITIES[k % 4] as string,
      lng: p.lng + (k % 7) * 0.000_123_4,
      lat: p.lat + (k % 5) * 0.000_098_7,
      occurredAt: new Date(NOW - hoursAgo(k) * HOUR).toISOString(),
      description: '测试',
    };
  });
}

async function fetchArrow(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(ARROW_STREAM_TYPE);
  return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
}

/** What the Arrow columns say about each row, in the terms of the JSON incident. */
function rowsOf(table: Table) {
  const c = readIncidentColumns(table);
  return Array.from({ length: c.length }, (_, k) => ({
    id: uuidAt(c.id, k),
    seq: c.seq[k],
    lng: c.origin[0] + c.position[2 * k]!,
    lat: c.origin[1] + c.position[2 * k + 1]!,
    occurredAt: new Date(c.occurredAt[k]!).toISOString(),
    category: c.categories[c.category[k]!],
    priority: INCIDENT_PRIORITIES[c.priority[k]!],
    source: c.sources[c.source[k]!],
    townshipCode: c.townships[c.township[k]!],
    villageCode: c.villages[c.village[k]!],
    gridCode: c.grids[c.grid[k]!],
  }));
}

describe('GET /api/v1/incidents.arrow', () => {
  it('streams the same incidents as the store holds, in several record batches with growing dictionaries', async () => {
    const { ingest, store, base } = await start({ batchRows: 7 });
    await ingest(incidents(40, (k) => k));
    const table = await fetchArrow(`${base}/incidents.arrow`);
    expect(table.batches.length).toBe(6); // 40 rows in batches of 7
    const got = rowsOf(table);
    const stored: Incident[] = (await store.listRecent({ limit: 100 })).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.seq - b.seq);
    expect(got.map(({ lng: _lng, lat: _lat, ...rest }) => rest)).toEqual(stored.map((i) => ({ id: i.id, seq: i.seq, occurredAt: i.occurredAt, category: i.category, priority: i.priority, source: i.source, townshipCode: i.townshipCode, villageCode: i.villageCode, gridCode: i.gridCode })));
    // Float32 offsets from the origin: within a few centimetres (1e-6° ≈ 0.1 m).
    got.forEach((row, k) => {
      expect(Math.abs(row.lng - stored[k]!.lng)).toBeLessThan(1e-6);
      expect(Math.abs(row.lat - stored[k]!.lat)).toBeLessThan(1e-6);
    });
    expect(table.schema.metadata.get(ARROW_META.lastSeq)).toBe('40');
    // Category indexes are the wire order whatever appeared first.
    const c = readIncidentColumns(table);
    expect(c.categories.slice(0, INCIDENT_CATEGORIES.length)).toEqual([...INCIDENT_CATEGORIES]);
  });

  it('keeps to the time range: since inclusive, until exclusive, default the last 30 days', async () => {
    const { ingest, base } = await start();
    const hours = [0.5, 2, 5, 24 * 29, 24 * 31];
    await ingest(incidents(hours.length, (k) => hours[k]!));
    const iso = (h: number) => encodeURIComponent(new Date(NOW - h * HOUR).toISOString());
    const ids = async (q: string) => rowsOf(await fetchArrow(`${base}/incidents.arrow${q}`)).map((r) => (NOW - Date.parse(r.occurredAt)) / HOUR);
    expect(await ids('')).toEqual([24 * 29, 5, 2, 0.5]);
    expect(await ids(`?since=${iso(5)}&until=${iso(0.5)}`)).toEqual([5, 2]);
    expect(await ids(`?since=${iso(24 * 31.5)}&until=${iso(24 * 1)}`)).toEqual([24 * 31, 24 * 29]);
    expect(await ids(`?since=${iso(1)}`)).toEqual([0.5]);
    const empty = await fetchArrow(`${base}/incidents.arrow?since=${iso(100)}&until=${iso(99)}`);
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toContain('position');
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const { base } = await start();
    const week = (d: number) => encodeURIComponent(new Date(NOW - d * 24 * HOUR).toISOString());
    for (const [query, field] of [
      ['since=yesterday', 'since'],
      ['until=2026-11-22', 'until'],
      [`since=${week(0)}&until=${week(1)}`, 'since'],
      [`since=${week(40)}`, 'since'],
      ['colour=red', 'colour'],
    ] as const) {
      const res = await fetch(`${base}/incidents.arrow?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { field?: string }).field, query).toBe(field);
    }
  });

  it('answers only the incidents inside the caller\'s jurisdiction', async () => {
    const scopes: Record<string, AreaScope> = { east: { code: '321202001', level: 'township' }, grid: { code: '321202002001', level: 'village' } };
    const { ingest, base } = await start({ scopeOf: (s) => (s ? scopes[s] : undefined), batchRows: 3 });
    await ingest(incidents(20, (k) => k));
    const east = rowsOf(await fetchArrow(`${base}/incidents.arrow`, { 'x-scope': 'east' }));
    expect(east.length).toBe(10);
    expect(east.every((r) => r.townshipCode === '321202001')).toBe(true);
    const west = rowsOf(await fetchArrow(`${base}/incidents.arrow`, { 'x-scope': 'grid' }));
    expect(west.length).toBe(10);
    expect(new Set(west.map((r) => r.gridCode))).toEqual(new Set(['321202002001001', '321202002001002']));
  });
});

describe('GET /api/v1/heat.arrow', () => {
  it('answers the density cells of the window, summing to the window total', async () => {
    const { ingest, base } = await start();
    await ingest(incidents(30, (k) => k)); // one an hour, 0 … 29 hours ago
    const day = readHeatColumns(await fetchArrow(`${base}/heat.arrow`));
    expect(day.total).toBe(24); // 0 … 23 hours ago: (now − 24 h, now]
    expect(day.count.reduce((a, b) => a + b, 0)).toBe(24);
    expect(day.geometry.cellMeters).toBe(250);
    // Each cell centre lies within half a cell of an incident point of the fixture grids.
    for (let k = 0; k < day.length; k++) {
      const lng = day.origin[0] + day.position[2 * k]!;
      const near = GRIDS.some((g) => Math.abs(FIXTURE_POINTS[g].lng - lng) < day.geometry.cellLng);
      expect(near).toBe(true);
    }
    const hours = readHeatColumns(await fetchArrow(`${base}/heat.arrow?windowHours=2.5`));
    expect(hours.total).toBe(3);
  });

  it('says up to which seq its cells count, on the county grid and on a scope', async () => {
    const { ingest, store, base } = await start({ scopeOf: (s) => (s === 'east' ? { code: '321202001', level: 'township' } : undefined) });
    expect(readHeatColumns(await fetchArrow(`${base}/heat.arrow`)).lastSeq).toBe(0);
    await ingest(incidents(30, (k) => k));
    await ingest(incidents(2, () => 0, 'later'));
    const last = await store.lastSeq();
    expect(last).toBe(32);
    expect(readHeatColumns(await fetchArrow(`${base}/heat.arrow`)).lastSeq).toBe(last);
    expect(readHeatColumns(await fetchArrow(`${base}/heat.arrow`, { 'x-scope': 'east' })).lastSeq).toBe(last);
  });

  it('counts only the caller\'s township on a township scope', async () => {
    const { ingest, base } = await start({ scopeOf: (s) => (s === 'east' ? { code: '321202001', level: 'township' } : undefined) });
    await ingest(incidents(30, (k) => k));
    const all = readHeatColumns(await fetchArrow(`${base}/heat.arrow?windowHours=48`));
    const east = readHeatColumns(await fetchArrow(`${base}/heat.arrow?windowHours=48`, { 'x-scope': 'east' }));
    expect(all.total).toBe(30);
    expect(east.total).toBe(16); // grids 0 and 1 of every 4: k % 4 < 2 for k = 0 … 29
    expect(east.geometry).toEqual(all.geometry);
    for (const cell of east.cell) expect(Array.from(all.cell)).toContain(cell);
  });

  it('refuses bad windows with 400 naming the field', async () => {
    const { base } = await start();
    for (const q of ['windowHours=0', 'windowHours=abc', 'windowHours=745', 'windowHours=Infinity', 'window=24']) {
      const res = await fetch(`${base}/heat.arrow?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { field?: string }).field, q).toBe(q.split('=')[0]);
    }
  });
});
