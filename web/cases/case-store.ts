// The web's cases: the duty console's queue, loaded over REST with the tab, filters and sort the
// officer chose, and the newest view of every case seen (queue answers, live changes, command
// answers), which the queue rows, the case card and the map's pins draw. Live changes update the
// views at once; the queue's membership and tab counts are the server's, so any change asks for
// the queue again (coalesced), and a reconnect or a server reset reloads it.
import type { CaseListResponse, CaseTab, CaseView } from '../../server/wire/case-api.ts';
import type { CaseListFilter } from '../api/cases.ts';
import type { LiveStore } from '../live/store.ts';
import { mergeViews, NO_CASE_VIEWS, type CaseViews } from './case-views.ts';

/** What the officer chose to see in the queue; '' = any. */
export interface QueueFilter {
  tab: CaseTab;
  sort: 'due' | 'newest';
  township: string;
  category: string;
  source: string;
}

export interface QueueState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Case ids in the server's order for the filter. */
  ids: readonly string[];
  /** Cases per tab in the caller's scope (whatever the filters). */
  tabs: Readonly<Record<CaseTab, number>> | null;
  truncated: boolean;
  /** The server's reason when the last load failed. */
  error: string | null;
}

export interface CaseSnapshot {
  /** Incremented on every change. */
  version: number;
  views: CaseViews;
  filter: QueueFilter;
  queue: QueueState;
}

export type FetchCases = (filter: CaseListFilter, signal: AbortSignal) => Promise<CaseListResponse>;

export interface CaseStoreOptions {
  fetchCases: FetchCases;
  /** Most cases one queue answer holds. */
  limit: number;
  /** Wait before asking for the queue again after a change, ms (changes in a burst share one load). */
  refreshDelayMs: number;
  /** Least time between two loads started by live changes, ms. */
  minIntervalMs: number;
  /** Wait before retrying a failed load, ms. */
  retryMs: number;
  /** Most overdue cases loaded for the map's rings (the live channel adds each one that crosses later). */
  overdueLimit: number;
  now: () => number;
}

export interface CaseStore {
  getSnapshot(): CaseSnapshot;
  subscribe(listener: () => void): () => void;
  /** Changes the queue's tab, sort or filters and loads it. */
  setFilter(patch: Partial<QueueFilter>): void;
  /** Loads the queue and keeps it current until the returned function is called (the queue panel is shown). */
  watchQueue(): () => void;
  /** Views from other answers: a command's (applied, or the current case of a refusal), a case read by id. */
  ingest(views: readonly CaseView[]): void;
  /** Follows the live store (and loads the overdue cases, for the map's rings) until the returned function is called. */
  start(): () => void;
}

export const DEFAULT_FILTER: QueueFilter = { tab: 'new', sort: 'due', township: '', category: '', source: '' };
const IDLE: QueueState = { status: 'idle', ids: [], tabs: null, truncated: false, error: null };
const DEFAULTS: Omit<CaseStoreOptions, 'fetchCases'> = { limit: 200, refreshDelayMs: 60, minIntervalMs: 400, retryMs: 3000, overdueLimit: 1000, now: () => Date.now() };

/** The REST query of a queue filter. */
export function queueQuery(f: QueueFilter, limit: number): CaseListFilter {
  return {
    tab: f.tab, sort: f.sort, limit,
    ...(f.township ? { township: f.township } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.source ? { source: f.source } : {}),
  };
}

