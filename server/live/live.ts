// The live channel: the one module that owns the Socket.IO server. Every TICK_MS it cuts one tick
// with everything new since the previous one — incidents read from the store after the last
// broadcast seq (so a tick is exactly the committed log, in order, whoever wrote it), moved units,
// camera changes, township counts when they changed — and sends each jurisdiction's room its own
// cut of it. Who connects is decided here too: the handshake must come from an allowed origin and
// carry a valid session (or display token); the room follows from that session's jurisdiction,
// never from anything the client names. A client that was away asks `resume {afterSeq}` and is
// answered from the store (resume.ts), paged, with only what its jurisdiction may see. A client
// that stops reading is dropped once its connection holds more than maxQueuedBytes (backpressure.ts)
// and comes back the same way, so a stalled screen costs the server a bounded amount of memory.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Scope } from '../auth/scope.ts';
import type { ScopeFilter } from '../auth/scope-filter.ts';
import type { CameraStates } from '../cameras/camera-states.ts';
import type { IncidentStore } from '../store/types.ts';
import type { UnitState } from '../units/unit-state.ts';
import type { CaseCounts, ClientToServerEvents, LiveHello, LiveTick, ServerToClientEvents, TownshipCounts } from '../wire/index.ts';
import { createLagGuard, DEFAULT_MAX_QUEUED_BYTES } from './backpressure.ts';
import { readLog } from './log-reader.ts';
import { createTickSchedule } from './tick-schedule.ts';
import type { LiveCases, LiveUnitStatuses } from './log-reader.ts';
import { cutTick, emptyTick, sameCounts, scopedCaseCounts } from './scoped-tick.ts';
import { createResumeAnswer } from './resume.ts';

/** Who holds a socket: established at the handshake, kept in socket.data. */
export interface Viewer {
  scope: Scope;
  /** Null for a display connected with its link token (no session stored). */
  sessionId: number | null;
  accountId: number | null;
  displayLinkId: number | null;
}

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { viewer: Viewer }>;

export interface LiveOptions {
  /** Longest time between ticks when nothing is committed (unit fixes, camera states, heartbeat). */
  tickMs: number;
  /** A commit is sent this long after it, so the commits of one burst share a tick. */
  coalesceMs: number;
  /** Shortest time between two ticks' starts, however busy the feed. */
  minTickGapMs: number;
  /** Counting window of the township counts, ms (told to clients in hello). */
  windowMs: number;
  version: string;
  demoFeed: boolean;
  /** Incidents per resume answer. */
  resumePageSize: number;
  /** Most incidents in one tick; a larger backlog flows over the following ticks, in order. */
  maxIncidentsPerTick: number;
  /** With nothing new, a tick still goes out this often so clients can show "as of" and notice silence. */
  heartbeatMs: number;
  /** How often the counts are re-checked with no new incidents (the window slides with time). */
  countsRefreshMs: number;
  /** How often every open socket's session is checked again (expiry, or a revocation by another process). */
  revalidateMs: number;
  /**
   * Most bytes a connection may hold unsent when a tick is due (a client that stopped reading):
   * past it the connection is dropped, and the client resumes by seq when it reads again.
   */
  maxQueuedBytes: number;
}

export const DEFAULT_LIVE_OPTIONS: Omit<LiveOptions, 'tickMs' | 'windowMs' | 'version' | 'demoFeed'> = {
  coalesceMs: 5,
  minTickGapMs: 25,
  resumePageSize: 500,
  maxIncidentsPerTick: 2000,
  heartbeatMs: 2000,
  countsRefreshMs: 5000,
  revalidateMs: 30_000,
  maxQueuedBytes: DEFAULT_MAX_QUEUED_BYTES,
};

export interface LiveAuth {
  /** The viewer of a handshake (session cookie or display token), or a reason to refuse it. */
  authenticate(req: IncomingMessage, auth: unknown): Viewer | { refused: string };
  /** True when a request with this Origin may open the channel. */
  originAllowed(req: IncomingMessage): boolean;
  /** False once the viewer's session ended, its account was disabled or its link revoked. */
  stillValid(viewer: Viewer): boolean;
}

export interface LiveDeps {
  httpServer: HttpServer;
  store: IncidentStore;
  /** Current per-township counts of the window (the aggregate stage). */
  townshipCounts: (nowMs: number) => TownshipCounts;
  units: UnitState;
  cameras: CameraStates;
  auth: LiveAuth;
  scopeFilter: ScopeFilter;
  now?: () => number;
  onError?: (err: unknown) => void;
  /** Info lines (a client dropped for lag). */
  log?: (message: string) => void;
  /** The case book: the views of changed cases, the deadlines, the counts. */
  cases: LiveCases;
  /** The unit book: the duty statuses of units that changed. */
  unitStatuses?: LiveUnitStatuses;
}

