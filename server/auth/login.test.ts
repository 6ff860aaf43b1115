// Logging in over HTTP on the real server: the first-start admin with its one-time password, the
// session cookie, session expiry, logout, and that each is audited. Failed attempts and what they
// cost (the login throttle) are tested in login-throttle.test.ts.
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { login, TEST_ADMIN_PASSWORD } from '../test-fixtures/auth.ts';
import type { AppConfig } from '../config.ts';
import type { AppDeps } from '../app.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(over: Partial<AppConfig> = {}, deps: AppDeps = {}, dir?: string): Promise<{ server: YizhangtuApp; url: string; dir: string }> {
  let dataDir = dir;
  if (!dataDir) {
    const t = tempDir('yzt-login-');
    cleanups.push(t.remove);
    dataDir = t.dir;
  }
  const server = await createFixtureApp(dataDir, over, deps);
  cleanups.push(() => server.close());
  const { url } = await server.listen(0, '127.0.0.1');
  return { server, url, dir: dataDir };
}

/** A fetch whose body is read at once (an unread body keeps the connection busy and close() waiting). */
async function read(res: Promise<Response>) {
  const r = await res;
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: () => JSON.parse(text) as unknown };
}
const get = (url: string, path: string, cookie?: string) => read(fetch(`${url}${path}`, { headers: cookie ? { cookie } : {} }));
const postJson = (url: string, path: string, body: unknown, cookie?: string) =>
  read(fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) }));

describe('first start', () => {
  it('creates admin with a one-time password that must be changed before anything else works', async () => {
    const { server, url, dir } = await start({ adminPassword: undefined });
    const boot = server.adminBootstrap;
    expect(boot).toMatchObject({ created: true, username: 'admin', oneTimePassword: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
    const password = boot.created ? boot.oneTimePassword! : '';

    expect((await login(url, 'admin', 'admin')).status).toBe(401); // no default password
    const first = await login(url, 'admin', password);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ role: 'admin', mustChangePassword: true, jurisdiction: { code: '321202', level: 'county' } });

    const blocked = await get(url, '/api/v1/incidents', first.cookie);
    expect(blocked.status).toBe(403);
    expect((blocked.json() as { message: string }).message).toContain('change your password');
    const socket = connect(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: first.cookie! } });
    cleanups.push(() => void socket.disconnect());
    expect(await new Promise<string>((resolve) => socket.once('connect_error', (e) => resolve(e.message)))).toContain('password change required');

    expect((await postJson(url, '/api/v1/auth/password', { currentPassword: password, newPassword: 'short' }, first.cookie)).status).toBe(400);
    expect((await postJson(url, '/api/v1/auth/password', { currentPassword: password, newPassword: 'a-new-and-long-password' }, first.cookie)).status).toBe(204);
    expect((await get(url, '/api/v1/incidents', first.cookie)).status).toBe(200);
    expect((await login(url, 'admin', password)).status).toBe(401);
    expect((await login(url, 'admin', 'a-new-and-long-password')).status).toBe(200);

    // A restart creates no second admin and prints nothing.
    await server.close();
    const again = await start({ adminPassword: undefined }, {}, dir);
    expect(again.server.adminBootstrap).toEqual({ created: false });
    const actions = [...again.server.access.audit.iterate()].map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.bootstrap-admin', 'auth.login-failed', 'auth.login', 'auth.password-changed']));
  });

  it('takes the admin password from ADMIN_PASSWORD without forcing a change', async () => {
    const { server, url } = await start();
    expect(server.adminBootstrap).toEqual({ created: true, username: 'admin' });
    const r = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    expect(r.body).toMatchObject({ mustChangePassword: false });
  });
});

describe('sessions', () => {
  it('sets an httpOnly SameSite=Strict cookie, stores only its hash, and ends it on logout', async () => {
    const { server, url } = await start();
    const res = await postJson(url, '/api/v1/auth/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^yzt_session=yzs_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=(43200|43199)$/);
    const cookie = setCookie.split(';')[0]!;
    const token = cookie.split('=')[1]!;
    const stored = JSON.stringify(server.access.sessions.get(1));
    expect(stored).not.toContain(token);
    expect((await get(url, '/api/v1/auth/me', cookie)).status).toBe(200);
    expect((await postJson(url, '/api/v1/auth/logout', {}, cookie)).status).toBe(204);
    expect((await get(url, '/api/v1/auth/me', cookie)).status).toBe(401);
  });

  it('expires after SESSION_HOURS', async () => {
    let clock = Date.now();
    const { url } = await start({ sessionHours: 12 }, { now: () => clock });
    const { cookie } = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    clock += 11.9 * 3_600_000;
    expect((await get(url, '/api/v1/auth/me', cookie)).status).toBe(200);
    clock += 0.2 * 3_600_000;
    expect((await get(url, '/api/v1/auth/me', cookie)).status).toBe(401);
  });

  it('answers requests without a session 401, except health, the API document and login', async () => {
    const { url } = await start();
    for (const path of ['/api/v1/incidents', '/api/v1/jurisdiction', '/api/v1/counts', '/api/v1/hotspots', '/api/v1/units', '/api/v1/cameras', '/api/v1/routes', '/api/v1/auth/me']) {
      expect((await get(url, path)).status, path).toBe(401);
    }
    expect((await get(url, '/api/v1/health')).status).toBe(200);
    expect((await get(url, '/api/v1/openapi.json')).status).toBe(200);
  });
});
