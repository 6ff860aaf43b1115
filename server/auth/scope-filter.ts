// What a scope sees of the jurisdiction's map objects: areas, cameras, routes, units, counts.
// Every answer for one scope is built once and kept (keyed by the source object, which is replaced,
// never mutated, when it changes), so the HTTP layer's serialise-once cache keeps working per scope.
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { CameraCollection, JurisdictionResponse, RouteCollection, TownshipCounts, UnitFix, UnitInfo } from '../wire/index.ts';
import { inScope } from './scope.ts';
import type { Scope } from './scope.ts';

type Assign = (lng: number, lat: number) => { gridCode: string } | null;

export interface ScopeFilter {
  jurisdiction(scope: Scope): JurisdictionResponse;
  cameras(scope: Scope, all: CameraCollection): CameraCollection;
  routes(scope: Scope): RouteCollection;
  /** Township counts: only the townships inside the scope (none for a village). */
  counts(scope: Scope, all: TownshipCounts): TownshipCounts;
  /**
   * A unit is in scope when its home township is, or when its latest fix lies inside the scope
   * (so a village sees the patrols that are in it).
   */
  fixInScope(scope: Scope, fix: UnitFix): boolean;
  units(scope: Scope, fixes: UnitFix[]): { units: UnitInfo[]; fixes: UnitFix[] };
  /** True for a camera id inside the scope. */
  cameraInScope(scope: Scope, cameraId: string): boolean;
}

export function createScopeFilter(j: Jurisdiction, assign: Assign): ScopeFilter {
  const county = j.county.properties.code;
  const full: JurisdictionResponse = { county: j.county, townships: j.townships, villages: j.villages, grids: j.grids };
  const areas = new Map<string, JurisdictionResponse>();
  const routes = new Map<string, RouteCollection>();
  const cameraSets = new WeakMap<CameraCollection, Map<string, CameraCollection>>();
  const unitInfo = new Map(j.units.map((u) => [u.id, u]));
  const cameraGrid = new Map(j.cameras.features.map((f) => [f.properties.id, f.properties.gridCode]));
  const isCounty = (s: Scope) => s.code === county;

  const unitInScope = (scope: Scope, unit: UnitInfo | undefined, fix: UnitFix | undefined): boolean => {
    if (isCounty(scope)) return true;
    if (unit && inScope(scope, unit.townshipCode)) return true;
    const at = fix ? assign(fix.lng, fix.lat) : null;
    return at !== null && inScope(scope, at.gridCode);
  };

  return {
    jurisdiction(scope) {
      if (isCounty(scope)) return full;
      let r = areas.get(scope.code);
      if (!r) {
        r = {
          // The county outline stays: it frames the map and says nothing about incidents.
          county: j.county,
          townships: { ...j.townships, features: j.townships.features.filter((f) => inScope(scope, f.properties.code)) },
          villages: { ...j.villages, features: j.villages.features.filter((f) => inScope(scope, f.properties.code)) },
          grids: { ...j.grids, features: j.grids.features.filter((f) => inScope(scope, f.properties.code)) },
        };
        areas.set(scope.code, r);
      }
      return r;
    },
    cameras(scope, all) {
      if (isCounty(scope)) return all;
      let perScope = cameraSets.get(all);
      if (!perScope) cameraSets.set(all, (perScope = new Map()));
      let r = perScope.get(scope.code);
      if (!r) perScope.set(scope.code, (r = { ...all, features: all.features.filter((f) => inScope(scope, f.properties.gridCode)) }));
      return r;
    },
    routes(scope) {
      if (isCounty(scope)) return j.routes;
      let r = routes.get(scope.code);
      if (!r) routes.set(scope.code, (r = { ...j.routes, features: j.routes.features.filter((f) => inScope(scope, f.properties.townshipCode)) }));
      return r;
    },
    counts(scope, all) {
      if (isCounty(scope)) return all;
      const out: TownshipCounts = {};
      for (const [code, n] of Object.entries(all)) if (inScope(scope, code)) out[code] = n;
      return out;
    },
    fixInScope: (scope, fix) => unitInScope(scope, unitInfo.get(fix.id), fix),
    units(scope, fixes) {
      if (isCounty(scope)) return { units: j.units, fixes };
      const latest = new Map(fixes.map((f) => [f.id, f]));
      const units = j.units.filter((u) => unitInScope(scope, u, latest.get(u.id)));
      const ids = new Set(units.map((u) => u.id));
      return { units, fixes: fixes.filter((f) => ids.has(f.id)) };
    },
    cameraInScope(scope, cameraId) {
      const grid = cameraGrid.get(cameraId);
      return grid !== undefined && inScope(scope, grid);
    },
  };
}
