// Reading the one log for the live channel: each tick (and each resume page) takes what was
// committed after a seq — new incidents, the changes of cases and of units' statuses — and turns
// the changes into their current views. The book applies a command's events when its commit is answered, which can
// come a moment after the log already shows them: a case the book holds at an older version than
// the log is read back from the store first, so no change is ever sent as its older state.
import type { CaseCounts, CaseView, Incident, OverdueChange } from '../wire/index.ts';
import type { UnitDutyState } from '../wire/unit-status.ts';
import type { IncidentStore } from '../store/types.ts';

/** What live asks of the case book. */
export interface LiveCases {
  /** The version the book holds of a case (0: not held). */
  versionOf(id: string): number;
  /** Reads a case back from the store into the book (it is behind the log). */
  refresh(id: string): Promise<void>;
  /** The current views of the cases the book holds among these ids. */
  views(ids: Iterable<string>, nowMs: number): CaseView[];
  /** The cases that crossed a limit since the last call. */
  popDue(nowMs: number): OverdueChange[];
  /** Open, overdue and per-stage counts per township, and a number that grows when they change. */
  counts(): { counts: CaseCounts; version: number };
}

/** What live asks of the unit book: like the cases', for the units whose status changed. */
export interface LiveUnitStatuses {
  versionOf(id: string): number;
  refresh(id: string): Promise<void>;
  views(ids: Iterable<string>): UnitDutyState[];
}

/** A stretch of the log: the incidents created in it, the cases and the units changed in it. */
export interface LogStretch {
  incidents: Incident[];
  changed: Set<string>;
  unitsChanged: Set<string>;
  /** The seq of its last entry (the seq asked after, when it is empty). */
  lastSeq: number;
  /** How many entries it covers. */
  entries: number;
}

/** Reads up to `limit` entries of the log after `afterSeq`; the book is brought up to the log for every changed case. */
export async function readLog(store: IncidentStore, cases: LiveCases, afterSeq: number, limit: number, units?: LiveUnitStatuses): Promise<LogStretch> {
  const entries = await store.logAfter(afterSeq, limit);
  const incidents: Incident[] = [];
  const changed = new Set<string>();
  const behind = new Set<string>();
  const unitsChanged = new Set<string>();
  const unitsBehind = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'created') incidents.push(e.incident);
    else if (e.event.stream === 'unit') {
      unitsChanged.add(e.event.streamId);
      if (units && units.versionOf(e.event.streamId) < e.event.version) unitsBehind.add(e.event.streamId);
    } else {
      changed.add(e.event.streamId);
      if (cases.versionOf(e.event.streamId) < e.event.version) behind.add(e.event.streamId);
    }
  }
  for (const id of behind) await cases.refresh(id);
  if (units) for (const id of unitsBehind) await units.refresh(id);
  return { incidents, changed, unitsChanged, lastSeq: entries.at(-1)?.seq ?? afterSeq, entries: entries.length };
}
