import { describe, expect, it } from 'vitest';
import type { GridCollection } from '../../server/wire/jurisdiction.ts';
import { homeAreaOf } from './home-area.ts';

const square = (code: string, x: number, y: number) => ({
  type: 'Feature' as const,
  properties: { code, name: code, villageCode: code.slice(0, 12), townshipCode: code.slice(0, 9) },
  geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

const grids = { type: 'FeatureCollection', features: [square('321202001002001', 0, 0), square('321202001002002', 1, 0), square('321202001003001', 5, 5)] } as unknown as GridCollection;

describe('homeAreaOf', () => {
  it('keeps the grids of the scope and their joint bounds', () => {
    const area = homeAreaOf(grids, '321202001002');
    expect(area?.grids.features.map((g) => g.properties.code)).toEqual(['321202001002001', '321202001002002']);
    expect(area?.bounds).toEqual([[0, 0], [2, 1]]);
  });

  it('is null for a scope with no grids', () => {
    expect(homeAreaOf(grids, '321202009')).toBeNull();
  });
});
