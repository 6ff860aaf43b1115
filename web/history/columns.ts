// The incident history as growable typed columns: the 30 days read from incidents.arrow, with live
// incidents appended in place. No per-row JS objects, so a county's month (hundreds of thousands of
// rows) costs a few bytes a row and goes to deck.gl as binary attributes as it is.
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, type Incident, type IncidentColumns } from '../../server/wire/index.ts';

/**
 * Append-only columns. `length` and the arrays change as rows are appended (the arrays are
 * reallocated when full); a columns object never loses or reorders rows, so anything derived per
 * row (display positions, colours, counts) can be extended from where it stopped. Dropping old
 * rows makes a new columns object (see `withoutRowsBefore`).
 */
export interface HistoryColumns {
  /** WGS-84 [lng, lat] the positions are offsets from. */
  readonly origin: readonly [number, number];
  length: number;
  /** Interleaved [lng − originLng, lat − originLat], degrees, 2 per row. */
  position: Float32Array;
  /** Incident ids, 16 bytes per row (uuidAt gives the text). */
  id: Uint8Array;
  seq: Uint32Array;
  occurredAt: Float64Array;
  /** Index into INCIDENT_CATEGORIES. */
  category: Int8Array;
  /** Index into INCIDENT_PRIORITIES (0 = urgent). */
  priority: Int8Array;
  /** Index into `grids`. */
  grid: Int32Array;
  /** Grid codes; grows as live incidents name grids the history did not. */
  grids: string[];
  gridIndex: Map<string, number>;
  /** Rows [0, sortedEnd) are in occurredAt order (as the server sent them); later rows in arrival order. */
  sortedEnd: number;
  /** Highest sequence number committed when the history read began: everything up to it is here. */
  readonly lastSeq: number;
  /** Sequence numbers above lastSeq that are already here (the read saw them, or they were appended). */
  readonly newerSeqs: Set<number>;
}

const OTHER = INCIDENT_CATEGORIES.indexOf('other');

function lookupOf(values: readonly string[], known: readonly string[], fallback: number): Int8Array {
  return Int8Array.from(values, (v) => {
    const k = known.indexOf(v as never);
    return k >= 0 ? k : fallback;
  });
}

/** Columns holding one decoded incidents.arrow answer. */
export function columnsFromArrow(src: IncidentColumns, lastSeq: number): HistoryColumns {
  // The dictionary starts with the categories in order, but mapping by name keeps us right if not.
  const categoryOf = lookupOf(src.categories, INCIDENT_CATEGORIES, OTHER);
  const category = Int8Array.from(src.category, (c) => categoryOf[c] ?? OTHER);
  const newerSeqs = new Set<number>();
  for (const s of src.seq) if (s > lastSeq) newerSeqs.add(s);
  return {
    origin: src.origin,
    length: src.length,
    position: src.position,
    id: src.id,
    seq: src.seq,
    occurredAt: src.occurredAt,
    category,
    priority: src.priority,
    grid: src.grid,
    grids: [...src.grids],
    gridIndex: new Map(src.grids.map((g, i) => [g, i] as const)),
    sortedEnd: src.length,
    lastSeq,
    newerSeqs,
  };
}

/** A copy of `a` with room for `rows` rows. */
function grown<T extends Float32Array | Float64Array | Uint32Array | Uint8Array | Int8Array | Int32Array>(a: T, rows: number, width: number): T {
  const next = new (a.constructor as new (n: number) => T)(rows * width);
  next.set(a);
  return next;
}

function ensureCapacity(c: HistoryColumns, rows: number): void {
  if (c.seq.length >= rows) return;
  // Doubling keeps appends amortised O(1); a small floor avoids many tiny steps from empty.
  const cap = Math.max(rows, c.seq.length * 2, 1024);
  c.position = grown(c.position, cap, 2);
  c.id = grown(c.id, cap, 16);
  c.seq = grown(c.seq, cap, 1);
  c.occurredAt = grown(c.occurredAt, cap, 1);
  c.category = grown(c.category, cap, 1);
  c.priority = grown(c.priority, cap, 1);
  c.grid = grown(c.grid, cap, 1);
}

