import { describe, expect, it } from 'vitest';
import type { JurisdictionResponse } from '../../server/wire/index.ts';
import { jurisdictionNamer, jurisdictionOptions } from './jurisdiction-options.ts';

const feature = <P>(properties: P) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [] }, properties });
const areas = {
  county: feature({ code: '321202', name: '海陵区', city: '泰州市', province: '江苏省', schematic: true }),
  townships: { type: 'FeatureCollection', features: [
    feature({ code: '321202002', name: '城西街道', households: 1 }),
    feature({ code: '321202001', name: '城东街道', households: 1 }),
  ] },
  villages: { type: 'FeatureCollection', features: [
    feature({ code: '321202001002', name: '东进社区', townshipCode: '321202001', households: 1 }),
    feature({ code: '321202002001', name: '西桥社区', townshipCode: '321202002', households: 1 }),
    feature({ code: '321202001001', name: '东安社区', townshipCode: '321202001', households: 1 }),
  ] },
} as unknown as Pick<JurisdictionResponse, 'county' | 'townships' | 'villages'>;

describe('jurisdiction options', () => {
  it('lists the county, then each township followed by its villages, in code order', () => {
    const options = jurisdictionOptions(areas, '321202');
    expect(options.map((o) => o.code)).toEqual(['321202', '321202001', '321202001001', '321202001002', '321202002', '321202002001']);
    expect(options.map((o) => o.level)).toEqual(['county', 'township', 'village', 'village', 'township', 'village']);
    expect(options[2]!.text).toBe('\u3000\u3000东安社区 (321202001001)');
  });

  it('offers a township admin only their township and its villages', () => {
    expect(jurisdictionOptions(areas, '321202002').map((o) => o.code)).toEqual(['321202002', '321202002001']);
    expect(jurisdictionOptions(areas, '321202001001').map((o) => o.name)).toEqual(['东安社区']);
  });

  it('names codes by their place in the tree, unknown codes as themselves', () => {
    const name = jurisdictionNamer(areas);
    expect(name('321202')).toBe('海陵区');
    expect(name('321202001')).toBe('城东街道');
    expect(name('321202002001')).toBe('城西街道 / 西桥社区');
    expect(name('999999')).toBe('999999');
    expect(jurisdictionNamer(null)('321202')).toBe('321202');
  });
});
