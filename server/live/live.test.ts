import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { openAccess } from '../auth/access.ts';
import { openAccessDb } from '../auth/access-db.ts';
import { createScopeFilter } from '../auth/scope-filter.ts';
import { createCameraStates } from '../cameras/camera-states.ts';
import { createGridAssigner } from '../geo/assigner.ts';
import { SESSION_COOKIE } from '../http/cookies.ts';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { NewIncident } from '../store/types.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import { createUnitState } from '../units/unit-state.ts';
import type { ClientToServerEvents, LiveHello, LiveTick, ServerToClientEvents } from '../wire/index.ts';
import { createCaseBook } from '../casework/case-book.ts';
import { liveCasesOf } from '../casework/casework.ts';
import { createLive } from './live.ts';
import type { LiveOptions } from './live.ts';
import { createLiveAuth } from './live-auth.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const item = (sourceId: string): NewIncident => ({
  source: 'sensor',
  sourceId,
  category: 'fire',
  priority: 'urgent',
  lng: 119.905,
  lat: 32.485,
  occurredAt: new Date().toISOString(),
  description: '',
  townshipCode: '321202001',
  villageCode: '321202001002',
  gridCode: '321202001002001',
});

/** A live server on port 0 over a real store; ticks only when the test calls tick(). */
async function setup(options: Partial<LiveOptions> = {}, preload: string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'yzt-live-'));
  const store = openSqliteStore({ dataDir: dir });
  await store.appendBatch(preload.map(item));
  const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
  const units = createUnitState(j.units);
  const cameras = createCameraStates(j.cameras);
  const httpServer = createServer();
  // A county duty officer's session: these tests are about delivery, scoping has its own tests.
  const access = openAccess({ db: openAccessDb(':memory:'), jurisdiction: j });
  const account = access.accounts.create({ username: 'duty', role: 'duty-officer', jurisdictionCode: '321202', passwordHash: 'unused', mustChangePassword: false });
  const { token } = access.sessions.create({ accountId: account.id }, Date.now() + 3_600_000);
  const assigner = createGridAssigner(j.grids);
  const live = createLive(
    {
      httpServer,
      store,
      units,
      cameras,
      townshipCounts: () => ({ '321202001': 0, '321202002': 0 }),
      auth: createLiveAuth(access, []),
      scopeFilter: createScopeFilter(j, (lng, lat) => assigner.assign(lng, lat)),
      // An empty book: these tests are about incidents; cases have theirs (server/live/live-cases.test.ts).
      cases: liveCasesOf(createCaseBook({ retainClosedMs: 86_400_000 }, Date.now()), async () => {}),
    },
    { tickMs: 3_600_000, windowMs: 86_400_000, version: 'test', demoFeed: false, heartbeatMs: 3_600_000, ...options },
  );
  await live.start();
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => access.close());
  cleanups.push(() => new Promise<void>((resolve) => httpServer.close(() => resolve())), () => live.close());
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { live, store, units, cameras, url: `${url}#${SESSION_COOKIE}=${token}` };
}

