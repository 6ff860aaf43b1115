// Loads the incident history of the current window over REST whenever the live store asks for it
// (first contact, or the server's history restarted). Live pushes cover everything after hello.
import type { Incident } from '../../server/wire/index.ts';
import type { LiveStore } from './store.ts';

export type FetchWindow = (sinceIso: string, signal: AbortSignal) => Promise<Incident[]>;

const RETRY_MS = 3000;

/** Keeps `store` backfilled; returns a stop function. */
export function keepBackfilled(store: LiveStore, fetchWindow: FetchWindow): () => void {
  let handledEpoch = 0;
  let abort: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  function run(epoch: number): void {
    abort?.abort();
    if (retry) clearTimeout(retry);
    const ctrl = new AbortController();
    abort = ctrl;
    const s = store.getSnapshot();
    const asOfMs = s.asOf ? Date.parse(s.asOf) : Date.now();
    const since = new Date((Number.isNaN(asOfMs) ? Date.now() : asOfMs) - s.windowMs).toISOString();
    fetchWindow(since, ctrl.signal).then(
      (incidents) => store.backfill(epoch, incidents),
      () => {
        if (ctrl.signal.aborted) return;
        retry = setTimeout(() => {
          if (store.getSnapshot().backfillEpoch === epoch) run(epoch);
        }, RETRY_MS);
      },
    );
  }

  const check = () => {
    const epoch = store.getSnapshot().backfillEpoch;
    if (epoch !== handledEpoch && epoch > 0) {
      handledEpoch = epoch;
      run(epoch);
    }
  };
  const unsubscribe = store.subscribe(check);
  check();
  return () => {
    unsubscribe();
    abort?.abort();
    if (retry) clearTimeout(retry);
  };
}
