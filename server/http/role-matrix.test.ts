// The role matrix through the real app: every action a role may not take is refused with 403 and
// written to the audit log as access.denied (who, what, why); the actions it may take work.
import type { InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { updateAccount } from '../auth/admin.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, displayCookie, sessionFor, testKey } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Who = 'admin' | 'leader' | 'duty-officer' | 'grid-worker' | 'wall-display' | 'api-key' | 'township-admin';
type Call = { method: InjectOptions['method']; url: string; payload?: unknown };

const EAST = FIXTURE_POINTS['321202001002001'];

/** Every state-changing or privileged call, with who may make it. */
const CALLS: { call: Call; allowed: Who[] }[] = [
  { call: { method: 'GET', url: '/api/v1/accounts' }, allowed: ['admin', 'township-admin'] },
  { call: { method: 'POST', url: '/api/v1/accounts', payload: { username: 'new-user', role: 'leader', jurisdictionCode: '321202001' } }, allowed: ['admin', 'township-admin'] },
  { call: { method: 'PATCH', url: '/api/v1/accounts/{target}', payload: { role: 'leader' } }, allowed: ['admin', 'township-admin'] },
  { call: { method: 'DELETE', url: '/api/v1/accounts/{target}' }, allowed: ['admin', 'township-admin'] },
  { call: { method: 'GET', url: '/api/v1/display-links' }, allowed: ['admin', 'township-admin'] },
  { call: { method: 'POST', url: '/api/v1/display-links', payload: { label: 'wall', jurisdictionCode: '321202001' } }, allowed: ['admin', 'township-admin'] },
  { call: { method: 'DELETE', url: '/api/v1/display-links/{link}' }, allowed: ['admin', 'township-admin'] },
  { call: { method: 'GET', url: '/api/v1/api-keys' }, allowed: ['admin'] },
  { call: { method: 'POST', url: '/api/v1/api-keys', payload: { source: 'sensor' } }, allowed: ['admin'] },
  { call: { method: 'DELETE', url: '/api/v1/api-keys/{key}' }, allowed: ['admin'] },
  { call: { method: 'GET', url: '/api/v1/audit' }, allowed: ['admin'] },
  { call: { method: 'GET', url: '/api/v1/audit/export?format=csv' }, allowed: ['admin'] },
  { call: { method: 'GET', url: '/api/v1/audit/verify' }, allowed: ['admin'] },
  { call: { method: 'GET', url: '/api/v1/incidents/export' }, allowed: ['admin', 'township-admin', 'leader', 'duty-officer'] },
  // No source: it follows from the credential (the key's source, or the person's own).
  { call: { method: 'POST', url: '/api/v1/events', payload: { ...incidentAt(EAST, 'rm-{who}'), source: undefined } }, allowed: ['admin', 'township-admin', 'leader', 'duty-officer', 'grid-worker', 'api-key'] },
  { call: { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'x', newPassword: 'a-long-new-password' } }, allowed: ['admin', 'township-admin', 'leader', 'duty-officer', 'grid-worker'] },
  { call: { method: 'GET', url: '/api/v1/incidents' }, allowed: ['admin', 'township-admin', 'leader', 'duty-officer', 'grid-worker', 'wall-display'] },
  { call: { method: 'GET', url: '/api/v1/counts' }, allowed: ['admin', 'township-admin', 'leader', 'duty-officer', 'grid-worker', 'wall-display'] },
  { call: { method: 'GET', url: '/api/v1/jurisdiction' }, allowed: ['admin', 'township-admin', 'leader', 'duty-officer', 'grid-worker', 'wall-display'] },
  { call: { method: 'GET', url: '/api/v1/hotspots' }, allowed: ['admin', 'township-admin', 'leader', 'duty-officer', 'grid-worker', 'wall-display'] },
];
const WHO: Who[] = ['admin', 'township-admin', 'leader', 'duty-officer', 'grid-worker', 'wall-display', 'api-key'];

