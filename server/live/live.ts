// The live channel: the one module that owns the Socket.IO server. Every TICK_MS it cuts one tick
// with everything new since the previous one — incidents read from the store after the last
// broadcast seq (so a tick is exactly the committed log, in order, whoever wrote it), moved units,
// camera changes, township counts when they changed — and broadcasts it as one message.
// A client that was away asks `resume {afterSeq}` and is answered from the store, paged.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { CameraStates } from '../cameras/camera-states.ts';
import type { IncidentStore } from '../store/types.ts';
import type { UnitState } from '../units/unit-state.ts';
import type { ClientToServerEvents, LiveHello, LiveTick, ResumeResult, ServerToClientEvents, TownshipCounts } from '../wire/index.ts';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface LiveOptions {
  /** Milliseconds between ticks. */
  tickMs: number;
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
}

export const DEFAULT_LIVE_OPTIONS: Omit<LiveOptions, 'tickMs' | 'windowMs' | 'version' | 'demoFeed'> = {
  resumePageSize: 500,
  maxIncidentsPerTick: 2000,
  heartbeatMs: 2000,
  countsRefreshMs: 5000,
};

export interface LiveDeps {
  httpServer: HttpServer;
  store: IncidentStore;
  /** Current per-township counts of the window (the aggregate stage). */
  townshipCounts: (nowMs: number) => TownshipCounts;
  units: UnitState;
  cameras: CameraStates;
  now?: () => number;
  onError?: (err: unknown) => void;
}

export interface Live {
  io: LiveServer;
  /** Starts ticking from the store's current last seq (earlier incidents are for resume, not ticks). */
  start(): Promise<void>;
  /** Cuts and broadcasts one tick now (the timer calls this; exposed for a deterministic close). */
  tick(): Promise<void>;
  /** Highest seq broadcast so far. */
  sentSeq(): number;
  /** Stops ticking and drops every client's connection (they reconnect to the next server). */
  close(): Promise<void>;
}

function sameCounts(a: TownshipCounts | undefined, b: TownshipCounts): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export function createLive(deps: LiveDeps, options: Partial<LiveOptions> & Pick<LiveOptions, 'tickMs' | 'windowMs' | 'version' | 'demoFeed'>): Live {
  const o: LiveOptions = { ...DEFAULT_LIVE_OPTIONS, ...options };
  const now = deps.now ?? Date.now;
  const onError = deps.onError ?? ((err: unknown) => console.error('[live]', err));
  const io: LiveServer = new Server(deps.httpServer, {
    serveClient: false,
    // Clients only send small resume requests.
    maxHttpBufferSize: 16 * 1024,
  });

  let sent = 0;
  let lastCounts: TownshipCounts | undefined;
  let lastCountsCheck = 0;
  let lastEmit = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  io.on('connection', (socket) => {
    const t = now();
    // Every incident after this seq reaches this socket in ticks (they cover sent+1 onwards), so a
    // resume answers only up to it: the client gets each missed incident once, none twice.
    const greetedSeq = sent;
    const hello: LiveHello = {
      version: o.version,
      asOf: new Date(t).toISOString(),
      lastSeq: greetedSeq,
      windowMs: o.windowMs,
      townshipCounts: deps.townshipCounts(t),
      units: deps.units.latest(),
      demoFeed: o.demoFeed,
    };
    socket.emit('hello', hello);

    socket.on('resume', (req, ack) => {
      if (typeof ack !== 'function') return;
      const upto = greetedSeq;
      const afterSeq = (req as { afterSeq?: unknown } | null)?.afterSeq;
      if (typeof afterSeq !== 'number' || !Number.isSafeInteger(afterSeq) || afterSeq < 0) {
        // Named, not answered as "nothing missed": a client must not take a bad request for an
        // empty gap. (Only the type or the number is echoed: stringifying arbitrary input could throw.)
        const got = typeof afterSeq === 'number' ? String(afterSeq) : `a value of type ${afterSeq === null ? 'null' : typeof afterSeq}`;
        ack({ incidents: [], lastSeq: upto, more: false, error: `resume needs { afterSeq: a whole number >= 0 }, got ${got}` });
        return;
      }
      if (afterSeq >= upto) {
        ack({ incidents: [], lastSeq: upto, more: false });
        return;
      }
      deps.store.after(afterSeq, o.resumePageSize).then(
        (page) => {
          const incidents = page.filter((i) => i.seq <= upto);
          const last = incidents.at(-1)?.seq ?? afterSeq;
          const result: ResumeResult = { incidents, lastSeq: upto, more: last < upto };
          ack(result);
        },
        (err: unknown) => {
          onError(err);
          // Drop the connection (not a server disconnect, which clients never come back from): the
          // client reconnects and resumes again.
          socket.conn.close();
        },
      );
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
    const incidents = await deps.store.after(sent, o.maxIncidentsPerTick);
    const tick: LiveTick = { asOf: new Date(t).toISOString(), lastSeq: sent, incidents };
    if (incidents.length > 0) {
      sent = incidents.at(-1)!.seq;
      tick.lastSeq = sent;
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

    const empty = incidents.length === 0 && !tick.townshipCounts && !tick.units && !tick.cameras;
    if (empty && t - lastEmit < o.heartbeatMs) return;
    lastEmit = t;
    io.emit('tick', tick);
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

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      void tick().finally(schedule);
    }, o.tickMs);
  }

  return {
    io,
    async start() {
      sent = await deps.store.lastSeq();
      lastCounts = deps.townshipCounts(now());
      lastCountsCheck = now();
      lastEmit = now();
      schedule();
    },
    tick,
    sentSeq: () => sent,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
      // Close the engine's transports (not the HTTP server: fastify owns and closes it), and only
      // them: clients see a lost connection and come back and resume once the server is up again.
      // A namespace disconnect (disconnectSockets) would tell socket.io-client never to reconnect.
      io.engine.close();
    },
  };
}
