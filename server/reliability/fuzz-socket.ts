// Malformed traffic on the live channel: `resume` requests of every wrong shape (answered with the
// reason), the same without an acknowledgement callback or under events the server does not know
// (ignored), oversized messages and broken Socket.IO frames (the server drops that connection).
// After each case the connection must still serve a valid resume, or be re-established and do so.
import type { PRNG } from 'seedrandom';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

type Case =
  | { kind: 'resume'; payload: unknown }
  | { kind: 'resume-no-ack'; payload: unknown }
  | { kind: 'unknown-event'; event: string; payload: unknown }
  | { kind: 'oversized'; payload: unknown }
  | { kind: 'raw-frame'; frame: string };

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const deep = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

const BAD_RESUMES: (() => unknown)[] = [
  () => null, () => 0, () => 1, () => -1, () => 'x', () => '5', () => true, () => [], () => [1], () => ({}),
  () => ({ afterSeq: -1 }), () => ({ afterSeq: 1.5 }), () => ({ afterSeq: '5' }), () => ({ afterSeq: null }), () => ({ afterSeq: true }),
  () => ({ afterSeq: [] }), () => ({ afterSeq: {} }), () => ({ afterSeq: 2 ** 53 }), () => ({ afterSeq: 1e308 }), () => ({ afterSeq: -1e-300 }),
  () => ({ afterSeq: Number.NaN }), () => ({ afterSeq: Number.POSITIVE_INFINITY }), () => ({ afterseq: 1 }), () => ({ AfterSeq: 1 }),
  () => JSON.parse('{"__proto__":{"afterSeq":1}}'), () => JSON.parse('{"constructor":{"prototype":{"afterSeq":1}}}'),
  () => deep(1000), () => ({ afterSeq: deep(1000) }), () => new Uint8Array([1, 2, 3]), () => ({ afterSeq: new Uint8Array([1]) }), () => 'x'.repeat(10_000),
];
const UNKNOWN_EVENTS = ['hello', 'tick', 'subscribe', 'join', '__proto__', 'constructor', 'toString', 'disconnect-me', 'x'.repeat(500)];
/** Socket.IO packets (type digit, optional namespace, payload) the parser refuses or the server ignores. */
const deepFrame = (levels: number) => `20["resume",${'['.repeat(levels)}${']'.repeat(levels)}]`;
const FRAMES = [deepFrame(7000), `2["resume",{"afterSeq":${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}}]`, '2', '2[', '2["resume"', '2[1]', '2[]', '2{"a":1}', '9', 'x', '', '3["resume"]', '21x["resume",{}]', '2/admin,["resume",{"afterSeq":0}]', '51-["resume",{"_placeholder":true,"num":0}]', '0/nonexistent,', '2["resume",{"afterSeq":0},1,2,3]'];

export function socketCases(rng: PRNG, total: number, disruptive: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < disruptive; i++) {
    cases.push(
      rng() < 0.4
        ? { kind: 'oversized', payload: pick(rng, [{ afterSeq: 'x'.repeat(20_000) }, new Uint8Array(20_000), ['x'.repeat(17_000)]]) }
        : { kind: 'raw-frame', frame: pick(rng, [...FRAMES, `2["resume",${'['.repeat(9000)}${']'.repeat(9000)}]`]) },
    );
  }
  while (cases.length < total) {
    const r = rng();
    const payload = pick(rng, BAD_RESUMES)();
    if (r < 0.75) cases.push({ kind: 'resume', payload });
    else if (r < 0.88) cases.push({ kind: 'resume-no-ack', payload });
    else cases.push({ kind: 'unknown-event', event: pick(rng, UNKNOWN_EVENTS), payload });
  }
  // Disruptive cases spread among the others, deterministically.
  return cases.map((c, k) => ({ c, key: (k * 7919) % cases.length })).sort((a, b) => a.key - b.key).map((x) => x.c);
}

export interface SocketFuzzResult {
  answeredWithReason: number;
  ignored: number;
  connectionDropped: number;
  failures: string[];
}

/** Runs the cases against `url`; each must leave a connection that answers a valid resume. */
export async function runSocketCases(url: string, headers: Record<string, string>, cases: Case[]): Promise<SocketFuzzResult> {
  const result: SocketFuzzResult = { answeredWithReason: 0, ignored: 0, connectionDropped: 0, failures: [] };
  let socket: Socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
  const connect = async () => {
    socket.removeAllListeners();
    socket.disconnect();
    socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('hello', () => resolve());
      socket.once('connect_error', reject);
    });
  };
  try {
    await connect();
  } catch (err) {
    result.failures.push(`cannot connect to the live channel: ${(err as Error).message}`);
    return result;
  }
  const validResume = async (label: string) => {
    const res = (await socket.timeout(5000).emitWithAck('resume', { afterSeq: 0 })) as { error?: string; incidents?: unknown[] };
    if (res.error !== undefined || !Array.isArray(res.incidents)) result.failures.push(`${label}: a valid resume afterwards got ${JSON.stringify(res).slice(0, 200)}`);
  };
  const describe = (c: Case) => {
    const what = 'payload' in c ? c.payload : c.frame;
    try {
      return `${c.kind} ${JSON.stringify(what)?.slice(0, 80)}`;
    } catch {
      return `${c.kind} (${typeof what}, too deep to print)`;
    }
  };

  for (const [k, c] of cases.entries()) {
    const label = `socket case ${k} (${describe(c)})`;
    try {
      if (c.kind === 'resume') {
        const res = (await socket.timeout(5000).emitWithAck('resume', c.payload as { afterSeq: number })) as { error?: unknown; incidents?: unknown[] };
        if (typeof res?.error === 'string' && res.error.length > 0 && Array.isArray(res.incidents) && res.incidents.length === 0) result.answeredWithReason += 1;
        else result.failures.push(`${label}: answered ${JSON.stringify(res).slice(0, 200)}`);
      } else if (c.kind === 'resume-no-ack' || c.kind === 'unknown-event') {
        (socket.emit as (ev: string, ...args: unknown[]) => void)(c.kind === 'resume-no-ack' ? 'resume' : c.event, c.payload);
        result.ignored += 1;
      } else {
        const dropped = new Promise<boolean>((resolve) => {
          socket.once('disconnect', () => resolve(true));
          setTimeout(() => resolve(false), 1000);
        });
        if (c.kind === 'oversized') (socket.emit as (ev: string, ...args: unknown[]) => void)('resume', c.payload, () => undefined);
        else socket.io.engine.write(c.frame);
        if (await dropped) {
          result.connectionDropped += 1;
          await connect();
        } else {
          // Some frames are refused only with the next packet (a binary event waiting for its
          // attachment): a valid resume then finds the connection dropped, and gets a new one.
          const stillServed = await socket.timeout(5000).emitWithAck('resume', { afterSeq: 0 }).then(() => true, () => false);
          if (stillServed) result.ignored += 1;
          else {
            result.connectionDropped += 1;
            await connect();
          }
        }
      }
      if (k % 25 === 0 || c.kind === 'oversized' || c.kind === 'raw-frame') await validResume(label);
    } catch (err) {
      result.failures.push(`${label}: ${(err as Error).message}`);
      await connect().catch((e: unknown) => result.failures.push(`${label}: cannot reconnect: ${(e as Error).message}`));
    }
  }
  await validResume('after all socket cases');
  socket.removeAllListeners();
  socket.disconnect();
  return result;
}
