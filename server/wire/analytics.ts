// Analytics on the wire: hotspots (JSON), and the two Arrow IPC streams the map draws from as
// deck.gl binary attributes — the incident history of a time range and the heat grid. This file is
// the contract of those streams (column names, types, metadata keys) and a reader that turns a
// decoded table into one typed array per column. No runtime dependency: the reader takes any
// apache-arrow Table structurally.

/** Content type of GET /api/v1/incidents.arrow and GET /api/v1/heat.arrow. */
export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/** Longest time range (and heat window) one Arrow request may ask for: the 30-day view and a day of slack. */
export const ARROW_MAX_RANGE_DAYS = 31;

/**
 * Columns of GET /api/v1/incidents.arrow, in this order, oldest first by (occurredAt, seq).
 *
 * Positions are Float32 offsets in degrees from `origin` (schema metadata), for deck.gl's
 * `coordinateSystem: 'lnglat-offsets', coordinateOrigin: origin`: within ±2° of the origin a Float32
 * offset resolves ≤ 0.25 µ° (≈ 3 cm), where absolute Float32 longitudes near 120° resolve only
 * 7.6 µ° (≈ 0.7 m) — and it is half the bytes of Float64 and needs no 64-bit split on the GPU.
 * Dictionaries grow across record batches as delta dictionaries, so an index means the same value
 * in every batch; the last batch's dictionary holds them all.
 */
export const INCIDENT_ARROW_COLUMNS = {
  /** FixedSizeList<Float32>[2]: [lng − originLng, lat − originLat], degrees (WGS-84). */
  position: 'position',
  /** FixedSizeBinary(16), extension arrow.uuid: the incident id (UUIDv7) as 16 bytes. */
  id: 'id',
  /** Uint32: the gapless sequence number. */
  seq: 'seq',
  /** Float64: occurredAt, milliseconds since 1970-01-01 UTC (exact). */
  occurredAt: 'occurredAt',
  /** Dictionary<Int8, Utf8>: the dictionary starts with INCIDENT_CATEGORIES in order, so index = category index. */
  category: 'category',
  /** Int8: index into INCIDENT_PRIORITIES (0 = urgent … 3 = low). */
  priority: 'priority',
  /** Int8: index into INCIDENT_STAGES. */
  stage: 'stage',
  /** Dictionary<Int16, Utf8>: source slug. */
  source: 'source',
  /** Dictionary<Int16, Utf8>, Dictionary<Int32, Utf8>, Dictionary<Int32, Utf8>: the assigned area codes. */
  township: 'township',
  village: 'village',
  grid: 'grid',
} as const;

/** Columns of GET /api/v1/heat.arrow: one row per non-empty cell, by cell index. */
export const HEAT_ARROW_COLUMNS = {
  /** FixedSizeList<Float32>[2]: the cell centre as offsets in degrees from `origin`. */
  position: 'position',
  /** Uint32: incidents in the window. */
  count: 'count',
  /** Uint32: row-major cell index r·columns + c (see the geometry metadata). */
  cell: 'cell',
} as const;

/**
 * Schema metadata keys (values are strings). Both streams: origin ("lng,lat"), scope (the
 * jurisdiction code the answer is cut to), asOf (ISO). Incidents: since, until (ISO), lastSeq (the
 * highest committed seq when the read began: resume the live channel after it), rows.
 * Heat: windowMs, from, to (ISO), total (sum of count), geometry (HeatGridGeometry as JSON), lastSeq
 * (the cells count no incident with a higher seq: a client adds live incidents above it on top).
 */
export const ARROW_META = {
  origin: 'yizhangtu.origin',
  scope: 'yizhangtu.scope',
  asOf: 'yizhangtu.asOf',
  since: 'yizhangtu.since',
  until: 'yizhangtu.until',
  lastSeq: 'yizhangtu.lastSeq',
  windowMs: 'yizhangtu.windowMs',
  from: 'yizhangtu.from',
  to: 'yizhangtu.to',
  total: 'yizhangtu.total',
  geometry: 'yizhangtu.geometry',
} as const;

/** One cell of the heat grid (the JSON view of a heat.arrow row). */
export interface HeatCell {
  cell: number;
  count: number;
  /** Cell centre, WGS-84. */
  lng: number;
  lat: number;
}

/** Cell geometry of the heat grid: cell (c, r) spans [west + c·cellLng, …] × [south + r·cellLat, …]. */
export interface HeatGridGeometry {
  west: number;
  south: number;
  cellLng: number;
  cellLat: number;
  columns: number;
  rows: number;
  cellMeters: number;
}

export type HotspotTrend = 'new' | 'rising' | 'steady' | 'falling';

/** One hotspot as served by GET /api/v1/hotspots. */
export interface Hotspot {
  /** Stable while the peak grid stays the peak: `hs-<peak grid code>`. */
  id: string;
  rank: number;
  /** Peak Gi* z-score and its one-sided p-value. */
  z: number;
  p: number;
  gridCodes: string[];
  villageCodes: string[];
  townshipCodes: string[];
  /** Incident-weighted centre [lng, lat] and extent [west, south, east, north] (WGS-84). */
  centre: [number, number];
  extent: [number, number, number, number];
  count: number;
  /** Incidents the households share of the total would predict. */
  expected: number;
  previous: number;
  weekEarlier: number;
  changeVsPrevious: number | null;
  changeVsWeekEarlier: number | null;
  trend: HotspotTrend;
  topCategories: { category: string; count: number }[];
}

