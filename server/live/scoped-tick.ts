// Cutting one county-wide tick into what one jurisdiction may see: its incidents (by grid code),
// its townships' counts, the units in it, its cameras. lastSeq stays the global sequence number:
// a scoped client sees gaps between the seqs of its incidents, and lastSeq tells it where to
// resume (the seqs it did not get belong to other jurisdictions).
import type { Scope } from '../auth/scope.ts';
import type { ScopeFilter } from '../auth/scope-filter.ts';
import type { CaseCounts, LiveTick, TownshipCounts } from '../wire/index.ts';
import { inScope } from '../auth/scope.ts';

/** The case counts of the townships inside a scope (a village scope sees no township's). */
export function scopedCaseCounts(scope: Scope, all: CaseCounts): CaseCounts {
  const out: CaseCounts = {};
  for (const [code, n] of Object.entries(all)) if (inScope(scope, code)) out[code] = n;
  return out;
}

function sameCaseCounts(a: CaseCounts | undefined, b: CaseCounts): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The part of `tick` inside `scope`; counts only when they differ from `lastCounts` and
 * `lastCaseCounts` (what this scope was last sent).
 */
export function cutTick(tick: LiveTick, scope: Scope, filter: ScopeFilter, lastCounts: TownshipCounts | undefined, lastCaseCounts?: CaseCounts): LiveTick {
  const out: LiveTick = { asOf: tick.asOf, lastSeq: tick.lastSeq, incidents: tick.incidents.filter((i) => inScope(scope, i.gridCode)) };
  const cases = tick.cases?.filter((c) => inScope(scope, c.gridCode));
  if (cases && cases.length > 0) {
    out.cases = cases;
    const ids = new Set(cases.map((c) => c.id));
    const overdue = tick.overdue?.filter((o) => ids.has(o.caseId));
    if (overdue && overdue.length > 0) out.overdue = overdue;
  }
  if (tick.caseCounts) {
    const counts = scopedCaseCounts(scope, tick.caseCounts);
    if (!sameCaseCounts(lastCaseCounts, counts)) out.caseCounts = counts;
  }
  if (tick.townshipCounts) {
    const counts = filter.counts(scope, tick.townshipCounts);
    if (Object.keys(counts).length > 0 && !sameCounts(lastCounts, counts)) out.townshipCounts = counts;
  }
  const units = tick.units?.filter((f) => filter.fixInScope(scope, f));
  if (units && units.length > 0) out.units = units;
  const statuses = tick.unitStatuses?.filter((u) => inScope(scope, u.townshipCode));
  if (statuses && statuses.length > 0) out.unitStatuses = statuses;
  const cameras = tick.cameras?.filter((c) => filter.cameraInScope(scope, c.id));
  if (cameras && cameras.length > 0) out.cameras = cameras;
  return out;
}

/** True when the tick carries nothing but the time and sequence. */
export function emptyTick(t: LiveTick): boolean {
  return t.incidents.length === 0 && !t.townshipCounts && !t.units && !t.cameras && !t.cases && !t.caseCounts && !t.unitStatuses;
}

export function sameCounts(a: TownshipCounts | undefined, b: TownshipCounts): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
