import { afterEach, describe, expect, it } from 'vitest';
import { updateAccount } from '../auth/admin.ts';
import { incident, Walk } from '../cases/fixtures.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { createDemoStaff } from './demo-staff.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const t = tempDir('yzt-staff-');
  const server = await createFixtureApp(t.dir);
  cleanups.push(t.remove, () => server.close());
  const state = new Walk('c1', incident({ townshipCode: '321202001', villageCode: '321202001002', gridCode: '321202001002001' })).state;
  return { server, staff: createDemoStaff(server.access), state };
}

describe('demo staff', () => {
  it('creates a duty officer per township and a grid worker per village once, audited, named demo-', async () => {
    const { server, staff, state } = await setup();
    const duty = staff.principal('duty', state)!;
    const worker = staff.principal('grid', state)!;
    expect([duty.username, duty.role, duty.scope.code]).toEqual(['demo-duty-321202001', 'duty-officer', '321202001']);
    expect([worker.username, worker.role, worker.scope.code]).toEqual(['demo-grid-321202001002', 'grid-worker', '321202001002']);
    expect(staff.principal('duty', state)).toBe(duty);
    expect(createDemoStaff(server.access).principal('duty', state)!.accountId).toBe(duty.accountId);
    expect(staff.created).toBe(2);
    const audited = server.access.audit.list({ action: 'account.created', limit: 10 });
    expect(audited.map((e) => e.after)).toContainEqual(expect.objectContaining({ username: 'demo-duty-321202001' }));
  });

  it('cannot be logged into with any password', async () => {
    const { server, staff, state } = await setup();
    staff.principal('duty', state);
    for (const password of ['demo-account-no-login', 'correct horse battery staple', '']) {
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'demo-duty-321202001', password } });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('stops acting as an account an admin disabled', async () => {
    const { server, staff, state } = await setup();
    const duty = staff.principal('duty', state)!;
    await updateAccount(server.access, { actor: { type: 'system' }, scopeCode: '321202', ip: null }, duty.accountId, { disabled: true });
    expect(staff.principal('duty', state)).toBeUndefined();
    await updateAccount(server.access, { actor: { type: 'system' }, scopeCode: '321202', ip: null }, duty.accountId, { disabled: false });
    expect(staff.principal('duty', state)?.accountId).toBe(duty.accountId);
  });
});
