// The case book: the current state of every open case (and of the cases closed in the last day),
// in memory, kept exactly as the log says — each committed event is applied in log order — with
// what the console and the wall ask of it at every moment: the deadlines (a timer queue, not a scan
// per tick), the per-township counts of open, overdue and per-stage cases (kept incrementally), and
// the open cases near a place (suggested merges). Older closed cases are read from the store when
// asked for (GET /cases/{id}); they are evidence, not working state.
import { apply, createDeadlineQueue, createNearbyIndex, suggestMerges } from '../cases/index.ts';
import type { DeadlineCrossing, DuplicateOptions } from '../cases/index.ts';
import { isOpenStage } from '../wire/index.ts';
import type { CaseCount, CaseEvent, CaseState, CaseView, DuplicateCandidate, Incident } from '../wire/index.ts';

/** A case in the book: its state and what its incident says. */
export interface CaseRecord {
  state: CaseState;
  lng: number;
  lat: number;
  occurredAt: string;
  description: string;
  /** When it was closed (ms), for dropping it from memory a day later; null while open. */
  closedAtMs: number | null;
}

export interface CaseBookOptions {
  /** How long a closed case stays in memory (the day's lists and counts), ms. */
  retainClosedMs: number;
  duplicates?: Partial<DuplicateOptions>;
}

export interface CaseBook {
  /** Adds or replaces a case from its incident and current state (at start, on creation, or read back from the store). */
  put(incident: Incident, state: CaseState): void;
  /** Applies committed events, in log order; an event of a case not in the book is ignored (it is read from the store when asked for). */
  applyEvents(events: readonly CaseEvent[]): void;
  get(id: string): CaseRecord | undefined;
  /** The version the book holds of a case (0: not in the book). */
  versionOf(id: string): number;
  records(): IterableIterator<CaseRecord>;
  /** The case as clients see it now. */
  view(record: CaseRecord, nowMs: number): CaseView;
  /** The limits crossed since the last call, by this clock; the counts follow. */
  popDue(nowMs: number): DeadlineCrossing[];
  /** Open, overdue and per-stage counts per township (only townships with open cases). */
  counts(): ReadonlyMap<string, CaseCount>;
  /** Grows whenever a count changes (so a tick sends counts only when they moved). */
  readonly countsVersion: number;
  /** Drops closed cases older than the retention; returns how many. */
  sweep(nowMs: number): number;
  readonly size: number;
}

function recordOf(incident: Incident, state: CaseState): CaseRecord {
  return { state, lng: incident.lng, lat: incident.lat, occurredAt: incident.occurredAt, description: incident.description, closedAtMs: null };
}

/** What one open case adds to its township's counts. */
interface Contribution {
  township: string;
  stage: CaseState['stage'];
  overdue: boolean;
}

/** A case as the book is first filled with (from the store, at start). */
export interface StartingCase {
  incident: Incident;
  state: CaseState;
}

/**
 * A book holding `initial`. Limits they passed before `nowMs` count as crossed from the start and
 * are not reported as new crossings: nobody was told while the server was down, but every view
 * says so.
 */
export function createCaseBook(options: CaseBookOptions, nowMs: number, initial: Iterable<StartingCase> = []): CaseBook {
  const records = new Map<string, CaseRecord>();
  const starting: CaseRecord[] = [];
  for (const { incident, state } of initial) {
    const record = recordOf(incident, state);
    records.set(state.id, record);
    starting.push(record);
  }
  const deadlines = createDeadlineQueue(starting.map((r) => r.state), nowMs);
  const nearby = createNearbyIndex(options.duplicates?.distanceM ?? 200);
  const counts = new Map<string, CaseCount>();
  const contributions = new Map<string, Contribution>();
  let countsVersion = 0;

  function count(c: Contribution, sign: 1 | -1): void {
    let n = counts.get(c.township);
    if (!n) counts.set(c.township, (n = { open: 0, overdue: 0, stages: {} }));
    n.open += sign;
    if (c.overdue) n.overdue += sign;
    n.stages[c.stage] = (n.stages[c.stage] ?? 0) + sign;
    if (n.stages[c.stage] === 0) delete n.stages[c.stage];
    if (n.open === 0) counts.delete(c.township);
    countsVersion += 1;
  }

  /** Re-counts a case after its state or its overdue flags changed. */
  function recount(state: CaseState): void {
    const before = contributions.get(state.id);
    const flags = deadlines.overdueOf(state.id);
    const after: Contribution | undefined = isOpenStage(state.stage) ? { township: state.townshipCode, stage: state.stage, overdue: flags.step || flags.case } : undefined;
    if (before && after && before.township === after.township && before.stage === after.stage && before.overdue === after.overdue) return;
    if (before) count(before, -1);
    if (after) {
      count(after, 1);
      contributions.set(state.id, after);
    } else contributions.delete(state.id);
  }

  function track(record: CaseRecord, atMs: number): void {
    const { state } = record;
    deadlines.update(state);
    if (isOpenStage(state.stage)) {
      nearby.add({ caseId: state.id, category: state.category, lng: record.lng, lat: record.lat, occurredAtMs: Date.parse(record.occurredAt), description: record.description });
      record.closedAtMs = null;
    } else {
      nearby.remove(state.id);
      record.closedAtMs ??= atMs;
    }
    recount(state);
  }

  for (const r of starting) track(r, Date.parse(r.state.updatedAt));

  return {
    put(incident, state) {
      const record = recordOf(incident, state);
      records.set(state.id, record);
      track(record, Date.parse(state.updatedAt));
    },
    applyEvents(events) {
      for (const e of events) {
        const record = records.get(e.caseId);
        if (!record || e.version <= record.state.version) continue;
        record.state = apply(record.state, e);
        track(record, Date.parse(e.at));
      }
    },
    get: (id) => records.get(id),
    versionOf: (id) => records.get(id)?.state.version ?? 0,
    records: () => records.values(),
    view(record, now) {
      const { state } = record;
      const open = isOpenStage(state.stage);
      const duplicates: DuplicateCandidate[] = open
        ? suggestMerges({ caseId: state.id, category: state.category, lng: record.lng, lat: record.lat, occurredAtMs: Date.parse(record.occurredAt), description: record.description }, nearby, options.duplicates).map(
            (s) => ({ caseId: s.caseId, score: Math.round(s.score * 1000) / 1000, distanceM: Math.round(s.distanceM), secondsApart: Math.round(s.secondsApart) }),
          )
        : [];
      return {
        ...state,
        lng: record.lng,
        lat: record.lat,
        occurredAt: record.occurredAt,
        description: record.description,
        overdue: {
          step: open && state.stepDueAt !== null && Date.parse(state.stepDueAt) <= now,
          case: open && state.caseDueAt !== null && Date.parse(state.caseDueAt) <= now,
        },
        duplicates,
      };
    },
    popDue(now) {
      const crossed = deadlines.popDue(now);
      for (const c of crossed) {
        const record = records.get(c.caseId);
        if (record) recount(record.state);
      }
      return crossed;
    },
    counts: () => counts,
    get countsVersion() {
      return countsVersion;
    },
    sweep(now) {
      let n = 0;
      for (const [id, r] of records) {
        if (r.closedAtMs !== null && r.closedAtMs < now - options.retainClosedMs) {
          records.delete(id);
          deadlines.forget(id);
          n += 1;
        }
      }
      return n;
    },
    get size() {
      return records.size;
    },
  };
}
