// The state behind WindowCounts: interned codes, hour and day buckets, the retention cutoff, and
// `tally`, which counts any range (from, to] at any level from whole days, whole hours and the
// rows of at most two partial hours.
import { INCIDENT_CATEGORIES, type GridAssignment } from '../wire/index.ts';
import { DayTables, grow, HOUR_MS, HOURS_PER_DAY, HourBucket, pairGrid, pairId, visitWindow, type GridTables, type SparseCounts } from './buckets.ts';

export type Level = 'township' | 'village' | 'grid';
export type Dimension = 'category' | 'source';
/** Count only one category or one source (the two are kept separately, not crossed). */
export type CountFilter = { category: string } | { source: string } | undefined;

/** What the counters need to know about an incident. */
export interface CountableIncident {
  townshipCode: string;
  villageCode: string;
  gridCode: string;
  category: string;
  source: string;
  occurredAtMs: number;
}

/** Interns strings to small dense ids, so counters are typed arrays, not maps. */
export class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  // The last name asked for: a batch usually comes from one source, so this answers most lookups.
  private last: string | undefined;
  private lastId = -1;
  id(name: string): number {
    if (name === this.last) return this.lastId;
    this.last = name;
    // A handful of names (categories, sources): comparing beats hashing a freshly parsed string.
    const names = this.names;
    if (names.length <= 12) {
      for (let k = 0; k < names.length; k++) if (names[k] === name) return (this.lastId = k);
    }
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = names.push(name) - 1));
    return (this.lastId = id);
  }
  find(name: string): number | undefined {
    return this.ids.get(name);
  }
}

const CATEGORY_INDEX = new Map<string, number>(INCIDENT_CATEGORIES.map((c, k) => [c, k]));

/** The index of a category in INCIDENT_CATEGORIES (what addIndexed takes), or −1 for any other string. */
export function categoryIndex(category: string): number {
  // A table lookup (≈ 10 ns on parsed strings), where comparing against each name in turn took twice that.
  return CATEGORY_INDEX.get(category) ?? -1;
}

function bump(out: Float64Array, at: number, by: number): void {
  out[at] = (out[at] as number) + by;
}

/** What to count: per unit of a level, or per category/source (`breakdown`), optionally within one unit. */
export interface TallySpec {
  level: Level;
  filter?: CountFilter;
  breakdown?: Dimension;
  unit?: { level: Level; id: number };
}

export class BucketStore {
  readonly grids = new Interner();
  readonly villages = new Interner();
  readonly townships = new Interner();
  readonly categories = new Interner();
  readonly sources = new Interner();
  /** Village and township id of each grid id. */
  gridVillage = new Int32Array(64);
  gridTownship = new Int32Array(64);
  /** Grid id of each catalogue index, −1 until the grid's first incident (ids stay first-seen, as on the code path). */
  private readonly gridIdOfIndex: Int32Array;
  /** Category id of each INCIDENT_CATEGORIES index, −1 until first seen. */
  private readonly categoryIdOfIndex = new Int32Array(INCIDENT_CATEGORIES.length).fill(-1);
  private readonly hours = new Map<number, HourBucket>();
  private readonly days = new Map<number, DayTables>();
  private lastHour: HourBucket | undefined;
  private minHour = Infinity;
  private maxHour = -Infinity;
  /** Incidents at or before this time are expired. */
  cutoffMs = -Infinity;
  size = 0;

  /** @param catalogue the grids addIndexed's gridIndex refers to (the assigner's catalogue). */
  constructor(private readonly catalogue: readonly GridAssignment[] = []) {
    this.gridIdOfIndex = new Int32Array(catalogue.length).fill(-1);
  }

  /** Adds one incident; returns its township id, or -1 when it is already expired or has no valid time. */
  add(i: CountableIncident): number {
    const t = i.occurredAtMs;
    if (!Number.isFinite(t) || t <= this.cutoffMs) return -1;
    const gid = this.gridId(i.gridCode, i.villageCode, i.townshipCode);
    return this.push(t, gid, this.categories.id(i.category), this.sources.id(i.source));
  }

  /**
   * Adds one incident by the grid's catalogue index and the category's INCIDENT_CATEGORIES index;
   * the same as add() with their codes, without hashing a code. Returns as add() does.
   */
  addIndexed(gridIndex: number, category: number, source: string, t: number): number {
    if (!Number.isFinite(t) || t <= this.cutoffMs) return -1;
    // Both indices checked before either is interned: a refused add leaves no unit "seen".
    let gid = this.gridIdOfIndex[gridIndex];
    let cid = this.categoryIdOfIndex[category];
    if (gid === undefined) throw new RangeError(`grid index ${gridIndex} is not in the catalogue of ${this.catalogue.length} grids`);
    if (cid === undefined) throw new RangeError(`category index ${category} is not one of the ${INCIDENT_CATEGORIES.length} categories`);
    if (gid < 0) {
      const g = this.catalogue[gridIndex] as GridAssignment;
      this.gridIdOfIndex[gridIndex] = gid = this.gridId(g.gridCode, g.villageCode, g.townshipCode);
    }
    if (cid < 0) this.categoryIdOfIndex[category] = cid = this.categories.id(INCIDENT_CATEGORIES[category] as string);
    return this.push(t, gid, cid, this.sources.id(source));
  }

  /** The id of a grid, interning it (with its village and township, as first seen) when new. */
  private gridId(gridCode: string, villageCode: string, townshipCode: string): number {
    const before = this.grids.names.length;
    const gid = this.grids.id(gridCode);
    if (gid === before) {
      this.gridVillage = grow(this.gridVillage, gid + 1);
      this.gridTownship = grow(this.gridTownship, gid + 1);
      this.gridVillage[gid] = this.villages.id(villageCode);
      this.gridTownship[gid] = this.townships.id(townshipCode);
    }
    return gid;
  }

