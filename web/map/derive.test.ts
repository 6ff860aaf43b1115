import { describe, expect, it } from 'vitest';
import type { JurisdictionResponse } from '../../server/wire/index.ts';
import { gridLabels, nameCharacters } from './derive.ts';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
const j = {
  county: { type: 'Feature', properties: {}, geometry: square },
  townships: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square, properties: { code: 't', name: '城东街道' } }] },
  villages: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square, properties: { code: 'v', name: '东安居委会', townshipCode: 't' } }] },
  grids: {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: square, properties: { code: 'g1', name: '东安居委会第2网格', villageCode: 'v' } },
      { type: 'Feature', geometry: square, properties: { code: 'g2', name: '滨河网格', villageCode: 'v' } },
    ],
  },
} as unknown as JurisdictionResponse;

describe('gridLabels', () => {
  it('drops the village name in front of a grid name, and keeps other names whole', () => {
    expect(gridLabels(j).map((l) => l.name)).toEqual(['第2网格', '滨河网格']);
  });
});

describe('nameCharacters', () => {
  it('collects every character of every area name once', () => {
    const chars = nameCharacters(j);
    expect(chars.has('滨')).toBe(true);
    expect(chars.has('街')).toBe(true);
    expect([...chars].filter((c) => c === '东')).toHaveLength(1);
  });
});
