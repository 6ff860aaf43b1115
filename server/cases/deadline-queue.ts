// The deadline queue: which open cases cross a time limit, when — without scanning every case each
// tick. A min-heap of (dueAt, caseId, version, limit), rebuilt from the current states at start and
// pushed to on every state change; an entry whose case has moved on (another version, closed) is
// stale and skipped when it surfaces. The server arms one timer for nextDueAt() and, when it fires,
// popDue(now) names the cases that have just become overdue, each crossing once.
import { isOpenStage, type CaseState } from '../wire/index.ts';

/** Which limit: the current step's (stepDueAt) or the whole case's (caseDueAt). */
export type DeadlineLimit = 'step' | 'case';

/** A case that has just reached one of its limits. */
export interface DeadlineCrossing {
  caseId: string;
  /** The case's version when it crossed (the state the overdue change refers to). */
  version: number;
  limit: DeadlineLimit;
  dueAt: string;
}

export interface DeadlineQueue {
  /** Follows a case's new state (call after every applied event; older versions are ignored). */
  update(state: CaseState): void;
  /** The limits reached at or before nowMs since the last call, earliest first; each crossing is reported once. */
  popDue(nowMs: number): DeadlineCrossing[];
  /** The earliest instant (ms) a tracked limit will be reached, or null when none is pending. */
  nextDueAt(): number | null;
  /** The limits of a case known to be crossed (as of the last popDue or the rebuild). */
  overdueOf(caseId: string): { step: boolean; case: boolean };
  /** Ids of the open cases with a crossed limit (as of the last popDue or the rebuild). */
  overdueCases(): ReadonlySet<string>;
  /** Stops tracking a closed case (when its state is dropped from memory); its stale entries are skipped. */
  forget(caseId: string): void;
  /** Heap entries, live and stale (for tests and metrics). */
  readonly heapSize: number;
}

interface Entry {
  dueMs: number;
  caseId: string;
  version: number;
  limit: DeadlineLimit;
}

interface Track {
  version: number;
  stepDueAt: string | null;
  caseDueAt: string | null;
  stepDueMs: number | null;
  caseDueMs: number | null;
  stepCrossed: boolean;
  caseCrossed: boolean;
}

/**
 * A queue over the current states. Limits already reached at nowMs count as crossed from the start
 * and are not reported by popDue: nobody was told while the server was down, but every client
 * derives overdue from the state it is sent.
 */
export function createDeadlineQueue(states: Iterable<CaseState>, nowMs: number): DeadlineQueue {
  const tracked = new Map<string, Track>();
  const overdueIds = new Set<string>();
  let heap: Entry[] = [];

  for (const s of states) {
    if (!isOpenStage(s.stage)) continue;
    const t = track(s, undefined);
    t.stepCrossed = t.stepDueMs !== null && t.stepDueMs <= nowMs;
    t.caseCrossed = t.caseDueMs !== null && t.caseDueMs <= nowMs;
    tracked.set(s.id, t);
    if (t.stepCrossed || t.caseCrossed) overdueIds.add(s.id);
    heap.push(...pending(s.id, t));
  }
  heapify(heap);

  function update(state: CaseState): void {
    const prev = tracked.get(state.id);
    if (prev && state.version <= prev.version) return;
    if (!isOpenStage(state.stage)) {
      // Kept with no limits, so that an older state arriving late cannot bring the case back.
      tracked.set(state.id, { version: state.version, stepDueAt: null, caseDueAt: null, stepDueMs: null, caseDueMs: null, stepCrossed: false, caseCrossed: false });
      overdueIds.delete(state.id);
      return;
    }
    const t = track(state, prev);
    tracked.set(state.id, t);
    if (t.stepCrossed || t.caseCrossed) overdueIds.add(state.id);
    else overdueIds.delete(state.id);
    if (t.stepDueMs !== null && !t.stepCrossed) push(heap, { dueMs: t.stepDueMs, caseId: state.id, version: t.version, limit: 'step' });
    if (t.caseDueMs !== null && !t.caseCrossed) push(heap, { dueMs: t.caseDueMs, caseId: state.id, version: t.version, limit: 'case' });
    if (heap.length > 4 * tracked.size + 1024) compact();
  }

  function popDue(nowMs: number): DeadlineCrossing[] {
    const out: DeadlineCrossing[] = [];
    while (heap.length > 0 && (heap[0] as Entry).dueMs <= nowMs) {
      const e = pop(heap);
      const t = tracked.get(e.caseId);
      if (!t || t.version !== e.version) continue; // stale: the case moved on or closed
      if (e.limit === 'step') t.stepCrossed = true;
      else t.caseCrossed = true;
      overdueIds.add(e.caseId);
      out.push({ caseId: e.caseId, version: e.version, limit: e.limit, dueAt: new Date(e.dueMs).toISOString() });
    }
    return out;
  }

  function nextDueAt(): number | null {
    // Drop stale entries at the top so the timer is not armed for a limit that no longer exists.
    while (heap.length > 0) {
      const top = heap[0] as Entry;
      if (tracked.get(top.caseId)?.version === top.version) return top.dueMs;
      pop(heap);
    }
    return null;
  }

  function compact(): void {
    heap = [];
    for (const [id, t] of tracked) heap.push(...pending(id, t));
    heapify(heap);
  }

  return {
    update,
    popDue,
    nextDueAt,
    overdueOf(caseId) {
      const t = tracked.get(caseId);
      return { step: t?.stepCrossed ?? false, case: t?.caseCrossed ?? false };
    },
    overdueCases: () => overdueIds,
    forget(caseId) {
      tracked.delete(caseId);
      overdueIds.delete(caseId);
    },
    get heapSize() {
      return heap.length;
    },
  };
}

