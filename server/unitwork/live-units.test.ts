// Unit statuses on the live channel, with the real server over HTTP and real Socket.IO clients: a
// dispatch reaches the screen of the unit's township within a second as the unit is now
// (dispatched, to that case), a screen of another township never sees the unit's status, and a
// screen that was away gets the changed units in its resume.
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-fixtures/app.ts';
import { sessionFor } from '../test-fixtures/auth.ts';
import type { ClientToServerEvents, LiveTick, ResumeResult, ServerToClientEvents } from '../wire/index.ts';
import type { UnitDutyState } from '../wire/unit-status.ts';
import { acceptedCase, openDemoApp } from './fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function connect(url: string, cookie: string): LiveSocket {
  const socket: LiveSocket = io(url, { forceNew: true, transports: ['websocket'], extraHeaders: { cookie } });
  cleanups.push(() => void socket.close());
  return socket;
}

/** A live client that keeps every unit status its ticks carried. */
async function watch(url: string, cookie: string): Promise<Map<string, UnitDutyState>> {
  const socket = connect(url, cookie);
  const seen = new Map<string, UnitDutyState>();
  socket.on('tick', (t: LiveTick) => {
    for (const u of t.unitStatuses ?? []) seen.set(u.unitId, u);
  });
  await new Promise<void>((resolve) => socket.once('hello', () => resolve()));
  return seen;
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('unit statuses on the live channel', () => {
  it('shows a dispatch on the township\'s screen within a second, and not on another township\'s', async () => {
    const t = tempDir('yzt-live-units-');
    cleanups.push(t.remove);
    const server = await openDemoApp(t.dir);
    const { url } = await server.listen(0, '127.0.0.1');
    cleanups.push(() => server.close());
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const west = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202002' });
    const [east, other] = await Promise.all([watch(url, officer.cookie), watch(url, west.cookie)]);
    const id = await acceptedCase(server, officer.cookie, 'live-unit-1');

    const t0 = Date.now();
    const res = await server.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/dispatch`, headers: { cookie: officer.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ unitId: 'unit-003', expectedVersion: 2 }) });
    expect(res.statusCode, res.body).toBe(200);
    await until(() => east.get('unit-003')?.status === 'dispatched', 'the dispatch on the township screen');
    const ms = Date.now() - t0;
    console.log(`[live units] the township's screen showed the dispatch ${ms} ms after it was answered`);
    expect(ms).toBeLessThan(1000);
    expect(east.get('unit-003')).toMatchObject({ version: 1, assignment: { caseId: id } });

    // A status change of a west unit reaches the west screen; the east unit never did.
    const westUnit = await server.app.inject({ method: 'POST', url: '/api/v1/units/unit-005/commands', headers: { cookie: west.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'sign-off', expectedVersion: 0 }) });
    expect(westUnit.statusCode, westUnit.body).toBe(200);
    await until(() => other.get('unit-005')?.status === 'off-duty', 'the west unit on the west screen');
    expect(other.has('unit-003')).toBe(false);
    expect(east.has('unit-005')).toBe(false);

    // A screen that was away resumes from before both: it gets its township's unit as it is now, not the other's.
    const late = connect(url, officer.cookie);
    await new Promise<void>((resolve) => late.once('hello', () => resolve()));
    const resumed = await new Promise<ResumeResult>((resolve) => late.emit('resume', { afterSeq: 0 }, resolve));
    expect(resumed.unitStatuses?.map((u) => `${u.unitId}:${u.status}`)).toEqual(['unit-003:dispatched']);
  });
});
