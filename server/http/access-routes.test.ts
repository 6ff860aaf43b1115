// Display links and the audit endpoints through the real app: a display link turns a browser into a
// read-only wall display of its jurisdiction; admins page, export and verify the audit log.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie } from '../test-fixtures/auth.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ server: YizhangtuApp; admin: string }> {
  const t = tempDir('yzt-access-routes-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir);
  cleanups.push(() => server.close());
  return { server, admin: adminCookie(server) };
}

const cookieOf = (setCookie: string | string[] | undefined) => String(setCookie).split(';')[0]!;

describe('display links', () => {
  it('open a wall-display session of their jurisdiction, by /display/<token> or /?display=<token>, until revoked', async () => {
    const { server, admin } = await setup();
    const created = await server.app.inject({ method: 'POST', url: '/api/v1/display-links', headers: { cookie: admin }, payload: { label: '城西大屏', jurisdictionCode: '321202002' } });
    expect(created.statusCode).toBe(201);
    const { url, altUrl, displayLink } = created.json() as { url: string; altUrl: string; displayLink: { id: number } };
    expect(url).toMatch(/^\/display\/yzd_[\w-]{43}$/);

    for (const link of [url, altUrl]) {
      const opened = await server.app.inject({ url: link });
      expect(opened.statusCode).toBe(303);
      expect(opened.headers.location).toBe('/');
      const me = (await server.app.inject({ url: '/api/v1/auth/me', headers: { cookie: cookieOf(opened.headers['set-cookie']) } })).json();
      expect(me).toMatchObject({ kind: 'display', role: 'wall-display', user: null, displayLink: { label: '城西大屏' }, jurisdiction: { code: '321202002', level: 'township', name: expect.any(String) } });
    }
    const wall = cookieOf((await server.app.inject({ url })).headers['set-cookie']);
    expect((await server.app.inject({ url: '/api/v1/counts', headers: { cookie: wall } })).json().counts).toEqual({ '321202002': 0 });

    await server.app.inject({ method: 'DELETE', url: `/api/v1/display-links/${displayLink.id}`, headers: { cookie: admin } });
    expect((await server.app.inject({ url: '/api/v1/counts', headers: { cookie: wall } })).statusCode).toBe(401);
    expect((await server.app.inject({ url })).statusCode).toBe(404);
    const listed = (await server.app.inject({ url: '/api/v1/display-links', headers: { cookie: admin } })).json().displayLinks;
    expect(listed).toEqual([expect.objectContaining({ id: displayLink.id, revokedAt: expect.any(String) })]);
  });
});

describe('audit endpoints', () => {
  it('page the log newest first, export it as CSV and NDJSON (audited), and verify the chain', async () => {
    const { server, admin } = await setup();
    await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong-password-here' } });
    await server.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie: admin }, payload: { username: 'li', role: 'leader', jurisdictionCode: '321202' } });

    const page = (await server.app.inject({ url: '/api/v1/audit?limit=2', headers: { cookie: admin } })).json();
    expect(page.entries.map((e: { action: string }) => e.action)).toEqual(['account.created', 'auth.login-failed']);
    expect(page.nextBeforeSeq).toBe(page.entries[1].seq);
    const older = (await server.app.inject({ url: `/api/v1/audit?beforeSeq=${page.nextBeforeSeq}`, headers: { cookie: admin } })).json();
    expect(older.entries.map((e: { action: string }) => e.action)).toEqual(['account.bootstrap-admin']);

    const csv = await server.app.inject({ url: '/api/v1/audit/export?format=csv', headers: { cookie: admin } });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,before,after,details,ip,prevHash,hash');
    expect(lines).toHaveLength(4);
    const ndjson = await server.app.inject({ url: '/api/v1/audit/export?format=ndjson', headers: { cookie: admin } });
    // The CSV export is on record twice: when it started, and when it ended with the rows written.
    const exported = ndjson.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(exported.map((e) => e.action)).toEqual(['account.bootstrap-admin', 'auth.login-failed', 'account.created', 'audit.exported', 'audit.export-ended']);
    expect(exported[4].details).toEqual({ exportSeq: exported[3].seq, rows: 3, complete: true });

    const verdict = (await server.app.inject({ url: '/api/v1/audit/verify', headers: { cookie: admin } })).json();
    expect(verdict).toMatchObject({ ok: true, entries: 7 });
  });
});