/** A fresh server with one principal of each kind (township accounts in 321202001). */
async function setup(): Promise<{ server: YizhangtuApp; headers: Record<Who, Record<string, string>> }> {
  const t = tempDir('yzt-roles-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir);
  cleanups.push(() => server.close());
  const cookie = async (role: 'admin' | 'leader' | 'duty-officer' | 'grid-worker', code = '321202001') => ({ cookie: (await sessionFor(server, { role, jurisdictionCode: code })).cookie });
  return {
    server,
    headers: {
      admin: { cookie: adminCookie(server) },
      'township-admin': await cookie('admin'),
      leader: await cookie('leader'),
      'duty-officer': await cookie('duty-officer'),
      'grid-worker': await cookie('grid-worker'),
      'wall-display': { cookie: displayCookie(server, '321202001').cookie },
      'api-key': { authorization: `Bearer ${testKey()}` },
    },
  };
}

/** Fills the {placeholders} of a call with fresh targets, so an allowed call has something to act on. */
async function concrete(server: YizhangtuApp, call: Call, who: Who): Promise<Call> {
  let url = call.url;
  if (url.includes('{target}')) url = url.replace('{target}', String((await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001' })).accountId));
  if (url.includes('{link}')) url = url.replace('{link}', String(displayCookie(server, '321202001').linkId));
  if (url.includes('{key}')) url = url.replace('{key}', server.access.apiKeys.issue('sensor', 'test', 'test').apiKey.id);
  const payload = call.payload && JSON.parse(JSON.stringify(call.payload).replace('{who}', who));
  if (payload && typeof payload === 'object' && 'username' in payload) payload.username = `new-${who}`;
  return { ...call, url, payload };
}

describe('role matrix', () => {
  it('refuses every forbidden action with 403 and audits it; allows the rest', async () => {
    const { server, headers } = await setup();
    let refused = 0;
    let audited = 0;
    let allowed = 0;
    for (const { call, allowed: may } of CALLS) {
      for (const who of WHO) {
        const c = await concrete(server, call, who);
        const before = server.access.audit.count();
        const res = await server.app.inject({ method: c.method, url: c.url, headers: headers[who], ...(c.payload ? { payload: c.payload } : {}) } as InjectOptions);
        const label = `${who} ${c.method} ${call.url}`;
        if (may.includes(who)) {
          // Allowed: not refused for the role (the password call is answered 403 for the wrong current password: skip that one).
          if (call.url !== '/api/v1/auth/password') expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(400);
          allowed += 1;
          continue;
        }
        expect(res.statusCode, `${label}: ${res.body}`).toBe(403);
        refused += 1;
        const denial = server.access.audit.list({ limit: 5 }).filter((e) => e.seq > before && e.action === 'access.denied');
        expect(denial, label).toHaveLength(1);
        expect(denial[0]!.details).toMatchObject({ method: c.method, path: c.url.split('?')[0] });
        audited += 1;
      }
    }
    expect(refused).toBe(audited);
    console.log(`[role matrix] ${CALLS.length} actions × ${WHO.length} principals: ${refused} forbidden pairs refused with 403, ${audited} audited; ${allowed} allowed pairs worked`);
  });

  it('lets a township admin manage only accounts inside its township', async () => {
    const { server, headers } = await setup();
    const outside = await server.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: headers['township-admin'], payload: { username: 'west-user', role: 'leader', jurisdictionCode: '321202002' } });
    expect(outside.statusCode).toBe(403);
    const other = await sessionFor(server, { role: 'leader', jurisdictionCode: '321202002' });
    const patch = await server.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${other.accountId}`, headers: headers['township-admin'], payload: { disabled: true } });
    expect(patch.statusCode).toBe(404);
    const listed = (await server.app.inject({ url: '/api/v1/accounts', headers: headers['township-admin'] })).json().accounts as { jurisdictionCode: string }[];
    expect(listed.every((a) => a.jurisdictionCode.startsWith('321202001'))).toBe(true);
  });

  it('keeps the last county admin', async () => {
    const { server } = await setup();
    const admin = server.access.accounts.byUsername('admin')!.account;
    const other = await sessionFor(server, { role: 'admin', jurisdictionCode: '321202' });
    const demote = await server.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${admin.id}`, headers: { cookie: other.cookie }, payload: { role: 'leader' } });
    expect(demote.statusCode).toBe(200);
    // Now `other` is the last one: not even the command line may disable it.
    const cli = { actor: { type: 'cli' as const, id: 'root' }, scopeCode: '321202', ip: null };
    await expect(updateAccount(server.access, cli, other.accountId, { disabled: true })).rejects.toThrow('last enabled county admin');
    const self = await server.app.inject({ method: 'DELETE', url: `/api/v1/accounts/${other.accountId}`, headers: { cookie: other.cookie } });
    expect(self.statusCode).toBe(409);
  });

  it('shows a generated password and an issued key once, and never lists secrets', async () => {
    const { server, headers } = await setup();
    const created = (await server.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: headers.admin, payload: { username: 'wang', role: 'duty-officer', jurisdictionCode: '321202002' } })).json();
    expect(created).toMatchObject({ account: { username: 'wang', mustChangePassword: true }, password: expect.stringMatching(/^\w{20}$/) });
    const issued = (await server.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: headers.admin, payload: { source: 'alarm-110' } })).json();
    expect(issued.key).toMatch(/^yzk_/);
    const lists = [
      (await server.app.inject({ url: '/api/v1/accounts', headers: headers.admin })).body,
      (await server.app.inject({ url: '/api/v1/api-keys', headers: headers.admin })).body,
      (await server.app.inject({ url: '/api/v1/audit?limit=500', headers: headers.admin })).body,
    ].join('\n');
    expect(lists).not.toContain(created.password);
    expect(lists).not.toContain(issued.key);
    expect(lists).not.toContain('scrypt$');
  });
});
