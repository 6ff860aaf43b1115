import { describe, expect, it } from 'vitest';
import { buildMesh, cellRing } from './mesh.ts';
import type { XY } from './planar.ts';
import { signedArea2 } from './planar.ts';
import { assembleRegions } from './regions.ts';

// A 5 × 5 block of seeds, slightly jittered so no four are co-circular; cell (row, col) = row * 5 + col.
const seeds: XY[] = [];
for (let row = 0; row < 5; row++) for (let col = 0; col < 5; col++) seeds.push([col * 100 + ((row * 7 + col * 3) % 5), row * 100 + ((row * 3 + col * 5) % 7)]);
const mesh = buildMesh(seeds, [-100, -100, 500, 500]);
const inner = (cell: number): boolean => {
  const row = Math.floor(cell / 5);
  const col = cell % 5;
  return row > 0 && row < 4 && col > 0 && col < 4;
};
const areaOf = (rings: number[][]): number => rings.reduce((s, r) => s + signedArea2(r.map((v) => mesh.points[v] as XY)) / 2, 0);

describe('buildMesh', () => {
  it('stores each shared border once, with a cell on each side', () => {
    const interior = mesh.chains.filter((c) => inner(c.left) && inner(c.right));
    expect(interior.length).toBeGreaterThan(10);
    for (const c of mesh.chains) expect(c.left).not.toBe(c.right);
  });

  it('gives every cell a counter-clockwise ring', () => {
    for (let cell = 0; cell < seeds.length; cell++) expect(signedArea2(cellRing(mesh, cell).map((v) => mesh.points[v] as XY))).toBeGreaterThan(0);
  });
});

describe('assembleRegions', () => {
  it('makes a region of many cells one ring whose area is the sum of its cells', () => {
    const regions = assembleRegions(mesh, (cell) => (inner(cell) ? 0 : -1));
    const polys = regions.get(0);
    expect(polys).toHaveLength(1);
    expect(polys?.[0]).toHaveLength(1);
    const cells = seeds.map((_, c) => c).filter(inner);
    const sum = cells.reduce((s, c) => s + signedArea2(cellRing(mesh, c).map((v) => mesh.points[v] as XY)) / 2, 0);
    expect(areaOf(polys?.[0] ?? [])).toBeCloseTo(sum, 6);
  });

  it('cuts a hole where an enclosed cell belongs to another region', () => {
    const centre = 12;
    const regions = assembleRegions(mesh, (cell) => (cell === centre ? 1 : inner(cell) ? 0 : -1));
    const ring = regions.get(0)?.[0] ?? [];
    expect(ring).toHaveLength(2); // outer + hole
    expect(signedArea2((ring[1] as number[]).map((v) => mesh.points[v] as XY))).toBeLessThan(0);
    expect(regions.get(1)?.[0]?.[0]).toEqual(expect.arrayContaining(cellRing(mesh, centre)));
  });

  it('returns separate polygons for a region in two pieces, largest first', () => {
    const regions = assembleRegions(mesh, (cell) => (cell === 6 ? 0 : cell === 17 || cell === 18 ? 0 : -1));
    const polys = regions.get(0) ?? [];
    expect(polys).toHaveLength(2);
    expect(areaOf(polys[0] as number[][])).toBeGreaterThan(areaOf(polys[1] as number[][]));
  });

  it('shares border vertices between neighbouring regions exactly', () => {
    const regions = assembleRegions(mesh, (cell) => (inner(cell) ? cell % 5 : -1));
    const edges = (label: number): Set<string> => {
      const out = new Set<string>();
      for (const ring of regions.get(label)?.[0] ?? []) ring.forEach((v, i) => out.add(`${v}>${ring[(i + 1) % ring.length]}`));
      return out;
    };
    const left = edges(1);
    const shared = [...edges(2)].filter((e) => {
      const [a, b] = e.split('>');
      return left.has(`${b}>${a}`);
    });
    expect(shared.length).toBeGreaterThanOrEqual(3); // the border between columns 1 and 2, run both ways
  });
});
