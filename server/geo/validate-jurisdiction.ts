// Validation of a jurisdiction's boundaries (乡镇 → 村/社区 → 网格) when they are loaded from GeoJSON.
// Refused, each naming the feature: invalid or unclosed rings, self-intersections, duplicate or
// mismatched codes, grids (villages) overlapping each other, and grids outside their village
// (villages outside their township). Reported as warnings: gaps, where the children do not cover
// their parent. Overlap and containment are detected exactly (shared edges are fine); a suspected
// violation is then measured, and tolerated below `toleranceM2` (digitising noise in real data).
import { area, difference, intersect } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, Position } from 'geojson';
import type { AreaGeometry, GridCollection, TownshipCollection, VillageCollection } from '../wire/index.ts';
import { claims, flattenPolygon, onBoundary, type FlatPolygon } from './flat-polygon.ts';
import { edgesOf, properlyCross, selfIntersection, shapeProblems, type Edge } from './geometry-checks.ts';

export type Layer = 'township' | 'village' | 'grid';
export type IssueKind = 'invalid-geometry' | 'unclosed-ring' | 'self-intersection' | 'duplicate-code' | 'unknown-parent' | 'code-mismatch' | 'overlap' | 'outside-parent' | 'gap';

export interface JurisdictionIssue {
  kind: IssueKind;
  layer: Layer;
  code: string;
  name: string;
  /** The other feature involved (overlap partner, parent). */
  other?: string;
  /** Measured area of an overlap, an outside part or a gap, m². */
  areaM2?: number;
  message: string;
}

export interface JurisdictionReport {
  ok: boolean;
  errors: JurisdictionIssue[];
  warnings: JurisdictionIssue[];
}

export interface ValidationOptions {
  /** Overlaps and outside parts up to this area are tolerated as digitising noise (0 = exact). */
  toleranceM2: number;
  /** Gaps up to this area are not reported. */
  gapToleranceM2: number;
}

const DEFAULTS: ValidationOptions = { toleranceM2: 1, gapToleranceM2: 100 };

export interface JurisdictionInput {
  townships?: TownshipCollection;
  villages?: VillageCollection;
  grids: GridCollection;
}

interface Unit {
  layer: Layer;
  code: string;
  name: string;
  parent?: string;
  feature: Feature<AreaGeometry>;
  flat: FlatPolygon;
  edges: Edge[];
  points: Position[];
  /** Spatial index of the edges, built on first use. */
  edgeIndex?: Flatbush;
}

const LAYER_ZH: Record<Layer, string> = { township: '乡镇/街道', village: '村/社区', grid: '网格' };
const label = (u: { layer: Layer; code: string; name: string }) => `${u.layer} ${u.code} (${u.name || LAYER_ZH[u.layer]})`;

