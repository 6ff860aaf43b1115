// Cutting one county-wide tick into what one jurisdiction may see: its incidents (by grid code),
// its townships' counts, the units in it, its cameras. lastSeq stays the global sequence number:
// a scoped client sees gaps between the seqs of its incidents, and lastSeq tells it where to
// resume (the seqs it did not get belong to other jurisdictions).
import type { Scope } from '../auth/scope.ts';
import type { ScopeFilter } from '../auth/scope-filter.ts';
import type { LiveTick, TownshipCounts } from '../wire/index.ts';
import { inScope } from '../auth/scope.ts';

/** The part of `tick` inside `scope`; counts only when they differ from `lastCounts` (what this scope was last sent). */
export function cutTick(tick: LiveTick, scope: Scope, filter: ScopeFilter, lastCounts: TownshipCounts | undefined): LiveTick {
  const out: LiveTick = { asOf: tick.asOf, lastSeq: tick.lastSeq, incidents: tick.incidents.filter((i) => inScope(scope, i.gridCode)) };
  if (tick.townshipCounts) {
    const counts = filter.counts(scope, tick.townshipCounts);
    if (Object.keys(counts).length > 0 && !sameCounts(lastCounts, counts)) out.townshipCounts = counts;
  }
  const units = tick.units?.filter((f) => filter.fixInScope(scope, f));
  if (units && units.length > 0) out.units = units;
  const cameras = tick.cameras?.filter((c) => filter.cameraInScope(scope, c.id));
  if (cameras && cameras.length > 0) out.cameras = cameras;
  return out;
}

/** True when the tick carries nothing but the time and sequence. */
export function emptyTick(t: LiveTick): boolean {
  return t.incidents.length === 0 && !t.townshipCounts && !t.units && !t.cameras;
}

export function sameCounts(a: TownshipCounts | undefined, b: TownshipCounts): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
