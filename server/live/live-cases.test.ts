// Cases on the live channel, with the real server and real Socket.IO clients: another officer's
// screen gets each change within a second, as the case is now; a screen of another township gets
// none of it; a client that was away while 500 changes happened resumes to exactly the server's
// states; a case that crosses its limit is announced (超时) by the server's clock.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import { StrictLiveClient } from '../reliability/live-client.ts';
import type { LiveTick } from '../wire/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const EAST = FIXTURE_POINTS['321202001002001'];
const WEST = FIXTURE_POINTS['321202002001001'];

async function setup(now?: () => number): Promise<{ server: YizhangtuApp; url: string }> {
  const t = tempDir('yzt-live-cases-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, {}, now ? { now } : {});
  const { url } = await server.listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  return { server, url };
}

async function report(server: YizhangtuApp, sourceId: string, at: { lng: number; lat: number }, occurredAt?: string): Promise<string> {
  const res = await server.app.inject({ method: 'POST', url: '/api/v1/events', headers: keyHeaders(), payload: JSON.stringify({ ...incidentAt(at, sourceId), ...(occurredAt ? { occurredAt } : {}) }) });
  return res.json().accepted[0].id as string;
}

const command = async (server: YizhangtuApp, cookie: string, id: string, body: Record<string, unknown>) => {
  const res = await server.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/commands`, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

function client(url: string, name: string, cookie: string, seesEverything = true): StrictLiveClient {
  const c = new StrictLiveClient(url, name, { cookie }, seesEverything);
  cleanups.push(() => c.close());
  return c;
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cases on the live channel', () => {
  it('shows another officer each change within a second, and no screen of another township', async () => {
    const { server, url } = await setup();
    const a = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const b = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const west = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202002' });
    const watcher = client(url, 'officer b', b.cookie, false);
    const outsider = client(url, 'west', west.cookie, false);
    await Promise.all([watcher.connect(), outsider.connect()]);
    const id = await report(server, 'live-case-1', EAST);
    await watcher.waitForSeq(1);
    const t0 = Date.now();
    await command(server, a.cookie, id, { type: 'accept', expectedVersion: 1 });
    await until(() => watcher.cases.get(id)?.stage === 'accepted', 'the accept on the other screen');
    const ms = Date.now() - t0;
    await command(server, a.cookie, id, { type: 'assign', expectedVersion: 2, assignee: { kind: 'grid', gridCode: '321202001002001' } });
    await until(() => watcher.cases.get(id)?.stage === 'dispatched', 'the dispatch on the other screen');
    console.log(`[live cases] another officer's screen showed the accept ${ms} ms after it was answered`);
    expect(ms).toBeLessThan(1000);
    expect(watcher.cases.get(id)).toMatchObject({ version: 3, owner: { id: a.accountId }, assignee: { kind: 'grid', gridCode: '321202001002001' } });
    // The other township's screen: neither the incident nor its case.
    const westCase = await report(server, 'live-case-west', WEST);
    await outsider.waitForSeq(await server.store.lastSeq());
    expect(outsider.incidents.map((i) => i.id)).toEqual([westCase]);
    expect(outsider.cases.size).toBe(0);
    expect(watcher.problems).toEqual([]);
  });

  it('resumes a client that was away for 500 changes to exactly the server’s case states', async () => {
    const { server, url } = await setup();
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const away = client(url, 'away', officer.cookie);
    await away.connect();
    const ids: string[] = [];
    for (let k = 0; k < 50; k++) ids.push(await report(server, `resume-${k}`, k % 2 ? EAST : WEST));
    await away.waitForSeq(await server.store.lastSeq());
    away.disconnect();
    // 500 changes: on each of 50 cases, accept, then notes.
    const batch = ids.flatMap((id) => [{ caseId: id, type: 'accept', expectedVersion: 1 }, ...Array.from({ length: 9 }, (_, n) => ({ caseId: id, type: 'note', expectedVersion: n + 2, text: `进展 ${n}` }))]);
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/cases/commands', headers: { cookie: officer.cookie, 'content-type': 'application/json' }, payload: JSON.stringify(batch) });
    expect(res.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const last = await server.store.lastSeq();
    await away.connect();
    await away.waitForSeq(last);
    for (const id of ids) {
      const serverView = server.casework.book.view(server.casework.book.get(id)!, Date.now());
      expect(away.cases.get(id), id).toMatchObject({ version: serverView.version, stage: serverView.stage, lastSeq: serverView.lastSeq, owner: serverView.owner });
    }
    console.log(`[live cases] resumed after ${batch.length} changes: ${ids.length} cases equal to the server's (version 10 each), ${away.resumePages} resume pages`);
    expect(away.problems).toEqual([]);
  });

  it('announces a case that crosses its limit (超时), by the server’s clock', async () => {
    let clock = Date.now();
    const { server, url } = await setup(() => clock);
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const screen = client(url, 'wall', officer.cookie);
    const overdue: LiveTick['overdue'] = [];
    await screen.connect();
    (screen as unknown as { socket: { on(e: 'tick', f: (t: LiveTick) => void): void } }).socket.on('tick', (t) => overdue.push(...(t.overdue ?? [])));
    const id = await report(server, 'overdue-1', EAST, new Date(clock).toISOString());
    await screen.waitForSeq(1);
    expect(screen.cases.get(id)).toBeUndefined();
    clock += 31 * 60_000; // a normal case must be accepted within 30 minutes
    await until(() => overdue.some((o) => o.caseId === id), 'the overdue announcement');
    expect(overdue).toEqual([{ caseId: id, limit: 'step', dueAt: expect.any(String) }]);
    expect(screen.cases.get(id)).toMatchObject({ stage: 'intake', overdue: { step: true, case: false } });
    expect(server.casework.book.counts().get('321202001')).toMatchObject({ open: 1, overdue: 1, stages: { intake: 1 } });
  });
});
