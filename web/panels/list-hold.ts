// While the duty officer's pointer is over the incident list, the rows hold still: incidents that
// arrive meanwhile are counted ("3 new") instead of pushing the row under the cursor down, so a
// click lands on the incident that was aimed at. Pure, so it can be table-tested.
import type { Incident } from '../../server/wire/index.ts';
import type { IncidentSet } from '../live/merge.ts';

export interface ListView {
  /** The rows to draw, in order. */
  readonly rows: readonly Incident[];
  /** Incidents among the newest `length` that are not drawn because the list is held. */
  readonly waiting: number;
}

/** The ids the list shows when a hold starts: its current rows. */
export function holdIds(set: IncidentSet, length: number): readonly string[] {
  return set.newestFirst.slice(0, length).map((i) => i.id);
}

/**
 * The list's rows: the newest `length` incidents, or, while `held` (the ids shown when the hold
 * started), those same incidents in the same order with their current state. An incident that has
 * left the live window drops out; nothing new is inserted above the pointer.
 */
export function listView(set: IncidentSet, length: number, held: readonly string[] | null): ListView {
  const newest = set.newestFirst.slice(0, length);
  if (!held) return { rows: newest, waiting: 0 };
  const rows: Incident[] = [];
  for (const id of held) {
    const inc = set.byId.get(id);
    if (inc) rows.push(inc);
  }
  const shown = new Set(held);
  let waiting = 0;
  for (const i of newest) if (!shown.has(i.id)) waiting++;
  return { rows, waiting };
}
