// A synthetic county-sized road network for the benchmark and the tests (not used by the server):
// an n × n lattice of junctions 100 m apart (jittered), every row and column a road, broken by a few
// gaps, with arterials every 10th line, rural roads in the outer band and one-way streets every 4th
// row and 6th column (alternating direction). Deterministic for a seed.
import seedrandom from 'seedrandom';
import { localFrame } from './geo.ts';
import type { RoadLine } from './road-network.ts';

export interface SyntheticRoadsOptions {
  /** Junctions per side (ways ≈ 2·n·(n − 1) less the gaps); 230 gives ≥ 100,000. */
  n: number;
  /** Metres between junctions. */
  spacingM?: number;
  /** Share of lattice edges left out (the gaps). */
  gapShare?: number;
  seed?: string;
  origin?: { lng: number; lat: number };
}

/** The roads, as roads.geojson features would have them. */
export function syntheticRoads({ n, spacingM = 100, gapShare = 0.03, seed = 'synthetic-roads', origin = { lng: 119.8, lat: 32.35 } }: SyntheticRoadsOptions): RoadLine[] {
  const random = seedrandom(seed);
  const { kx, ky } = localFrame(origin.lat);
  // One position per junction, shared by its row and its column so they meet.
  const lng = new Float64Array(n * n), lat = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      lng[i * n + j] = origin.lng + (j * spacingM + (random() - 0.5) * spacingM * 0.3) / kx;
      lat[i * n + j] = origin.lat + (i * spacingM + (random() - 0.5) * spacingM * 0.3) / ky;
    }
  }
  const band = Math.floor(n / 5);
  const classOf = (k: number) => (k % 10 === 0 ? 'arterial' : k < band || k >= n - band ? 'rural' : 'street');
  const roads: RoadLine[] = [];
  const addLine = (name: string, cls: string, oneway: string | undefined, junctions: number[]) => {
    // The line is cut where a gap falls; each piece of two or more junctions is a road.
    let piece: number[] = [];
    const flush = () => {
      if (piece.length >= 2) {
        roads.push({
          geometry: { coordinates: piece.map((v) => [lng[v]!, lat[v]!]) },
          properties: { id: `${name}-${roads.length}`, name, class: cls, ...(oneway ? { oneway } : {}) },
        });
      }
      piece = [];
    };
    for (const [k, v] of junctions.entries()) {
      if (k > 0 && random() < gapShare) flush();
      piece.push(v);
    }
    flush();
  };
  for (let i = 0; i < n; i++) {
    const cls = classOf(i);
    const oneway = cls !== 'arterial' && i % 4 === 2 ? (i % 8 === 2 ? 'yes' : '-1') : undefined;
    addLine(`东西${i}路`, cls, oneway, Array.from({ length: n }, (_, j) => i * n + j));
  }
  for (let j = 0; j < n; j++) {
    const cls = classOf(j);
    const oneway = cls !== 'arterial' && j % 6 === 3 ? (j % 12 === 3 ? 'yes' : '-1') : undefined;
    addLine(`南北${j}路`, cls, oneway, Array.from({ length: n }, (_, i) => i * n + j));
  }
  return roads;
}
