// Windowed counts: the incremental counters against regrouping every retained incident per tick
// (what a server does without them), on a county-year-like load: 1 M incidents over 30 days on
// ~10,000 grids, ticks adding new incidents and asking for the per-township 24 h counts. Ours is fed
// the way the server feeds it on commit: by the assigner's grid index, with strings parsed from JSON.
import seedrandom from 'seedrandom';
import { createAggregates } from '../server/aggregate/aggregates.ts';
import { createHotspotService } from '../server/aggregate/hotspot-service.ts';
import { compareWindows } from '../server/aggregate/window-compare.ts';
import { categoryIndex, createWindowCounts, DAY_MS, type CountableIncident, type WindowCounts } from '../server/aggregate/window-counts.ts';
import { createGridAssigner } from '../server/geo/assigner.ts';
import { syntheticTiling, TILING_DEFAULTS } from '../server/geo/synthetic-tiling.ts';
import type { GridAssignment } from '../server/wire/index.ts';
import { bestRate, consume, fmt, progress, timeOnCore, type BenchResult } from './harness.ts';

const INCIDENTS = 1_000_000;
const PER_TICK = 10;
const TICKS = 2000;
const BASELINE_TICKS = 15;
const NOW = Date.UTC(2026, 10, 22, 8, 0, 0);
const CATEGORIES = ['dispute', 'public-order', 'fire', 'traffic', 'work-safety', 'environment', 'public-service', 'other'];
const SOURCES = ['hotline-12345', 'alarm-110', 'grid-report', 'camera-ai', 'sensor'];

const TILING = syntheticTiling();
const ASSIGNER = createGridAssigner(TILING);

/** What the server's onCommitted has of each new incident (app.ts): the incident, the assigner's grid index, the parsed time. */
interface Committed {
  incidents: { category: string; source: string; lng: number; lat: number }[];
  gridIndex: Int32Array;
  occurredAtMs: Float64Array;
}

/** Random points over the tiling, assigned by the real assigner; fields parsed from JSON like a request body. */
function makeIncidents(n: number, spanMs: number, endMs: number, seed: string): Committed {
  const { originLng, originLat, columns, rows, cellLng, cellLat } = TILING_DEFAULTS;
  const random = seedrandom(seed);
  const incidents: Committed['incidents'] = [];
  const gridIndex = new Int32Array(n), occurredAtMs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let lng: number, lat: number, g: number;
    do {
      lng = originLng + random() * columns * cellLng;
      lat = originLat + random() * rows * cellLat;
      g = ASSIGNER.assignIndex(lng, lat);
    } while (g < 0);
    let t = endMs - spanMs + (k / n) * spanMs;
    if (random() < 0.1) t -= random() * 3_600_000; // one in ten arrives up to an hour late
    gridIndex[k] = g;
    occurredAtMs[k] = Math.floor(t);
    incidents.push({ category: CATEGORIES[Math.floor(random() * CATEGORIES.length)] as string, source: SOURCES[Math.floor(random() * SOURCES.length)] as string, lng, lat });
  }
  // Strings as the server holds them: parsed from a body, not the literals above.
  return { incidents: JSON.parse(JSON.stringify(incidents)) as Committed['incidents'], gridIndex, occurredAtMs };
}

/** The same incidents by their codes (the baseline's input, and the rebuild-from-store path). */
function byCodes(c: Committed): CountableIncident[] {
  return c.incidents.map((i, k) => {
    const g = ASSIGNER.catalogue.grids[c.gridIndex[k] as number] as GridAssignment;
    return { townshipCode: g.townshipCode, villageCode: g.villageCode, gridCode: g.gridCode, category: i.category, source: i.source, occurredAtMs: c.occurredAtMs[k] as number };
  });
}

/** Adds incidents [from, to) exactly as aggregates.addAssigned feeds the counts on commit. */
function addCommitted(counts: WindowCounts, c: Committed, from: number, to: number): void {
  const { incidents, gridIndex, occurredAtMs } = c;
  for (let k = from; k < to; k++) {
    const i = incidents[k] as Committed['incidents'][number];
    counts.addIndexed(gridIndex[k] as number, categoryIndex(i.category), i.source, occurredAtMs[k] as number);
  }
}

