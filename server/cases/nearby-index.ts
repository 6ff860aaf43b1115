// The open cases by place, for "which open cases are near (lng, lat)?" without scanning them all: a
// hash of square-ish cells about `cellM` on a side (rows of equal latitude height, each row's columns
// as wide in metres at the row's latitude). Open cases come and go all day, so the index must take
// inserts and removals; flatbush, which the assigner uses, is static (built once), so not it.
import type { IncidentCategory } from '../wire/index.ts';

/** What duplicate detection knows of a case: where, when, what kind and what was said. */
export interface PlacedCase {
  caseId: string;
  category: IncidentCategory;
  lng: number;
  lat: number;
  /** ms since epoch: when the incident happened (occurredAt). */
  occurredAtMs: number;
  description: string;
}

export interface NearbyIndex {
  /** Adds (or moves) a case. */
  add(c: PlacedCase): void;
  /** Removes a case (closed or merged); unknown ids are ignored. */
  remove(caseId: string): void;
  /** The cases within distanceM of (lng, lat) that happened within windowMs of atMs (either side). */
  near(lng: number, lat: number, atMs: number, distanceM: number, windowMs: number): PlacedCase[];
  readonly size: number;
}

/** Metres per degree of latitude (and of longitude at the equator). */
export const METRES_PER_DEGREE = 111_320;

/** Distance in metres between two nearby points (equirectangular: exact to well under 0.1 % at a few km). */
export function distanceM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dx = (lng2 - lng1) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  const dy = lat2 - lat1;
  return Math.hypot(dx, dy) * METRES_PER_DEGREE;
}

/** An empty index with cells of about cellM metres (the usual search distance is a good size). */
export function createNearbyIndex(cellM = 200): NearbyIndex {
  const cellDeg = cellM / METRES_PER_DEGREE;
  const cells = new Map<string, Map<string, PlacedCase>>();
  const cellOf = new Map<string, string>();

  const row = (lat: number) => Math.floor(lat / cellDeg);
  const columnWidth = (r: number) => cellDeg / Math.max(Math.cos((r + 0.5) * cellDeg * (Math.PI / 180)), 1e-6);
  const key = (r: number, c: number) => `${r}:${c}`;

  function remove(caseId: string): void {
    const k = cellOf.get(caseId);
    if (k === undefined) return;
    const cell = cells.get(k);
    cell?.delete(caseId);
    if (cell?.size === 0) cells.delete(k);
    cellOf.delete(caseId);
  }

  return {
    add(c) {
      remove(c.caseId);
      const r = row(c.lat);
      const k = key(r, Math.floor(c.lng / columnWidth(r)));
      let cell = cells.get(k);
      if (!cell) cells.set(k, (cell = new Map()));
      cell.set(c.caseId, c);
      cellOf.set(c.caseId, k);
    },
    remove,
    near(lng, lat, atMs, radiusM, windowMs) {
      const out: PlacedCase[] = [];
      const dLat = radiusM / METRES_PER_DEGREE;
      // The radius in degrees of longitude where it is widest: at the searched latitude nearest the pole.
      const dLng = dLat / Math.cos(Math.min(Math.abs(lat) + dLat, 89.9) * (Math.PI / 180));
      for (let r = row(lat - dLat); r <= row(lat + dLat); r++) {
        const w = columnWidth(r);
        for (let c = Math.floor((lng - dLng) / w); c <= Math.floor((lng + dLng) / w); c++) {
          const cell = cells.get(key(r, c));
          if (!cell) continue;
          for (const p of cell.values()) {
            if (Math.abs(p.occurredAtMs - atMs) <= windowMs && distanceM(lng, lat, p.lng, p.lat) <= radiusM) out.push(p);
          }
        }
      }
      return out;
    },
    get size() {
      return cellOf.size;
    },
  };
}
