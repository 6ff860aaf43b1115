// Plain layer data derived from the loaded static objects. Each function caches by its input
// object, so every caller gets the same array back and deck.gl never re-uploads unchanged data.
import type {
  AreaGeometry, CameraCollection, JurisdictionResponse, RouteCollection, UnitFix, UnitInfo,
} from '../../server/wire/index.ts';
import type { FeatureCollection } from 'geojson';
import { labelPoint } from '../geo/label-point.ts';
import { fovWedge } from '../geo/wedge.ts';
import type { AreaLabel } from '../layers/area-label-layer.ts';
import type { CameraPoint } from '../layers/camera-layer.ts';
import type { CameraWedge } from '../layers/camera-fov-layer.ts';
import type { RGB } from '../layers/palette.ts';
import type { UnitMarker } from '../layers/unit-layer.ts';

function cached<K extends object, V>(compute: (k: K) => V): (k: K) => V {
  const cache = new WeakMap<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = compute(k);
      cache.set(k, v);
    }
    return v;
  };
}

/** Label points of an area collection. */
export const areaLabels = cached((fc: FeatureCollection<AreaGeometry, { code: string; name: string }>): AreaLabel[] =>
  fc.features.map((f) => ({ code: f.properties.code, name: f.properties.name, position: labelPoint(f.geometry) })));

/**
 * Grid labels without their village's name in front ("东安居委会第2网格" → "第2网格"): the village
 * label next to them already says it, and long names pile up at street scale.
 */
export const gridLabels = cached((j: JurisdictionResponse): AreaLabel[] => {
  const villageNames = new Map(j.villages.features.map((f) => [f.properties.code, f.properties.name] as const));
  return areaLabels(j.grids).map((label, i) => {
    const village = villageNames.get(j.grids.features[i]?.properties.villageCode ?? '');
    const short = village && label.name.startsWith(village) ? label.name.slice(village.length) : '';
    return short ? { ...label, name: short } : label;
  });
});

/** Every character used by the names of the jurisdiction's areas (for the label font atlas). */
export const nameCharacters = cached((j: JurisdictionResponse): ReadonlySet<string> => {
  const chars = new Set<string>();
  for (const fc of [j.townships, j.villages, j.grids]) for (const f of fc.features) for (const c of f.properties.name) chars.add(c);
  return chars;
});

/** Cameras flattened for drawing and picking. */
export const cameraPoints = cached((fc: CameraCollection): CameraPoint[] =>
  fc.features.map((f) => ({
    ...f.properties,
    position: [f.geometry.coordinates[0] ?? 0, f.geometry.coordinates[1] ?? 0] as [number, number],
  })));

/** Field-of-view wedges of the cameras. */
export const cameraWedges = cached((cameras: CameraPoint[]): CameraWedge[] =>
  cameras.map((c) => ({ camera: c, polygon: fovWedge(c.position[0], c.position[1], c.bearing, c.fov, c.range) })));

/** Team colour of each route, by route id. */
export const routeColors = cached((fc: RouteCollection): ReadonlyMap<string, RGB> =>
  new Map(fc.features.map((f) => [f.properties.id, f.properties.color] as const)));

/** Unit descriptions by id. */
export const unitInfoById = cached((units: UnitInfo[]): ReadonlyMap<string, UnitInfo> =>
  new Map(units.map((u) => [u.id, u] as const)));

const UNKNOWN_TEAM: RGB = [148, 163, 184];

/** Markers for the units' latest fixes, coloured by their route's team. */
export function unitMarkers(
  fixes: ReadonlyMap<string, UnitFix>,
  info: ReadonlyMap<string, UnitInfo>,
  colors: ReadonlyMap<string, RGB>,
): UnitMarker[] {
  const out: UnitMarker[] = [];
  for (const f of fixes.values()) {
    const routeId = info.get(f.id)?.routeId;
    out.push({
      id: f.id, position: [f.lng, f.lat], heading: f.heading, state: f.state,
      color: (routeId && colors.get(routeId)) || UNKNOWN_TEAM,
    });
  }
  return out;
}
