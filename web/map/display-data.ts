// The one place overlays meet the basemap's coordinate system. Stored data is WGS-84; on a GCJ-02
// basemap (AMap, Tencent) every position drawn must be shifted to match it. MapLayers passes each
// input through these functions before building layers, so the layer factories and their
// accessors never know about coordinate systems. On a WGS-84 basemap they return their input
// itself; otherwise one converted copy per input object and transform, so data references stay
// stable and deck.gl re-uploads only what changed.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { CameraCollection, Incident, JurisdictionResponse, RouteCollection } from '../../server/wire/index.ts';
import { geometryToDisplay } from '../../tiles/crs/display.ts';
import { toDisplayFor, type ToDisplay } from './basemap-style.ts';
import type { UnitMarker } from '../layers/unit-layer.ts';

const IDENTITY = toDisplayFor('wgs84');

/** Caches `convert(input, f)` per transform and input object; identity returns the input. */
function perTransform<K extends object>(convert: (k: K, f: ToDisplay) => K): (k: K, f: ToDisplay) => K {
  const caches = new Map<ToDisplay, WeakMap<K, K>>();
  return (k, f) => {
    if (f === IDENTITY) return k;
    let cache = caches.get(f);
    if (!cache) caches.set(f, (cache = new WeakMap()));
    let v = cache.get(k);
    if (v === undefined) {
      v = convert(k, f);
      cache.set(k, v);
    }
    return v;
  };
}

function collection<G extends Geometry, P, C extends FeatureCollection<G, P>>(fc: C, f: ToDisplay): C {
  return { ...fc, features: fc.features.map((x: Feature<G, P>) => ({ ...x, geometry: geometryToDisplay(x.geometry, f) })) };
}

/** County, townships, villages and grids in display coordinates (culling, labels, fills, outlines). */
export const displayJurisdiction = perTransform((j: JurisdictionResponse, f): JurisdictionResponse => ({
  county: { ...j.county, geometry: geometryToDisplay(j.county.geometry, f) },
  townships: collection(j.townships, f),
  villages: collection(j.villages, f),
  grids: collection(j.grids, f),
}));

/** Cameras in display coordinates (their points and, derived from them, their view wedges). */
export const displayCameras = perTransform((fc: CameraCollection, f): CameraCollection => collection(fc, f));

/** Patrol routes in display coordinates. */
export const displayRoutes = perTransform((fc: RouteCollection, f): RouteCollection => collection(fc, f));

/** Unit markers at their display position. */
export const displayUnits = perTransform((units: readonly UnitMarker[], f): readonly UnitMarker[] =>
  units.map((u) => ({ ...u, position: f(u.position[0], u.position[1]) })));

/** Plain positions (the selection ring). */
export const displayPositions = perTransform((ps: readonly [number, number][], f): readonly [number, number][] =>
  ps.map((p) => f(p[0], p[1])));

/** Small lists of point objects at their display position (recomputed by the caller when they change). */
export function displayPoints<T extends { lng: number; lat: number }>(points: T[], f: ToDisplay): T[] {
  if (f === IDENTITY) return points;
  return points.map((p) => {
    const [lng, lat] = f(p.lng, p.lat);
    return { ...p, lng, lat };
  });
}

// Incident arrays are rebuilt on every arrival: each incident is converted once, and the arrays
// only map over the cached copies.
const incidentCopies = new Map<ToDisplay, WeakMap<Incident, Incident>>();

/** Incidents at their display position (pins, heatmap); picking still yields the incident's id. */
export const displayIncidents = perTransform((incidents: readonly Incident[], f): readonly Incident[] => {
  let copies = incidentCopies.get(f);
  if (!copies) incidentCopies.set(f, (copies = new WeakMap()));
  const out: Incident[] = [];
  for (const i of incidents) {
    let c = copies.get(i);
    if (!c) {
      const [lng, lat] = f(i.lng, i.lat);
      copies.set(i, (c = { ...i, lng, lat }));
    }
    out.push(c);
  }
  return out;
});

/** Rows of positions as Float32 offsets in degrees from a WGS-84 origin (the Arrow columns' form). */
export interface OffsetRows {
  readonly origin: readonly [number, number];
  readonly position: Float32Array;
}

const offsetCopies = new Map<ToDisplay, WeakMap<OffsetRows, { out: Float32Array; done: number }>>();

/**
 * The first `rows` positions of `src` in display coordinates, still as offsets from its origin (for
 * deck.gl's lnglat-offsets). One typed-array pass per CRS; rows appended to `src` since the last
 * call are converted on their own, earlier rows never again. On a WGS-84 basemap: `src`'s own array.
 */
export function displayOffsets(src: OffsetRows, rows: number, f: ToDisplay): Float32Array {
  if (f === IDENTITY) return src.position.subarray(0, 2 * rows);
  let copies = offsetCopies.get(f);
  if (!copies) offsetCopies.set(f, (copies = new WeakMap()));
  let c = copies.get(src);
  if (!c || c.out.length < 2 * rows) {
    // Grow with the source's capacity, keeping what is converted.
    const out = new Float32Array(Math.max(2 * rows, src.position.length));
    if (c) out.set(c.out.subarray(0, 2 * c.done));
    c = { out, done: c?.done ?? 0 };
    copies.set(src, c);
  }
  const [ox, oy] = src.origin;
  const { out } = c;
  for (let r = c.done; r < rows; r++) {
    // Back to absolute degrees in float64, convert, and store as offsets again.
    const [x, y] = f(ox + (src.position[2 * r] as number), oy + (src.position[2 * r + 1] as number));
    out[2 * r] = x - ox;
    out[2 * r + 1] = y - oy;
  }
  c.done = Math.max(c.done, rows);
  return out.subarray(0, 2 * rows);
}
