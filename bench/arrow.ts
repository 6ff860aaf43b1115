// Arrow vs JSON for a month of history, 1 M incidents on the demo county: bytes on the wire, and
// decoding into the typed columns deck.gl draws from. Baseline: the same rows as a JSON array of
// objects (GET /incidents shape without description, sourceId and receivedAt), decoded with
// TextDecoder + JSON.parse and then copied into the same typed columns. Ours: the bytes
// GET /incidents.arrow sends, decoded with tableFromIPC + readIncidentColumns.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import Fastify from 'fastify';
import seedrandom from 'seedrandom';
import { createHeatGrid } from '../server/aggregate/heat-grid.ts';
import { arrowRoutes } from '../server/arrow/arrow-routes.ts';
import { createIncidentEncoder, writeUuid } from '../server/arrow/incident-encoder.ts';
import { ipcStream } from '../server/arrow/ipc-stream.ts';
import { parseIsoMs } from '../server/store/iso-time.ts';
import { uuidv7 } from '../server/store/ids.ts';
import { openSqliteStore } from '../server/store/sqlite-store.ts';
import type { IncidentPoint } from '../server/store/types.ts';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, INCIDENT_STAGES, readIncidentColumns } from '../server/wire/index.ts';
import type { GridCollection } from '../server/wire/index.ts';
import { bestRate, consume, fmt, progress, timeOnCore, type BenchResult } from './harness.ts';

const ROWS = 1_000_000;
const BATCH_ROWS = 8192; // as GET /incidents.arrow sends them
const NOW = Date.UTC(2026, 10, 22, 8);
const SOURCES = ['hotline-12345', 'alarm-110', 'grid-report', 'camera-ai', 'sensor'];
const ORIGIN: [number, number] = [119.95, 32.5];

function makeIncidents(rows = ROWS): IncidentPoint[] {
  const grids = (JSON.parse(readFileSync('data/demo/grids.geojson', 'utf8')) as GridCollection).features;
  const boxes = grids.map((f) => {
    const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0]) as [number, number][];
    const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
    return { p: f.properties, w: Math.min(...xs), e: Math.max(...xs), s: Math.min(...ys), n: Math.max(...ys) };
  });
  const random = seedrandom('arrow');
  const out: IncidentPoint[] = new Array(rows);
  for (let k = 0; k < rows; k++) {
    const b = boxes[Math.floor(random() * boxes.length)]!;
    const t = NOW - 30 * 86_400_000 + Math.floor((k / rows) * 30 * 86_400_000);
    out[k] = {
      seq: k + 1,
      id: uuidv7(t),
      source: SOURCES[Math.floor(random() * SOURCES.length)]!,
      category: INCIDENT_CATEGORIES[Math.floor(random() * INCIDENT_CATEGORIES.length)]!,
      priority: INCIDENT_PRIORITIES[Math.floor(random() * INCIDENT_PRIORITIES.length)]!,
      stage: 'intake',
      // Sources send ~6 decimals (0.1 m); so does the JSON baseline.
      lng: Math.round((b.w + random() * (b.e - b.w)) * 1e6) / 1e6,
      lat: Math.round((b.s + random() * (b.n - b.s)) * 1e6) / 1e6,
      occurredAt: new Date(t).toISOString(),
      townshipCode: b.p.townshipCode,
      villageCode: b.p.villageCode,
      gridCode: b.p.code,
    };
  }
  return out;
}

