// What a request needs follows from the route that matched, through the real app: the router
// decodes /%61pi/v1/… to /api/v1/…, and such a spelling gets exactly the route's protection; every
// route the app registers — its own, the basemap's, @fastify/static's — declares its access; and
// a route that declares none is refused rather than opened.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, cookieFor, TEST_PASSWORD } from '../test-fixtures/auth.ts';
import { rawRequest } from '../test-fixtures/raw-http.ts';
import { hashPassword } from '../auth/password.ts';
import { routeDeclarations } from './route-declarations.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A server with a web build (so @fastify/static's routes exist too). */
async function setup(): Promise<YizhangtuApp> {
  const t = tempDir('yzt-route-access-');
  cleanups.push(t.remove);
  const webDir = path.join(t.dir, 'web');
  mkdirSync(path.join(webDir, 'assets'), { recursive: true });
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const server = await createFixtureApp(path.join(t.dir, 'data'), { webDir });
  cleanups.push(() => server.close());
  return server;
}

async function mustChangeCookie(server: YizhangtuApp): Promise<string> {
  const account = server.access.accounts.create({ username: 'first-login', role: 'leader', jurisdictionCode: '321202', passwordHash: await hashPassword(TEST_PASSWORD), mustChangePassword: true });
  return cookieFor(server, account.id);
}

describe('access by the matched route', () => {
  it('gives an encoded spelling of an /api path exactly the protection of its route', async () => {
    const server = await setup();
    const { url } = await server.listen(0, '127.0.0.1');
    const mustChange = await mustChangeCookie(server);
    const admin = adminCookie(server);
    const probes: { who: string; headers: Record<string, string>; canonical: string; spelled: string; status: number }[] = [
      { who: 'must-change session', headers: { cookie: mustChange }, canonical: '/api/v1/counts', spelled: '/%61pi/v1/counts', status: 403 },
      { who: 'anonymous', headers: {}, canonical: '/api/v1/incidents', spelled: '/%61pi/v1/incidents', status: 401 },
      { who: 'anonymous', headers: {}, canonical: '/api/v1/accounts', spelled: '/api/v1/%61ccounts', status: 401 },
      { who: 'admin', headers: { cookie: admin }, canonical: '/api/v1/counts', spelled: '/%61pi/v1/c%6Funts', status: 200 },
    ];
    for (const p of probes) {
      const canonical = await rawRequest(url, 'GET', p.canonical, p.headers);
      const spelled = await rawRequest(url, 'GET', p.spelled, p.headers);
      console.log(`[route access] ${p.who}: GET ${p.canonical} → ${canonical.status}, GET ${p.spelled} → ${spelled.status}`);
      expect(canonical.status, p.canonical).toBe(p.status);
      expect(spelled.status, p.spelled).toBe(p.status);
    }
  });

  it('finds a declaration on every route the app registers, its plugins\' included', async () => {
    const server = await setup();
    await server.app.ready();
    const routes = routeDeclarations(server.app);
    const undeclared = routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    const byAccess: Record<string, number> = {};
    for (const r of routes) byAccess[r.access ?? 'undeclared'] = (byAccess[r.access ?? 'undeclared'] ?? 0) + 1;
    console.log(`[route access] ${routes.length} routes registered: ${JSON.stringify(byAccess)}`);
    expect(undeclared).toEqual([]);
    // The ones that are not ours are there too: the static files and the basemap.
    expect(routes).toEqual(expect.arrayContaining([
      { method: 'GET', url: '/*', access: 'public' },
      { method: 'GET', url: '/tiles/:z/:x/:file', access: 'public' },
      { method: 'GET', url: '/api/v1/counts', access: 'read' },
    ]));
    // Nothing outside /api is more than public by accident, nothing inside is public unless declared so.
    const publicApi = routes.filter((r) => r.url.startsWith('/api/') && r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicApi.sort()).toEqual(['GET /api/v1/health', 'GET /api/v1/openapi.json', 'HEAD /api/v1/health', 'HEAD /api/v1/openapi.json', 'POST /api/v1/auth/login']);
  });

  it('refuses a route outside /api that declares nothing, and closes an undeclared /api route', async () => {
    const server = await setup();
    server.app.get('/plugin-page', async () => 'open?');
    server.app.get('/api/v1/added-later', async () => ({ secret: true }));
    const page = await server.app.inject({ url: '/plugin-page' });
    expect(page.statusCode).toBe(500);
    expect(page.json().message).toContain('declares no access');
    expect((await server.app.inject({ url: '/api/v1/added-later' })).statusCode).toBe(401);
    expect((await server.app.inject({ url: '/api/v1/added-later', headers: { cookie: adminCookie(server) } })).statusCode).toBe(200);
  });
});
