// Plausible demo incidents: a category mix like a county hotline's, priorities that fit the
// category, a few hotspot areas that really stand out, a day/night rhythm, zh-CN descriptions
// naming the channel and the place — and, at a realistic share, the same event reported a second
// time (12345 and 110, or one caller twice), remembered as planted pairs so that the suggested
// merges (可能重复) can be measured against the truth. Pure and seeded: the same seed gives the same stream.
import seedrandom from 'seedrandom';
import type { GridAssignment, GridCollection, IncidentCategory, IncidentInput, IncidentPriority } from '../wire/index.ts';
import { CATEGORIES, CHANNELS, COMPATIBLE_CATEGORIES, describe, fact, LANDMARKS, secondChannel, villageNameOf } from './demo-texts.ts';
import type { Wording } from './demo-texts.ts';

type Rng = () => number;

/** Priority weights [urgent, high, normal, low] by category. */
const PRIORITIES: Partial<Record<IncidentCategory, number[]>> = {
  fire: [50, 40, 10, 0],
  'public-order': [15, 35, 45, 5],
  traffic: [8, 27, 50, 15],
  'work-safety': [10, 35, 45, 10],
};
const DEFAULT_PRIORITIES = [3, 17, 60, 20];
const PRIORITY_NAMES: IncidentPriority[] = ['urgent', 'high', 'normal', 'low'];

/** Relative incident rate by local hour (UTC+8), normalised to a mean of 1 below. */
const HOURLY = [0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.1, 1.5, 1.6, 1.5, 1.3, 1.2, 1.3, 1.4, 1.4, 1.4, 1.5, 1.5, 1.6, 1.4, 1.1, 0.8, 0.55];
const HOURLY_MEAN = HOURLY.reduce((a, b) => a + b, 0) / HOURLY.length;
const LOCAL_OFFSET_MS = 8 * 3_600_000;

/** Rate multiplier at a time (mean 1 over a day), smooth between hours. */
export function dayNightFactor(ms: number): number {
  const hour = (((ms + LOCAL_OFFSET_MS) / 3_600_000) % 24 + 24) % 24;
  const h0 = Math.floor(hour);
  const f = hour - h0;
  return ((1 - f) * HOURLY[h0]! + f * HOURLY[(h0 + 1) % 24]!) / HOURLY_MEAN;
}

function isNight(ms: number): boolean {
  const hour = Math.floor((((ms + LOCAL_OFFSET_MS) / 3_600_000) % 24 + 24) % 24);
  return hour >= 22 || hour < 6;
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  let total = 0;
  for (const t of items) total += weight(t);
  let r = rng() * total;
  for (const t of items) {
    r -= weight(t);
    if (r < 0) return t;
  }
  return items[items.length - 1]!;
}

/** A standard normal sample (Box–Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Poisson-distributed count with mean λ (Knuth below 30, normal approximation above). */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k += 1;
    p *= rng();
  }
  return k;
}

export interface DemoIncidentOptions {
  grids: GridCollection;
  /** The grid assigner: keeps sampled points inside the county and in the intended grid. */
  assigner: { assign(lng: number, lat: number): GridAssignment | null };
  /** Seed of the hotspot choice: fixed, so hotspots stay put across restarts. */
  hotspotSeed?: string;
  /** Seed of the incident stream. */
  seed: string;
  /** Prefix of sourceIds; must differ between runs so a new run never collides with an old one. */
  runId: string;
  /** Number of hotspot areas. */
  hotspots?: number;
  /** Share of incidents around hotspots. */
  hotspotShare?: number;
  /** Share of incidents that are a second report of an earlier one (planted duplicates, 可能重复); 0: none. */
  duplicateShare?: number;
}

/** A planted duplicate: the sourceIds of an event's first report and of its second (known to be the same event). */
export interface PlantedPair {
  first: string;
  second: string;
}

/** How many planted pairs a generator remembers (the newest): a long-running feed must not grow without bound. */
export const PLANTED_PAIRS_KEPT = 10_000;

