import { describe, expect, it } from 'vitest';
import type { JurisdictionResponse } from '../../server/wire/index.ts';
import { selectionForClick } from './pick.ts';

const square = (x0: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, 0], [x0 + 1, 0], [x0 + 1, 1], [x0, 1], [x0, 0]]] });
const j = {
  county: { type: 'Feature', properties: {}, geometry: square(0) },
  townships: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 't1' }, geometry: square(0) }] },
  villages: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'v1' }, geometry: square(0) }] },
  grids: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'g1' }, geometry: square(0) }] },
} as unknown as JurisdictionResponse;

const base = { layerId: null, object: null, coordinate: [0.5, 0.5], jurisdiction: j, areasVisible: true, band: 'grid' as const };

describe('selectionForClick', () => {
  it('selects a picked point object', () => {
    expect(selectionForClick({ ...base, layerId: 'cameras', object: { id: 'cam-1' } })).toEqual({ kind: 'camera', id: 'cam-1' });
  });
  it('selects the incident of a picked history dot, and the area of a picked count', () => {
    expect(selectionForClick({ ...base, layerId: 'incident-history', object: { id: 'inc-1' } })).toEqual({ kind: 'incident', id: 'inc-1' });
    expect(selectionForClick({ ...base, layerId: 'counts-village', object: { id: 'v1', count: 3 } })).toEqual({ kind: 'village', id: 'v1' });
    expect(selectionForClick({ ...base, layerId: 'stuck-cases', object: { id: 't1', overdue: 4 } })).toEqual({ kind: 'township', id: 't1' });
  });
  it('selects the area of the zoom band under the cursor', () => {
    expect(selectionForClick(base)).toEqual({ kind: 'grid', id: 'g1' });
    expect(selectionForClick({ ...base, band: 'township' })).toEqual({ kind: 'township', id: 't1' });
  });
  it('selects nothing outside every area, or when areas are hidden', () => {
    expect(selectionForClick({ ...base, coordinate: [5, 5] })).toBeNull();
    expect(selectionForClick({ ...base, areasVisible: false })).toBeNull();
  });
});