/** Validates the layers given; grids are checked against villages, villages against townships. */
export function validateJurisdiction(input: JurisdictionInput, options: Partial<ValidationOptions> = {}): JurisdictionReport {
  const o = { ...DEFAULTS, ...options };
  const errors: JurisdictionIssue[] = [], warnings: JurisdictionIssue[] = [];
  const issue = (list: JurisdictionIssue[], kind: IssueKind, u: { layer: Layer; code: string; name: string }, message: string, extra: Partial<JurisdictionIssue> = {}) =>
    list.push({ kind, layer: u.layer, code: u.code, name: u.name, message: `${label(u)} ${message}`, ...extra });

  function prepare(layer: Layer, features: Feature<AreaGeometry, { code: string; name: string }>[], parentOf: (p: Record<string, unknown>) => string | undefined): Unit[] {
    const units: Unit[] = [];
    const seen = new Set<string>();
    for (const f of features) {
      const props = (f.properties ?? {}) as unknown as Record<string, unknown>;
      const u = { layer, code: String(props.code ?? '?'), name: String(props.name ?? '') };
      if (seen.has(u.code)) issue(errors, 'duplicate-code', u, 'repeats a code already used in this layer');
      seen.add(u.code);
      const problems = shapeProblems(f.geometry);
      for (const p of problems) issue(errors, p.includes('not closed') ? 'unclosed-ring' : 'invalid-geometry', u, p);
      if (problems.length > 0) continue;
      const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const crossing = selfIntersection(parts);
      if (crossing) {
        issue(errors, 'self-intersection', u, `intersects itself: ${crossing}`);
        continue;
      }
      units.push({ ...u, parent: parentOf(props), feature: f, flat: flattenPolygon(f.geometry), edges: edgesOf(parts), points: parts.flat(2) });
    }
    return units;
  }

  const townships = input.townships ? prepare('township', input.townships.features, () => undefined) : undefined;
  const villages = input.villages ? prepare('village', input.villages.features, (p) => String(p.townshipCode)) : undefined;
  const grids = prepare('grid', input.grids.features, (p) => String(p.villageCode));

  // Codes: a grid's code extends its village's, and its township is its village's township.
  const villageTownship = new Map((input.villages?.features ?? []).map((f) => [f.properties.code, f.properties.townshipCode]));
  for (const f of input.grids.features) {
    const p = f.properties, u = { layer: 'grid' as const, code: p.code, name: p.name };
    if (!p.code.startsWith(p.villageCode) || !/^\d{3}$/.test(p.code.slice(p.villageCode.length))) issue(errors, 'code-mismatch', u, `has a code that is not its village code ${p.villageCode} followed by 3 digits`);
    if (input.villages && !villageTownship.has(p.villageCode)) issue(errors, 'unknown-parent', u, `names village ${p.villageCode}, which is not in the villages file`, { other: p.villageCode });
    else if (input.villages && villageTownship.get(p.villageCode) !== p.townshipCode) issue(errors, 'code-mismatch', u, `names township ${p.townshipCode}, but its village ${p.villageCode} belongs to ${villageTownship.get(p.villageCode)}`);
  }
  const townshipCodes = new Set((input.townships?.features ?? []).map((f) => f.properties.code));
  if (input.townships) for (const f of input.villages?.features ?? []) {
    if (!townshipCodes.has(f.properties.townshipCode)) issue(errors, 'unknown-parent', { layer: 'village', code: f.properties.code, name: f.properties.name }, `names township ${f.properties.townshipCode}, which is not in the townships file`, { other: f.properties.townshipCode });
  }

  for (const layer of [townships, villages, grids]) if (layer) checkOverlaps(layer);
  if (villages) checkChildren(grids, villages);
  if (townships && villages) checkChildren(villages, townships);
  return { ok: errors.length === 0, errors, warnings };

  function checkOverlaps(units: Unit[]): void {
    if (units.length < 2) return;
    const index = new Flatbush(units.length);
    for (const u of units) index.add(u.flat.minX, u.flat.minY, u.flat.maxX, u.flat.maxY);
    index.finish();
    units.forEach((a, i) => {
      for (const j of index.search(a.flat.minX, a.flat.minY, a.flat.maxX, a.flat.maxY)) {
        if (j <= i) continue;
        const b = units[j] as Unit;
        if (!interiorsMeet(a, b)) continue;
        const shared = o.toleranceM2 > 0 ? overlapArea(a, b) : Infinity;
        if (shared > o.toleranceM2) issue(errors, 'overlap', a, `overlaps ${label(b)}${Number.isFinite(shared) ? ` by ${shared.toFixed(1)} m²` : ''}`, { other: b.code, ...(Number.isFinite(shared) && { areaM2: shared }) });
      }
    });
  }

  function checkChildren(children: Unit[], parents: Unit[]): void {
    const byCode = new Map(parents.map((p) => [p.code, p]));
    const covered = new Map<string, number>();
    for (const c of children) {
      const p = c.parent === undefined ? undefined : byCode.get(c.parent);
      if (p === undefined) continue; // unknown parents are reported above
      covered.set(p.code, (covered.get(p.code) ?? 0) + area(c.feature));
      if (!leavesParent(c, p)) continue;
      const outside = o.toleranceM2 > 0 ? outsideArea(c, p) : Infinity;
      if (outside > o.toleranceM2) issue(errors, 'outside-parent', c, `lies partly outside its ${p.layer} ${label(p)}${Number.isFinite(outside) ? ` (${outside.toFixed(1)} m² outside)` : ''}`, { other: p.code, ...(Number.isFinite(outside) && { areaM2: outside }) });
    }
    for (const p of parents) {
      const gap = area(p.feature) - (covered.get(p.code) ?? 0);
      if (gap > o.gapToleranceM2) issue(warnings, 'gap', p, `is not covered by its ${children[0]?.layer ?? 'child'} units: ${gap.toFixed(0)} m² belong to none`, { areaM2: gap });
    }
  }
}

/** Refuses an invalid jurisdiction with every error named. */
export class InvalidJurisdictionError extends Error {
  override name = 'InvalidJurisdictionError';
  constructor(readonly report: JurisdictionReport) {
    const shown = report.errors.slice(0, 20).map((e) => `  - ${e.message}`);
    const more = report.errors.length > 20 ? [`  … and ${report.errors.length - 20} more`] : [];
    super([`the jurisdiction boundaries are invalid (${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}):`, ...shown, ...more].join('\n'));
  }
}

/** Validates and throws InvalidJurisdictionError on any error; returns the report (with warnings) otherwise. */
export function assertValidJurisdiction(input: JurisdictionInput, options?: Partial<ValidationOptions>): JurisdictionReport {
  const report = validateJurisdiction(input, options);
  if (!report.ok) throw new InvalidJurisdictionError(report);
  return report;
}

// The half-open `claims` first: it settles most points without the boundary test.
const inBox = (u: Unit, x: number, y: number) => x >= u.flat.minX && x <= u.flat.maxX && y >= u.flat.minY && y <= u.flat.maxY;
const strictlyInside = (u: Unit, x: number, y: number) => inBox(u, x, y) && claims(u.flat, x, y) && !onBoundary(u.flat, x, y);
const strictlyOutside = (u: Unit, x: number, y: number) => !inBox(u, x, y) || (!claims(u.flat, x, y) && !onBoundary(u.flat, x, y));