export interface DemoIncidentGenerator {
  /** The next demo incident, occurring at `ms` (or a second report of an earlier one, occurring when it was due). */
  next(ms: number): IncidentInput;
  /** Centres of the hotspot areas, [lng, lat]. */
  readonly hotspots: [number, number][];
  /** The planted duplicates emitted so far (the newest PLANTED_PAIRS_KEPT), in emission order: ground truth for measuring suggested merges, never stored with the incidents. */
  planted(): readonly PlantedPair[];
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function bbox(coords: unknown): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      box.minX = Math.min(box.minX, c[0]);
      box.maxX = Math.max(box.maxX, c[0]);
      box.minY = Math.min(box.minY, c[1] as number);
      box.maxY = Math.max(box.maxY, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(coords);
  return box;
}

/** A second report waiting for its time. */
interface Pending {
  atMs: number;
  firstSourceId: string;
  incident: Omit<IncidentInput, 'sourceId' | 'occurredAt'>;
}

export function createIncidentGenerator(o: DemoIncidentOptions): DemoIncidentGenerator {
  const rng = seedrandom(o.seed);
  const grids = o.grids.features.map((f) => ({ code: f.properties.code, households: Math.max(1, f.properties.households), box: bbox(f.geometry.coordinates) }));
  if (grids.length === 0) throw new Error('the demo feed needs at least one grid');
  const villageNames = new Map(o.grids.features.map((f) => [f.properties.code, villageNameOf(f.properties.name)]));
  // Cumulative household weights: a grid is drawn by binary search, not a scan of ~900 grids.
  const cumulative: number[] = [];
  grids.reduce((sum, g) => (cumulative.push(sum + g.households), sum + g.households), 0);
  const totalWeight = cumulative[cumulative.length - 1]!;
  const drawGrid = () => {
    const r = rng() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return grids[lo]!;
  };
  const categoryNames = Object.keys(CATEGORIES) as IncidentCategory[];
  const hotRng = seedrandom(o.hotspotSeed ?? 'yizhangtu-hotspots');
  const hotspots: [number, number][] = Array.from({ length: o.hotspots ?? 4 }, () => {
    const g = grids[Math.floor(hotRng() * grids.length)]!;
    return [(g.box.minX + g.box.maxX) / 2, (g.box.minY + g.box.maxY) / 2];
  });
  const hotspotShare = o.hotspotShare ?? 0.3;
  const share = Math.min(Math.max(o.duplicateShare ?? 0.05, 0), 0.5);
  // Of the first reports, this many get a second: seconds / all = share.
  const plantChance = share / (1 - share);
  const pending: Pending[] = [];
  const planted: PlantedPair[] = [];
  let counter = 0;

  function location(): [number, number] {
    for (let attempt = 0; attempt < 30; attempt++) {
      if (hotspots.length > 0 && rng() < hotspotShare) {
        const [x, y] = hotspots[Math.floor(rng() * hotspots.length)]!;
        // σ ≈ 250 m: a hotspot is a few blocks, not a grid.
        const p: [number, number] = [x + gaussian(rng) * 0.0027, y + gaussian(rng) * 0.0023];
        if (o.assigner.assign(p[0], p[1])) return p;
        continue;
      }
      const g = drawGrid();
      const p: [number, number] = [g.box.minX + rng() * (g.box.maxX - g.box.minX), g.box.minY + rng() * (g.box.maxY - g.box.minY)];
      if (o.assigner.assign(p[0], p[1])?.gridCode === g.code) return p;
    }
    const g = grids[0]!;
    return [(g.box.minX + g.box.maxX) / 2, (g.box.minY + g.box.maxY) / 2];
  }

  function place(lng: number, lat: number): string {
    const gridCode = o.assigner.assign(lng, lat)?.gridCode;
    const village = (gridCode && villageNames.get(gridCode)) ?? '';
    const landmark = LANDMARKS[Math.floor(rng() * LANDMARKS.length)]!.replace('{n}', String(1 + Math.floor(rng() * 30)));
    return village + landmark;
  }

  function emit(incident: Omit<IncidentInput, 'sourceId' | 'occurredAt'>, ms: number): IncidentInput {
    counter += 1;
    return {
      source: incident.source,
      sourceId: `${o.runId}-${counter}`,
      category: incident.category,
      priority: incident.priority,
      lng: incident.lng,
      lat: incident.lat,
      occurredAt: new Date(ms).toISOString(),
      description: incident.description,
    };
  }

  /** Maybe queues a second report of this event: 5–200 m away, 0–20 minutes later, said again by the same or another channel. */
  function plant(first: IncidentInput, ms: number, channel: string, where: string, wording: Wording, eventFact: string): void {
    if (rng() >= plantChance) return;
    const at = offsetInside(first.lng, first.lat, 5 + rng() * 195);
    if (!at) return;
    const compatible = COMPATIBLE_CATEGORIES[first.category];
    const category = compatible && rng() < 0.25 ? compatible : first.category;
    const u = rng();
    const place2 = u < 0.7 ? where : u < 0.9 ? `${where}附近` : where.replace(/^.*?(居委会|村委会|社区|村)/, '');
    const incident = {
      source: 'demo',
      category,
      priority: rng() < 0.7 ? first.priority : nearPriority(first.priority),
      lng: at[0],
      lat: at[1],
      description: describe(secondChannel(channel, rng()), place2 || where, rng() < 0.7 ? wording[1] : wording[0], rng() < 0.8 ? eventFact : ''),
    };
    const item: Pending = { atMs: ms + Math.floor(rng() * 20 * 60_000), firstSourceId: first.sourceId, incident };
    // Few wait at once (≈ rate × 10 min × share): an insertion keeps them in time order.
    let k = pending.length;
    while (k > 0 && pending[k - 1]!.atMs > item.atMs) k -= 1;
    pending.splice(k, 0, item);
  }

  /** A point `distanceM` from (lng, lat) in a random direction that is still in the county, rounded like every demo point; null when none is found. */
  function offsetInside(lng: number, lat: number, distanceM: number): [number, number] | null {
    for (let attempt = 0; attempt < 6; attempt++) {
      const bearing = rng() * 2 * Math.PI;
      const x = round6(lng + (Math.sin(bearing) * distanceM) / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180)));
      const y = round6(lat + (Math.cos(bearing) * distanceM) / METRES_PER_DEGREE);
      if (o.assigner.assign(x, y)) return [x, y];
    }
    return null;
  }

  return {
    hotspots,
    planted: () => planted,
    next(ms) {
      const due = pending[0];
      if (due && due.atMs <= ms) {
        pending.shift();
        const second = emit(due.incident, due.atMs);
        planted.push({ first: due.firstSourceId, second: second.sourceId });
        if (planted.length > PLANTED_PAIRS_KEPT + 1000) planted.splice(0, planted.length - PLANTED_PAIRS_KEPT);
        return second;
      }
      const night = isNight(ms);
      const category = pickWeighted(rng, categoryNames, (c) => CATEGORIES[c][night ? 1 : 0]);
      const priority = pickPriority(category);
      const wordings = CATEGORIES[category][2];
      const wording = wordings[Math.floor(rng() * wordings.length)]!;
      const [channel] = pickWeighted(rng, CHANNELS, ([, w]) => w);
      const [lng, lat] = location();
      const x = round6(lng), y = round6(lat);
      const where = place(x, y);
      const eventFact = fact(category, rng);
      const first = emit({ source: 'demo', category, priority, lng: x, lat: y, description: describe(channel, where, wording[0], eventFact) }, ms);
      if (plantChance > 0) plant(first, ms, channel, where, wording, eventFact);
      return first;
    },
  };

  function pickPriority(category: IncidentCategory): IncidentPriority {
    const weights = PRIORITIES[category] ?? DEFAULT_PRIORITIES;
    return pickWeighted(rng, PRIORITY_NAMES, (p) => weights[PRIORITY_NAMES.indexOf(p)]!);
  }

  /** A priority one step up or down (a 110 operator often rates the same event higher). */
  function nearPriority(p: IncidentPriority): IncidentPriority {
    const k = PRIORITY_NAMES.indexOf(p);
    const j = k === 0 ? 1 : k === PRIORITY_NAMES.length - 1 ? k - 1 : rng() < 0.6 ? k - 1 : k + 1;
    return PRIORITY_NAMES[j]!;
  }
}

const METRES_PER_DEGREE = 111_320;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
