// Only the areas near the view go to the GPU: deck.gl has no culling of its own, and a software
// renderer (or a province of grids) pays for every vertex of every area on every frame. The view
// box is padded and snapped to a coarse grid, so panning within it keeps the very same arrays.
import type { Feature, FeatureCollection } from 'geojson';
import type { AreaGeometry } from '../../server/wire/index.ts';
import { areaIndex } from '../geo/area-index.ts';
import type { AreaLabel } from '../layers/area-label-layer.ts';

/** [west, south, east, north] in degrees. */
export type Box = readonly [number, number, number, number];

/** Degrees the padded view box snaps to. */
const SNAP_DEG = 0.02;

/** The view box padded by half its size on every side and snapped outward: the culling key. */
export function cullBox(west: number, south: number, east: number, north: number): Box {
  const padX = (east - west) / 2;
  const padY = (north - south) / 2;
  const down = (v: number) => Math.floor(v / SNAP_DEG) * SNAP_DEG;
  const up = (v: number) => Math.ceil(v / SNAP_DEG) * SNAP_DEG;
  return [down(west - padX), down(south - padY), up(east + padX), up(north + padY)].map((v) => Number(v.toFixed(6))) as unknown as Box;
}

/** Encodes a box as a string, the form React state and caches compare. */
export const boxKey = (b: Box): string => b.join(',');

export function parseBoxKey(key: string): Box {
  return key.split(',').map(Number) as unknown as Box;
}

type AreaCollection = FeatureCollection<AreaGeometry, { code: string; name: string }>;

const areaCache = new WeakMap<object, Map<string, AreaCollection>>();
const labelCache = new WeakMap<readonly AreaLabel[], Map<string, AreaLabel[]>>();

function remember<K extends object, V>(cache: WeakMap<K, Map<string, V>>, owner: K, key: string, make: () => V): V {
  let byKey = cache.get(owner);
  if (!byKey) {
    byKey = new Map();
    cache.set(owner, byKey);
  }
  let v = byKey.get(key);
  if (v === undefined) {
    // A handful of recent boxes is enough to make panning back and forth free.
    if (byKey.size > 8) byKey.delete(byKey.keys().next().value as string);
    v = make();
    byKey.set(key, v);
  }
  return v;
}

/** The areas of `fc` meeting the box `key` (the same collection object for the same key). */
export function areasNear<C extends AreaCollection>(fc: C, key: string): C {
  return remember(areaCache, fc, key, () => {
    const [w, s, e, n] = parseBoxKey(key);
    const features: Feature<AreaGeometry, { code: string; name: string }>[] = [];
    for (const i of areaIndex(fc).within(w, s, e, n)) features.push(fc.features[i]!);
    return { type: 'FeatureCollection', features };
  }) as C;
}

/** The labels inside the box `key` (the same array for the same key). */
export function labelsNear(labels: readonly AreaLabel[], key: string): AreaLabel[] {
  return remember(labelCache, labels, key, () => {
    const [w, s, e, n] = parseBoxKey(key);
    return labels.filter(({ position: [x, y] }) => x >= w && x <= e && y >= s && y <= n);
  });
}