export interface Live {
  io: LiveServer;
  /** Starts ticking from the store's current last seq (earlier incidents are for resume, not ticks). */
  start(): Promise<void>;
  /** Cuts and sends one tick now (the timer calls this; exposed for a deterministic close). */
  tick(): Promise<void>;
  /** Something was committed: cut a tick within coalesceMs (not at the next tickMs). */
  wake(): void;
  /** Highest seq broadcast so far. */
  sentSeq(): number;
  /** Connections dropped so far because they held more than maxQueuedBytes. */
  laggardsDropped(): number;
  /**
   * Disconnects every socket whose viewer matches; returns how many. 'revoke' ends them for good
   * (socket.io-client does not reconnect after a server disconnect); 'reconnect' drops the
   * transport, so the client reconnects and is authenticated (and given its room) anew.
   */
  disconnectWhere(match: (viewer: Viewer) => boolean, mode?: 'revoke' | 'reconnect'): number;
  /** Stops ticking and drops every client's connection (they reconnect to the next server). */
  close(): Promise<void>;
}

const roomOf = (scope: Scope) => `scope:${scope.code}`;

export function createLive(deps: LiveDeps, options: Partial<LiveOptions> & Pick<LiveOptions, 'tickMs' | 'windowMs' | 'version' | 'demoFeed'>): Live {
  const o: LiveOptions = { ...DEFAULT_LIVE_OPTIONS, ...options };
  const now = deps.now ?? Date.now;
  const onError = deps.onError ?? ((err: unknown) => console.error('[live]', err));
  const log = deps.log ?? ((message: string) => console.info('[live]', message));
  const filter = deps.scopeFilter;
  const io: LiveServer = new Server(deps.httpServer, {
    serveClient: false,
    // Clients only send small resume requests.
    maxHttpBufferSize: 16 * 1024,
    // Refused before any Socket.IO session exists: a page of another origin cannot open one.
    allowRequest: (req, callback) => callback(null, deps.auth.originAllowed(req)),
  });

  // Authentication runs on every connection, reconnections included (no recovery that skips it).
  io.use((socket, next) => {
    const viewer = deps.auth.authenticate(socket.request, socket.handshake.auth);
    if ('refused' in viewer) return next(new Error(viewer.refused));
    socket.data.viewer = viewer;
    next();
  });

  let sent = 0;
  let lastCounts: TownshipCounts | undefined;
  let lastCountsCheck = 0;
  /** Per room: the scope, its last emit time and the counts it was last sent. */
  const rooms = new Map<string, { scope: Scope; lastEmit: number; counts?: TownshipCounts; caseCounts?: CaseCounts }>();
  let lastCaseCountsVersion = -1;
  let revalidator: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const answerResume = createResumeAnswer(deps.store, deps.cases, o.resumePageSize, now, deps.unitStatuses);
  const lag = createLagGuard(
    o.maxQueuedBytes,
    (id) => io.sockets.sockets.get(id)?.conn,
    (id, queued) => log(`dropped live client ${id}: ${queued} bytes unsent (bound ${o.maxQueuedBytes}), it stopped reading or fell behind; it resumes by seq when it reads again`),
  );

  io.on('connection', (socket) => {
    const { scope } = socket.data.viewer;
    const room = roomOf(scope);
    if (!rooms.has(room)) rooms.set(room, { scope, lastEmit: now(), caseCounts: scopedCaseCounts(scope, deps.cases.counts().counts) });
    void socket.join(room);
    const t = now();
    // Every incident after this seq reaches this socket in ticks (they cover sent+1 onwards), so a
    // resume answers only up to it: the client gets each missed incident once, none twice.
    const greetedSeq = sent;
    const hello: LiveHello = {
      version: o.version,
      asOf: new Date(t).toISOString(),
      lastSeq: greetedSeq,
      windowMs: o.windowMs,
      townshipCounts: filter.counts(scope, deps.townshipCounts(t)),
      units: filter.units(scope, deps.units.latest()).fixes,
      demoFeed: o.demoFeed,
      caseCounts: scopedCaseCounts(scope, deps.cases.counts().counts),
    };
    socket.emit('hello', hello);

    socket.on('disconnect', () => {
      if ((io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) rooms.delete(room);
    });

    socket.on('resume', (req, ack) => {
      if (typeof ack !== 'function') return;
      answerResume(scope, req, greetedSeq).then(ack, (err: unknown) => {
        onError(err);
        // Drop the connection (not a server disconnect, which clients never come back from): the
        // client reconnects and resumes again.
        socket.conn.close();
      });
    });
  });

  async function cutAndEmit(): Promise<void> {
    const t = now();
    if (io.engine.clientsCount === 0) {
      // Nobody to tell: skip reading the log (a client that connects later is greeted at lastSeq),
      // unless one connected while the store answered: it was greeted at the old seq, so the
      // incidents since must still reach it in this tick.
      const last = await deps.store.lastSeq();
      if (io.engine.clientsCount === 0) {
        sent = last;
        deps.units.drainChanged();
        deps.cameras.drainChanged();
        return;
      }
    }
    const log = await readLog(deps.store, deps.cases, sent, o.maxIncidentsPerTick, deps.unitStatuses);
    const { incidents } = log;
    sent = log.lastSeq;
    const tick: LiveTick = { asOf: new Date(t).toISOString(), lastSeq: sent, incidents };
    // Cases: those changed in this stretch of the log, and those that just crossed a limit (超时).
    const overdue = deps.cases.popDue(t);
    for (const c of overdue) log.changed.add(c.caseId);
    if (log.changed.size > 0) tick.cases = deps.cases.views(log.changed, t);
    if (overdue.length > 0) tick.overdue = overdue;
    if (deps.unitStatuses && log.unitsChanged.size > 0) tick.unitStatuses = deps.unitStatuses.views(log.unitsChanged);
    const caseCounts = deps.cases.counts();
    if (caseCounts.version !== lastCaseCountsVersion) {
      lastCaseCountsVersion = caseCounts.version;
      tick.caseCounts = caseCounts.counts;
    }
    if (incidents.length > 0 || t - lastCountsCheck >= o.countsRefreshMs) {
      lastCountsCheck = t;
      const counts = deps.townshipCounts(t);
      if (!sameCounts(lastCounts, counts)) {
        tick.townshipCounts = counts;
        lastCounts = counts;
      }
    }
    const units = deps.units.drainChanged();
    if (units.length > 0) tick.units = units;
    const cameras = deps.cameras.drainChanged();
    if (cameras.length > 0) tick.cameras = cameras;

    for (const [room, r] of rooms) {
      const cut = cutTick(tick, r.scope, filter, r.counts, r.caseCounts);
      if (emptyTick(cut) && t - r.lastEmit < o.heartbeatMs) continue;
      r.lastEmit = t;
      if (cut.townshipCounts) r.counts = cut.townshipCounts;
      if (cut.caseCounts) r.caseCounts = cut.caseCounts;
      // Laggards first, so the room emit (one encoding for all) goes only to the sockets that read.
      lag.dropLaggards(io.sockets.adapter.rooms.get(room) ?? []);
      io.to(room).emit('tick', cut);
    }
  }

  function tick(): Promise<void> {
    // Never two at once: a slow store read delays the next tick instead of racing it.
    running ??= cutAndEmit()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  // A tick soon after each commit (coalesced), else every tickMs.
  const schedule = createTickSchedule(tick, { periodMs: o.tickMs, coalesceMs: o.coalesceMs, minGapMs: Math.min(o.minTickGapMs, o.tickMs) });

  function disconnectWhere(match: (viewer: Viewer) => boolean, mode: 'revoke' | 'reconnect' = 'revoke'): number {
    let n = 0;
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.viewer && match(socket.data.viewer)) {
        if (mode === 'revoke') socket.disconnect(true);
        else socket.conn.close();
        n += 1;
      }
    }
    return n;
  }

  return {
    io,
    async start() {
      sent = await deps.store.lastSeq();
      lastCaseCountsVersion = deps.cases.counts().version;
      lastCounts = deps.townshipCounts(now());
      lastCountsCheck = now();
      schedule.start();
      revalidator = setInterval(() => {
        try {
          disconnectWhere((v) => !deps.auth.stillValid(v));
        } catch (err) {
          onError(err);
        }
      }, o.revalidateMs);
      revalidator.unref();
    },
    tick,
    wake: () => schedule.wake(),
    sentSeq: () => sent,
    laggardsDropped: lag.dropped,
    disconnectWhere,
    async close() {
      clearInterval(revalidator);
      await schedule.stop();
      await running;
      // Close the engine's transports (not the HTTP server: fastify owns and closes it), and only
      // them: clients see a lost connection and come back and resume once the server is up again.
      // A namespace disconnect (disconnectSockets) would tell socket.io-client never to reconnect.
      io.engine.close();
    },
  };
}
