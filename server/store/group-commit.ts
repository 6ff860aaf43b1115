// Group commit: appends that arrive in the same turn of the event loop — the batches of concurrent
// requests — are written in one transaction, so they share one WAL write and one fsync instead of
// paying for each. Every caller still hears back only after the transaction holding its items has
// committed (ack after commit); a transaction that fails is retried one batch at a time, so one
// bad batch cannot fail the others.

export interface GroupCommit<I, O> {
  /** Queues a batch; resolves with its outcomes once they are committed. */
  append(items: I[]): Promise<O[]>;
  /** Commits whatever is queued, now (before closing the database). */
  flush(): void;
}

/**
 * @param commit writes the batches in one transaction and returns each batch's outcomes, in order
 * @param maxItems most items per transaction: a larger group is split, so one commit never holds
 *   its thread for long
 * @param sizeOf how many items a batch counts as (its length unless said otherwise)
 */
export function createGroupCommit<I, O>(commit: (batches: I[][]) => O[][], maxItems: number, sizeOf: (items: I[]) => number = (items) => items.length): GroupCommit<I, O> {
  type Job = { items: I[]; resolve: (outcomes: O[]) => void; reject: (err: unknown) => void };
  let queue: Job[] = [];
  let scheduled = false;

  function run(jobs: Job[]): void {
    try {
      const outcomes = commit(jobs.map((j) => j.items));
      jobs.forEach((j, k) => j.resolve(outcomes[k] as O[]));
    } catch (err) {
      if (jobs.length === 1) {
        jobs[0]!.reject(err);
        return;
      }
      for (const j of jobs) run([j]);
    }
  }

  /** Commits the oldest queued batches, up to maxItems (at least one batch). */
  function commitGroup(): void {
    if (queue.length === 0) return;
    let n = 0;
    let k = 0;
    while (k < queue.length && (k === 0 || n + sizeOf(queue[k]!.items) <= maxItems)) n += sizeOf(queue[k++]!.items);
    const jobs = queue.slice(0, k);
    queue = queue.slice(k);
    run(jobs);
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      commitGroup();
      // The rest in a later turn: requests waiting on the event loop get served in between.
      if (queue.length > 0) schedule();
    });
  }

  return {
    append(items) {
      return new Promise<O[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        schedule();
      });
    },
    flush() {
      while (queue.length > 0) commitGroup();
    },
  };
}