/** Body of GET /api/v1/hotspots. */
export interface HotspotsResponse {
  window: { name: string; ms: number; from: string; to: string };
  method: { statistic: 'getis-ord-gi*'; neighbours: 'queen-contiguity'; baseline: 'households' | 'none'; fdr: number; minCount: number };
  hotspots: Hotspot[];
}

// --- Reading a decoded stream into typed arrays ------------------------------------------------

/** The parts of an apache-arrow Data chunk the reader uses. */
interface ArrowChunk {
  length: number;
  values: ArrayLike<number> & { subarray(begin: number, end: number): ArrayLike<number> };
  children: ArrowChunk[];
  dictionary?: { toArray(): ArrayLike<unknown>; length: number } | null;
}
/** The parts of an apache-arrow Table the reader uses. */
export interface ArrowTableLike {
  numRows: number;
  schema: { metadata: Map<string, string> };
  getChild(name: string): { data: readonly ArrowChunk[] } | null;
}

type TypedArrayConstructor<T> = { new (length: number): T };
type Typed = Float32Array | Float64Array | Uint32Array | Int8Array | Int16Array | Int32Array | Uint8Array;

/** Joins a column's chunks into one typed array (width values per row); one copy, no objects. */
function joined<T extends Typed>(table: ArrowTableLike, name: string, Type: TypedArrayConstructor<T>, width = 1, child = false): T {
  const column = table.getChild(name);
  if (!column) throw new Error(`the Arrow stream has no column ${name}`);
  const out = new Type(table.numRows * width);
  let at = 0;
  for (const chunk of column.data) {
    const source = child ? chunk.children[0] : chunk;
    if (!source) throw new Error(`column ${name} has no values`);
    const n = chunk.length * width;
    out.set(source.values.subarray(0, n) as unknown as ArrayLike<number>, at);
    at += n;
  }
  return out;
}

function dictionaryOf(table: ArrowTableLike, name: string): string[] {
  const data = table.getChild(name)?.data ?? [];
  const last = data[data.length - 1]?.dictionary;
  return last ? Array.from(last.toArray(), String) : [];
}

/** GET /api/v1/incidents.arrow as typed arrays, ready for deck.gl binary attributes. */
export interface IncidentColumns {
  length: number;
  origin: [number, number];
  /** Interleaved offsets from origin, 2 per row. */
  position: Float32Array;
  /** 16 bytes per row: uuidAt(id, row) gives the id text. */
  id: Uint8Array;
  seq: Uint32Array;
  occurredAt: Float64Array;
  category: Int8Array;
  categories: string[];
  priority: Int8Array;
  stage: Int8Array;
  source: Int16Array;
  sources: string[];
  township: Int16Array;
  townships: string[];
  village: Int32Array;
  villages: string[];
  grid: Int32Array;
  grids: string[];
  metadata: Map<string, string>;
}

/** "lng,lat" → [lng, lat]. */
export function parseOrigin(value: string | undefined): [number, number] {
  const [lng, lat] = (value ?? '').split(',').map(Number);
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) throw new Error(`the Arrow stream has no valid ${ARROW_META.origin}`);
  return [lng as number, lat as number];
}

/** Reads a decoded incidents.arrow table (tableFromIPC) into one typed array per column. */
export function readIncidentColumns(table: ArrowTableLike): IncidentColumns {
  const c = INCIDENT_ARROW_COLUMNS;
  return {
    length: table.numRows,
    origin: parseOrigin(table.schema.metadata.get(ARROW_META.origin)),
    position: joined(table, c.position, Float32Array, 2, true),
    id: joined(table, c.id, Uint8Array, 16),
    seq: joined(table, c.seq, Uint32Array),
    occurredAt: joined(table, c.occurredAt, Float64Array),
    category: joined(table, c.category, Int8Array),
    categories: dictionaryOf(table, c.category),
    priority: joined(table, c.priority, Int8Array),
    stage: joined(table, c.stage, Int8Array),
    source: joined(table, c.source, Int16Array),
    sources: dictionaryOf(table, c.source),
    township: joined(table, c.township, Int16Array),
    townships: dictionaryOf(table, c.township),
    village: joined(table, c.village, Int32Array),
    villages: dictionaryOf(table, c.village),
    grid: joined(table, c.grid, Int32Array),
    grids: dictionaryOf(table, c.grid),
    metadata: table.schema.metadata,
  };
}

/** GET /api/v1/heat.arrow as typed arrays. */
export interface HeatColumns {
  length: number;
  origin: [number, number];
  position: Float32Array;
  count: Uint32Array;
  cell: Uint32Array;
  total: number;
  geometry: HeatGridGeometry;
  /** The cells count no incident with a higher seq (NaN when the stream does not say). */
  lastSeq: number;
  metadata: Map<string, string>;
}

/** Reads a decoded heat.arrow table into typed arrays. */
export function readHeatColumns(table: ArrowTableLike): HeatColumns {
  const c = HEAT_ARROW_COLUMNS;
  const meta = table.schema.metadata;
  return {
    length: table.numRows,
    origin: parseOrigin(meta.get(ARROW_META.origin)),
    position: joined(table, c.position, Float32Array, 2, true),
    count: joined(table, c.count, Uint32Array),
    cell: joined(table, c.cell, Uint32Array),
    total: Number(meta.get(ARROW_META.total) ?? NaN),
    geometry: JSON.parse(meta.get(ARROW_META.geometry) ?? 'null') as HeatGridGeometry,
    lastSeq: Number(meta.get(ARROW_META.lastSeq) ?? NaN),
    metadata: meta,
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The id text (8-4-4-4-12 hex) of row `row` of an id column. */
export function uuidAt(ids: Uint8Array, row: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[ids[row * 16 + i] as number];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}
