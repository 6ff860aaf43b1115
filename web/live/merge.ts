// Pure merge of live updates into the incident set the map and lists draw. Kept apart from the
// transport (web/net/socket.ts) and the publisher (store.ts) so it can be table-tested.
import type { CameraStateChange, Incident, UnitFix } from '../../server/wire/index.ts';

/** Incidents keyed by id, plus the same incidents newest first (by server sequence). */
export interface IncidentSet {
  readonly byId: ReadonlyMap<string, Incident>;
  readonly newestFirst: readonly Incident[];
  /** Earliest occurrence time in the set (ms), so "has anything left the window?" is O(1). */
  readonly oldestOccurredMs: number;
}

export const EMPTY_INCIDENTS: IncidentSet = { byId: new Map(), newestFirst: [], oldestOccurredMs: Number.POSITIVE_INFINITY };

export interface MergeOptions {
  /** Incidents that occurred before this time (ms since epoch) are dropped: they left the window. */
  minOccurredMs: number;
  /** Upper bound on incidents kept, so a wall display's memory stays flat for days. */
  max: number;
}

/**
 * Merges `incoming` (new or changed incidents, any order, duplicates allowed) into `set`.
 * A changed incident replaces the stored one with the same id. Returns `set` itself when nothing
 * changed, so selectors and deck.gl layers keep their data references.
 */
export function mergeIncidents(set: IncidentSet, incoming: readonly Incident[], opts: MergeOptions): IncidentSet {
  const changed = new Map<string, Incident>();
  for (const inc of incoming) {
    const known = changed.get(inc.id) ?? set.byId.get(inc.id);
    if (known && known.seq === inc.seq && known.stage === inc.stage && sameContent(known, inc)) continue;
    changed.set(inc.id, inc);
  }
  const expired = set.oldestOccurredMs < opts.minOccurredMs;
  if (changed.size === 0 && !expired && set.newestFirst.length <= opts.max) return set;

  const kept = set.newestFirst.filter((i) => !changed.has(i.id));
  const all = kept.concat([...changed.values()]);
  all.sort((a, b) => b.seq - a.seq);
  const newestFirst = all.filter((i) => occurredMs(i) >= opts.minOccurredMs).slice(0, opts.max);
  const byId = new Map<string, Incident>();
  let oldestOccurredMs = Number.POSITIVE_INFINITY;
  for (const i of newestFirst) {
    byId.set(i.id, i);
    oldestOccurredMs = Math.min(oldestOccurredMs, occurredMs(i));
  }
  return { byId, newestFirst, oldestOccurredMs };
}

function sameContent(a: Incident, b: Incident): boolean {
  return a.receivedAt === b.receivedAt && a.priority === b.priority && a.category === b.category
    && a.lng === b.lng && a.lat === b.lat && a.description === b.description;
}

// Parsed once per incident object: the window check runs over every incident on each merge.
const parsedOccurred = new WeakMap<Incident, number>();

function occurredMs(i: Incident): number {
  let ms = parsedOccurred.get(i);
  if (ms === undefined) {
    ms = Date.parse(i.occurredAt);
    // An unparsable time must not make an incident vanish: treat it as "now".
    if (Number.isNaN(ms)) ms = Number.POSITIVE_INFINITY;
    parsedOccurred.set(i, ms);
  }
  return ms;
}

/** Merges unit fixes by id; returns `current` when no fix changed. */
export function mergeUnits(current: ReadonlyMap<string, UnitFix>, fixes: readonly UnitFix[]): ReadonlyMap<string, UnitFix> {
  let next: Map<string, UnitFix> | null = null;
  for (const f of fixes) {
    const known = (next ?? current).get(f.id);
    if (known && known.at === f.at && known.lng === f.lng && known.lat === f.lat && known.state === f.state) continue;
    next ??= new Map(current);
    next.set(f.id, f);
  }
  return next ?? current;
}

/** Merges camera state changes by id, keeping the latest by time; returns `current` when none changed. */
export function mergeCameraStates(
  current: ReadonlyMap<string, CameraStateChange>,
  changes: readonly CameraStateChange[],
): ReadonlyMap<string, CameraStateChange> {
  let next: Map<string, CameraStateChange> | null = null;
  for (const c of changes) {
    const known = (next ?? current).get(c.id);
    if (known && (known.at > c.at || (known.at === c.at && known.state === c.state))) continue;
    next ??= new Map(current);
    next.set(c.id, c);
  }
  return next ?? current;
}
