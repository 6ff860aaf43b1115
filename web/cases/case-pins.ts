// What a pin shows of its case: the stage (outline) and whether a time limit has passed (the red
// ring). An incident carries its case's stage and due times as they were when it was sent; the
// case store holds newer views of the cases that changed since. The newer of the two wins.
import type { CaseStage, Incident } from '../../server/wire/index.ts';
import { isOpenStage } from '../../server/wire/case.ts';
import type { CaseViews } from './case-views.ts';

type CaseFacts = Pick<Incident, 'stage' | 'version' | 'stepDueAt' | 'caseDueAt'>;

/** The case's newest facts for an incident pin. */
function factsOf(i: Incident, views: CaseViews): CaseFacts & { overdueFlag: boolean } {
  const v = views.get(i.id);
  if (v && v.version >= i.version) return { stage: v.stage, version: v.version, stepDueAt: v.stepDueAt, caseDueAt: v.caseDueAt, overdueFlag: v.overdue.step || v.overdue.case };
  return { stage: i.stage, version: i.version, stepDueAt: i.stepDueAt, caseDueAt: i.caseDueAt, overdueFlag: false };
}

/** The stage a pin shows. */
export function pinStage(i: Incident, views: CaseViews): CaseStage {
  const v = views.get(i.id);
  return v && v.version >= i.version ? v.stage : i.stage;
}

const reached = (dueAt: string | null, nowMs: number) => dueAt !== null && Date.parse(dueAt) <= nowMs;

/** True when the pin's case is open and past its step's or its whole limit at server time `nowMs` (or the server said so). */
export function isOverdue(i: Incident, views: CaseViews, nowMs: number): boolean {
  const f = factsOf(i, views);
  return isOpenStage(f.stage) && (f.overdueFlag || reached(f.stepDueAt, nowMs) || reached(f.caseDueAt, nowMs));
}

/** Where an overdue case is, for its ring. */
export type OverduePoint = Pick<Incident, 'id' | 'lng' | 'lat' | 'priority'>;

/**
 * The overdue cases to ring: every open case of the store's views past a limit (the queue and
 * the overdue list load them, the live channel adds each crossing), and every incident of the
 * live window whose own due times have passed and whose case the store has no newer view of.
 * WGS-84, newest incidents first, then the rest.
 */
export function overduePoints(incidents: readonly Incident[], views: CaseViews, nowMs: number): OverduePoint[] {
  const out: OverduePoint[] = [];
  const seen = new Set<string>();
  for (const i of incidents) {
    seen.add(i.id);
    if (isOverdue(i, views, nowMs)) out.push(i);
  }
  for (const v of views.values()) {
    if (seen.has(v.id) || !isOpenStage(v.stage)) continue;
    if (v.overdue.step || v.overdue.case || reached(v.stepDueAt, nowMs) || reached(v.caseDueAt, nowMs)) out.push(v);
  }
  return out;
}
