import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from './gcj02.ts';

/** Great-circle distance in metres (haversine; plenty for sub-metre checks at these scales). */
function metres(a: [number, number], b: [number, number]): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

// Published reference pairs (WGS-84 → GCJ-02) from the test suite of googollee/eviltransform,
// the implementation most others are checked against: [wgsLng, wgsLat, gcjLng, gcjLat].
const REFERENCE: Array<[string, number, number, number, number]> = [
  ['Shanghai', 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597],
  ['Shenzhen', 113.912316, 22.543847, 113.9171764808363, 22.540796131694766],
  ['Beijing', 116.377817, 39.911954, 116.38404722455657, 39.91334545536069],
];

describe('wgs84ToGcj02', () => {
  it.each(REFERENCE)('matches the published value for %s within 1 m', (_n, wLng, wLat, gLng, gLat) => {
    expect(metres(wgs84ToGcj02(wLng, wLat), [gLng, gLat])).toBeLessThan(1);
  });

  it('shifts points in China by the expected hundreds of metres (Taizhou)', () => {
    const d = metres(wgs84ToGcj02(119.91, 32.49), [119.91, 32.49]);
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(1000);
  });

  it.each([
    ['London', -0.1276, 51.5072],
    ['Sydney', 151.2093, -33.8688],
    ['Moscow', 37.6173, 55.7558],
  ])('leaves %s (outside China) unchanged', (_n, lng, lat) => {
    expect(outOfChina(lng, lat)).toBe(true);
    expect(wgs84ToGcj02(lng, lat)).toEqual([lng, lat]);
    expect(gcj02ToWgs84(lng, lat)).toEqual([lng, lat]);
  });
});

describe('gcj02ToWgs84', () => {
  it.each(REFERENCE)('inverts the published value for %s within 1 m', (_n, wLng, wLat, gLng, gLat) => {
    expect(metres(gcj02ToWgs84(gLng, gLat), [wLng, wLat])).toBeLessThan(1);
  });

  it('round-trips any point in China to within 1 cm', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 18, max: 53, noNaN: true }),
        (lng, lat) => {
          const [gLng, gLat] = wgs84ToGcj02(lng, lat);
          expect(metres(gcj02ToWgs84(gLng, gLat), [lng, lat])).toBeLessThan(0.01);
        },
      ),
    );
  });
});
