// The live store: everything the server pushes, keyed by id, with a version counter. Updates are
// buffered and published a few times a second, so a burst of ticks costs one render, not one each.
// Only web/net/socket.ts (live pushes) and the backfill (REST) write to it.
import type {
  CameraStateChange, Incident, LiveHello, LiveTick, ResumeResult, TownshipCounts, UnitFix,
} from '../../server/wire/index.ts';
import type { CaseCounts, CaseView, OverdueChange } from '../../server/wire/case-api.ts';
import { EMPTY_INCIDENTS, mergeCameraStates, mergeIncidents, mergeUnits, type IncidentSet } from './merge.ts';

/** 'catching-up': connected again and replaying what the disconnection missed, before live ticks. */
export type ConnectionState = 'connecting' | 'catching-up' | 'connected' | 'reconnecting' | 'offline';

/** One published, immutable state of the live data. Unchanged parts keep their references. */
export interface LiveSnapshot {
  /** Incremented on every publish. */
  version: number;
  connection: ConnectionState;
  /** Server time of the latest hello or tick. */
  asOf: string | null;
  /** Client clock (ms) when the latest message arrived: how fresh `asOf` is. */
  receivedAtMs: number | null;
  serverVersion: string | null;
  demoFeed: boolean | null;
  windowMs: number;
  incidents: IncidentSet;
  townshipCounts: TownshipCounts;
  units: ReadonlyMap<string, UnitFix>;
  cameraStates: ReadonlyMap<string, CameraStateChange>;
  /** Changes when the incident history must be (re)loaded over REST: first contact or a server reset. */
  backfillEpoch: number;
  /** Open, overdue and per-stage cases per township, as the server last counted them. */
  caseCounts: CaseCounts;
}

/** The cases of one publish: changed cases as they are now (newest view wins) and limits just crossed. */
export interface CaseChanges {
  cases: readonly CaseView[];
  overdue: readonly OverdueChange[];
}

/** What the socket should do after a hello. */
export type HelloOutcome = 'fresh' | 'resume' | 'reset';

export interface LiveStore {
  getSnapshot(): LiveSnapshot;
  subscribe(listener: () => void): () => void;
  /** Highest sequence number up to which everything has been received (null before first contact). */
  lastSeq(): number | null;
  setConnection(state: ConnectionState): void;
  hello(hello: LiveHello): HelloOutcome;
  tick(tick: LiveTick): void;
  resumed(page: ResumeResult): void;
  /** Adds incidents loaded over REST for `epoch`; ignored if a newer backfill was asked for since. */
  backfill(epoch: number, incidents: readonly Incident[]): void;
  /**
   * Calls `listener` with the incidents of each publish (new or changed, from ticks, resumes and
   * backfills; may repeat known ones), once per publish: the incident history appends them.
   */
  onIncidents(listener: (incidents: readonly Incident[]) => void): () => void;
  /**
   * Calls `listener` with the case changes of each publish that has any (ticks and resumes), once
   * per publish: case lists and cards merge them into what they loaded over REST.
   */
  onCases(listener: (changes: CaseChanges) => void): () => void;
  /** Publishes buffered updates now (tests and shutdown). */
  flush(): void;
  dispose(): void;
}

export interface LiveStoreOptions {
  /** How often buffered updates are published, ms (a few times a second). */
  publishMs: number;
  /** Most incidents kept in memory (newest win), so long-running wall displays stay flat. */
  maxIncidents: number;
  /** Client clock, injectable for tests. */
  now: () => number;
}

const DEFAULTS: LiveStoreOptions = { publishMs: 250, maxIncidents: 50_000, now: () => Date.now() };
const DEFAULT_WINDOW_MS = 24 * 3600_000;

type Pending =
  | { kind: 'incidents'; incidents: readonly Incident[] }
  | { kind: 'cases'; cases: readonly CaseView[] }
  | { kind: 'tick'; tick: LiveTick };

/** Keeps the later of two views of one case (a resume page and a tick may both carry it). */
function keepNewer(into: Map<string, CaseView>, c: CaseView): void {
  const had = into.get(c.id);
  if (!had || had.version <= c.version) into.set(c.id, c);
}

