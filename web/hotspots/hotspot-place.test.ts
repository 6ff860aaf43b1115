import { describe, expect, it } from 'vitest';
import type { JurisdictionIndex } from '../panels/lookup.ts';
import type { TownshipProps, VillageProps } from '../../server/wire/index.ts';
import { hotspotPlace } from './hotspot-place.ts';

const index = {
  townships: new Map([['321202001', { name: '城东街道' } as TownshipProps]]),
  villages: new Map(['A', 'B', 'C', 'D', 'E'].map((c, k) => [c, { name: `${c}村${k}` } as VillageProps])),
  grids: new Map(),
} as JurisdictionIndex;

describe('hotspotPlace', () => {
  it('names the township and its villages', () => {
    expect(hotspotPlace({ townshipCodes: ['321202001'], villageCodes: ['A', 'B'] }, index)).toBe('城东街道 · A村0、B村1');
  });
  it('counts the villages past the third instead of listing them', () => {
    expect(hotspotPlace({ townshipCodes: ['321202001'], villageCodes: ['A', 'B', 'C', 'D', 'E'] }, index)).toBe('城东街道 · A村0、B村1、C村2 +2');
  });
  it('falls back to the code for an area the jurisdiction does not know', () => {
    expect(hotspotPlace({ townshipCodes: ['999'], villageCodes: [] }, index)).toBe('999');
  });
});
