import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature, Position } from 'geojson';
import type { AreaGeometry, GridCollection, GridProps, TownshipCollection, VillageCollection } from '../wire/index.ts';
import { syntheticTiling } from './synthetic-tiling.ts';
import { assertValidJurisdiction, InvalidJurisdictionError, validateJurisdiction } from './validate-jurisdiction.ts';

// Kilometre-scale squares near the demo county, so areas in m² are meaningful.
const D = 0.01;
const sq = (x0: number, y0: number, x1: number, y1: number): Position[] => [[120 + x0 * D, 32 + y0 * D], [120 + x1 * D, 32 + y0 * D], [120 + x1 * D, 32 + y1 * D], [120 + x0 * D, 32 + y1 * D], [120 + x0 * D, 32 + y0 * D]];
const poly = (...rings: Position[][]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });

const T = '321202001', V = `${T}001`;
const townships: TownshipCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: T, name: '城东街道', households: 10 }, geometry: poly(sq(0, 0, 2, 1)) }] };
const villages: VillageCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: V, name: '东村', townshipCode: T, households: 10 }, geometry: poly(sq(0, 0, 2, 1)) }] };
const grid = (n: number, geometry: AreaGeometry, more: Partial<GridProps> = {}): Feature<AreaGeometry, GridProps> => ({
  type: 'Feature', properties: { code: `${V}${String(n).padStart(3, '0')}`, name: `网格${n}`, villageCode: V, townshipCode: T, households: 5, worker: { name: 'w', phone: '' }, ...more }, geometry,
});
const grids = (...features: Feature<AreaGeometry, GridProps>[]): GridCollection => ({ type: 'FeatureCollection', features });
const good = () => [grid(1, poly(sq(0, 0, 1, 1))), grid(2, poly(sq(1, 0, 2, 1)))];
const check = (...features: Feature<AreaGeometry, GridProps>[]) => validateJurisdiction({ townships, villages, grids: grids(...features) });

