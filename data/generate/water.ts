// Rivers, canals and lakes: 凤凰河 and 卤汀河 run north–south across the district, the 老通扬运河
// east–west, the 凤城河 moat rings the old town; two city lakes and a few village ponds.
import type { LineString, Polygon } from 'geojson';
import type { WaterCollection, WaterProps } from '../../server/wire/jurisdiction.ts';
import { divisions, shortName, townshipKind } from './divisions.ts';
import type { Hierarchy } from './hierarchy.ts';
import { townshipSite } from './layout.ts';
import { distance, segmentDistance, type XY } from './planar.ts';
import { toLngLat } from './projection.ts';
import { createRng } from './random.ts';
import { clipLine, createShapeIndex, type Shape } from './shape-index.ts';
import { blob, meander } from './sketch.ts';

export interface Water {
  water: WaterCollection;
  /** Lake and pond outlines, metres (roads and cameras keep clear of them). */
  lakes: Shape;
  /** River and canal centre lines, metres. */
  lines: XY[][];
}

export function buildWater(seed: string, h: Hierarchy): Water {
  const rng = createRng(seed, 'water');
  const county = createShapeIndex(h.shapes.county);
  const features: WaterCollection['features'] = [];
  const lines: XY[][] = [];
  const addLine = (name: string, kind: WaterProps['kind'], line: XY[], clip = true): void => {
    for (const run of clip ? clipLine(line, (p) => county.containsWithMargin(p, 2)) : [line]) {
      lines.push(run);
      const geometry: LineString = { type: 'LineString', coordinates: run.map(toLngLat) };
      features.push({ type: 'Feature', properties: { name, kind }, geometry });
    }
  };
  const rural = (t: number): number => 250 + 500 * Math.abs(2 * t - 1); // calmer through the city
  addLine('凤凰河', 'river', meander([1800, 17_000], [1300, -17_000], rng, rural, 2500, 50));
  addLine('卤汀河', 'river', meander([-4400, 17_000], [-4000, -17_000], rng, (t) => rural(t) * 1.2, 3000, 50));
  addLine('老通扬运河', 'canal', meander([-17_000, -2000], [17_000, -2400], rng, 120, 4000, 50));

  // 凤城河: the moat around the old town, a rounded rectangle (closed line).
  const [ox, oy] = townshipSite('321202004');
  const moat: XY[] = [];
  for (let i = 0; i <= 64; i++) {
    const a = ((i % 64) / 64) * 2 * Math.PI;
    const c = Math.cos(a);
    const s = Math.sin(a);
    // Superellipse |x/a|^4 + |y/b|^4 = 1: straight-ish sides, round corners.
    moat.push([ox + 750 * Math.sign(c) * Math.abs(c) ** 0.5, oy - 100 + 620 * Math.sign(s) * Math.abs(s) ** 0.5]);
  }
  addLine('凤城河', 'canal', moat, false);

  // Lakes in the city, ponds near a few villages; none may touch a river or the district border.
  const lakes: Shape = [];
  const clearOfWater = (c: XY, r: number): boolean =>
    county.containsWithMargin(c, r + 150) && lines.every((l) => l.every((p, i) => i === 0 || segmentDistance(c, l[i - 1] as XY, p) > r + 80));
  const addLake = (name: string, centre: XY, radius: number): void => {
    if (!clearOfWater(centre, radius * 1.3) || lakes.some((l) => distance(l[0]?.[0] as XY, centre) < radius * 4)) return;
    const ring = blob(centre, radius, rng, 28, 0.22);
    lakes.push([ring]);
    const geometry: Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0] as XY].map(toLngLat)] };
    features.push({ type: 'Feature', properties: { name, kind: 'lake' }, geometry });
  };
  addLake('天德湖', [-2300, -5100], 300);
  addLake('鹤鸣湖', [3900, -4700], 230);
  let v = 0;
  const ponds = rng.shuffled(
    divisions.townships.flatMap((t) =>
      townshipKind(t.name) === 'town' ? t.villages.map((village) => ({ village, at: h.seeds.villageCentres[v++] as XY })) : ((v += t.villages.length), []),
    ),
  );
  let placed = 0;
  for (const { village, at } of ponds) {
    if (placed === 4) break;
    const a = rng.range(0, 2 * Math.PI);
    const before = lakes.length;
    addLake(`${shortName(village.name)}塘`, [at[0] + 450 * Math.cos(a), at[1] + 450 * Math.sin(a)], rng.range(90, 160));
    if (lakes.length > before) placed++;
  }
  return { water: { type: 'FeatureCollection', features }, lakes, lines };
}
