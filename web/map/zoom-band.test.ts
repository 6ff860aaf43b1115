import { describe, expect, it } from 'vitest';
import { prominence, zoomBand } from './zoom-band.ts';

describe('zoomBand', () => {
  it.each([[10, 'township'], [12.5, 'township'], [13.2, 'village'], [15, 'grid'], [18, 'grid']] as const)(
    'zoom %s reads as %s', (zoom, band) => expect(zoomBand(zoom)).toBe(band));
});

describe('prominence', () => {
  it('emphasises the band level, keeps coarser ones, hints villages, hides grids until their band', () => {
    expect(prominence('township', 'township')).toBe('emphasised');
    expect(prominence('village', 'township')).toBe('context');
    expect(prominence('grid', 'township')).toBe('hidden');
    expect(prominence('township', 'grid')).toBe('context');
    expect(prominence('grid', 'village')).toBe('hidden');
    expect(prominence('grid', 'grid')).toBe('emphasised');
  });
});
