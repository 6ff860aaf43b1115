// Builders for history tests: incidents.arrow columns and live incidents with known codes, built
// directly as typed arrays (what readIncidentColumns yields), so tests need no server.
import type { Incident, IncidentColumns } from '../../server/wire/index.ts';
import { INCIDENT_CATEGORIES } from '../../server/wire/index.ts';

export const ORIGIN: [number, number] = [119.9, 32.5];

/** One history row: where, when, which grid. */
export interface Row {
  seq: number;
  ms: number;
  grid: string;
  lng?: number;
  lat?: number;
  category?: number;
  priority?: number;
}

/** Decoded incidents.arrow columns for `rows` (which must be in time order, as the server sends them). */
export function arrowColumns(rows: readonly Row[]): IncidentColumns {
  const grids = [...new Set(rows.map((r) => r.grid))];
  const n = rows.length;
  const id = new Uint8Array(16 * n);
  rows.forEach((r, k) => new DataView(id.buffer).setUint32(16 * k + 12, r.seq));
  return {
    length: n,
    origin: ORIGIN,
    position: Float32Array.from(rows.flatMap((r) => [(r.lng ?? 119.91) - ORIGIN[0], (r.lat ?? 32.49) - ORIGIN[1]])),
    id,
    seq: Uint32Array.from(rows, (r) => r.seq),
    occurredAt: Float64Array.from(rows, (r) => r.ms),
    category: Int8Array.from(rows, (r) => r.category ?? 0),
    categories: [...INCIDENT_CATEGORIES],
    priority: Int8Array.from(rows, (r) => r.priority ?? 2),
    stage: new Int8Array(n),
    source: new Int16Array(n),
    sources: ['alarm-110'],
    township: new Int16Array(n),
    townships: [],
    village: new Int32Array(n),
    villages: [],
    grid: Int32Array.from(rows, (r) => grids.indexOf(r.grid)),
    grids,
    metadata: new Map(),
  };
}

/** A live incident as the socket delivers it. */
export function liveIncident(seq: number, ms: number, gridCode: string, over: Partial<Incident> = {}): Incident {
  return {
    id: `0190a5c4-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`, seq, source: 'alarm-110', sourceId: `s-${seq}`,
    category: 'fire', priority: 'urgent', lng: 119.92, lat: 32.48, occurredAt: new Date(ms).toISOString(),
    receivedAt: new Date(ms).toISOString(), description: '', stage: 'intake', version: 1, stepDueAt: null, caseDueAt: null,
    townshipCode: gridCode.slice(0, 9), villageCode: gridCode.slice(0, 12), gridCode, ...over,
  };
}