/** Best rate of run() over fresh state from setup() (not timed), like bestRate. */
function bestRateWithSetup<T>(setup: () => T, run: (state: T) => void, ops: number, runs = 6): number {
  run(setup()); // warm-up
  let best = 0;
  for (let k = 0; k < runs; k++) {
    const state = setup();
    best = Math.max(best, (ops / timeOnCore(() => run(state))) * 1000);
  }
  return best;
}

/** The baseline: every tick, group every retained incident of the window by township. */
function regroup(all: CountableIncident[], windowMs: number, nowMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  const from = nowMs - windowMs;
  for (const i of all) {
    if (i.occurredAtMs > from && i.occurredAtMs <= nowMs) out[i.townshipCode] = (out[i.townshipCode] ?? 0) + 1;
  }
  return out;
}

export function benchWindows(): BenchResult[] {
  progress(`generating ${INCIDENTS.toLocaleString('en')} incidents over 30 days on ${ASSIGNER.size.toLocaleString('en')} grids (assigned by the real assigner)`);
  const history = makeIncidents(INCIDENTS, 30 * DAY_MS, NOW, 'history');
  const historyCodes = byCodes(history);
  const live = makeIncidents(PER_TICK * TICKS, 60_000, NOW + 60_000, 'live');
  const liveCodes = byCodes(live);
  const clock = () => NOW;
  const grids = ASSIGNER.catalogue.grids;

  progress('ours: adding every incident to fresh counters as ingest does (grid index, category index; best of ≥ 3 runs)');
  const addRate = bestRate(() => {
    const c = createWindowCounts({ clock, grids });
    addCommitted(c, history, 0, INCIDENTS);
    consume(c.size);
  }, INCIDENTS, 3000);
  const addNs = 1e9 / addRate;
  progress('ours: adding by codes (how counts are rebuilt from the store at start)');
  const addByCodesNs = 1e9 / bestRate(() => {
    const c = createWindowCounts({ clock, grids });
    for (const i of historyCodes) c.add(i);
    consume(c.size);
  }, INCIDENTS, 3000);
  progress('ours: the whole aggregate stage per incident (aggregates.addAssigned: counts + heat grid)');
  const stageNs = 1e9 / bestRateWithSetup(() => createAggregates(TILING, { clock }), (agg) => {
    const { incidents, gridIndex, occurredAtMs } = history;
    for (let k = 0; k < INCIDENTS; k++) agg.addAssigned(incidents[k] as Committed['incidents'][number], gridIndex[k] as number, occurredAtMs[k] as number);
    consume(agg.counts.size);
  }, INCIDENTS);
  const heatTemplate = createAggregates(TILING, { clock }).heat;
  const heatNs = 1e9 / bestRateWithSetup(() => heatTemplate.empty(), (heat) => {
    const { incidents, occurredAtMs } = history;
    let inside = 0;
    for (let k = 0; k < INCIDENTS; k++) {
      const i = incidents[k] as Committed['incidents'][number];
      if (heat.add(i.lng, i.lat, occurredAtMs[k] as number)) inside++;
    }
    consume(inside);
  }, INCIDENTS);

  const counts = createWindowCounts({ clock, grids });
  addCommitted(counts, history, 0, INCIDENTS);
  progress(`ours: ${TICKS} ticks of ${PER_TICK} new incidents + per-township 24 h counts`);
  const oursTickMs = timeOnCore(() => {
    for (let tick = 0; tick < TICKS; tick++) {
      const now = NOW + (tick + 1) * 30;
      addCommitted(counts, live, tick * PER_TICK, (tick + 1) * PER_TICK);
      consume(Object.keys(counts.townshipCounts(DAY_MS, now)).length);
    }
  }) / TICKS;

  progress(`baseline: ${BASELINE_TICKS} ticks regrouping all ${INCIDENTS.toLocaleString('en')}+ incidents`);
  const all = historyCodes.slice();
  regroup(all, DAY_MS, NOW); // warm-up
  const baselineTickMs = timeOnCore(() => {
    for (let tick = 0; tick < BASELINE_TICKS; tick++) {
      for (let k = 0; k < PER_TICK; k++) all.push(liveCodes[tick * PER_TICK + k] as CountableIncident);
      consume(Object.keys(regroup(all, DAY_MS, NOW + (tick + 1) * 30)).length);
    }
  }) / BASELINE_TICKS;

  // Agreement check, so the speed is not bought with wrong answers.
  const sameAnswer = JSON.stringify(regroup(all.concat(liveCodes.slice(BASELINE_TICKS * PER_TICK)), DAY_MS, NOW + TICKS * 30)) ===
    JSON.stringify(Object.fromEntries(Object.entries(counts.townshipCounts(DAY_MS, NOW + TICKS * 30)).filter(([, n]) => n > 0)));

  progress('ours: on-demand queries at every level');
  const q = (fn: () => unknown) => timeOnCore(() => { for (let k = 0; k < 5; k++) consume(fn()); }) / 5;
  const firstGridMs = timeOnCore(() => consume(counts.counts('grid', 30 * DAY_MS, NOW))); // builds the bucket tables
  const gridMs = q(() => counts.counts('grid', 30 * DAY_MS, NOW));
  const villageCatMs = q(() => counts.counts('village', 7 * DAY_MS, NOW, { category: 'fire' }));
  const compareMs = q(() => compareWindows(counts, 'township', DAY_MS, NOW));
  progress('ours: hotspots (Gi* over 10,000 grids)');
  let service: ReturnType<typeof createHotspotService> | undefined;
  const hotspotBuildMs = timeOnCore(() => { service = createHotspotService(TILING, counts); });
  const hotspotMs = q(() => service?.hotspots(DAY_MS, NOW));

  const ratio = baselineTickMs / oursTickMs;
  return [{
    name: 'Windowed counts — 1 M incidents, 24 h per-township counts every tick',
    baselineLabel: 'regroup every retained incident each tick',
    oursLabel: 'createWindowCounts, added to as the server adds on commit (ingest → onCommitted → aggregates.addAssigned → counts.addIndexed: ' +
      'grid index from the assigner, category by its enum index, source and category strings parsed from JSON); hour/day buckets with typed row columns, ' +
      'dense township counters, lazily built grid tables',
    baselineRate: 1000 / baselineTickMs,
    oursRate: 1000 / oursTickMs,
    unit: 'ticks/s',
    ratio,
    goal: '≥ 100× and ≤ 250 ns per incident',
    met: ratio >= 100 && addNs <= 250 && sameAnswer,
    bound: 'An indexed add is: read the committed incident\'s category and source, a Map lookup for the category\'s enum index (≈ 10 ns), ' +
      'the source compared with the last one seen (or a short scan of the few known), grid → township from an Int32Array, the hour bucket ' +
      '(a Map lookup only when the hour differs from the last add\'s — late incidents), and five typed-array writes. Adding by codes (rebuilding ' +
      'from the store at start) still interns the grid code and costs about 1.5–2× as much. The aggregate stage adds the heat grid (one sorted ' +
      'time series per 250 m cell: ≈ the counts\' cost again). Runs that include a major GC of the previous run\'s counters are about 2× slower; ' +
      'the best run is reported. Results on this 2-CPU machine vary by ±30 % between runs with the load.',
    figures: {
      'add, per incident': fmt.ns(addNs),
      'add by codes, per incident (rebuilding from the store at start)': fmt.ns(addByCodesNs),
      'aggregate stage, per incident (addAssigned: counts + heat grid)': fmt.ns(stageNs),
      'heat grid add alone, per incident': fmt.ns(heatNs),
      'tick (10 adds + township counts), ours': fmt.ms(oursTickMs),
      'tick, baseline regroup': fmt.ms(baselineTickMs),
      'same township counts as the baseline': sameAnswer ? 'yes' : 'NO',
      'grid counts, 30 d (10,000 grids), first query (builds bucket tables)': fmt.ms(firstGridMs),
      'grid counts, 30 d (10,000 grids), later queries': fmt.ms(gridMs),
      'village counts, 7 d, one category': fmt.ms(villageCatMs),
      'township 24 h with 环比 and week-on-week': fmt.ms(compareMs),
      'hotspot detector build (neighbours of 10,000 grids)': fmt.ms(hotspotBuildMs),
      'hotspots, 24 h (Gi* + FDR + clusters + comparisons)': fmt.ms(hotspotMs),
      'heap after load': `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB (incl. the baseline's incident array)`,
    },
  }];
}