/** Connects with the session cookie carried in the setup URL's fragment. */
async function client(urlWithCookie: string): Promise<{ socket: Client; hello: LiveHello; ticks: LiveTick[] }> {
  const [url, cookie] = urlWithCookie.split('#') as [string, string];
  const socket: Client = connect(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  cleanups.push(() => void socket.disconnect());
  const ticks: LiveTick[] = [];
  socket.on('tick', (t) => ticks.push(t));
  const hello = await new Promise<LiveHello>((resolve) => socket.once('hello', resolve));
  return { socket, hello, ticks };
}

/** Waits until `ticks` holds n ticks (socket delivery is asynchronous). */
async function waitForTicks(ticks: LiveTick[], n: number): Promise<void> {
  for (let i = 0; i < 200 && ticks.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(ticks.length).toBeGreaterThanOrEqual(n);
}

describe('live channel', () => {
  it('greets a client with where the sequence stands', async () => {
    const { url } = await setup({}, ['a', 'b']);
    const { hello } = await client(url);
    expect(hello).toMatchObject({ version: 'test', lastSeq: 2, demoFeed: false, townshipCounts: { '321202001': 0 } });
  });

  it('sends everything committed since the last tick as one tick, in order', async () => {
    const { url, live, store } = await setup();
    const { ticks } = await client(url);
    await store.appendBatch([item('a'), item('b')]);
    await store.appendBatch([item('c')]);
    await live.tick();
    await waitForTicks(ticks, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.incidents.map((i) => i.sourceId)).toEqual(['a', 'b', 'c']);
    expect(ticks[0]!.lastSeq).toBe(3);
  });

  it('never resends an incident in a later tick', async () => {
    const { url, live, store } = await setup();
    const { ticks } = await client(url);
    await store.appendBatch([item('a')]);
    await live.tick();
    await store.appendBatch([item('b')]);
    await live.tick();
    await waitForTicks(ticks, 2);
    expect(ticks.map((t) => t.incidents.map((i) => i.seq))).toEqual([[1], [2]]);
  });

  it('spreads a backlog larger than one tick over the following ticks', async () => {
    const { url, live, store } = await setup({ maxIncidentsPerTick: 2 });
    const { ticks } = await client(url);
    await store.appendBatch(['a', 'b', 'c'].map(item));
    await live.tick();
    await live.tick();
    await waitForTicks(ticks, 2);
    expect(ticks.map((t) => t.incidents.map((i) => i.seq))).toEqual([[1, 2], [3]]);
  });

  it('includes moved units and changed cameras in the tick', async () => {
    const { url, live, units, cameras } = await setup();
    const { ticks } = await client(url);
    const at = new Date().toISOString();
    units.update({ id: 'unit-01', lng: 119.91, lat: 32.482, heading: 90, speed: 1.3, state: 'available', at });
    cameras.set('cam-0002', 'online', at);
    await live.tick();
    await waitForTicks(ticks, 1);
    expect(ticks[0]!.units?.map((u) => u.id)).toEqual(['unit-01']);
    expect(ticks[0]!.cameras).toEqual([{ id: 'cam-0002', state: 'online', at }]);
  });

  it('skips the log while nobody is connected and greets the next client from there', async () => {
    const { url, live, store } = await setup();
    await store.appendBatch([item('a'), item('b')]);
    await live.tick();
    expect(live.sentSeq()).toBe(2);
    const { hello, ticks } = await client(url);
    expect(hello.lastSeq).toBe(2);
    await store.appendBatch([item('c')]);
    await live.tick();
    await waitForTicks(ticks, 1);
    expect(ticks[0]!.incidents.map((i) => i.sourceId)).toEqual(['c']);
  });

  it('sends nothing on a tick with nothing new before the heartbeat is due', async () => {
    const { url, live } = await setup();
    const { ticks } = await client(url);
    await live.tick();
    await new Promise((r) => setTimeout(r, 100));
    expect(ticks).toEqual([]);
  });

  it('answers resume with exactly the missed incidents, in order, paged', async () => {
    const { url, live, store } = await setup({ resumePageSize: 2 });
    await store.appendBatch(['a', 'b', 'c', 'd', 'e'].map(item));
    await live.tick();
    const { socket } = await client(url); // greeted at 5: it missed 1..5
    const first = await socket.emitWithAck('resume', { afterSeq: 1 });
    expect(first.incidents.map((i) => i.seq)).toEqual([2, 3]);
    expect(first).toMatchObject({ lastSeq: 5, more: true });
    const second = await socket.emitWithAck('resume', { afterSeq: 3 });
    expect(second.incidents.map((i) => i.seq)).toEqual([4, 5]);
    expect(second.more).toBe(false);
  });

  it('does not resume past what was broadcast (those come in the next tick)', async () => {
    const { url, store } = await setup({}, ['a']);
    const { socket } = await client(url);
    await store.appendBatch([item('b')]);
    const res = await socket.emitWithAck('resume', { afterSeq: 0 });
    expect(res.incidents.map((i) => i.seq)).toEqual([1]);
    expect(res).toMatchObject({ lastSeq: 1, more: false });
  });

  it('does not resume what this connection already receives in ticks', async () => {
    const { url, live, store } = await setup({}, ['a']);
    const { socket, ticks } = await client(url);
    await store.appendBatch([item('b')]);
    await live.tick();
    await waitForTicks(ticks, 1);
    const res = await socket.emitWithAck('resume', { afterSeq: 0 });
    expect(res.incidents.map((i) => i.seq)).toEqual([1]);
    expect(ticks[0]!.incidents.map((i) => i.seq)).toEqual([2]);
  });

  it.each([[{ afterSeq: -1 }], [{ afterSeq: 'x' }], [{ afterSeq: 1.5 }], [null]])('answers a malformed resume %j with nothing and the reason', async (req) => {
    const { url } = await setup({}, ['a']);
    const { socket } = await client(url);
    const res = await socket.emitWithAck('resume', req as { afterSeq: number });
    expect(res).toMatchObject({ incidents: [], lastSeq: 1, more: false });
    expect(res.error).toMatch(/^resume needs \{ afterSeq: a whole number >= 0 \}, got /);
  });
});
