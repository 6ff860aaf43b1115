// The recommendation for one case, from what the server holds now: the case's scene and level from
// the case book, every unit's duty status from the unit book, its position from its latest fix,
// ranked by road travel time over the county's roads (server/dispatch, one reversed search per kind).
import type { CaseRecord } from '../casework/case-book.ts';
import { recommendUnits } from '../dispatch/recommend.ts';
import type { CandidateUnit } from '../dispatch/recommend.ts';
import type { DispatchRouter } from '../dispatch/router.ts';
import type { UnitFix } from '../wire/index.ts';
import type { UnitRecommendation } from '../wire/dispatch.ts';
import type { UnitBook } from './unit-book.ts';

export interface RecommendationQuery {
  /** Rank the rest of the county's units too (on escalation); default: when the case is at the county level. */
  includeCounty?: boolean;
  /** How many of the first free units carry their route. */
  routes: number;
}

export function recommendationFor(router: DispatchRouter, record: CaseRecord, book: UnitBook, fixes: readonly UnitFix[], q: RecommendationQuery, now: number): UnitRecommendation {
  const positions = new Map(fixes.map((f) => [f.id, { lng: f.lng, lat: f.lat, at: f.at }]));
  const units: CandidateUnit[] = [];
  for (const duty of book.all()) {
    const info = book.info(duty.unitId);
    if (info) units.push({ info, duty, position: positions.get(duty.unitId) ?? null });
  }
  const { state } = record;
  return recommendUnits(router, { caseId: state.id, lng: record.lng, lat: record.lat, townshipCode: state.townshipCode, level: state.level }, units, {
    now,
    routes: q.routes,
    ...(q.includeCounty !== undefined ? { includeCounty: q.includeCounty } : {}),
  });
}