async function arrowBytes(points: IncidentPoint[]): Promise<Buffer> {
  const encoder = createIncidentEncoder(ORIGIN, new Map([['yizhangtu.origin', ORIGIN.join(',')]]));
  async function* batches() {
    for (let k = 0; k < points.length; k += BATCH_ROWS) yield encoder.encode(points.slice(k, k + BATCH_ROWS));
  }
  const parts: Buffer[] = [];
  for await (const chunk of ipcStream(encoder.schema, batches())) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const SERVED_ROWS = 200_000;

/**
 * The endpoint itself: SERVED_ROWS incidents in a real SQLite store, fetched over HTTP from
 * GET /incidents.arrow, with the event loop's longest stall while it streams.
 */
async function serveFigures(): Promise<Record<string, string>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yzt-bench-arrow-'));
  const store = openSqliteStore({ dataDir: dir });
  const app = Fastify();
  try {
    const rows = makeIncidents(SERVED_ROWS);
    for (let k = 0; k < rows.length; k += 50_000) {
      await store.appendBatch(rows.slice(k, k + 50_000).map((p) => ({ ...p, sourceId: p.id, description: '' })));
    }
    await app.register(arrowRoutes, { prefix: '/api/v1', store, heat: createHeatGrid([119.79, 32.38, 120.03, 32.59]), now: () => NOW });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1/incidents.arrow`;
    await (await fetch(url)).arrayBuffer(); // warm-up
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t0 = performance.now();
    const res = await fetch(url);
    const firstByteMs = performance.now() - t0;
    const body = new Uint8Array(await res.arrayBuffer());
    const totalMs = performance.now() - t0;
    delay.disable();
    const served = tableFromIPC(body).numRows;
    return {
      [`GET /incidents.arrow, ${served.toLocaleString('en')} stored incidents over HTTP (SQLite pages → Arrow → socket)`]:
        `${fmt.ms(totalMs)} (${fmt.rate((served / totalMs) * 1000)}), first byte after ${fmt.ms(firstByteMs)}`,
      'event loop while streaming it (server and client in this process): longest stall / p99': `${fmt.ms(delay.max / 1e6)} / ${fmt.ms(delay.percentile(99) / 1e6)} (batches of ${BATCH_ROWS.toLocaleString('en')} rows, a turn of the loop between them)`,
    };
  } finally {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline's decode: the same columns as readIncidentColumns, from JSON text. */
function jsonToColumns(bytes: Uint8Array) {
  const rows = JSON.parse(new TextDecoder().decode(bytes)) as IncidentPoint[];
  const n = rows.length;
  const position = new Float32Array(2 * n), id = new Uint8Array(16 * n), seq = new Uint32Array(n), occurredAt = new Float64Array(n);
  const category = new Int8Array(n), priority = new Int8Array(n), stage = new Int8Array(n);
  const source = new Int16Array(n), township = new Int16Array(n), village = new Int32Array(n), grid = new Int32Array(n);
  // Indexes as the Arrow columns define them: enum order for the enums, first sight for the codes.
  const dict = (seed: readonly string[] = []) => {
    const m = new Map<string, number>(seed.map((v, i) => [v, i]));
    return (v: string) => m.get(v) ?? (m.set(v, m.size), m.size - 1);
  };
  const cat = dict(INCIDENT_CATEGORIES), pri = dict(INCIDENT_PRIORITIES), stg = dict(INCIDENT_STAGES), src = dict(), tw = dict(), vil = dict(), grd = dict();
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    position[2 * k] = r.lng - ORIGIN[0];
    position[2 * k + 1] = r.lat - ORIGIN[1];
    writeUuid(r.id, id, 16 * k);
    seq[k] = r.seq;
    occurredAt[k] = parseIsoMs(r.occurredAt);
    category[k] = cat(r.category);
    priority[k] = pri(r.priority);
    stage[k] = stg(r.stage);
    source[k] = src(r.source);
    township[k] = tw(r.townshipCode);
    village[k] = vil(r.villageCode);
    grid[k] = grd(r.gridCode);
  }
  return { position, id, seq, occurredAt, category, priority, stage, source, township, village, grid };
}

export async function benchArrow(): Promise<BenchResult[]> {
  // First, while the heap is small: the endpoint's own pauses, not the collector's of a 1 M-row heap.
  progress(`serving ${SERVED_ROWS.toLocaleString('en')} stored incidents through GET /incidents.arrow`);
  const served = await serveFigures();

  progress(`generating ${ROWS.toLocaleString('en')} incidents over 30 days on the demo county's grids`);
  const points = makeIncidents();

  progress('encoding: JSON.stringify vs the Arrow encoder (server side)');
  let json: Buffer = Buffer.alloc(0);
  const stringifyMs = timeOnCore(() => { json = Buffer.from(JSON.stringify(points)); });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const arrow = await arrowBytes(points);
  const cpu = process.cpuUsage(cpu0);
  const encodeMs = Math.min(performance.now() - t0, (cpu.user + cpu.system) / 1000);

  progress('sizes with gzip (first 100,000 rows, level 6)');
  const sample = points.slice(0, 100_000);
  const jsonGz = gzipSync(JSON.stringify(sample)).length;
  const arrowSample = await arrowBytes(sample);
  const arrowGz = gzipSync(arrowSample).length;
  const fullJsonSample = Buffer.byteLength(JSON.stringify(sample.map((p) => ({ ...p, sourceId: `HL-${p.seq}`, receivedAt: p.occurredAt, description: '群众来电反映噪音扰民' }))));

  progress('checking both decodes give the same columns');
  const a = readIncidentColumns(tableFromIPC(arrow));
  const j = jsonToColumns(json);
  const same = a.length === ROWS && j.seq.length === ROWS &&
    (['position', 'id', 'seq', 'occurredAt', 'category', 'priority', 'stage', 'source', 'township', 'village', 'grid'] as const).every((name) => {
      const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (bytes(a[name]).equals(bytes(j[name]))) return true;
      progress(`column ${name} differs`);
      return false;
    });

  progress('decoding into typed columns: Arrow (best of ≥ 5 runs)');
  const ours = bestRate(() => consume(readIncidentColumns(tableFromIPC(arrow)).length), ROWS, 2000, 5);
  progress('decoding into typed columns: JSON baseline (best of 3 runs)');
  const baseline = bestRate(() => consume(jsonToColumns(json).seq.length), ROWS, 0, 3);
  const parseOnlyMs = timeOnCore(() => consume((JSON.parse(new TextDecoder().decode(json)) as unknown[]).length));

  const bytesRatio = json.length / arrow.length;
  const decodeRatio = ours / baseline;
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const perRow = (b: number, rows: number) => `${(b / rows).toFixed(1)} B/row`;
  return [
    {
      name: 'Arrow vs JSON — 1 M incidents, bytes',
      baselineLabel: 'JSON array of the same fields (id, seq, lng, lat, occurredAt, category, priority, stage, source, township/village/grid codes)',
      oursLabel: `GET /incidents.arrow stream (${Math.ceil(ROWS / BATCH_ROWS)} record batches, delta dictionaries)`,
      // Higher is better in the record: incidents per MiB on the wire.
      baselineRate: ROWS / (json.length / 2 ** 20),
      oursRate: ROWS / (arrow.length / 2 ** 20),
      unit: 'incidents/MiB',
      ratio: bytesRatio,
      goal: '≥ 4× smaller',
      met: bytesRatio >= 4,
      figures: {
        'Arrow': `${mib(arrow.length)} (${perRow(arrow.length, ROWS)})`,
        'JSON, same fields': `${mib(json.length)} (${perRow(json.length, ROWS)})`,
        'JSON as GET /incidents (+ sourceId, receivedAt, description), from 100k rows': `${perRow(fullJsonSample, 100_000)} → ${(fullJsonSample / 100_000 / (arrow.length / ROWS)).toFixed(1)}× Arrow`,
        'gzip, 100k rows: Arrow / JSON': `${perRow(arrowGz, 100_000)} / ${perRow(jsonGz, 100_000)} (${(jsonGz / arrowGz).toFixed(1)}×)`,
        'server encode, Arrow (typed arrays + IPC, 1 M rows)': `${fmt.ms(encodeMs)} (${fmt.rate((ROWS / encodeMs) * 1000)}); JSON.stringify ${fmt.ms(stringifyMs)}`,
        ...served,
      },
    },
    {
      name: 'Arrow vs JSON — 1 M incidents, decode into typed columns',
      baselineLabel: 'TextDecoder + JSON.parse, then one pass filling the same typed arrays (dictionaries by Map)',
      oursLabel: 'tableFromIPC + readIncidentColumns (one copy per column, no row objects)',
      baselineRate: baseline,
      oursRate: ours,
      unit: 'rows/s',
      ratio: decodeRatio,
      goal: '≥ 10× faster',
      met: decodeRatio >= 10 && same,
      figures: {
        'Arrow decode, 1 M rows': fmt.ms((ROWS / ours) * 1000),
        'JSON decode + columns, 1 M rows': fmt.ms((ROWS / baseline) * 1000),
        'of which TextDecoder + JSON.parse alone': fmt.ms(parseOnlyMs),
        'same columns from both': same ? 'yes' : 'NO',
      },
    },
  ];
}
