// The case API on the real server: an incident becomes a case at 待受理; an officer accepts and
// assigns it, the grid worker handles it, another officer verifies and archives it; two officers
// racing the same command — exactly one applied, the other told (409) with the current state; every
// command audited; scope and roles as the domain says; the queue's tabs; polling by log position.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import type { CaseDetailResponse, CaseListResponse, CaseView } from '../wire/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(now?: () => number): Promise<YizhangtuApp> {
  const t = tempDir('yzt-cases-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, {}, now ? { now } : {});
  cleanups.push(() => server.close());
  return server;
}

const EAST = FIXTURE_POINTS['321202001002001'];
const WEST = FIXTURE_POINTS['321202002001001'];

async function report(server: YizhangtuApp, sourceId: string, at: { lng: number; lat: number } = EAST, over: Record<string, unknown> = {}): Promise<string> {
  const res = await server.app.inject({ method: 'POST', url: '/api/v1/events', headers: keyHeaders(), payload: JSON.stringify({ ...incidentAt(at, sourceId), ...over }) });
  expect(res.statusCode).toBe(201);
  return res.json().accepted[0].id as string;
}

const command = (server: YizhangtuApp, cookie: string, id: string, body: Record<string, unknown>) =>
  server.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/commands`, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

async function caseOf(server: YizhangtuApp, cookie: string, id: string): Promise<CaseDetailResponse> {
  const res = await server.app.inject({ url: `/api/v1/cases/${id}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as CaseDetailResponse;
}

