// Send-buffer accounting of the live channel. A client that stops reading (a wall screen whose tab
// froze, a laptop behind a stalled link) does not stop the ticks: once the kernel's TCP buffers are
// full, every tick waits in the server — in engine.io's per-connection write buffer while the
// transport is not writable, and in ws's sender and the net.Socket's writable buffer once it is —
// and nothing there has a limit. So before each tick the live channel asks how much each
// connection still holds, and drops the one that holds more than the bound: its client reconnects
// and resumes by sequence number when it reads again, from the store, paged (flow-controlled by its
// own requests) instead of from server memory.
//
// The engine.io internals read here (the write buffer, the WebSocket transport's ws socket) are
// private in its typings; they are those of engine.io 6.6 and ws 8, as installed.
import type { Socket } from 'socket.io';

/** A Socket.IO connection's engine.io socket. */
export type EngineConnection = Socket['conn'];

/** A packet as engine.io buffers it; socket.io's broadcasts carry their WebSocket frame pre-encoded. */
export interface QueuedPacket {
  data?: unknown;
  options?: { wsPreEncodedFrame?: readonly Uint8Array[] };
}

interface EngineInternals {
  writeBuffer: QueuedPacket[];
  transport: { name: string; socket?: { bufferedAmount: number; terminate(): void } };
}

/**
 * Default bound of a connection's unsent bytes: several ticks of a busy backlog (a full tick of 2000
 * ordinary incidents is about 1 MB), far more than a client that reads ever holds between two ticks.
 */
export const DEFAULT_MAX_QUEUED_BYTES = 4 * 1024 * 1024;

const internals = (conn: EngineConnection) => conn as unknown as EngineInternals;

/** Bytes a packet will put on the wire (its pre-encoded frame when there is one, else its payload). */
export function packetBytes(packet: QueuedPacket): number {
  const frame = packet.options?.wsPreEncodedFrame;
  if (frame) return frame.reduce((n, part) => n + part.byteLength, 0);
  const { data } = packet;
  if (typeof data === 'string') return Buffer.byteLength(data);
  return data instanceof Uint8Array || data instanceof ArrayBuffer ? data.byteLength : 0;
}

/**
 * Bytes queued for a connection that its client has not taken yet: engine.io's write buffer, plus,
 * on a WebSocket, what ws and the net.Socket still hold (its `bufferedAmount`). A long-polling
 * connection holds at most one response beyond its write buffer (the next waits for the next GET).
 */
export function queuedBytes(conn: EngineConnection): number {
  const { writeBuffer, transport } = internals(conn);
  let bytes = transport.socket?.bufferedAmount ?? 0;
  for (const packet of writeBuffer) bytes += packetBytes(packet);
  return bytes;
}

/**
 * Closes a connection at once, discarding what it holds (a plain close() would wait for a drain that
 * never comes). Its sockets leave their rooms before this returns; the client sees a lost transport
 * and reconnects, unlike after a namespace disconnect, which socket.io-client never comes back from.
 */
export function dropConnection(conn: EngineConnection): void {
  const { transport } = internals(conn);
  const ws = transport.name === 'websocket' ? transport.socket : undefined;
  conn.close(true);
  // ws's close waits up to 30 s for the peer's close frame, holding the unsent bytes meanwhile; a
  // peer that is not reading will not send one.
  ws?.terminate();
}

export interface LagGuard {
  /** Drops the sockets (by id) holding more than the bound; returns how many it dropped. */
  dropLaggards(socketIds: Iterable<string>): number;
  /** Connections dropped for lag since the start. */
  dropped(): number;
}

/** @param connectionOf the connection of a socket id, if it is still open */
export function createLagGuard(
  maxQueuedBytes: number,
  connectionOf: (socketId: string) => EngineConnection | undefined,
  onDrop: (socketId: string, queued: number) => void,
): LagGuard {
  let dropped = 0;
  return {
    dropLaggards(socketIds) {
      // Collected first: dropping a socket takes it out of the room being iterated.
      const laggards: [string, EngineConnection, number][] = [];
      for (const id of socketIds) {
        const conn = connectionOf(id);
        if (!conn) continue;
        const queued = queuedBytes(conn);
        if (queued > maxQueuedBytes) laggards.push([id, conn, queued]);
      }
      for (const [id, conn, queued] of laggards) {
        dropConnection(conn);
        dropped += 1;
        onDrop(id, queued);
      }
      return laggards.length;
    },
    dropped: () => dropped,
  };
}
