// Grid assignment: ours (raster + flatbush + exact point-in-polygon) against the naive way, a
// turf.booleanPointInPolygon loop over every grid, on ~10,000 synthetic grids and on the demo county.
import { existsSync, readFileSync } from 'node:fs';
import { booleanPointInPolygon, point } from '@turf/turf';
import seedrandom from 'seedrandom';
import { createGridAssigner } from '../server/geo/assigner.ts';
import { syntheticTiling } from '../server/geo/synthetic-tiling.ts';
import type { GridCollection } from '../server/wire/index.ts';
import { bestRate, consume, fmt, progress, timeOnCore, type BenchResult } from './harness.ts';

const POINTS = 2_000_000;
const BASELINE_POINTS = 300;

function randomPoints(grids: GridCollection, n: number, seed: string): Float64Array {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of grids.features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) for (const [x, y] of ring as [number, number][]) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
  }
  const random = seedrandom(seed);
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = minX + random() * (maxX - minX);
    xy[2 * i + 1] = minY + random() * (maxY - minY);
  }
  return xy;
}

function benchJurisdiction(name: string, grids: GridCollection): BenchResult {
  progress(`${name}: ${grids.features.length} grids; building the index`);
  const exactOnly = createGridAssigner(grids, { cellsPerGrid: 0 });
  let assigner = exactOnly;
  const buildMs = timeOnCore(() => { assigner = createGridAssigner(grids); });
  const xy = randomPoints(grids, POINTS, `${name}-points`);

  progress(`${name}: assigning ${POINTS.toLocaleString('en')} random points (best of ≥ 3 runs)`);
  const ours = bestRate(() => {
    let n = 0;
    for (let i = 0; i < POINTS; i++) if (assigner.assign(xy[2 * i] as number, xy[2 * i + 1] as number) !== null) n++;
    consume(n);
  }, POINTS, 2000);
  const exactPoints = POINTS / 4;
  const exact = bestRate(() => {
    let n = 0;
    for (let i = 0; i < exactPoints; i++) if (exactOnly.assign(xy[2 * i] as number, xy[2 * i + 1] as number) !== null) n++;
    consume(n);
  }, exactPoints, 1000);

  progress(`${name}: baseline, turf.booleanPointInPolygon over every grid, ${BASELINE_POINTS} points`);
  const features = grids.features;
  const turfPoints = Array.from({ length: BASELINE_POINTS }, (_, i) => point([xy[2 * i] as number, xy[2 * i + 1] as number]));
  const baseline = bestRate(() => {
    let found = 0;
    for (const p of turfPoints) {
      for (const f of features) {
        if (booleanPointInPolygon(p, f)) { found++; break; }
      }
    }
    consume(found);
  }, BASELINE_POINTS, 0, 2);

  const ratio = ours / baseline;
  return {
    name: `Grid assignment — ${name}`,
    baselineLabel: 'turf.booleanPointInPolygon loop over every grid',
    oursLabel: 'createGridAssigner (cell raster → flatbush candidates → exact PIP)',
    baselineRate: baseline,
    oursRate: ours,
    unit: 'points/s',
    ratio,
    goal: '≥ 1000× and ≥ 2 M points/s on one core',
    met: ratio >= 1000 && ours >= 2e6,
    figures: {
      grids: String(grids.features.length),
      ours: fmt.rate(ours),
      'ours, without the raster (flatbush + exact PIP only)': fmt.rate(exact),
      baseline: fmt.rate(baseline),
      'index build': fmt.ms(buildMs),
      'points measured': `${POINTS.toLocaleString('en')} (baseline ${BASELINE_POINTS})`,
    },
  };
}

export function benchAssignment(): BenchResult[] {
  const results = [benchJurisdiction('synthetic 100 × 100 jittered lattice', syntheticTiling())];
  const demo = 'data/demo/grids.geojson';
  if (existsSync(demo)) results.push(benchJurisdiction('demo county (data/demo/grids.geojson)', JSON.parse(readFileSync(demo, 'utf8')) as GridCollection));
  else progress(`${demo} not found (run npm run data): demo county skipped`);
  return results;
}
