// Windowed counts: the incremental counters against regrouping every retained incident per tick
// (what a server does without them), on a county-year-like load: 1 M incidents over 30 days on
// ~10,000 grids, ticks adding new incidents and asking for the per-township 24 h counts.
import seedrandom from 'seedrandom';
import { createHotspotService } from '../server/aggregate/hotspot-service.ts';
import { compareWindows } from '../server/aggregate/window-compare.ts';
import { createWindowCounts, DAY_MS, type CountableIncident } from '../server/aggregate/window-counts.ts';
import { syntheticTiling } from '../server/geo/synthetic-tiling.ts';
import { bestRate, consume, fmt, progress, timeOnCore, type BenchResult } from './harness.ts';

const INCIDENTS = 1_000_000;
const PER_TICK = 10;
const TICKS = 2000;
const BASELINE_TICKS = 15;
const NOW = Date.UTC(2026, 10, 22, 8, 0, 0);
const CATEGORIES = ['dispute', 'public-order', 'fire', 'traffic', 'work-safety', 'environment', 'public-service', 'other'];
const SOURCES = ['hotline-12345', 'alarm-110', 'grid-report', 'camera-ai', 'sensor'];

const TILING = syntheticTiling();

function makeIncidents(n: number, spanMs: number, endMs: number, seed: string): CountableIncident[] {
  const grids = TILING.features.map((f) => f.properties);
  const random = seedrandom(seed);
  const out: CountableIncident[] = [];
  for (let k = 0; k < n; k++) {
    const g = grids[Math.floor(random() * grids.length)] as (typeof grids)[number];
    let t = endMs - spanMs + (k / n) * spanMs;
    if (random() < 0.1) t -= random() * 3_600_000; // one in ten arrives up to an hour late
    out.push({
      townshipCode: g.townshipCode, villageCode: g.villageCode, gridCode: g.code,
      category: CATEGORIES[Math.floor(random() * CATEGORIES.length)] as string,
      source: SOURCES[Math.floor(random() * SOURCES.length)] as string,
      occurredAtMs: Math.floor(t),
    });
  }
  return out;
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
  progress(`generating ${INCIDENTS.toLocaleString('en')} incidents over 30 days on 10,000 grids`);
  const history = makeIncidents(INCIDENTS, 30 * DAY_MS, NOW, 'history');
  const live = makeIncidents(PER_TICK * TICKS, 60_000, NOW + 60_000, 'live');
  const clock = () => NOW;

  progress('ours: adding every incident to fresh counters (best of ≥ 3 runs)');
  const addRate = bestRate(() => {
    const c = createWindowCounts({ clock });
    for (const i of history) c.add(i);
    consume(c.size);
  }, INCIDENTS, 3000);
  const addNs = 1e9 / addRate;

  const counts = createWindowCounts({ clock });
  for (const i of history) counts.add(i);
  progress(`ours: ${TICKS} ticks of ${PER_TICK} new incidents + per-township 24 h counts`);
  const oursTickMs = timeOnCore(() => {
    for (let tick = 0; tick < TICKS; tick++) {
      const now = NOW + (tick + 1) * 30;
      for (let k = 0; k < PER_TICK; k++) counts.add(live[tick * PER_TICK + k] as CountableIncident);
      consume(Object.keys(counts.townshipCounts(DAY_MS, now)).length);
    }
  }) / TICKS;

  progress(`baseline: ${BASELINE_TICKS} ticks regrouping all ${INCIDENTS.toLocaleString('en')}+ incidents`);
  const all = history.slice();
  regroup(all, DAY_MS, NOW); // warm-up
  const baselineTickMs = timeOnCore(() => {
    for (let tick = 0; tick < BASELINE_TICKS; tick++) {
      for (let k = 0; k < PER_TICK; k++) all.push(live[tick * PER_TICK + k] as CountableIncident);
      consume(Object.keys(regroup(all, DAY_MS, NOW + (tick + 1) * 30)).length);
    }
  }) / BASELINE_TICKS;

  // Agreement check, so the speed is not bought with wrong answers.
  const sameAnswer = JSON.stringify(regroup(all.concat(live.slice(BASELINE_TICKS * PER_TICK)), DAY_MS, NOW + TICKS * 30)) ===
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
    oursLabel: 'createWindowCounts (hour/day buckets: raw rows for partial hours, dense township counters, lazily built grid tables)',
    baselineRate: 1000 / baselineTickMs,
    oursRate: 1000 / oursTickMs,
    unit: 'ticks/s',
    ratio,
    goal: '≥ 100× and ≤ 250 ns per incident',
    met: ratio >= 100 && addNs <= 250 && sameAnswer,
    bound: 'An add is three string-keyed Map lookups (interning grid, category and source: ≈ 100 ns on this shared machine, ' +
      'measured with a bare loop) plus one row append and one township counter; the rest of the time is memory traffic. ' +
      'Ingest could pass the assigner\'s grid index to save the largest lookup. Results on this 2-CPU machine vary by ±30 % between runs with the load.',
    figures: {
      'add, per incident': fmt.ns(addNs),
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
