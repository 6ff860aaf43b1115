// Validity of the administrative hierarchy of the demo county: real codes and names, and every
// level tiling the one above it (inside it, areas adding up, borders shared edge for edge).
import { area, bbox, centroid, difference, distance, featureCollection, intersect, kinks } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import raw from '../hailing-divisions.json' with { type: 'json' };
import { DEMO_SEED } from './county.ts';
import { buildHierarchy, type Hierarchy } from './hierarchy.ts';

type Area = Feature<Polygon | MultiPolygon>;
let h: Hierarchy;
beforeAll(() => {
  h = buildHierarchy(DEMO_SEED);
}, 60_000);

const rings = (f: Area): Position[][] => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat());
const outside = (inner: Area, outer: Area): number => {
  const rest = difference(featureCollection([inner, outer]));
  return rest ? area(rest) : 0;
};
const edgeKeys = (f: Area): string[] =>
  rings(f).flatMap((ring) => ring.slice(1).map((p, i) => `${(ring[i] as Position).join(',')}>${p.join(',')}`));
const reversed = (key: string): string => key.split('>').reverse().join('>');

describe('codes and names', () => {
  it('has the 14 townships and 156 villages of hailing-divisions.json, in order', () => {
    expect(h.county.properties).toEqual({ ...raw.county, schematic: true });
    expect(h.townships.features.map((f) => [f.properties.code, f.properties.name])).toEqual(raw.townships.map((t) => [t.code, t.name]));
    const villages = raw.townships.flatMap((t) => t.villages.map((v) => [v.code, v.name, t.code]));
    expect(h.villages.features.map((f) => [f.properties.code, f.properties.name, f.properties.townshipCode])).toEqual(villages);
  });

  it('splits every village into 3–8 grids coded village code + 001… and named after it', () => {
    for (const v of h.villages.features) {
      const grids = h.grids.features.filter((g) => g.properties.villageCode === v.properties.code);
      expect(grids.length).toBeGreaterThanOrEqual(3);
      expect(grids.length).toBeLessThanOrEqual(8);
      grids.forEach((g, i) => {
        const n = i + 1;
        expect(g.properties.code).toBe(v.properties.code + String(n).padStart(3, '0'));
        expect(g.properties.name).toBe(`${v.properties.name}第${n}网格`);
        expect(g.properties.townshipCode).toBe(v.properties.townshipCode);
      });
    }
  });

  it('gives each grid a distinct grid worker with a synthetic phone number', () => {
    const names = h.grids.features.map((g) => g.properties.worker.name);
    const phones = h.grids.features.map((g) => g.properties.worker.phone);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of phones) expect(p).toMatch(/^1390000\d{4}$/);
    for (const n of names) expect(n).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it('adds households up from grids to villages to townships', () => {
    for (const v of h.villages.features) {
      const sum = h.grids.features.filter((g) => g.properties.villageCode === v.properties.code).reduce((s, g) => s + g.properties.households, 0);
      expect(v.properties.households).toBe(sum);
    }
    for (const t of h.townships.features) {
      const sum = h.villages.features.filter((v) => v.properties.townshipCode === t.properties.code).reduce((s, v) => s + v.properties.households, 0);
      expect(t.properties.households).toBe(sum);
    }
  });
});

describe('geometry', () => {
  it('has a district of about 20 × 23 km around 119.91 E, 32.49 N', () => {
    const [w, s, e, n] = bbox(h.county);
    const width = distance([w, (s + n) / 2], [e, (s + n) / 2]);
    const height = distance([w, s], [w, n]);
    expect(width).toBeGreaterThan(17);
    expect(width).toBeLessThan(23);
    expect(height).toBeGreaterThan(20);
    expect(height).toBeLessThan(26);
    expect(Math.abs((w + e) / 2 - 119.91)).toBeLessThan(0.03);
    expect(Math.abs((s + n) / 2 - 32.49)).toBeLessThan(0.03);
  });

  it('puts every village inside its township and every township inside the district', () => {
    const township = new Map(h.townships.features.map((f) => [f.properties.code, f]));
    for (const v of h.villages.features) expect(outside(v, township.get(v.properties.townshipCode) as Area)).toBeLessThan(1);
    for (const t of h.townships.features) expect(outside(t, h.county)).toBeLessThan(1);
  }, 60_000);

  it('tiles each level with the one below: areas add up within 0.1 %', () => {
    const sum = (fs: Area[]): number => fs.reduce((s, f) => s + area(f), 0);
    for (const v of h.villages.features) {
      const grids = h.grids.features.filter((g) => g.properties.villageCode === v.properties.code);
      expect(Math.abs(sum(grids) / area(v) - 1)).toBeLessThan(0.001);
    }
    for (const t of h.townships.features) {
      const villages = h.villages.features.filter((v) => v.properties.townshipCode === t.properties.code);
      expect(Math.abs(sum(villages) / area(t) - 1)).toBeLessThan(0.001);
    }
    expect(Math.abs(sum(h.townships.features) / area(h.county) - 1)).toBeLessThan(0.001);
  });

  it('has no overlap between the grids of a village', () => {
    for (const v of h.villages.features) {
      const grids = h.grids.features.filter((g) => g.properties.villageCode === v.properties.code);
      const boxes = grids.map((g) => bbox(g));
      const apart = (a: number[], b: number[]): boolean =>
        (a[0] as number) > (b[2] as number) || (b[0] as number) > (a[2] as number) || (a[1] as number) > (b[3] as number) || (b[1] as number) > (a[3] as number);
      for (let i = 0; i < grids.length; i++) {
        for (let j = i + 1; j < grids.length; j++) {
          if (apart(boxes[i] as number[], boxes[j] as number[])) continue;
          const both = intersect(featureCollection([grids[i] as Area, grids[j] as Area]));
          expect(both ? area(both) : 0).toBeLessThan(0.01);
        }
      }
    }
  }, 60_000);

  it('shares every inner grid border edge for edge with exactly one neighbour', () => {
    const countyEdges = new Set(edgeKeys(h.county));
    const seen = new Map<string, number>();
    for (const g of h.grids.features) for (const e of edgeKeys(g)) seen.set(e, (seen.get(e) ?? 0) + 1);
    for (const [e, count] of seen) {
      expect(count).toBe(1);
      // Each directed edge is either on the district border or run backwards by the neighbour.
      if (!countyEdges.has(e)) expect(seen.has(reversed(e)), e).toBe(true);
    }
    for (const e of countyEdges) expect(seen.has(e)).toBe(true);
  });

  it('has simple polygons in one piece at every level', () => {
    for (const f of [h.county, ...h.townships.features, ...h.villages.features, ...h.grids.features]) {
      expect(f.geometry.type).toBe('Polygon');
      expect(kinks(f).features).toHaveLength(0);
    }
  });

  it('keeps the urban 街道 small and central, the 镇 large and around them', () => {
    const centre = centroid(h.county);
    const streets = h.townships.features.filter((t) => t.properties.name.endsWith('街道'));
    const towns = h.townships.features.filter((t) => t.properties.name.endsWith('镇'));
    expect(Math.max(...streets.map((t) => area(t)))).toBeLessThan(Math.min(...towns.map((t) => area(t))));
    const far = (t: Area): number => distance(centre, centroid(t));
    expect(Math.max(...streets.map(far))).toBeLessThan(Math.min(...towns.map(far)));
    const density = (fs: Area[]): number => fs.reduce((s, f) => s + (f.properties?.households as number), 0) / fs.reduce((s, f) => s + area(f), 0);
    expect(density(streets)).toBeGreaterThan(5 * density(towns));
  });
});