  private push(t: number, gid: number, cid: number, sid: number): number {
    const tid = this.gridTownship[gid] as number;
    const h = Math.ceil(t / HOUR_MS) - 1;
    let hb = this.lastHour;
    if (hb === undefined || hb.hour !== h) {
      hb = this.hours.get(h);
      if (hb === undefined) {
        // A new hour of a feed moving forward is sized like the hour before it, so a steady feed
        // fills it without regrowing; an old hour filled out of order starts small.
        const previous = this.lastHour;
        const capacity = previous !== undefined && previous.hour < h ? previous.length * 1.25 : 0;
        this.hours.set(h, (hb = new HourBucket(h, capacity)));
        if (h < this.minHour) this.minHour = h;
        if (h > this.maxHour) this.maxHour = h;
      }
      this.lastHour = hb;
    }
    hb.push(t, gid, tid, cid, sid);
    this.size++;
    return tid;
  }

  /** Moves the cutoff to nowMs − retentionMs and drops whole buckets before it; true if it moved. */
  expire(cutoff: number): boolean {
    if (!(cutoff > this.cutoffMs)) return false;
    this.cutoffMs = cutoff;
    for (const [h, b] of this.hours) {
      if ((h + 1) * HOUR_MS <= cutoff) {
        this.hours.delete(h);
        this.size -= b.length;
      }
    }
    for (const d of this.days.keys()) if ((d + 1) * HOURS_PER_DAY * HOUR_MS <= cutoff) this.days.delete(d);
    if (this.lastHour && !this.hours.has(this.lastHour.hour)) this.lastHour = undefined;
    this.minHour = this.hours.size === 0 ? Infinity : Math.min(...this.hours.keys());
    return true;
  }

  /** Number of slots `tally` fills for a spec (units of the level, or categories/sources). */
  width(spec: TallySpec): number {
    if (spec.breakdown) return (spec.breakdown === 'category' ? this.categories : this.sources).names.length;
    return (spec.level === 'grid' ? this.grids : spec.level === 'village' ? this.villages : this.townships).names.length;
  }

  /** Counts the incidents with from < t ≤ to into a new array indexed by slot (see `width`). */
  tally(spec: TallySpec, fromMs: number, toMs: number): Float64Array {
    const { level, filter, breakdown, unit } = spec;
    const out = new Float64Array(this.width(spec));
    const filterCategory = filter && 'category' in filter ? (this.categories.find(filter.category) ?? -2) : -1;
    const filterSource = filter && 'source' in filter ? (this.sources.find(filter.source) ?? -2) : -1;
    if (filterCategory === -2 || filterSource === -2) return out; // never seen: 0 everywhere
    const unitOf = level === 'grid' ? null : level === 'village' ? this.gridVillage : this.gridTownship;
    const unitGrids = unit === undefined || unit.level === 'grid' ? null : unit.level === 'village' ? this.gridVillage : this.gridTownship;
    const inUnit = (gid: number) => unit === undefined || (unitGrids === null ? gid === unit.id : unitGrids[gid] === unit.id);
    const slot = (gid: number) => (unitOf === null ? gid : (unitOf[gid] as number));
    // Per-township totals are dense in every bucket: the live tick never needs grid tables.
    const dense = level === 'township' && filter === undefined && breakdown === undefined && unit === undefined;

    const fromTable = (table: SparseCounts, pairs: boolean, wantId: number) => {
      const { keys, counts } = table;
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as number;
        if (pairs && wantId >= 0 && pairId(key) !== wantId) continue;
        const gid = pairs ? pairGrid(key) : key;
        if (!inUnit(gid)) continue;
        bump(out, breakdown ? pairId(key) : slot(gid), counts[k] as number);
      }
    };
    const fromTables = (tables: GridTables) => {
      if (breakdown === 'category') fromTable(tables.byCategory, true, -1);
      else if (breakdown === 'source') fromTable(tables.bySource, true, -1);
      else if (filterCategory >= 0) fromTable(tables.byCategory, true, filterCategory);
      else if (filterSource >= 0) fromTable(tables.bySource, true, filterSource);
      else fromTable(tables.all, false, -1);
    };
    const addDense = (counts: Int32Array) => {
      for (let t = 0; t < counts.length && t < out.length; t++) bump(out, t, counts[t] as number);
    };

    const from = Math.max(fromMs, this.cutoffMs, this.minHour * HOUR_MS);
    const to = Math.min(toMs, (this.maxHour + 1) * HOUR_MS);
    visitWindow(from, to, {
      scan: (h, lo, hi) => {
        const b = this.hours.get(h);
        if (b === undefined) return;
        b.scan(lo, hi, (gid, category, source) => {
          if (filterCategory >= 0 && category !== filterCategory) return;
          if (filterSource >= 0 && source !== filterSource) return;
          if (!inUnit(gid)) return;
          bump(out, breakdown === 'category' ? category : breakdown === 'source' ? source : slot(gid), 1);
        });
      },
      hour: (h) => {
        const b = this.hours.get(h);
        if (b === undefined) return;
        if (dense) addDense(b.townships);
        else fromTables(b.gridTables());
      },
      day: (d) => {
        const hours: HourBucket[] = [];
        for (let k = 0; k < HOURS_PER_DAY; k++) {
          const b = this.hours.get(d * HOURS_PER_DAY + k);
          if (b !== undefined) hours.push(b);
        }
        if (hours.length === 0) return;
        if (dense) {
          for (const b of hours) addDense(b.townships);
          return;
        }
        let tables = this.days.get(d);
        if (tables === undefined) this.days.set(d, (tables = new DayTables()));
        fromTables(tables.get(hours));
      },
    });
    return out;
  }
}
