import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { basemapCrsOf, fromDisplayFor, geometryToDisplay, STYLE_CRS_KEY, toDisplayFor } from './display.ts';
import { wgs84ToGcj02 } from './gcj02.ts';

describe('toDisplayFor', () => {
  it('draws WGS-84 data unchanged on a WGS-84 basemap', () => {
    expect(toDisplayFor('wgs84')(119.91, 32.49)).toEqual([119.91, 32.49]);
  });

  it('shifts WGS-84 data to GCJ-02 on a GCJ-02 basemap, and back for clicks', () => {
    const shown = toDisplayFor('gcj02')(119.91, 32.49);
    expect(shown).toEqual(wgs84ToGcj02(119.91, 32.49));
    const back = fromDisplayFor('gcj02')(shown[0], shown[1]);
    expect(back[0]).toBeCloseTo(119.91, 8);
    expect(back[1]).toBeCloseTo(32.49, 8);
  });
});

describe('basemapCrsOf', () => {
  it('reads the CRS a style declares and defaults to wgs84', () => {
    expect(basemapCrsOf({ metadata: { [STYLE_CRS_KEY]: 'gcj02' } })).toBe('gcj02');
    expect(basemapCrsOf({ metadata: { [STYLE_CRS_KEY]: 'bd09' } })).toBe('wgs84');
    expect(basemapCrsOf({})).toBe('wgs84');
  });
});

describe('geometryToDisplay', () => {
  it('transforms every ring vertex of a polygon without touching the input', () => {
    const poly: Polygon = { type: 'Polygon', coordinates: [[[119.9, 32.4], [120, 32.4], [120, 32.5], [119.9, 32.4]]] };
    const out = geometryToDisplay(poly, toDisplayFor('gcj02'));
    expect(out.coordinates[0]?.[1]).toEqual(wgs84ToGcj02(120, 32.4));
    expect(poly.coordinates[0]?.[1]).toEqual([120, 32.4]);
  });
});