export function createCaseStore(live: LiveStore, options: Partial<CaseStoreOptions> & Pick<CaseStoreOptions, 'fetchCases'>): CaseStore {
  const opts: CaseStoreOptions = { ...DEFAULTS, ...options };
  const listeners = new Set<() => void>();
  let snap: CaseSnapshot = { version: 0, views: NO_CASE_VIEWS, filter: DEFAULT_FILTER, queue: IDLE };
  let watchers = 0;
  let inFlight: AbortController | null = null;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let epoch = 0;
  let connected = false;

  function publish(next: Omit<CaseSnapshot, 'version'>): void {
    snap = { ...next, version: snap.version + 1 };
    for (const l of [...listeners]) l();
  }

  function setViews(incoming: readonly CaseView[]): void {
    const views = mergeViews(snap.views, incoming);
    if (views !== snap.views) publish({ ...snap, views });
  }

  function load(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    inFlight?.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    dirty = false;
    lastStart = opts.now();
    const filter = snap.filter;
    if (snap.queue.status !== 'ready') publish({ ...snap, queue: { ...snap.queue, status: 'loading' } });
    opts.fetchCases(queueQuery(filter, opts.limit), ctrl.signal).then(
      (res) => {
        if (ctrl.signal.aborted) return;
        inFlight = null;
        publish({
          ...snap,
          views: mergeViews(snap.views, res.cases),
          queue: { status: 'ready', ids: res.cases.map((c) => c.id), tabs: res.tabs, truncated: res.truncated, error: null },
        });
        if (dirty) refreshSoon();
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        inFlight = null;
        publish({ ...snap, queue: { ...snap.queue, status: 'error', error: err instanceof Error ? err.message : String(err) } });
        if (watchers > 0) timer = setTimeout(load, opts.retryMs);
      },
    );
  }

  /** Asks for the queue again soon: after a short wait, no sooner than minIntervalMs after the last load, never two at once. */
  function refreshSoon(): void {
    if (watchers === 0) return;
    if (inFlight) {
      dirty = true;
      return;
    }
    if (timer !== null) return;
    const wait = Math.max(opts.refreshDelayMs, lastStart + opts.minIntervalMs - opts.now());
    timer = setTimeout(load, wait);
  }

  /** The overdue cases of the whole scope, whatever the queue shows, so every stuck case gets its ring. */
  let overdueLoad: AbortController | null = null;
  function loadOverdue(): void {
    overdueLoad?.abort();
    const ctrl = new AbortController();
    overdueLoad = ctrl;
    opts.fetchCases({ tab: 'overdue', sort: 'due', limit: opts.overdueLimit }, ctrl.signal).then(
      (res) => { if (!ctrl.signal.aborted) setViews(res.cases); },
      () => undefined, // The rings then come from the live channel and the queue only.
    );
  }

  function follow(): () => void {
    epoch = live.getSnapshot().backfillEpoch;
    connected = live.getSnapshot().connection === 'connected';
    const offCases = live.onCases((changes) => {
      setViews(changes.cases);
      refreshSoon();
    });
    // New incidents are new cases (待受理).
    const offIncidents = live.onIncidents(() => refreshSoon());
    const offLive = live.subscribe(() => {
      const s = live.getSnapshot();
      const reset = s.backfillEpoch !== epoch;
      const wasReset = reset && epoch > 0;
      const reconnected = !connected && s.connection === 'connected';
      epoch = s.backfillEpoch;
      connected = s.connection === 'connected';
      // A new epoch after the first: the server's history restarted, so what we hold is void.
      if (wasReset && snap.views.size > 0) publish({ ...snap, views: NO_CASE_VIEWS });
      if (reset || reconnected) loadOverdue();
      if ((reset || reconnected) && watchers > 0) load();
    });
    loadOverdue();
    return () => {
      offCases();
      offIncidents();
      offLive();
      overdueLoad?.abort();
    };
  }

  return {
    getSnapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setFilter(patch) {
      const filter = { ...snap.filter, ...patch };
      if ((Object.keys(filter) as (keyof QueueFilter)[]).every((k) => filter[k] === snap.filter[k])) return;
      // The old rows would be wrong under the new filter: show it loading.
      publish({ ...snap, filter, queue: { ...snap.queue, status: 'loading' } });
      if (watchers > 0) load();
    },
    watchQueue() {
      watchers += 1;
      if (watchers === 1) load();
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        watchers -= 1;
        if (watchers === 0) {
          inFlight?.abort();
          inFlight = null;
          if (timer !== null) clearTimeout(timer);
          timer = null;
        }
      };
    },
    // The queue follows from the live change every command makes.
    ingest: setViews,
    start() {
      const stop = follow();
      return () => {
        stop();
        inFlight?.abort();
        inFlight = null;
        if (timer !== null) clearTimeout(timer);
        timer = null;
      };
    },
  };
}
