// Is a GPS fix plausible? Pure checks of one fix against the clock, the county's area and the
// unit's neighbouring fixes in time: from the future, outside the plausible area, or a jump faster
// than the unit's kind can move are refused with the reason.
import { haversineM, localFrame } from '../dispatch/geo.ts';
import type { UnitKind } from '../wire/index.ts';
import type { FixRejection } from '../wire/unit-fixes.ts';
import { AREA_MARGIN_M, FUTURE_SLACK_MS, GPS_SLACK_M, MAX_KMH } from './fix-limits.ts';

/** [west, south, east, north], degrees. */
export type BBox = [number, number, number, number];

/** A fix as the checks see it: where and when (ms). */
export interface FixPoint {
  atMs: number;
  lng: number;
  lat: number;
}

/** The bounding box of some coordinates grown by `marginM` on every side. */
export function plausibleArea(coordinates: Iterable<readonly number[]>, marginM = AREA_MARGIN_M): BBox {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of coordinates) {
    if (x! < w) w = x!;
    if (x! > e) e = x!;
    if (y! < s) s = y!;
    if (y! > n) n = y!;
  }
  const { kx, ky } = localFrame((s + n) / 2);
  return [w - marginM / kx, s - marginM / ky, e + marginM / kx, n + marginM / ky];
}

const KIND_NAME: Record<UnitKind, string> = { foot: 'a foot patrol', ebike: 'an e-bike patrol', car: 'a patrol car' };

/** Why the move between two fixes is too fast for the kind, or null. */
export function jumpRefusal(a: FixPoint, b: FixPoint, kind: UnitKind): string | null {
  const m = haversineM(a.lng, a.lat, b.lng, b.lat);
  const s = Math.abs(b.atMs - a.atMs) / 1000;
  if (m <= (MAX_KMH[kind] / 3.6) * s + GPS_SLACK_M) return null;
  const kmh = s > 0 ? `${Math.round((m / s) * 3.6)} km/h` : 'at the same instant';
  return `a jump of ${Math.round(m)} m in ${s} s (${kmh}) from the fix at ${new Date(a.atMs).toISOString()}: faster than ${KIND_NAME[kind]} moves (${MAX_KMH[kind]} km/h)`;
}

export interface FixContext {
  now: number;
  area: BBox;
  kind: UnitKind;
  /** The unit's stored (or earlier accepted) fixes nearest before and after this one in time. */
  before?: FixPoint | undefined;
  after?: FixPoint | undefined;
}

/** The refusal of one well-formed fix, or null when it is plausible. */
export function checkFix(fix: FixPoint, ctx: FixContext): Omit<FixRejection, 'index'> | null {
  if (fix.atMs > ctx.now + FUTURE_SLACK_MS) {
    return { code: 'future', reason: `at ${new Date(fix.atMs).toISOString()} is ${Math.round((fix.atMs - ctx.now) / 1000)} s ahead of the server's clock (more than ${FUTURE_SLACK_MS / 1000} s): check the tracker's clock` };
  }
  const [w, s, e, n] = ctx.area;
  if (fix.lng < w || fix.lng > e || fix.lat < s || fix.lat > n) {
    return { code: 'outside-area', reason: `${fix.lng}, ${fix.lat} is outside the county's plausible area (its bounds plus ${AREA_MARGIN_M / 1000} km): swapped lng/lat, or a bad fix?` };
  }
  for (const other of [ctx.before, ctx.after]) {
    if (!other) continue;
    const why = other.atMs < fix.atMs ? jumpRefusal(other, fix, ctx.kind) : jumpRefusal(fix, other, ctx.kind);
    if (why) return { code: 'too-fast', reason: why };
  }
  return null;
}

/** Every position of a Polygon or MultiPolygon (for its bounding box). */
export function* positionsOf(geometry: { type: string; coordinates: unknown }): Generator<readonly number[]> {
  const rings = (geometry.type === 'MultiPolygon' ? (geometry.coordinates as number[][][][]).flat() : (geometry.coordinates as number[][][]));
  for (const ring of rings) yield* ring;
}
