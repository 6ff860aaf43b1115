// Resumable delivery (issue 5): clients that were away — 30 s, 10 min, across a server restart —
// end with exactly the server's incidents: the same set, in seq order, no duplicates, no gaps.
// Real server on a real port, real socket.io-client connections, incidents posted over HTTP.
//
// Why the server clock is advanced instead of waiting 30 s / 10 min: the server keeps nothing per
// client and no time-limited buffer (no Socket.IO connection-state recovery with its
// maxDisconnectionDuration); a `resume {afterSeq}` is answered from the durable store by seq
// (store.after), whatever the time. Time enters the server only through the injected clock
// (`createApp(config, { now })`: tick asOf, heartbeats, the counting window), which the test moves
// forward by the length of the absence and checks in the hello the client gets on its return.
// Socket.IO's own ping timers run on real time but only watch live connections, not absent ones.
//
// Checked able to fail: a server that answers every resume with an empty page leaves the clients
// with gaps; one that closes without letting clients reconnect leaves the dropped client behind.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { YizhangtuApp } from '../app.ts';
import { fixtureConfig, tempDir } from '../test-fixtures/app.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import type { Incident, IncidentInput } from '../wire/index.ts';
import { ApiClient, sessionHeaders, withApiKey } from './client.ts';
import { batches, makeIncidents, pointsInside } from './incidents.ts';
import { StrictLiveClient } from './live-client.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A server clock: real time plus an offset the test moves forward. */
function testClock() {
  let offsetMs = 0;
  return { now: () => Date.now() + offsetMs, advance: (ms: number) => void (offsetMs += ms) };
}

/** createApp on the fixture county; `beforeListening` runs while no client can connect yet. */
async function startServer(
  dataDir: string,
  now: () => number,
  port = 0,
  beforeListening?: (app: YizhangtuApp) => Promise<void>,
): Promise<{ app: YizhangtuApp; url: string; port: number }> {
  const app = await createApp(withApiKey(fixtureConfig(dataDir, { tickMs: 50 })), { logger: false, now });
  await beforeListening?.(app);
  const { url, port: actual } = await app.listen(port, '127.0.0.1');
  return { app, url, port: actual };
}

/** Posts in batches of 50, two requests at a time. */
async function post(url: string, items: IncidentInput[]): Promise<void> {
  const api = new ApiClient(url);
  const queue = batches(items, 50);
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      const { body } = await api.postEvents(b);
      expect(body.rejected).toEqual([]);
      expect(body.accepted.every((a) => !a.duplicate)).toBe(true);
    }
  };
  await Promise.all([worker(), worker()]);
}

function client(url: string, name: string, headers: Record<string, string>): StrictLiveClient {
  const c = new StrictLiveClient(url, name, headers);
  cleanups.push(() => c.close());
  return c;
}

/** The client's incidents against the server's whole log: missing, extra, out of place. */
function compare(c: StrictLiveClient, server: Incident[]) {
  const seqs = c.incidents.map((i) => i.seq);
  const duplicates = seqs.length - new Set(seqs).size;
  const gaps = seqs.filter((s, k) => s !== k + 1).length;
  expect(c.problems).toEqual([]);
  expect(c.redelivered).toBe(0); // "exactly what it missed": nothing both by tick and by resume
  expect(duplicates).toBe(0);
  expect(gaps).toBe(0);
  expect(c.incidents).toEqual(server);
  return { duplicates, gaps };
}

/**
 * A client's return: what it missed up to the seq it was greeted at must come by resume, exactly;
 * what arrives after its greeting comes by tick.
 */
function checkReturn(c: StrictLiveClient, leftAtSeq: number, resumedBefore: number): { missed: number; resumed: number } {
  const missed = c.lastHelloSeq! - leftAtSeq;
  const resumed = c.resumedIncidents - resumedBefore;
  expect(resumed).toBe(missed);
  return { missed, resumed };
}

function describeClient(c: StrictLiveClient, r: { missed: number; resumed: number }, serverCount: number): string {
  return `${c.name}: missed ${r.missed} up to its greeting, resumed ${r.resumed} from the store, the rest by tick; holds ${c.incidents.length}/${serverCount}, re-delivered ${c.redelivered}, duplicates 0, gaps 0`;
}

