// The server's own flags on units, by its clock: a dispatch left unanswered past the limit is
// flagged once (an event in the log by the system actor, audited), the next status change clears
// it, and a unit too long in a status is flagged overdue; nothing is flagged before its time.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-fixtures/app.ts';
import { sessionFor } from '../test-fixtures/auth.ts';
import { DEFAULT_UNIT_TIME_LIMITS } from '../units/status.ts';
import { acceptedCase, openDemoApp } from './fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('unit flags', () => {
  it('flags an unanswered dispatch after the limit, once, and a unit too long in its status', async () => {
    const t = tempDir('yzt-unit-flags-');
    cleanups.push(t.remove);
    let now = Date.now();
    const server = await openDemoApp(t.dir, { now: () => now });
    cleanups.push(() => server.close());
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const id = await acceptedCase(server, officer.cookie, 'flags-1');
    const res = await server.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/dispatch`, headers: { cookie: officer.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ unitId: 'unit-001', expectedVersion: 2 }) });
    expect(res.statusCode, res.body).toBe(200);

    now += DEFAULT_UNIT_TIME_LIMITS.ackMs - 1000;
    expect(await server.unitwork.flagDue()).toBe(0);
    now += 2000;
    expect(await server.unitwork.flagDue()).toBe(1);
    expect(await server.unitwork.flagDue()).toBe(0);
    expect(server.unitwork.book.get('unit-001')).toMatchObject({ status: 'dispatched', unanswered: true, version: 2 });
    const events = await server.store.eventsOf('unit', 'unit-001');
    expect(events.map((e) => [e.type, (e.actor as { type: string }).type])).toEqual([['dispatched', 'account'], ['unanswered', 'system']]);
    expect(server.access.audit.list({ action: 'unit.flag-unanswered', limit: 5 })).toMatchObject([{ actor: { type: 'system' }, target: 'unit:unit-001' }]);

    // Dispatched longer than its status allows: overdue too.
    now += DEFAULT_UNIT_TIME_LIMITS.statusMs.dispatched!;
    expect(await server.unitwork.flagDue()).toBe(1);
    expect(server.unitwork.book.get('unit-001')).toMatchObject({ overdue: true, version: 3 });
    // The officer cancels: both flags are gone with the status.
    const cancel = await server.app.inject({ method: 'POST', url: '/api/v1/units/unit-001/commands', headers: { cookie: officer.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'cancel', reason: '无应答，改派', expectedVersion: 3 }) });
    expect(cancel.json().unit).toMatchObject({ status: 'available', unanswered: false, overdue: false });
  });
});
