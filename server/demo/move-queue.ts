// When the simulated duty next acts on each case: a min-heap of (atMs, caseId) with at most one
// live entry per case — a case rescheduled leaves its old entry behind, skipped when it surfaces.

export interface MoveQueue {
  /** Schedules (or reschedules) a case's next move. */
  set(caseId: string, atMs: number): void;
  /** Stops following a case. */
  delete(caseId: string): void;
  /** Removes and returns the cases due at or before nowMs, earliest first, at most `limit`. */
  popDue(nowMs: number, limit: number): string[];
  /** The earliest scheduled time, or null. */
  nextAt(): number | null;
  /** Cases followed. */
  readonly size: number;
}

interface Entry {
  atMs: number;
  caseId: string;
}

export function createMoveQueue(): MoveQueue {
  const heap: Entry[] = [];
  const due = new Map<string, number>();
  const less = (a: Entry, b: Entry) => a.atMs < b.atMs || (a.atMs === b.atMs && a.caseId < b.caseId);

  function push(e: Entry): void {
    let i = heap.push(e) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(e, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = e;
  }

  function pop(): Entry | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && less(heap[r]!, heap[l]!) ? r : l;
        if (!less(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }

  /** Drops stale entries from the top. */
  function clean(): void {
    while (heap.length > 0 && due.get(heap[0]!.caseId) !== heap[0]!.atMs) pop();
  }

  return {
    set(caseId, atMs) {
      due.set(caseId, atMs);
      push({ atMs, caseId });
      // Stale entries would pile up if cases were rescheduled far more often than they surface.
      if (heap.length > 4 * due.size + 1024) {
        const live = [...due].map(([id, at]) => ({ atMs: at, caseId: id }));
        heap.length = 0;
        for (const e of live) push(e);
      }
    },
    delete(caseId) {
      due.delete(caseId);
    },
    popDue(nowMs, limit) {
      const out: string[] = [];
      for (clean(); out.length < limit && heap.length > 0 && heap[0]!.atMs <= nowMs; clean()) {
        const e = pop()!;
        due.delete(e.caseId);
        out.push(e.caseId);
      }
      return out;
    },
    nextAt() {
      clean();
      return heap[0]?.atMs ?? null;
    },
    get size() {
      return due.size;
    },
  };
}
