// When the checkpoint is written. Writing it (temp file, fsync, rename) after every append costs
// milliseconds of blocked event loop on a journalling file system — 20–40 times the append itself
// — so a burst of appends (a login storm, a scan of unauthenticated requests) would be throttled by
// it. The first append after a quiet interval is checkpointed at once; later ones within the
// interval are checkpointed together at its end. A log ahead of its checkpoint is what a crash
// leaves anyway, and truncation is still caught: the pending checkpoint records what this process
// appended, not what the file holds when it is written.
import type { Checkpoint, CheckpointStore } from './checkpoint.ts';

/** How often a busy log is checkpointed. */
export const CHECKPOINT_INTERVAL_MS = 1000;

export interface CheckpointWriter {
  /** Records the new head: written now, or at the end of the current interval. */
  offer(checkpoint: Checkpoint): void;
  /** Writes a pending checkpoint now. */
  flush(): void;
  /** Flushes and stops the timer. */
  close(): void;
}

/**
 * Coalesces checkpoint writes to at most one per interval. A write that fails on the caller's path
 * throws there; one that fails from the timer is handed to `onError` and retried with the next.
 */
export function createCheckpointWriter(store: CheckpointStore, intervalMs: number, onError: (err: unknown) => void, clock: () => number = () => performance.now()): CheckpointWriter {
  let pending: Checkpoint | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    store.write(pending);
    pending = undefined;
    lastWrite = clock();
  }
  return {
    offer(checkpoint) {
      pending = checkpoint;
      if (timer !== undefined) return;
      const wait = lastWrite + intervalMs - clock();
      if (wait <= 0) return flush();
      timer = setTimeout(() => {
        timer = undefined;
        try {
          flush();
        } catch (err) {
          onError(err);
        }
      }, wait);
      // A pending checkpoint must not keep a finished process alive; close() writes it.
      timer.unref();
    },
    flush,
    close: flush,
  };
}