/** Creates an empty live store. */
export function createLiveStore(options: Partial<LiveStoreOptions> = {}): LiveStore {
  const opts = { ...DEFAULTS, ...options };
  const listeners = new Set<() => void>();
  const incidentListeners = new Set<(incidents: readonly Incident[]) => void>();
  const caseListeners = new Set<(changes: CaseChanges) => void>();
  let snap: LiveSnapshot = {
    version: 0, connection: 'connecting', asOf: null, receivedAtMs: null, serverVersion: null,
    demoFeed: null, windowMs: DEFAULT_WINDOW_MS, incidents: EMPTY_INCIDENTS, townshipCounts: {},
    units: new Map(), cameraStates: new Map(), backfillEpoch: 0, caseCounts: {},
  };
  let lastSeq: number | null = null;
  let pending: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function publish(next: Omit<LiveSnapshot, 'version'>): void {
    snap = { ...next, version: snap.version + 1 };
    for (const l of [...listeners]) l();
  }

  function minOccurredMs(asOf: string | null, windowMs: number): number {
    const t = asOf ? Date.parse(asOf) : Number.NaN;
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t - windowMs;
  }

  function flush(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    let { asOf, townshipCounts, units, cameraStates, receivedAtMs, caseCounts } = snap;
    const incoming: Incident[] = [];
    const changedCases = new Map<string, CaseView>();
    const overdue: OverdueChange[] = [];
    for (const p of batch) {
      if (p.kind === 'incidents') {
        incoming.push(...p.incidents);
        continue;
      }
      if (p.kind === 'cases') {
        for (const c of p.cases) keepNewer(changedCases, c);
        continue;
      }
      const t = p.tick;
      asOf = t.asOf;
      receivedAtMs = opts.now();
      incoming.push(...t.incidents);
      if (t.townshipCounts) townshipCounts = t.townshipCounts;
      if (t.units) units = mergeUnits(units, t.units);
      if (t.cameras) cameraStates = mergeCameraStates(cameraStates, t.cameras);
      if (t.caseCounts) caseCounts = t.caseCounts;
      for (const c of t.cases ?? []) keepNewer(changedCases, c);
      if (t.overdue) overdue.push(...t.overdue);
    }
    const incidents = mergeIncidents(snap.incidents, incoming, {
      minOccurredMs: minOccurredMs(asOf, snap.windowMs),
      max: opts.maxIncidents,
    });
    publish({ ...snap, asOf, receivedAtMs, townshipCounts, units, cameraStates, incidents, caseCounts });
    if (incoming.length > 0) for (const l of [...incidentListeners]) l(incoming);
    if (changedCases.size > 0 || overdue.length > 0) {
      const changes: CaseChanges = { cases: [...changedCases.values()], overdue };
      for (const l of [...caseListeners]) l(changes);
    }
  }

  function enqueue(p: Pending): void {
    pending.push(p);
    timer ??= setTimeout(flush, opts.publishMs);
  }

  return {
    getSnapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastSeq: () => lastSeq,
    onIncidents(listener) {
      incidentListeners.add(listener);
      return () => incidentListeners.delete(listener);
    },
    onCases(listener) {
      caseListeners.add(listener);
      return () => caseListeners.delete(listener);
    },
    setConnection(connection) {
      if (connection === snap.connection) return;
      publish({ ...snap, connection });
    },
    hello(h) {
      flush();
      let outcome: HelloOutcome = 'resume';
      let { incidents, backfillEpoch } = snap;
      if (lastSeq === null) {
        outcome = 'fresh';
      } else if (h.lastSeq < lastSeq) {
        // The server's history restarted (new data directory): what we hold no longer matches it.
        outcome = 'reset';
        incidents = EMPTY_INCIDENTS;
      }
      if (outcome !== 'resume') {
        lastSeq = h.lastSeq;
        backfillEpoch += 1;
      }
      const units = new Map(h.units.map((u) => [u.id, u] as const));
      publish({
        ...snap, connection: outcome === 'resume' ? 'catching-up' : 'connected', asOf: h.asOf, receivedAtMs: opts.now(), serverVersion: h.version,
        demoFeed: h.demoFeed, windowMs: h.windowMs, townshipCounts: h.townshipCounts, units, incidents, backfillEpoch,
        caseCounts: h.caseCounts ?? {},
      });
      return outcome;
    },
    tick(t) {
      lastSeq = Math.max(lastSeq ?? 0, t.lastSeq);
      enqueue({ kind: 'tick', tick: t });
    },
    resumed(page) {
      const last = page.incidents.at(-1);
      // While more pages remain, only the end of this page is known to be complete.
      const upTo = page.more && last ? last.seq : page.lastSeq;
      lastSeq = Math.max(lastSeq ?? 0, upTo);
      if (page.incidents.length > 0) enqueue({ kind: 'incidents', incidents: page.incidents });
      if (page.cases.length > 0) enqueue({ kind: 'cases', cases: page.cases });
      if (!page.more && snap.connection === 'catching-up') publish({ ...snap, connection: 'connected' });
    },
    backfill(epoch, incidents) {
      if (epoch !== snap.backfillEpoch) return;
      if (incidents.length > 0) enqueue({ kind: 'incidents', incidents });
    },
    flush,
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = [];
      listeners.clear();
      incidentListeners.clear();
      caseListeners.clear();
    },
  };
}
