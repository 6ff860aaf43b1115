// A live-channel client that follows the resume protocol the way the web does (hello → resume pages
// from its last seq, ticks that arrive meanwhile held back and applied after), but is strict where
// the web is forgiving: it keeps every incident in the order received, never merges by id, and
// records a problem for any gap, any reordering and any re-delivered incident that differs from
// the one it holds. Re-deliveries of identical incidents are counted, not hidden.
import type { Socket as TcpSocket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { CaseView, ClientToServerEvents, Incident, LiveTick, ResumeResult, ServerToClientEvents } from '../wire/index.ts';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class StrictLiveClient {
  /**
   * Incidents in the order applied, by increasing seq. While the log holds only incidents (no case
   * has changed), incidents[k].seq === k + 1 and any gap is a problem; once cases change, the seqs
   * of their events lie between the incidents' and the test compares with the server instead.
   */
  readonly incidents: Incident[] = [];
  /** The latest view of each case received (a lower version arriving later is ignored). */
  readonly cases = new Map<string, CaseView>();
  /** Case views received, in ticks and resumes. */
  caseViews = 0;
  /** How far the log is held (the client starts with nothing, so it resumes from 0). */
  lastSeq = 0;
  /** Seq of the last incident held. */
  private lastIncidentSeq = 0;
  /** Incidents received again that the client already held, identical. */
  redelivered = 0;
  /** Gaps, reorderings, differing re-deliveries, failed resumes. */
  readonly problems: string[] = [];
  hellos = 0;
  /** Why each disconnection happened (socket.io's reason strings). */
  readonly disconnects: string[] = [];
  /** Server time of the latest hello (its asOf), ms. */
  lastHelloAtMs: number | undefined;
  /** The seq the latest hello greeted at: a resume must bring everything up to it, ticks the rest. */
  lastHelloSeq: number | undefined;
  resumePages = 0;
  resumedIncidents = 0;
  tickIncidents = 0;
  /** Every tick received, in order: when it arrived (performance.now(), ms) and its lastSeq. */
  readonly tickArrivals: { atMs: number; lastSeq: number }[] = [];
  private socket: LiveSocket;
  private queued: LiveTick[] | null = null;
  private generation = 0;
  private waiters: (() => void)[] = [];

  /** `headers` authenticate the handshake (a session cookie: see sessionHeaders in client.ts). */
  /**
   * `seesEverything`: the client's scope is the whole county, so every seq up to a tick's lastSeq
   * must have reached it (false for a township's screen, which sees only its own incidents).
   */
  constructor(url: string, readonly name: string, headers: Record<string, string>, private readonly seesEverything = true) {
    this.socket = io(url, {
      autoConnect: false,
      forceNew: true,
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 400,
      extraHeaders: headers,
    });
    this.socket.on('hello', (hello) => {
      this.hellos += 1;
      this.lastHelloAtMs = Date.parse(hello.asOf);
      this.lastHelloSeq = hello.lastSeq;
      this.generation += 1;
      void this.resume(this.generation);
    });
    this.socket.on('tick', (tick) => {
      this.tickArrivals.push({ atMs: performance.now(), lastSeq: tick.lastSeq });
      if (this.queued) this.queued.push(tick);
      else this.applyTick(tick);
    });
    this.socket.on('disconnect', (reason) => {
      this.disconnects.push(reason);
      this.generation += 1;
      this.queued = null;
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Connects (or reconnects after disconnect()) and resolves once greeted. */
  connect(): Promise<void> {
    const greeted = new Promise<void>((resolve) => this.socket.once('hello', () => resolve()));
    this.socket.connect();
    return greeted;
  }

  /** Drops the connection as a network cut would, keeping everything held. */
  disconnect(): void {
    this.socket.disconnect();
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  /**
   * Stops reading from the TCP connection (a screen whose page froze): the kernel's buffers fill and
   * the server has to hold what follows. Needs the websocket transport (the only one used here).
   */
  pauseReading(): void {
    const tcp = this.tcpSocket();
    if (!tcp) throw new Error(`${this.name}: no WebSocket connection to pause`);
    tcp.pause();
  }

  /** Reads again what pauseReading() left waiting (nothing to do once the connection is gone). */
  resumeReading(): void {
    this.tcpSocket()?.resume();
  }

  private tcpSocket(): TcpSocket | undefined {
    // engine.io-client's WebSocket transport holds the ws WebSocket, whose _socket is the net.Socket.
    const transport = this.socket.io.engine?.transport as unknown as { ws?: { _socket?: TcpSocket | null } } | undefined;
    return transport?.ws?._socket ?? undefined;
  }

  /** Resolves with the reason once the connection is lost (at once if it already is). */
  waitForDisconnect(): Promise<string> {
    if (!this.socket.connected) return Promise.resolve(this.disconnects.at(-1) ?? 'never connected');
    return new Promise((resolve) => this.socket.once('disconnect', (reason) => resolve(reason)));
  }

  /** Resolves once the client holds `seq` (or rejects after `timeoutMs`, naming where it stands). */
  async waitForSeq(seq: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lastSeq < seq) {
      if (Date.now() > deadline || this.problems.length > 0) {
        throw new Error(`${this.name}: holds seq ${this.lastSeq}, waiting for ${seq} (connected: ${this.connected}, disconnections: ${this.disconnects.join(', ') || 'none'}); problems: ${this.problems.slice(0, 5).join('; ') || 'none'}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  private async resume(generation: number): Promise<void> {
    this.queued = [];
    try {
      for (;;) {
        const afterSeq = this.lastSeq;
        const page: ResumeResult = await this.socket.timeout(10_000).emitWithAck('resume', { afterSeq });
        if (generation !== this.generation) return;
        this.resumePages += 1;
        this.resumedIncidents += page.incidents.length;
        for (const i of page.incidents) this.apply(i, 'resume');
        this.applyCases(page.cases);
        const last = page.incidents.at(-1);
        if (page.more && last) {
          this.lastSeq = Math.max(this.lastSeq, last.seq);
          continue;
        }
        if (this.seesEverything && this.casesSeen === 0 && this.lastSeq < page.lastSeq) this.problems.push(`${this.name}: resume ended at ${this.lastSeq}, the server said ${page.lastSeq}`);
        this.lastSeq = Math.max(this.lastSeq, page.lastSeq);
        break;
      }
    } catch (err) {
      if (generation !== this.generation) return;
      this.problems.push(`${this.name}: resume failed: ${(err as Error).message}`);
      return;
    }
    const ticks = this.queued ?? [];
    this.queued = null;
    for (const t of ticks) this.applyTick(t);
  }

  private casesSeen = 0;

  /** The incident held with this seq (binary search: they are in seq order). */
  private held(seq: number): Incident | undefined {
    let lo = 0;
    let hi = this.incidents.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.incidents[mid]!.seq;
      if (s === seq) return this.incidents[mid];
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  private applyTick(tick: LiveTick): void {
    this.tickIncidents += tick.incidents.length;
    for (const i of tick.incidents) this.apply(i, 'tick');
    this.applyCases(tick.cases ?? []);
    if (this.seesEverything && this.casesSeen === 0 && tick.lastSeq > this.lastSeq) this.problems.push(`${this.name}: a tick says lastSeq ${tick.lastSeq}, the client holds only ${this.lastSeq}`);
    if (tick.lastSeq > this.lastSeq) {
      this.lastSeq = tick.lastSeq;
      for (const w of this.waiters.splice(0)) w();
    }
  }

  private applyCases(views: readonly CaseView[]): void {
    for (const v of views) {
      this.caseViews += 1;
      this.casesSeen += 1;
      const held = this.cases.get(v.id);
      if (!held || held.version <= v.version) this.cases.set(v.id, v);
    }
  }

  private apply(incident: Incident, via: 'resume' | 'tick'): void {
    if (incident.seq <= this.lastIncidentSeq) {
      const held = this.held(incident.seq);
      // Re-delivered: the same incident (its case may have moved on meanwhile: stage and version differ).
      const same = (i: Incident | undefined) => i && JSON.stringify({ ...i, stage: 0, version: 0, stepDueAt: 0 });
      if (held && same(held) === same(incident)) this.redelivered += 1;
      else this.problems.push(`${this.name}: seq ${incident.seq} re-delivered by ${via} differs from the one held`);
      return;
    }
    if (this.seesEverything && this.casesSeen === 0 && incident.seq !== this.lastIncidentSeq + 1) {
      this.problems.push(`${this.name}: gap: got seq ${incident.seq} by ${via} while holding ${this.lastIncidentSeq}`);
      return;
    }
    this.incidents.push(incident);
    this.lastIncidentSeq = incident.seq;
    if (incident.seq > this.lastSeq) this.lastSeq = incident.seq;
    for (const w of this.waiters.splice(0)) w();
  }
}
