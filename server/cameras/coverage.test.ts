// Coverage on hand-placed cameras: a scene at a known direction and distance from each camera.
import { describe, expect, it } from 'vitest';
import { localFrame } from '../dispatch/geo.ts';
import { angleBetween, camerasCovering, covers } from './coverage.ts';
import type { CameraSight } from './coverage.ts';

const O = { lng: 119.96, lat: 32.47 };

/** The point `m` metres from `from` in direction `deg` (clockwise from north). */
function toward(from: { lng: number; lat: number }, deg: number, m: number): { lng: number; lat: number } {
  const { kx, ky } = localFrame(from.lat);
  const r = (deg * Math.PI) / 180;
  return { lng: from.lng + (Math.sin(r) * m) / kx, lat: from.lat + (Math.cos(r) * m) / ky };
}

/** A camera placed so that the scene O is at `deg` from it, `m` metres away. */
function cameraSeeing(id: string, deg: number, m: number, over: Partial<CameraSight> = {}): CameraSight {
  const at = toward(O, (deg + 180) % 360, m);
  return { id, name: id, state: 'online', bearing: 0, fov: 60, range: 100, ...at, ...over };
}

describe('covers', () => {
  it.each([
    ['on the axis, within range', { bearing: 90 }, 90, 50, true],
    ['just inside the edge of the fov', { bearing: 90, fov: 60 }, 119.5, 50, true],
    ['just outside the edge of the fov', { bearing: 90, fov: 60 }, 120.5, 50, false],
    ['across north: bearing 350, scene at 10° (wrap-around)', { bearing: 350, fov: 44 }, 10, 50, true],
    ['across north: bearing 10, scene at 345°', { bearing: 10, fov: 60 }, 345, 50, true],
    ['across north, outside: bearing 350, fov 20, scene at 5°', { bearing: 350, fov: 20 }, 5, 50, false],
    ['within range, at its end', { bearing: 0, range: 100 }, 0, 99, true],
    ['beyond range', { bearing: 0, range: 100 }, 0, 101, false],
    ['behind the camera', { bearing: 0, fov: 90 }, 180, 20, false],
    ['a 360° camera sees every way', { bearing: 0, fov: 360 }, 180, 20, true],
    ['no range: sees nothing', { bearing: 0, range: 0 }, 0, 0.5, false],
  ] as const)('%s', (_what, over, deg, m, seen) => {
    const cam = cameraSeeing('c', deg, m, over);
    expect(covers(cam, O.lng, O.lat) !== null).toBe(seen);
  });

  it('gives the distance and the angle off the axis', () => {
    const cov = covers(cameraSeeing('c', 100, 40, { bearing: 90 }), O.lng, O.lat)!;
    expect(cov.distanceM).toBeCloseTo(40, 0);
    expect(cov.offAxisDeg).toBeCloseTo(10, 1);
  });
});

describe('angleBetween', () => {
  it.each([[0, 0, 0], [350, 10, 20], [10, 350, 20], [0, 180, 180], [90, 270, 180], [720, 1, 1], [-10, 10, 20]])('%d and %d: %d°', (a, b, d) => {
    expect(angleBetween(a, b)).toBeCloseTo(d, 9);
  });
});

describe('camerasCovering', () => {
  it('ranks online first, then by offset from the axis and distance relative to range, and leaves out who cannot see', () => {
    const cams = [
      cameraSeeing('offline-straight', 0, 10, { state: 'offline' }),
      cameraSeeing('edge-far', 25, 90),
      cameraSeeing('straight-close', 0, 10),
      cameraSeeing('beyond', 0, 150),
      cameraSeeing('fault-ok', 5, 20, { state: 'fault' }),
      cameraSeeing('straight-mid', 2, 50),
      cameraSeeing('looking-away', 180, 10),
    ];
    expect(camerasCovering(cams, O.lng, O.lat).map((c) => c.camera.id)).toEqual(['straight-close', 'straight-mid', 'edge-far', 'offline-straight', 'fault-ok']);
  });

  it('covers nothing with no cameras', () => {
    expect(camerasCovering([], O.lng, O.lat)).toEqual([]);
  });
});
