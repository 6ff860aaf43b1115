// The unit API on the real server (demo county, in-process): status commands round trip through
// the log, the audit log and the book; two officers dispatching one unit to two cases at once —
// exactly one commit, the other refused with the reason (double booking); a dispatch writes the
// case's `assigned` and the unit's `dispatched` together; the recommendation ranks the township's
// units by road ETA with routes; a restart folds the same unit states from the log.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { tempDir } from '../test-fixtures/app.ts';
import { cookieFor, keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { acceptedCase, openDemoApp, placeUnits, routePoint } from '../unitwork/fixtures.ts';
import type { CaseDetailResponse, DispatchResult, UnitCommandResult, UnitRecommendation, UnitStatusListResponse } from '../wire/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(dir?: string): Promise<{ server: YizhangtuApp; dir: string }> {
  let d = dir;
  if (!d) {
    const t = tempDir('yzt-units-');
    cleanups.push(t.remove);
    d = t.dir;
  }
  const server = await openDemoApp(d);
  cleanups.push(() => server.close());
  return { server, dir: d };
}

const EAST = '321202001';
const json = (cookie: string) => ({ cookie, 'content-type': 'application/json' });
const post = (server: YizhangtuApp, cookie: string, url: string, body: unknown) =>
  server.app.inject({ method: 'POST', url, headers: json(cookie), payload: JSON.stringify(body) });
const statuses = async (server: YizhangtuApp, cookie: string) => {
  const res = await server.app.inject({ url: '/api/v1/units/status', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as UnitStatusListResponse;
};

describe('unit status commands', () => {
  it('round-trips a unit through its statuses: each command in the log and the audit log, stale versions and wrong statuses refused with the reason', async () => {
    const { server } = await setup();
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: EAST });
    const start = await statuses(server, officer.cookie);
    // The township's four units, every one available at version 0.
    expect(start.units.map((u) => `${u.unitId}:${u.status}:${u.version}`)).toEqual(['unit-001:available:0', 'unit-002:available:0', 'unit-003:available:0', 'unit-004:available:0']);

    const off = await post(server, officer.cookie, '/api/v1/units/unit-002/commands', { type: 'sign-off', expectedVersion: 0 });
    expect(off.statusCode, off.body).toBe(200);
    const done = off.json() as UnitCommandResult;
    expect(done.unit).toMatchObject({ unitId: 'unit-002', status: 'off-duty', version: 1 });
    expect(done.events).toMatchObject([{ type: 'signed-off', unitId: 'unit-002', version: 1 }]);
    expect((await server.store.eventsOf('unit', 'unit-002')).map((e) => e.type)).toEqual(['signed-off']);

    const stale = await post(server, officer.cookie, '/api/v1/units/unit-002/commands', { type: 'resume', expectedVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ message: expect.stringContaining('version 1, not 0'), unit: { version: 1, status: 'off-duty' } });
    const wrong = await post(server, officer.cookie, '/api/v1/units/unit-002/commands', { type: 'depart', expectedVersion: 1 });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().message).toMatch(/depart is not allowed while unit 城东步01 is off-duty/);
    const back = await post(server, officer.cookie, '/api/v1/units/unit-002/commands', { type: 'resume', expectedVersion: 1 });
    expect(back.json().unit).toMatchObject({ status: 'available', version: 2 });

    expect(server.access.audit.list({ action: 'unit.', limit: 10 }).reverse().map((e) => [e.action, e.target, (e.before as { status: string }).status, (e.after as { status: string }).status]))
      .toEqual([['unit.sign-off', 'unit:unit-002', 'available', 'off-duty'], ['unit.resume', 'unit:unit-002', 'off-duty', 'available']]);
  });

  it('refuses with the reason: another jurisdiction\'s unit (403), an unknown unit (404), an API key (403), a dispatch outside a case (422)', async () => {
    const { server } = await setup();
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: EAST });
    const west = await post(server, officer.cookie, '/api/v1/units/unit-005/commands', { type: 'sign-off', expectedVersion: 0 });
    expect(west.statusCode).toBe(403);
    expect(west.json().message).toMatch(/outside your jurisdiction 321202001/);
    expect((await post(server, officer.cookie, '/api/v1/units/ghost/commands', { type: 'sign-off', expectedVersion: 0 })).statusCode).toBe(404);
    const key = await server.app.inject({ method: 'POST', url: '/api/v1/units/unit-001/commands', headers: keyHeaders(), payload: JSON.stringify({ type: 'sign-off', expectedVersion: 0 }) });
    expect(key.statusCode).toBe(403);
    const viaUnit = await post(server, officer.cookie, '/api/v1/units/unit-001/commands', { type: 'dispatch', caseId: 'x', expectedVersion: 0 });
    expect(viaUnit.statusCode).toBe(422);
    expect(viaUnit.json().message).toMatch(/dispatched from its case/);
    // A __proto__ key is a field like any other (object rest keeps it): refused, not silently dropped.
    const proto = await server.app.inject({ method: 'POST', url: '/api/v1/units/unit-001/commands', headers: json(officer.cookie), payload: '{"type":"sign-off","expectedVersion":0,"__proto__":{"x":1}}' });
    expect(proto.statusCode).toBe(422);
    expect(proto.json()).toMatchObject({ field: '__proto__' });
    // A township officer sees only the township's units.
    expect((await statuses(server, officer.cookie)).units.every((u) => u.townshipCode === EAST)).toBe(true);
  });
});

