// The one module that owns the Socket.IO connection. It only translates socket events into live
// store calls: connection state, hello, ticks, and the resume that replays what a disconnect missed.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LiveTick, ServerToClientEvents } from '../../server/wire/index.ts';
import type { LiveStore } from '../live/store.ts';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveConnectionOptions {
  /** Server origin; default: the page's own origin (air-gapped: never another host). */
  url?: string;
  /** How long to wait for a resume page, ms. */
  resumeTimeoutMs?: number;
  /** Called when the server refuses or ends the connection itself (session expired or revoked). */
  onRefused?: (reason: string) => void;
  /** Wait before trying again after a refusal, ms. */
  refusedRetryMs?: number;
}

/** Connects the live channel to `store`; returns a function that disconnects and removes every listener. */
export function connectLive(store: LiveStore, options: LiveConnectionOptions = {}): () => void {
  const resumeTimeoutMs = options.resumeTimeoutMs ?? 10_000;
  const socket: LiveSocket = options.url === undefined ? io({ autoConnect: false }) : io(options.url, { autoConnect: false });
  // Ticks that arrive while a resume is replaying the gap: applied after it, so the order holds.
  let queued: LiveTick[] | null = null;
  let connectionGeneration = 0;

  async function resume(generation: number): Promise<void> {
    queued = [];
    try {
      let afterSeq = store.lastSeq() ?? 0;
      for (;;) {
        const page = await socket.timeout(resumeTimeoutMs).emitWithAck('resume', { afterSeq });
        if (generation !== connectionGeneration) return;
        store.resumed(page);
        const last = page.incidents.at(-1);
        if (!page.more || !last) break;
        afterSeq = last.seq;
      }
    } catch {
      // Timed out or disconnected: force a fresh connection, whose hello resumes again.
      if (generation === connectionGeneration) socket.disconnect().connect();
      return;
    }
    if (generation !== connectionGeneration) return;
    const ticks = queued;
    queued = null;
    for (const t of ticks) store.tick(t);
  }

  socket.on('hello', (hello) => {
    connectionGeneration += 1;
    if (store.hello(hello) === 'resume') void resume(connectionGeneration);
  });
  socket.on('tick', (tick) => {
    if (queued) queued.push(tick);
    else store.tick(tick);
  });
  // socket.io does not retry by itself after the server refused the handshake or ended the
  // connection on purpose: say so, and try again later (the page may have logged in anew).
  let retry: ReturnType<typeof setTimeout> | null = null;
  const refused = (reason: string) => {
    options.onRefused?.(reason);
    if (retry === null) {
      retry = setTimeout(() => {
        retry = null;
        if (!socket.connected) socket.connect();
      }, options.refusedRetryMs ?? 5000);
    }
  };
  socket.on('disconnect', (reason) => {
    connectionGeneration += 1;
    queued = null;
    store.setConnection(navigator.onLine === false ? 'offline' : 'reconnecting');
    if (reason === 'io server disconnect') refused(reason);
  });
  socket.on('connect_error', (err) => {
    store.setConnection(navigator.onLine === false ? 'offline' : 'reconnecting');
    if (!socket.active) refused(err.message);
  });

  // The browser knows before socket.io's back-off does: reconnect at once when it comes back.
  const reconnectNow = () => {
    if (!socket.connected) socket.disconnect().connect();
  };
  const onOnline = () => reconnectNow();
  const onOffline = () => store.setConnection('offline');
  const onVisibility = () => {
    if (document.visibilityState === 'visible') reconnectNow();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisibility);

  store.setConnection('connecting');
  socket.connect();

  return () => {
    if (retry !== null) clearTimeout(retry);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    document.removeEventListener('visibilitychange', onVisibility);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