describe('resume after a disconnection', () => {
  it('brings clients away 30 s and 10 min back to exactly the server state while 5,000 incidents arrive', async () => {
    const dir = tempDir('yzt-resume-');
    cleanups.push(dir.remove);
    const clock = testClock();
    const { app, url } = await startServer(dir.dir, clock.now);
    cleanups.push(() => app.close());
    const incidents = makeIncidents(await pointsInside(FIXTURE_JURISDICTION_DIR, 5000, 'resume'), 'rs', clock.now());
    const next = (n: number) => incidents.splice(0, n);

    const session = sessionHeaders(app);
    const short = client(url, 'away 30 s', session);
    const long = client(url, 'away 10 min', session);
    await Promise.all([short.connect(), long.connect()]);
    await post(url, next(500));
    await Promise.all([short.waitForSeq(500), long.waitForSeq(500)]);

    const longLeftAt = { seq: long.lastSeq, ms: clock.now() };
    long.disconnect();
    await post(url, next(1000));
    const shortLeftAt = { seq: short.lastSeq, ms: clock.now() };
    short.disconnect();
    await post(url, next(1000)); // nobody connected: the server skips reading the log for ticks

    clock.advance(30 * SECOND);
    const shortResumedBefore = short.resumedIncidents;
    // Back while more arrive: ticks overlap the resume and must be held back until it is done.
    await Promise.all([short.connect(), post(url, next(1000))]);
    expect(short.lastHelloAtMs! - shortLeftAt.ms).toBeGreaterThanOrEqual(30 * SECOND);

    clock.advance(10 * MINUTE - 30 * SECOND);
    const longResumedBefore = long.resumedIncidents;
    await Promise.all([long.connect(), post(url, next(1500))]);
    expect(long.lastHelloAtMs! - longLeftAt.ms).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(incidents).toHaveLength(0);

    await Promise.all([short.waitForSeq(5000), long.waitForSeq(5000)]);
    const server = await app.store.after(0, 10_000);
    expect(server.map((i) => i.seq)).toEqual(Array.from({ length: 5000 }, (_, k) => k + 1));
    compare(short, server);
    compare(long, server);
    const shortReturn = checkReturn(short, shortLeftAt.seq, shortResumedBefore);
    const longReturn = checkReturn(long, longLeftAt.seq, longResumedBefore);
    console.log(
      `resume: server holds ${server.length} (seq 1..${server.length}); ${describeClient(short, shortReturn, server.length)}; ${describeClient(long, longReturn, server.length)}`,
    );
  }, 120_000);

  it('resumes from the last seq on a restarted server, for a client away during the restart and one dropped by it', async () => {
    const dir = tempDir('yzt-resume-restart-');
    cleanups.push(dir.remove);
    const clock = testClock();
    const first = await startServer(dir.dir, clock.now);
    let current = first.app;
    cleanups.push(() => current.close());
    const incidents = makeIncidents(await pointsInside(FIXTURE_JURISDICTION_DIR, 2000, 'restart'), 'rr', clock.now());
    const next = (n: number) => incidents.splice(0, n);

    // One session for both, kept in the access database in DATA_DIR: it outlives the restart.
    const session = sessionHeaders(first.app);
    const away = client(first.url, 'away during restart', session);
    const dropped = client(first.url, 'dropped by restart', session);
    await Promise.all([away.connect(), dropped.connect()]);
    await post(first.url, next(1000));
    await Promise.all([away.waitForSeq(1000), dropped.waitForSeq(1000)]);

    away.disconnect();
    await post(first.url, next(500));
    await dropped.waitForSeq(1500);
    const lost = dropped.waitForDisconnect();
    await first.app.close(); // a graceful restart (an upgrade); kill -9 is covered by kill9.test.ts
    expect(await lost).toBe('transport close');

    clock.advance(2 * MINUTE);
    const [awayLeftAt, droppedLeftAt] = [away.lastSeq, dropped.lastSeq];
    const [awayResumedBefore, droppedResumedBefore] = [away.resumedIncidents, dropped.resumedIncidents];
    // Incidents that arrive while the server restarts: ingested (the path POST /events takes)
    // before it listens, so no client can be back before they exist and all must come by resume.
    const second = await startServer(dir.dir, clock.now, first.port, async (app) => {
      const { rejected } = await app.ingest(next(500));
      expect(rejected).toEqual([]);
    });
    current = second.app;
    await away.connect();
    // The dropped client comes back by itself, as socket.io-client does after a lost connection.
    await Promise.all([away.waitForSeq(2000), dropped.waitForSeq(2000)]);
    const awayReturn = checkReturn(away, awayLeftAt, awayResumedBefore);
    const droppedReturn = checkReturn(dropped, droppedLeftAt, droppedResumedBefore);
    expect([awayReturn.missed, droppedReturn.missed]).toEqual([1000, 500]);

    const server = await second.app.store.after(0, 10_000);
    expect(server).toHaveLength(2000);
    compare(away, server);
    compare(dropped, server);
    console.log(
      `resume across a restart: server holds ${server.length}; ${describeClient(away, awayReturn, server.length)}; ${describeClient(dropped, droppedReturn, server.length)}`,
    );
  }, 120_000);
});
