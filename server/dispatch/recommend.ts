// Which units to send (派遣建议): for one case, the units that may be dispatched to it ranked by road
// travel time — the case's own township's first, then (on escalation, or for a county-level case) the
// rest of the county's — with free units apart from busy ones (a busy unit needs an explicit
// override: double booking). One reversed search per unit kind present serves every unit at once.
import type { CaseLevel, UnitInfo, UnitKind } from '../wire/index.ts';
import type { DispatchTier, ExcludedUnit, RankedUnit, UnitRecommendation } from '../wire/dispatch.ts';
import { isBusyStatus, type UnitDutyState } from '../wire/unit-status.ts';
import { haversineM } from './geo.ts';
import type { DispatchRouter } from './router.ts';
import type { Snap } from './snap.ts';
import { routeCoordinates, searchFromScene, targetNodes, travelTime, type SceneSearch } from './travel-times.ts';

/** The case to send units to: its scene and where it belongs. */
export interface DispatchScene {
  caseId: string;
  lng: number;
  lat: number;
  /** 9 digits: the case's township (its first 6 are the county). */
  townshipCode: string;
  level: CaseLevel;
}

/** A unit as the recommendation sees it: who it is, where its latest fix puts it, and its status. */
export interface CandidateUnit {
  info: UnitInfo;
  position: { lng: number; lat: number; at: string } | null;
  duty: UnitDutyState;
}

export interface RecommendOptions {
  /** Now, ms since epoch (time in status is measured to it). */
  now: number;
  /** Rank the rest of the county's units after the township's; default: when the case is at the county level. */
  includeCounty?: boolean;
  /** How many of the first free units carry their route (default 3). */
  routes?: number;
  /** Units whose route is wanted whatever their rank (e.g. the one the officer selected). */
  routeFor?: readonly string[];
}

interface Placed {
  unit: CandidateUnit;
  tier: DispatchTier;
  snap: Snap | null;
}

/** The ranked recommendation for one case. */
export function recommendUnits(router: DispatchRouter, scene: DispatchScene, units: readonly CandidateUnit[], options: RecommendOptions): UnitRecommendation {
  const includesCounty = options.includeCounty ?? scene.level === 'county';
  const countyCode = scene.townshipCode.slice(0, 6);
  const excluded: ExcludedUnit[] = [];
  const byKind = new Map<UnitKind, Placed[]>();
  for (const unit of units) {
    const { info, duty, position } = unit;
    const tier: DispatchTier | null = info.townshipCode === scene.townshipCode ? 'township'
      : includesCounty && info.townshipCode.startsWith(countyCode) ? 'county' : null;
    if (tier === null) continue; // not this case's to dispatch
    if (duty.status === 'off-duty' || duty.status === 'out-of-service') {
      excluded.push({ unitId: info.id, callsign: info.callsign, reason: duty.status });
      continue;
    }
    if (!position) {
      excluded.push({ unitId: info.id, callsign: info.callsign, reason: 'no-position' });
      continue;
    }
    let list = byKind.get(info.kind);
    if (!list) byKind.set(info.kind, (list = []));
    list.push({ unit, tier, snap: router.snap(info.kind, position.lng, position.lat) });
  }

  const ranked: { entry: RankedUnit; search: SceneSearch | null; snap: Snap | null; from: [number, number] }[] = [];
  for (const [kind, placed] of byKind) {
    const sceneSnap = router.snap(kind, scene.lng, scene.lat);
    const search = sceneSnap
      ? searchFromScene(router.network, router.profile(kind), sceneSnap, targetNodes(router.network, placed.map((p) => p.snap)))
      : null;
    for (const p of placed) {
      const { lng, lat } = p.unit.position!;
      ranked.push({ entry: rankedUnit(p, scene, search, options.now), search, snap: p.snap, from: [lng, lat] });
    }
  }
  ranked.sort((a, b) => compare(a.entry, b.entry));

  const available = ranked.filter((r) => !r.entry.requiresOverride);
  const busy = ranked.filter((r) => r.entry.requiresOverride);
  const wanted = new Set(options.routeFor ?? []);
  const routes = options.routes ?? 3;
  available.forEach((r, i) => { if (i < routes) wanted.add(r.entry.unitId); });
  for (const r of ranked) {
    if (!wanted.has(r.entry.unitId) || !r.search || !r.snap) continue;
    const route = routeCoordinates(r.search, r.snap, r.from, [scene.lng, scene.lat]);
    if (route) r.entry.route = route;
  }
  return {
    caseId: scene.caseId,
    scene: { lng: scene.lng, lat: scene.lat },
    includesCounty,
    available: available.map((r) => r.entry),
    busy: busy.map((r) => r.entry),
    excluded,
    asOf: new Date(options.now).toISOString(),
  };
}

function rankedUnit({ unit, tier, snap }: Placed, scene: DispatchScene, search: SceneSearch | null, now: number): RankedUnit {
  const { info, duty } = unit;
  const position = unit.position!;
  const travel = search && snap ? travelTime(search, snap) : 'unreachable';
  const sinceMs = duty.since === null ? NaN : Date.parse(duty.since);
  const busy = isBusyStatus(duty.status);
  return {
    unitId: info.id, callsign: info.callsign, kind: info.kind, team: info.team, townshipCode: info.townshipCode, tier,
    status: duty.status,
    statusSince: duty.since,
    timeInStatusS: Number.isFinite(sinceMs) ? Math.max(0, Math.round((now - sinceMs) / 1000)) : null,
    caseId: busy ? (duty.assignment?.caseId ?? null) : null,
    etaS: travel === 'unreachable' ? null : travel.seconds,
    distanceM: travel === 'unreachable' ? null : travel.metres,
    straightLineM: haversineM(position.lng, position.lat, scene.lng, scene.lat),
    offRoadM: snap ? snap.offRoadM : null,
    requiresOverride: busy,
    fixAt: position.at,
  };
}

const TIER_ORDER: Record<DispatchTier, number> = { township: 0, county: 1 };

/** Township before county; within a tier by ETA, unreachable last; ties by unit id (a stable order). */
function compare(a: RankedUnit, b: RankedUnit): number {
  return TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
    (a.etaS ?? Infinity) - (b.etaS ?? Infinity) ||
    (a.etaS === null ? 1 : 0) - (b.etaS === null ? 1 : 0) ||
    (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
}