describe('the case API', () => {
  it('takes a case through the whole loop: 受理 → 派遣 → 处置 → 核查 → 归档, each step in the log, the audit log and the incident', async () => {
    const server = await setup();
    const id = await report(server, 'loop-1');
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const checker = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const worker = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001002' });

    const fresh = await caseOf(server, officer.cookie, id);
    expect(fresh.case).toMatchObject({ id, version: 1, stage: 'intake', level: 'village', centreCode: '321202001002', overdue: { step: false, case: false } });
    expect(Date.parse(fresh.case.stepDueAt!) - Date.parse(fresh.case.receivedAt)).toBe(30 * 60_000); // normal: accept within 30 min
    expect(fresh.commands).toContain('accept');

    const steps: [string, Record<string, unknown>][] = [
      [officer.cookie, { type: 'accept', expectedVersion: 1 }],
      [officer.cookie, { type: 'assign', expectedVersion: 2, assignee: { kind: 'grid', gridCode: '321202001002001' } }],
      [worker.cookie, { type: 'accept', expectedVersion: 3 }],
      [worker.cookie, { type: 'handle', expectedVersion: 4, note: '已调解，双方签字' }],
      [checker.cookie, { type: 'verify', expectedVersion: 5 }],
      [checker.cookie, { type: 'archive', expectedVersion: 6, satisfaction: 'satisfied', disposition: 'resolved' }],
    ];
    const stages: string[] = [];
    for (const [cookie, body] of steps) {
      const res = await command(server, cookie, id, body);
      expect(res.statusCode, res.body).toBe(200);
      stages.push((res.json().case as CaseView).stage);
    }
    expect(stages).toEqual(['accepted', 'dispatched', 'handling', 'verifying', 'verified', 'archived']);

    const done = await caseOf(server, officer.cookie, id);
    expect(done.case).toMatchObject({ version: 7, stage: 'archived', owner: { id: officer.accountId }, evaluation: { satisfaction: 'satisfied', disposition: 'resolved' } });
    expect(done.events.map((e) => `${e.version}:${e.type}`)).toEqual(['1:created', '2:accepted', '3:assigned', '4:accepted', '5:handled', '6:verified', '7:archived']);
    expect(done.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The incident row follows its case; every command is on the audit record with its before and after.
    expect(await server.store.getById(id)).toMatchObject({ stage: 'archived', version: 7, stepDueAt: null });
    const audited = server.access.audit.list({ action: 'case.', limit: 20 }).reverse();
    expect(audited.map((e) => e.action)).toEqual(['case.accept', 'case.assign', 'case.accept', 'case.handle', 'case.verify', 'case.archive']);
    expect(audited[0]).toMatchObject({ target: `case:${id}`, before: { stage: 'intake', version: 1 }, after: { stage: 'accepted', version: 2 } });
  });

  it('lets exactly one of two officers pressing at once through; the other gets 409 with the current state', async () => {
    const server = await setup();
    const id = await report(server, 'race-1');
    const a = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const b = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const [ra, rb] = await Promise.all([command(server, a.cookie, id, { type: 'accept', expectedVersion: 1 }), command(server, b.cookie, id, { type: 'accept', expectedVersion: 1 })]);
    const statuses = [ra.statusCode, rb.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const lost = ra.statusCode === 409 ? ra : rb;
    expect(lost.json()).toMatchObject({ statusCode: 409, case: { version: 2, stage: 'accepted' } });
    expect((await caseOf(server, a.cookie, id)).events).toHaveLength(2);
    // A stale version sent later is refused the same way, and nothing is written.
    const stale = await command(server, a.cookie, id, { type: 'note', expectedVersion: 1, text: '补充' });
    expect(stale.statusCode).toBe(409);
    expect(await server.store.lastSeq()).toBe(2);
  });

  it('refuses by role, stage, payload and jurisdiction with the domain’s reasons, and hides other townships’ cases', async () => {
    const server = await setup();
    const east = await report(server, 'rules-east');
    const west = await report(server, 'rules-west', WEST);
    const worker = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001002' });
    const eastOfficer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    expect((await command(server, worker.cookie, east, { type: 'accept', expectedVersion: 1 })).statusCode).toBe(403);
    expect((await command(server, eastOfficer.cookie, east, { type: 'verify', expectedVersion: 1 })).json()).toMatchObject({ statusCode: 409 });
    expect((await command(server, eastOfficer.cookie, east, { type: 'escalate', expectedVersion: 1, reason: ' ' })).json()).toMatchObject({ statusCode: 422, field: 'reason' });
    expect((await command(server, eastOfficer.cookie, east, { type: 'fly', expectedVersion: 1 })).json()).toMatchObject({ statusCode: 422, field: 'type' });
    expect((await command(server, eastOfficer.cookie, east, { type: 'accept' })).json()).toMatchObject({ statusCode: 422, field: 'expectedVersion' });
    expect((await command(server, eastOfficer.cookie, east, { type: 'assign', expectedVersion: 1, assignee: { kind: 'account', accountId: 999, name: 'x' } })).json()).toMatchObject({ statusCode: 422 });
    // Another township's case is answered like an unknown one.
    expect((await command(server, eastOfficer.cookie, west, { type: 'accept', expectedVersion: 1 })).statusCode).toBe(404);
    expect((await server.app.inject({ url: `/api/v1/cases/${west}`, headers: { cookie: eastOfficer.cookie } })).statusCode).toBe(404);
    // An API key may post incidents, not work cases.
    expect((await server.app.inject({ method: 'POST', url: `/api/v1/cases/${east}/commands`, headers: keyHeaders(), payload: JSON.stringify({ type: 'accept', expectedVersion: 1 }) })).statusCode).toBe(403);
    expect(await server.store.lastSeq()).toBe(2);
  });

  it('lists the queue by tab with counts, only inside the caller’s jurisdiction, overdue by the server’s clock', async () => {
    let clock = Date.parse('2026-11-22T08:00:00Z');
    const server = await setup(() => clock);
    const ids = [await report(server, 'q1', EAST, { occurredAt: new Date(clock).toISOString() }), await report(server, 'q2', EAST, { occurredAt: new Date(clock).toISOString() }), await report(server, 'q3', WEST, { occurredAt: new Date(clock).toISOString() })];
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    expect((await command(server, officer.cookie, ids[0]!, { type: 'accept', expectedVersion: 1 })).statusCode).toBe(200);
    const list = async (q: string) => (await server.app.inject({ url: `/api/v1/cases?${q}`, headers: { cookie: officer.cookie } })).json() as CaseListResponse;
    const now = await list('tab=new');
    expect(now.cases.map((c) => c.id)).toEqual([ids[1]]);
    expect(now.tabs).toEqual({ new: 1, open: 1, overdue: 0, verifying: 0, mine: 1 });
    clock += 31 * 60_000; // past the 30-minute accept limit of the case still new
    const later = await list('tab=overdue');
    expect(later.cases.map((c) => c.id)).toEqual([ids[1]]);
    expect(later.cases[0]!.overdue).toEqual({ step: true, case: false });
    expect((await server.app.inject({ url: '/api/v1/cases?tab=later', headers: { cookie: officer.cookie } })).statusCode).toBe(400);
  });

  it('tells a system that polls by log position which cases changed, and where to poll from next', async () => {
    const server = await setup();
    const a = await report(server, 'p1');
    const b = await report(server, 'p2');
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const first = (await server.app.inject({ url: '/api/v1/cases?changedAfterSeq=0', headers: { cookie: officer.cookie } })).json() as CaseListResponse;
    expect(first.cases.map((c) => c.id)).toEqual([a, b]);
    expect(first.lastSeq).toBe(2);
    await command(server, officer.cookie, b, { type: 'accept', expectedVersion: 1 });
    const next = (await server.app.inject({ url: `/api/v1/cases?changedAfterSeq=${first.lastSeq}`, headers: { cookie: officer.cookie } })).json() as CaseListResponse;
    expect(next.cases.map((c) => `${c.id === b ? 'b' : 'a'}:${c.stage}`)).toEqual(['b:accepted']);
    expect(next.lastSeq).toBe(3);
  });

  it('runs a batch of commands, each with its own answer', async () => {
    const server = await setup();
    const a = await report(server, 'b1');
    const b = await report(server, 'b2');
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const res = await server.app.inject({
      method: 'POST', url: '/api/v1/cases/commands', headers: { cookie: officer.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify([
        { caseId: a, type: 'accept', expectedVersion: 1 },
        { caseId: a, type: 'note', expectedVersion: 2, text: '已联系当事人' },
        { caseId: b, type: 'verify', expectedVersion: 1 },
        { caseId: 'nope', type: 'accept', expectedVersion: 1 },
      ]),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { ok: boolean; status?: number }) => (r.ok ? 'ok' : r.status))).toEqual(['ok', 'ok', 409, 404]);
  });

  it('keeps every case across a restart: the book is folded again from the log', async () => {
    const t = tempDir('yzt-cases-restart-');
    cleanups.push(t.remove);
    const first = await createFixtureApp(t.dir);
    const id = await report(first, 'restart-1');
    const officer = await sessionFor(first, { role: 'duty-officer', jurisdictionCode: '321202' });
    await command(first, officer.cookie, id, { type: 'accept', expectedVersion: 1 });
    await command(first, officer.cookie, id, { type: 'note', expectedVersion: 2, text: '重启前' });
    const before = (await caseOf(first, officer.cookie, id)).case;
    await first.close();
    const second = await createFixtureApp(t.dir);
    cleanups.push(() => second.close());
    expect(second.casework.book.get(id)!.state).toEqual(first.casework.book.get(id)!.state);
    const { cookie } = await sessionFor(second, { role: 'duty-officer', jurisdictionCode: '321202' });
    expect((await caseOf(second, cookie, id)).case).toEqual({ ...before, duplicates: [] });
  });
});