describe('dispatch from a case', () => {
  it('lets one of two officers dispatching the same unit at once through; the other is refused with the reason, and nothing of its command is written', async () => {
    const { server } = await setup();
    const a = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: EAST });
    const b = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const caseA = await acceptedCase(server, a.cookie, 'race-a');
    const caseB = await acceptedCase(server, b.cookie, 'race-b', routePoint('route-02', 0.5));
    const [ra, rb] = await Promise.all([
      post(server, a.cookie, `/api/v1/cases/${caseA}/dispatch`, { unitId: 'unit-001', expectedVersion: 2 }),
      post(server, b.cookie, `/api/v1/cases/${caseB}/dispatch`, { unitId: 'unit-001', expectedVersion: 2 }),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const [won, lost, wonCase, lostCase] = ra.statusCode === 200 ? [ra, rb, caseA, caseB] : [rb, ra, caseB, caseA];
    const result = won.json() as DispatchResult;
    expect(result.case).toMatchObject({ id: wonCase, stage: 'dispatched', version: 3, assignee: { kind: 'unit', unitId: 'unit-001', name: '城东骑01' } });
    expect(result.unit).toMatchObject({ status: 'dispatched', version: 1, assignment: { caseId: wonCase, override: false } });
    // One commit: the case's event and the unit's take consecutive seqs.
    expect(result.unitEvents[0]!.seq).toBe(result.caseEvents[0]!.seq + 1);
    expect(lost.json().message).toMatch(new RegExp(`already dispatched for case ${wonCase}.*double-book`));
    expect(lost.json().unit).toMatchObject({ status: 'dispatched', assignment: { caseId: wonCase } });
    const loser = (await server.app.inject({ url: `/api/v1/cases/${lostCase}`, headers: { cookie: b.cookie } })).json() as CaseDetailResponse;
    expect(loser.case).toMatchObject({ stage: 'accepted', version: 2, assignee: null });
    expect((await server.store.eventsOf('unit', 'unit-001')).map((e) => (e.payload as { caseId: string }).caseId)).toEqual([wonCase]);

    // With an explicit override the busy unit is taken off its case.
    const over = await post(server, b.cookie, `/api/v1/cases/${lostCase}/dispatch`, { unitId: 'unit-001', expectedVersion: 2, override: true });
    expect(over.statusCode, over.body).toBe(200);
    expect((over.json() as DispatchResult).unit.assignment).toMatchObject({ caseId: lostCase, override: true });
    expect(server.access.audit.list({ action: 'unit.dispatch', limit: 5 })).toHaveLength(2);
    // Polling cases by log position skips the units' events: two dispatches after seq 4 are two cases, not a case and a unit.
    const polled = await server.app.inject({ url: '/api/v1/cases?changedAfterSeq=4&limit=2', headers: { cookie: b.cookie } });
    expect((polled.json().cases as { id: string }[]).map((c) => c.id).sort()).toEqual([caseA, caseB].sort());
  });

  it('refuses a dispatch on a stale case version or a malformed body, and writes neither stream', async () => {
    const { server } = await setup();
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: EAST });
    const id = await acceptedCase(server, officer.cookie, 'stale-1');
    const stale = await post(server, officer.cookie, `/api/v1/cases/${id}/dispatch`, { unitId: 'unit-003', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().case).toMatchObject({ version: 2 });
    const bad = await post(server, officer.cookie, `/api/v1/cases/${id}/dispatch`, { unitId: 'unit-003', expectedVersion: 'two' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'expectedVersion' });
    expect(await server.store.eventsOf('unit', 'unit-003')).toEqual([]);
    expect(await server.store.eventsOf('case', id)).toHaveLength(1);
  });
});