function writeUuid(out: Uint8Array, row: number, id: string): void {
  const hex = id.replace(/-/g, '');
  for (let i = 0; i < 16; i++) out[row * 16 + i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16) || 0;
}

/** Whether the incident with sequence number `seq` is already a row. */
export function hasSeq(c: HistoryColumns, seq: number): boolean {
  return seq <= c.lastSeq || c.newerSeqs.has(seq);
}

/**
 * Appends the incidents that are not rows yet (by sequence number), in the order given; returns
 * how many were appended. Live pushes, resumed pages and REST backfills may repeat incidents.
 */
export function appendIncidents(c: HistoryColumns, incidents: readonly Incident[]): number {
  let added = 0;
  for (const inc of incidents) {
    if (hasSeq(c, inc.seq)) continue;
    const occurred = Date.parse(inc.occurredAt);
    if (Number.isNaN(occurred)) continue;
    ensureCapacity(c, c.length + 1);
    const row = c.length;
    c.position[2 * row] = inc.lng - c.origin[0];
    c.position[2 * row + 1] = inc.lat - c.origin[1];
    writeUuid(c.id, row, inc.id);
    c.seq[row] = inc.seq;
    c.occurredAt[row] = occurred;
    const cat = INCIDENT_CATEGORIES.indexOf(inc.category);
    c.category[row] = cat >= 0 ? cat : OTHER;
    c.priority[row] = Math.max(0, INCIDENT_PRIORITIES.indexOf(inc.priority));
    let g = c.gridIndex.get(inc.gridCode);
    if (g === undefined) {
      g = c.grids.length;
      c.grids.push(inc.gridCode);
      c.gridIndex.set(inc.gridCode, g);
    }
    c.grid[row] = g;
    c.newerSeqs.add(inc.seq);
    c.length += 1;
    added += 1;
  }
  return added;
}

/** Earliest occurrence time among the rows (ms), or +∞ when there are none. */
export function oldestOccurred(c: HistoryColumns): number {
  let min = c.sortedEnd > 0 ? (c.occurredAt[0] as number) : Number.POSITIVE_INFINITY;
  for (let r = c.sortedEnd; r < c.length; r++) min = Math.min(min, c.occurredAt[r] as number);
  return min;
}

/**
 * New columns without the rows that occurred before `minMs` (the view's 30 days slid past them),
 * so a wall display left on for weeks keeps flat memory.
 */
export function withoutRowsBefore(c: HistoryColumns, minMs: number): HistoryColumns {
  const keep: number[] = [];
  let sortedEnd = 0;
  for (let r = 0; r < c.length; r++) {
    if ((c.occurredAt[r] as number) < minMs) continue;
    keep.push(r);
    if (r < c.sortedEnd) sortedEnd += 1;
  }
  const n = keep.length;
  const pick = <T extends Float32Array | Float64Array | Uint32Array | Uint8Array | Int8Array | Int32Array>(a: T, width: number): T => {
    const out = new (a.constructor as new (n: number) => T)(n * width);
    keep.forEach((r, k) => out.set(a.subarray(r * width, r * width + width), k * width));
    return out;
  };
  const seq = pick(c.seq, 1);
  return {
    ...c,
    length: n,
    position: pick(c.position, 2),
    id: pick(c.id, 16),
    seq,
    occurredAt: pick(c.occurredAt, 1),
    category: pick(c.category, 1),
    priority: pick(c.priority, 1),
    grid: pick(c.grid, 1),
    grids: [...c.grids],
    gridIndex: new Map(c.gridIndex),
    sortedEnd,
    // Only the kept rows' numbers: the set must not grow for as long as a wall display runs.
    newerSeqs: new Set([...seq].filter((s) => s > c.lastSeq)),
  };
}
