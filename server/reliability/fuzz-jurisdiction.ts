// Invalid polygons in a jurisdiction import: the fixture county with one grid broken in a seeded way
// (bow-tie, unclosed or too-short ring, NaN / Infinity / null / text coordinates, lat 91, swapped
// lat/lng, wrong nesting, wrong geometry type, duplicate code, overlap with a neighbour, a spike out
// of its village). validateJurisdiction must refuse each — ok false — with an error naming the
// broken grid, and never throw.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PRNG } from 'seedrandom';
import { validateJurisdiction } from '../geo/validate-jurisdiction.ts';
import type { JurisdictionInput } from '../geo/validate-jurisdiction.ts';

type Json = Record<string, unknown>;
type Ring = unknown[];
type Mutation = (rng: PRNG, grid: Json, others: Json[]) => void;

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const ringOf = (g: Json) => ((g.geometry as Json).coordinates as Ring[])[0] as number[][];
const setRing = (g: Json, ring: unknown) => ((g.geometry as Json).coordinates = [ring]);
const vertex = (rng: PRNG, ring: unknown[]) => Math.floor(rng() * (ring.length - 1)); // not the closing one

const MUTATIONS: Record<string, Mutation> = {
  'bow-tie': (_r, g) => {
    const [a, b, c, d] = ringOf(g);
    setRing(g, [a, c, b, d, a]);
  },
  unclosed: (_r, g) => setRing(g, ringOf(g).slice(0, -1)),
  'too-short': (rng, g) => setRing(g, pick(rng, [[], [ringOf(g)[0]], ringOf(g).slice(0, 2), [ringOf(g)[0], ringOf(g)[1], ringOf(g)[0]]])),
  'bad-number': (rng, g) => {
    const ring: unknown[][] = ringOf(g).map((p) => [...p]);
    const k = vertex(rng, ring);
    ring[k]![Math.floor(rng() * 2)] = pick(rng, [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, '119.9', undefined, [], {}]);
    setRing(g, ring);
  },
  'out-of-range': (rng, g) => {
    const ring = ringOf(g).map((p) => [...p]);
    const k = vertex(rng, ring);
    if (rng() < 0.5) ring[k]![1] = pick(rng, [91, -90.5, 1e9]);
    else ring[k]![0] = pick(rng, [181, -180.5, 1e9]);
    if (k === 0) ring[ring.length - 1] = [...ring[0]!];
    setRing(g, ring);
  },
  swapped: (_r, g) => setRing(g, ringOf(g).map(([x, y]) => [y, x])),
  'short-position': (rng, g) => {
    const ring: unknown[] = ringOf(g).map((p) => [...p]);
    ring[vertex(rng, ring)] = pick(rng, [[119.9], [], 119.9, null, 'x']);
    setRing(g, ring);
  },
  nesting: (rng, g) => {
    const geom = g.geometry as Json;
    const ring = ringOf(g);
    // Wrong for the type it is given ([[ring]] is a valid MultiPolygon, so that pair is left out).
    [geom.type, geom.coordinates] = pick(rng, [
      ['Polygon', ring], ['Polygon', [[ring]]], ['MultiPolygon', [ring]], ['MultiPolygon', ring], ['MultiPolygon', [[[ring]]]],
      ['Polygon', []], ['Polygon', [[]]], ['MultiPolygon', [[]]], ['Polygon', null], ['Polygon', 'x'], ['Polygon', 0], ['Polygon', { ring }],
    ] as [string, unknown][]);
  },
  'geometry-type': (rng, g) => {
    g.geometry = pick(rng, [null, { type: 'Point', coordinates: [119.905, 32.485] }, { type: 'LineString', coordinates: ringOf(g) }, { type: 'Polygonn', coordinates: [ringOf(g)] }, { type: 'GeometryCollection', geometries: [] }, {}, 'x']);
  },
  'duplicate-code': (rng, g, others) => {
    const other = pick(rng, others);
    (g.properties as Json).code = (other.properties as Json).code;
  },
  overlap: (rng, g, others) => {
    const other = pick(rng, others);
    const dx = 0.001 + rng() * 0.008;
    setRing(g, ringOf(other).map(([x, y]) => [x! + dx, y]));
  },
  spike: (rng, g) => {
    const ring = ringOf(g).map((p) => [...p]);
    const k = 1 + Math.floor(rng() * (ring.length - 2));
    ring[k] = [ring[k]![0]!, ring[k]![1]! + 0.01 + rng() * 0.05];
    setRing(g, ring);
  },
};

export interface JurisdictionFuzzResult {
  refusedNamingTheGrid: number;
  failures: string[];
  byKind: Record<string, number>;
}

/** `count` imports of the fixture county with one grid broken each; checks every one is refused. */
export function runJurisdictionCases(rng: PRNG, fixtureDir: string, count: number): JurisdictionFuzzResult {
  const read = (f: string) => readFileSync(path.join(fixtureDir, `${f}.geojson`), 'utf8');
  const [townships, villages, grids] = [read('townships'), read('villages'), read('grids')];
  const result: JurisdictionFuzzResult = { refusedNamingTheGrid: 0, failures: [], byKind: {} };
  const kinds = Object.keys(MUTATIONS);
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    const input = { townships: JSON.parse(townships), villages: JSON.parse(villages), grids: JSON.parse(grids) } as { grids: { features: Json[] } } & Json;
    const features = input.grids.features;
    const broken = features[Math.floor(rng() * features.length)]!;
    MUTATIONS[kind]!(rng, broken, features.filter((f) => f !== broken));
    const code = String((broken.properties as Json).code); // after: a duplicate-code grid is named by the code it now has
    result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
    try {
      const report = validateJurisdiction(input as unknown as JurisdictionInput);
      if (!report.ok && report.errors.some((e) => e.message.includes(code))) result.refusedNamingTheGrid += 1;
      else result.failures.push(`jurisdiction case ${i} (${kind} on grid ${code}): ok=${report.ok}, errors: ${report.errors.map((e) => e.message).join('; ').slice(0, 300) || 'none'}`);
    } catch (err) {
      result.failures.push(`jurisdiction case ${i} (${kind} on grid ${code}): threw ${(err as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
    }
  }
  return result;
}