function edgeIndex(u: Unit): Flatbush {
  if (u.edgeIndex === undefined) {
    const index = new Flatbush(Math.max(1, u.edges.length));
    for (const e of u.edges) index.add(Math.min(e.ax, e.bx), Math.min(e.ay, e.by), Math.max(e.ax, e.bx), Math.max(e.ay, e.by));
    if (u.edges.length === 0) index.add(u.flat.minX, u.flat.minY, u.flat.minX, u.flat.minY);
    index.finish();
    u.edgeIndex = index;
  }
  return u.edgeIndex;
}

const OUT = 0, ON = 1, IN = 2;
/** Where each vertex of u lies relative to other: OUT, ON (the boundary) or IN. */
function classify(u: Unit, other: Unit): Uint8Array {
  return Uint8Array.from(u.points, ([x, y]) => (!inBox(other, x as number, y as number) ? OUT : onBoundary(other.flat, x as number, y as number) ? ON : claims(other.flat, x as number, y as number) ? IN : OUT));
}

/**
 * An edge of u with both ends on other's boundary whose midpoint passes `test` — the one way u can
 * enter other's interior with no vertex inside and no proper crossing (a chord). Midpoints within
 * ~0.1 µm of other's boundary are ignored: there the rounding of the midpoint decides the side.
 */
function someChord(u: Unit, where: Uint8Array, other: Unit, test: (x: number, y: number) => boolean): boolean {
  const eps = 1e-12;
  const index = edgeIndex(other);
  const c = u.flat.coords, starts = u.flat.ringStarts;
  let vertex = 0; // index into u.points, which lists the same positions ring by ring
  for (let r = 0; r < starts.length - 1; r++) {
    const ringPoints = ((starts[r + 1] as number) - (starts[r] as number)) / 2;
    for (let k = 0; k + 1 < ringPoints; k++) {
      if (where[vertex + k] !== ON || where[Math.min(vertex + k + 1, where.length - 1)] !== ON) continue;
      const at = (starts[r] as number) + 2 * k;
      const x = ((c[at] as number) + (c[at + 2] as number)) / 2, y = ((c[at + 1] as number) + (c[at + 3] as number)) / 2;
      if (!test(x, y)) continue;
      if (index.search(x - eps, y - eps, x + eps, y + eps).every((e) => distanceToSegment(x, y, other.edges[e] as Edge) > eps)) return true;
    }
    vertex += ringPoints;
  }
  return false;
}

function anyProperCrossing(a: Unit, b: Unit): boolean {
  const index = edgeIndex(b);
  for (const e of a.edges) {
    if (Math.max(e.ax, e.bx) < b.flat.minX || Math.min(e.ax, e.bx) > b.flat.maxX || Math.max(e.ay, e.by) < b.flat.minY || Math.min(e.ay, e.by) > b.flat.maxY) continue;
    for (const k of index.search(Math.min(e.ax, e.bx), Math.min(e.ay, e.by), Math.max(e.ax, e.bx), Math.max(e.ay, e.by))) if (properlyCross(e, b.edges[k] as Edge)) return true;
  }
  return false;
}

/** Exact: do the interiors of a and b share any area? (Shared edges and vertices do not count.) */
function interiorsMeet(a: Unit, b: Unit): boolean {
  const aInB = classify(a, b);
  if (aInB.includes(IN)) return true;
  const bInA = classify(b, a);
  if (bInA.includes(IN)) return true;
  if (anyProperCrossing(a, b)) return true;
  if (someChord(a, aInB, b, (x, y) => strictlyInside(b, x, y)) || someChord(b, bInA, a, (x, y) => strictlyInside(a, x, y))) return true;
  // Identical outlines: every vertex of each on the other's boundary.
  return aInB.every((w) => w === ON) && bInA.every((w) => w === ON);
}

/** Exact: does any part of the child lie outside the parent? */
function leavesParent(c: Unit, p: Unit): boolean {
  const cInP = classify(c, p);
  if (cInP.includes(OUT)) return true;
  if (anyProperCrossing(c, p)) return true;
  if (someChord(c, cInP, p, (x, y) => strictlyOutside(p, x, y))) return true;
  // A parent vertex inside the child: only parent vertices within the child's box can be.
  return p.points.some(([x, y]) => strictlyInside(c, x as number, y as number));
}

function overlapArea(a: Unit, b: Unit): number {
  const shared = intersect({ type: 'FeatureCollection', features: [a.feature, b.feature] });
  return shared ? area(shared) : 0;
}

function outsideArea(c: Unit, p: Unit): number {
  const outside = difference({ type: 'FeatureCollection', features: [c.feature, p.feature] });
  return outside ? area(outside) : 0;
}

function distanceToSegment(x: number, y: number, e: Edge): number {
  // Planar, in degrees: only compared with a tiny epsilon.
  const dx = e.bx - e.ax, dy = e.by - e.ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - e.ax) * dx + (y - e.ay) * dy) / len2));
  return Math.hypot(x - (e.ax + t * dx), y - (e.ay + t * dy));
}