/** The tracking record of a new state: a limit stays crossed while its due time is the one already crossed. */
function track(state: CaseState, prev: Track | undefined): Track {
  // Most changes keep the due times: reuse the instants parsed for the previous version.
  const stepDueMs = state.stepDueAt === null ? null : prev?.stepDueAt === state.stepDueAt ? prev.stepDueMs : Date.parse(state.stepDueAt);
  const caseDueMs = state.caseDueAt === null ? null : prev?.caseDueAt === state.caseDueAt ? prev.caseDueMs : Date.parse(state.caseDueAt);
  return {
    version: state.version,
    stepDueAt: state.stepDueAt,
    caseDueAt: state.caseDueAt,
    stepDueMs,
    caseDueMs,
    stepCrossed: prev !== undefined && prev.stepCrossed && prev.stepDueMs === stepDueMs,
    caseCrossed: prev !== undefined && prev.caseCrossed && prev.caseDueMs === caseDueMs,
  };
}

/** The heap entries a tracked case still waits on. */
function pending(caseId: string, t: Track): Entry[] {
  const out: Entry[] = [];
  if (t.stepDueMs !== null && !t.stepCrossed) out.push({ dueMs: t.stepDueMs, caseId, version: t.version, limit: 'step' });
  if (t.caseDueMs !== null && !t.caseCrossed) out.push({ dueMs: t.caseDueMs, caseId, version: t.version, limit: 'case' });
  return out;
}

// A binary min-heap on dueMs (ties: the step limit first, then by case id, so the order is deterministic).

function less(a: Entry, b: Entry): boolean {
  if (a.dueMs !== b.dueMs) return a.dueMs < b.dueMs;
  if (a.limit !== b.limit) return a.limit === 'step';
  return a.caseId < b.caseId;
}

function push(heap: Entry[], e: Entry): void {
  // Sift up with a hole: parents move down until e fits (no swaps).
  let i = heap.length;
  heap.push(e);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as Entry;
    if (!less(e, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = e;
}

function pop(heap: Entry[]): Entry {
  const top = heap[0] as Entry;
  const last = heap.pop() as Entry;
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(heap, 0);
  }
  return top;
}

function siftDown(heap: Entry[], i: number): void {
  const n = heap.length;
  const e = heap[i] as Entry;
  for (;;) {
    const l = 2 * i + 1, r = l + 1;
    if (l >= n) break;
    let child = l;
    if (r < n && less(heap[r] as Entry, heap[l] as Entry)) child = r;
    const c = heap[child] as Entry;
    if (!less(c, e)) break;
    heap[i] = c;
    i = child;
  }
  heap[i] = e;
}

function heapify(heap: Entry[]): void {
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
}
