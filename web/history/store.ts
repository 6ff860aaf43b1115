// The incident history the map draws: the last 30 days loaded once as Arrow, then kept live by
// appending what the live store receives. Publishes a new version at most once per `publishMs`,
// so a busy feed costs one attribute upload every two seconds, not one per tick.
import type { Incident } from '../../server/wire/index.ts';
import type { LiveStore } from '../live/store.ts';
import { appendIncidents, columnsFromArrow, oldestOccurred, withoutRowsBefore, type HistoryColumns } from './columns.ts';
import type { LoadedHistory, OnProgress } from './load.ts';

export type HistoryStatus =
  | { state: 'loading'; bytes: number }
  | { state: 'ready'; rows: number; bytes: number; ms: number; decodeMs: number }
  | { state: 'error'; message: string };

/** One published state: `columns` is the same object (grown in place) until rows are dropped. */
export interface HistorySnapshot {
  version: number;
  status: HistoryStatus;
  columns: HistoryColumns | null;
  /** Rows of `columns` at this version (appends after it belong to the next one). */
  rows: number;
  /** Start of the loaded range (ms). */
  sinceMs: number;
}

export interface HistoryStore {
  getSnapshot(): HistorySnapshot;
  subscribe(listener: () => void): () => void;
  /** Loads, follows the live store, and returns a stop function. */
  start(): () => void;
  /** Loads again now (the retry button). */
  retry(): void;
}

export interface HistoryStoreOptions {
  /** How far back the history goes, days. */
  days: number;
  load: (sinceMs: number, signal: AbortSignal, onProgress: OnProgress) => Promise<LoadedHistory>;
  /** Least time between published versions while live rows arrive, ms. */
  publishMs: number;
  /**
   * Wait after the live store published before the history does, ms: the new pin is drawn (and
   * clickable) in a render of its own, the dots and counts in the next one.
   */
  afterLiveMs: number;
  /** Wait before loading again by itself after a failure, ms. */
  retryMs: number;
  /** How often rows that slid out of the range are dropped, ms. */
  compactMs: number;
  now: () => number;
}

const DAY_MS = 86_400_000;
const DEFAULTS: Omit<HistoryStoreOptions, 'load'> = {
  // A new pin must be clickable within 2 s; a software-rendered wall redraws in hundreds of ms, so
  // the history's own redraw comes after that budget rather than competing with the pin's.
  days: 30, publishMs: 2000, afterLiveMs: 2000, retryMs: 15_000, compactMs: 3_600_000, now: () => Date.now(),
};

/** Oldest first by sequence: the order the server committed them. */
function bySeq(incidents: readonly Incident[]): Incident[] {
  return [...incidents].sort((a, b) => a.seq - b.seq);
}

/** A history store fed by `live`; call start() to load. */
export function createHistoryStore(live: LiveStore, options: Partial<HistoryStoreOptions> & Pick<HistoryStoreOptions, 'load'>): HistoryStore {
  const opts = { ...DEFAULTS, ...options };
  const listeners = new Set<() => void>();
  let snap: HistorySnapshot = { version: 0, status: { state: 'loading', bytes: 0 }, columns: null, rows: 0, sinceMs: 0 };
  let abort: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let publishTimer: ReturnType<typeof setTimeout> | null = null;
  let lastPublish = 0;

  function publish(next: Partial<HistorySnapshot>): void {
    if (publishTimer !== null) clearTimeout(publishTimer);
    publishTimer = null;
    lastPublish = opts.now();
    const columns = next.columns === undefined ? snap.columns : next.columns;
    snap = { ...snap, ...next, rows: columns?.length ?? 0, version: snap.version + 1 };
    for (const l of [...listeners]) l();
  }

  /** Publishes appended rows after afterLiveMs, and no sooner than publishMs after the last publish. */
  function publishSoon(): void {
    if (publishTimer !== null) return;
    const wait = Math.max(lastPublish + opts.publishMs - opts.now(), opts.afterLiveMs);
    if (wait <= 0) publish({});
    else publishTimer = setTimeout(() => publish({}), wait);
  }

  function load(): void {
    abort?.abort();
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    const ctrl = new AbortController();
    abort = ctrl;
    const started = opts.now();
    const sinceMs = started - opts.days * DAY_MS;
    publish({ status: { state: 'loading', bytes: 0 }, sinceMs });
    let lastBytes = 0;
    const onProgress: OnProgress = (bytes) => {
      // Progress a few times per megabyte is plenty for a status line.
      if (ctrl.signal.aborted || bytes - lastBytes < 256 * 1024) return;
      lastBytes = bytes;
      publish({ status: { state: 'loading', bytes } });
    };
    opts.load(sinceMs, ctrl.signal, onProgress).then(
      (loaded) => {
        if (ctrl.signal.aborted) return;
        const columns = columnsFromArrow(loaded.columns, loaded.lastSeq);
        // What the live store received while this loaded (and its own backfill): rows not here yet.
        appendIncidents(columns, bySeq(live.getSnapshot().incidents.newestFirst));
        publish({ columns, status: { state: 'ready', rows: columns.length, bytes: loaded.bytes, ms: Math.round(opts.now() - started), decodeMs: loaded.decodeMs } });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        publish({ status: { state: 'error', message: err instanceof Error ? err.message : String(err) } });
        retryTimer = setTimeout(load, opts.retryMs);
      },
    );
  }

  function onLive(incidents: readonly Incident[]): void {
    const columns = snap.columns;
    // While loading, the load picks these up from the live store's snapshot when it lands.
    if (!columns || snap.status.state === 'loading') return;
    if (appendIncidents(columns, bySeq(incidents)) > 0) publishSoon();
  }

  function compact(): void {
    const c = snap.columns;
    const minMs = opts.now() - opts.days * DAY_MS;
    if (c && oldestOccurred(c) < minMs) publish({ columns: withoutRowsBefore(c, minMs), sinceMs: minMs });
  }

  return {
    getSnapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      let epoch = live.getSnapshot().backfillEpoch;
      const stopLive = live.onIncidents(onLive);
      // A new backfill epoch after the first contact means the server's history restarted.
      const stopEpoch = live.subscribe(() => {
        const next = live.getSnapshot().backfillEpoch;
        if (next === epoch) return;
        const reset = epoch >= 1;
        epoch = next;
        if (reset) load();
      });
      const compactTimer = setInterval(compact, opts.compactMs);
      load();
      return () => {
        stopLive();
        stopEpoch();
        clearInterval(compactTimer);
        abort?.abort();
        if (retryTimer !== null) clearTimeout(retryTimer);
        if (publishTimer !== null) clearTimeout(publishTimer);
        retryTimer = null;
        publishTimer = null;
      };
    },
    retry: load,
  };
}