describe('the recommendation', () => {
  it('ranks at least 3 of the township\'s units by road ETA, with distance, status, time in status and the first 3 routes', async () => {
    const { server } = await setup();
    placeUnits(server);
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: EAST });
    const id = await acceptedCase(server, officer.cookie, 'rec-1');
    await post(server, officer.cookie, '/api/v1/units/unit-004/commands', { type: 'sign-off', expectedVersion: 0 });
    const res = await server.app.inject({ url: `/api/v1/cases/${id}/recommendation?county=true`, headers: { cookie: officer.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as UnitRecommendation;
    const township = r.available.filter((u) => u.tier === 'township');
    expect(township.length).toBeGreaterThanOrEqual(3);
    const etas = r.available.filter((u) => u.tier === 'township').map((u) => u.etaS ?? Infinity);
    expect(etas).toEqual([...etas].sort((x, y) => x - y));
    expect(r.available.length).toBeGreaterThan(township.length); // the county's after, on escalation
    for (const u of r.available.slice(0, 3)) {
      expect(u.route!.length).toBeGreaterThanOrEqual(2);
      expect(u).toMatchObject({ status: 'available', etaS: expect.any(Number), distanceM: expect.any(Number) });
    }
    expect(r.available[3]!.route).toBeUndefined();
    expect(r.excluded).toContainEqual({ unitId: 'unit-004', callsign: '城东步02', reason: 'off-duty' });

    // A dispatched unit moves to the busy list, with its time in status.
    await post(server, officer.cookie, `/api/v1/cases/${id}/dispatch`, { unitId: r.available[0]!.unitId, expectedVersion: 2 });
    const after = (await server.app.inject({ url: `/api/v1/cases/${id}/recommendation`, headers: { cookie: officer.cookie } })).json() as UnitRecommendation;
    expect(after.busy).toMatchObject([{ unitId: r.available[0]!.unitId, status: 'dispatched', caseId: id, requiresOverride: true, timeInStatusS: expect.any(Number) }]);
    expect(after.available.every((u) => u.tier === 'township')).toBe(true);
    const bad = await server.app.inject({ url: `/api/v1/cases/${id}/recommendation?routes=NaN`, headers: { cookie: officer.cookie } });
    expect(bad.statusCode).toBe(400);
    expect((await server.app.inject({ url: '/api/v1/cases/nope/recommendation', headers: { cookie: officer.cookie } })).statusCode).toBe(404);
  });
});

describe('restart', () => {
  it('folds the same unit states from the log after close and reopen of the same data directory', async () => {
    const first = await setup();
    const officer = await sessionFor(first.server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const id = await acceptedCase(first.server, officer.cookie, 'restart-1');
    expect((await post(first.server, officer.cookie, `/api/v1/cases/${id}/dispatch`, { unitId: 'unit-001', expectedVersion: 2 })).statusCode).toBe(200);
    expect((await post(first.server, officer.cookie, '/api/v1/units/unit-002/commands', { type: 'disable', reason: '车辆故障', expectedVersion: 0 })).statusCode).toBe(200);
    const before = (await statuses(first.server, officer.cookie)).units;
    await first.server.close();

    const second = await setup(first.dir);
    const account = second.server.access.accounts.byUsername(officer.username)!;
    const after = (await statuses(second.server, cookieFor(second.server, account.account.id))).units;
    expect(after).toEqual(before);
    expect(after.find((u) => u.unitId === 'unit-001')).toMatchObject({ status: 'dispatched', version: 1, assignment: { caseId: id } });
    expect(after.find((u) => u.unitId === 'unit-002')).toMatchObject({ status: 'out-of-service', version: 1 });
  });
});