describe('jurisdiction validation', () => {
  it('accepts a clean tiling, shared edges and all', () => {
    expect(check(...good())).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('accepts the synthetic tilings with holes and multipolygons, and the demo county', () => {
    expect(validateJurisdiction({ grids: syntheticTiling({ columns: 12, rows: 12 }) }, { toleranceM2: 0 }).errors).toEqual([]);
    if (existsSync('data/demo/grids.geojson')) {
      const read = (f: string) => JSON.parse(readFileSync(`data/demo/${f}.geojson`, 'utf8'));
      expect(validateJurisdiction({ townships: read('townships'), villages: read('villages'), grids: read('grids') }).errors).toEqual([]);
    }
  });

  it('refuses an unclosed ring, naming the grid', () => {
    const open = sq(1, 0, 2, 1).slice(0, 4);
    const r = check(good()[0] as Feature<AreaGeometry, GridProps>, grid(2, poly(open)));
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ kind: 'unclosed-ring', layer: 'grid', code: `${V}002` })]);
    expect(r.errors[0]?.message).toMatch(/^grid 321202001001002 \(网格2\) ring 0 of polygon 0 is not closed/);
  });

  it('refuses invalid coordinates and rings too short', () => {
    const r = check(grid(1, poly([[120, 32], [Number.NaN, 32], [120.01, 32.01], [120, 32]])), grid(2, poly([[120, 32], [120.01, 32], [120, 32]])));
    expect(r.errors.map((e) => [e.kind, e.code.slice(-3)])).toEqual([['invalid-geometry', '001'], ['invalid-geometry', '002']]);
  });

  it('refuses a self-intersecting (bow-tie) grid', () => {
    const bowTie: Position[] = [[120, 32], [120.01, 32.01], [120.01, 32], [120, 32.01], [120, 32]];
    const r = check(grid(1, poly(bowTie)), good()[1] as Feature<AreaGeometry, GridProps>);
    expect(r.errors).toContainEqual(expect.objectContaining({ kind: 'self-intersection', code: `${V}001` }));
  });

  it('refuses a hole that crosses its outer ring', () => {
    const r = check(grid(1, poly(sq(0, 0, 1, 1), sq(0.5, 0.2, 1.5, 0.8).reverse())), good()[1] as Feature<AreaGeometry, GridProps>);
    expect(r.errors).toContainEqual(expect.objectContaining({ kind: 'self-intersection', code: `${V}001` }));
  });

  it('refuses overlapping grids, naming both and the area', () => {
    const r = check(grid(1, poly(sq(0, 0, 1.2, 1))), grid(2, poly(sq(1, 0, 2, 1))));
    const overlap = r.errors.find((e) => e.kind === 'overlap');
    expect(overlap).toMatchObject({ code: `${V}001`, other: `${V}002` });
    expect(overlap?.areaM2).toBeGreaterThan(0.15 * 1113 * 940); // 0.2 × 1 cells of ~1.1 × 0.94 km
  });

  it('refuses a grid inside another and identical grids, where no vertex lies strictly inside', () => {
    const within = check(grid(1, poly(sq(0, 0, 2, 1))), grid(2, poly(sq(0, 0, 1, 1))));
    expect(within.errors.map((e) => e.kind)).toContain('overlap');
    const twins = check(grid(1, poly(sq(0, 0, 1, 1))), grid(2, poly(sq(0, 0, 1, 1))), grid(3, poly(sq(1, 0, 2, 1))));
    expect(twins.errors).toContainEqual(expect.objectContaining({ kind: 'overlap', code: `${V}001`, other: `${V}002` }));
  });

  it('refuses a grid reaching outside its village', () => {
    const r = check(grid(1, poly(sq(0, 0, 1, 1.3))), good()[1] as Feature<AreaGeometry, GridProps>);
    expect(r.errors).toEqual([expect.objectContaining({ kind: 'outside-parent', code: `${V}001`, other: V })]);
    expect(r.errors[0]?.message).toContain('outside its village');
  });

  it('tolerates slivers below the tolerance and measures them', () => {
    const sliver = grid(1, poly(sq(0, 0, 1 + 1e-7, 1))); // ~0.1 mm wide overlap
    expect(check(sliver, good()[1] as Feature<AreaGeometry, GridProps>).errors).toEqual([]);
    expect(validateJurisdiction({ townships, villages, grids: grids(sliver, good()[1] as Feature<AreaGeometry, GridProps>) }, { toleranceM2: 0 }).errors.map((e) => e.kind)).toEqual(['overlap']);
  });

  it('reports a gap as a warning, not a refusal', () => {
    const r = check(grid(1, poly(sq(0, 0, 1, 1))), grid(2, poly(sq(1.5, 0, 2, 1))));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'gap', layer: 'village', code: V })]);
    expect(r.warnings[0]?.areaM2).toBeGreaterThan(0.4 * 1113 * 940);
  });

  it('refuses duplicate codes, unknown villages and mismatched codes', () => {
    const [a, b] = good() as [Feature<AreaGeometry, GridProps>, Feature<AreaGeometry, GridProps>];
    expect(check(a, { ...b, properties: { ...b.properties, code: a.properties.code } }).errors.map((e) => e.kind)).toContain('duplicate-code');
    expect(check(a, grid(2, b.geometry, { villageCode: `${T}099`, code: `${T}099002` })).errors.map((e) => e.kind)).toContain('unknown-parent');
    expect(check(a, grid(2, b.geometry, { code: `${T}002002` })).errors.map((e) => e.kind)).toContain('code-mismatch');
    expect(check(a, grid(2, b.geometry, { townshipCode: '321202009' })).errors.map((e) => e.kind)).toContain('code-mismatch');
  });

  it('throws one error listing every refusal', () => {
    expect(() => assertValidJurisdiction({ villages, grids: grids(grid(1, poly(sq(0, 0, 1.2, 1))), grid(2, poly(sq(1, 0, 2, 1)))) })).toThrow(InvalidJurisdictionError);
    expect(() => assertValidJurisdiction({ villages, grids: grids(grid(1, poly(sq(0, 0, 1.2, 1))), grid(2, poly(sq(1, 0, 2, 1)))) })).toThrow(/overlaps grid 321202001001002/);
    expect(assertValidJurisdiction({ villages, grids: grids(...good()) }).ok).toBe(true);
  });
});
