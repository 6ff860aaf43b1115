import { describe, expect, it } from 'vitest';
import { bearingDeg, compassPoint, distanceM, geoUri } from './geo-nav.ts';

const TAIZHOU = { lng: 119.91, lat: 32.49 };

describe('distance and bearing', () => {
  it('measures 0.01° of latitude as about 1112 m, due north', () => {
    const north = { lng: TAIZHOU.lng, lat: TAIZHOU.lat + 0.01 };
    expect(distanceM(TAIZHOU, north)).toBeCloseTo(1112, -1);
    expect(bearingDeg(TAIZHOU, north)).toBeCloseTo(0, 5);
    expect(compassPoint(bearingDeg(TAIZHOU, north))).toBe('n');
  });

  it('gives east, south-west and the wrap at 360°', () => {
    expect(compassPoint(bearingDeg(TAIZHOU, { lng: 119.92, lat: 32.49 }))).toBe('e');
    expect(compassPoint(bearingDeg(TAIZHOU, { lng: 119.90, lat: 32.48 }))).toBe('sw');
    expect(compassPoint(350)).toBe('n');
    expect(compassPoint(-10)).toBe('n');
    expect(compassPoint(300)).toBe('nw');
  });

  it('is 0 m to itself', () => {
    expect(distanceM(TAIZHOU, TAIZHOU)).toBe(0);
  });
});

describe('geoUri', () => {
  it('puts latitude first and the label in the query', () => {
    expect(geoUri({ lng: 119.9, lat: 32.5 }, '消防 通道')).toBe('geo:32.500000,119.900000?q=32.500000,119.900000(%E6%B6%88%E9%98%B2%20%E9%80%9A%E9%81%93)');
  });
});
