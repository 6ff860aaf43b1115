// The newest known view of each case, merged from REST answers and live changes in whatever order
// they arrive. A case's version orders its states; two views of one version hold the same due
// times, so their overdue flags only ever go from false to true — a late answer cut before a
// limit passed never un-marks a case the live channel already said was overdue.
import type { CaseView } from '../../server/wire/case-api.ts';

export type CaseViews = ReadonlyMap<string, CaseView>;

export const NO_CASE_VIEWS: CaseViews = new Map();

/** The view to keep of two views of one case. */
export function newerView(known: CaseView | undefined, incoming: CaseView): CaseView {
  if (!known || incoming.version > known.version) return incoming;
  if (incoming.version < known.version) return known;
  const step = known.overdue.step || incoming.overdue.step;
  const whole = known.overdue.case || incoming.overdue.case;
  if (step === incoming.overdue.step && whole === incoming.overdue.case) return incoming;
  return { ...incoming, overdue: { step, case: whole } };
}

/** True when two views show the same thing (so nothing needs to be drawn again). */
function sameView(a: CaseView, b: CaseView): boolean {
  return a === b || (a.version === b.version && a.overdue.step === b.overdue.step && a.overdue.case === b.overdue.case
    && a.duplicates.length === b.duplicates.length && a.duplicates.every((d, k) => d.caseId === b.duplicates[k]?.caseId));
}

/**
 * Merges views into `views`; returns `views` itself when none changed anything, so selectors and
 * layers keep their references. Past `max` cases, the ones changed longest ago are dropped (a
 * console stays up for a whole shift).
 */
export function mergeViews(views: CaseViews, incoming: readonly CaseView[], max = 20_000): CaseViews {
  let next: Map<string, CaseView> | null = null;
  for (const v of incoming) {
    const known = (next ?? views).get(v.id);
    const kept = newerView(known, v);
    if (known && sameView(known, kept)) continue;
    next ??= new Map(views);
    next.set(v.id, kept);
  }
  if (!next) return views;
  if (next.size > max) {
    const oldest = [...next.values()].sort((a, b) => a.lastSeq - b.lastSeq).slice(0, next.size - max);
    for (const v of oldest) next.delete(v.id);
  }
  return next;
}
