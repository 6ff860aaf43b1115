// Dispatch recommendation (指挥派遣): the units that could reach a case's scene, ranked by road travel
// time over the county's roads. Defined once here for the server (server/dispatch/) and the web.
import { z } from 'zod';
import type { CaseEvent } from './case.ts';
import type { CaseView } from './case-api.ts';
import type { UnitKind } from './jurisdiction.ts';
import type { UnitDutyState, UnitEvent, UnitStatus } from './unit-status.ts';

/** Whose units: the case's own township's (first), or the rest of the county's (on escalation, or a county-level case). */
export type DispatchTier = 'township' | 'county';

/** One unit in a recommendation. */
export interface RankedUnit {
  unitId: string;
  callsign: string;
  kind: UnitKind;
  team: string;
  townshipCode: string;
  tier: DispatchTier;
  status: UnitStatus;
  /** When it entered the status (ISO 8601), and seconds since; null when unknown. */
  statusSince: string | null;
  timeInStatusS: number | null;
  /** The case it is assigned to (busy units), else null. */
  caseId: string | null;
  /** Seconds to the scene by road (walked legs to and from the road included); null: unreachable by road. */
  etaS: number | null;
  /** Metres by road on that route (walked legs included); null when unreachable. */
  distanceM: number | null;
  /** Straight-line metres from the unit to the scene. */
  straightLineM: number;
  /** Metres from the unit's position to its nearest road of its kind (null: no such road). */
  offRoadM: number | null;
  /** True when dispatching it needs an explicit override (it is busy: double booking). */
  requiresOverride: boolean;
  /** The road route, [lng, lat][], for the first few ranked units (and any asked for); absent otherwise. */
  route?: [number, number][];
  /** ISO 8601 of the fix its position comes from. */
  fixAt: string;
}

/** A unit left out of the ranking, and why. */
export interface ExcludedUnit {
  unitId: string;
  callsign: string;
  reason: 'off-duty' | 'out-of-service' | 'no-position';
}

/** Answer of a recommendation for one case. */
export interface UnitRecommendation {
  caseId: string;
  scene: { lng: number; lat: number };
  /** True when the rest of the county's units are ranked after the township's. */
  includesCounty: boolean;
  /** Free units (available or returning): the township's by ETA, then (when included) the county's by ETA; unreachable ones last in their tier. */
  available: RankedUnit[];
  /** Busy units, in the same order, each needing an override to dispatch. */
  busy: RankedUnit[];
  excluded: ExcludedUnit[];
  /** ISO 8601: the time the statuses and ETAs refer to. */
  asOf: string;
}

/** Body of POST /api/v1/cases/{id}/dispatch: which unit, the case version the officer saw, and whether to take a busy unit off its case. */
export const dispatchRequestSchema = z.strictObject({
  unitId: z.string({ error: 'unitId must name a patrol unit' }).min(1, 'unitId must name a patrol unit').max(128, 'unitId is too long'),
  expectedVersion: z.int({ error: 'expectedVersion must be the version of the case you saw (an integer ≥ 1)' }).min(1, 'expectedVersion must be the version of the case you saw (an integer ≥ 1)'),
  override: z.boolean({ error: 'override must be true or false' }).optional(),
}, { error: 'the body must be a JSON object {unitId, expectedVersion, override?}' });
export type DispatchRequestBody = z.output<typeof dispatchRequestSchema>;

/** POST /api/v1/cases/{id}/dispatch → 200: the case (now 派遣, assigned to the unit) and the unit (已派遣), each with its new events, committed together. */
export interface DispatchResult {
  case: CaseView;
  unit: UnitDutyState;
  caseEvents: CaseEvent[];
  unitEvents: UnitEvent[];
}
