// Serving the built web app: files, the app's own pages falling back to index.html, and a JSON 404
// for every other path — an API path, a missing file, a dotfile, a probe for another product's files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { rawRequest } from '../test-fixtures/raw-http.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function app(withBuild: boolean) {
  const t = tempDir('yzt-spa-');
  cleanups.push(t.remove);
  const webDir = path.join(t.dir, 'web');
  if (withBuild) {
    mkdirSync(path.join(webDir, 'assets'), { recursive: true });
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>一张图</title><div id="root"></div>');
    writeFileSync(path.join(webDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(path.join(webDir, '.env'), 'SECRET=left-beside-the-build');
  }
  const server = await createFixtureApp(path.join(t.dir, 'data'), { webDir });
  cleanups.push(() => server.close());
  return server.app;
}

/** Paths that are no page of the app, no file of its build and no route: each must be a 404. */
const NOT_THE_APP = [
  '/.env', '/.git/config', '/wp-login.php', '/admin.php', '/x/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd',
  '/admin', '/display', '/cgi-bin/luci', '/wall/', '//wall', '/%77all', '/wall/x.js', '/wall/./tour', '/wall/.hidden', '/api', '/api/v1/nope', '/%61pi/v1/nope',
];

describe('web app serving', () => {
  it('serves index.html at /', async () => {
    const res = await (await app(true)).inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('一张图');
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const res = await (await app(true)).inject({ url: '/assets/app-1a2b.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('falls back to index.html for a client-side route', async () => {
    const res = await (await app(true)).inject({ url: '/wall/tour?x=1' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="root"');
  });

  it('answers a missing asset with 404, not the app', async () => {
    expect((await (await app(true)).inject({ url: '/assets/gone-9z.js' })).statusCode).toBe(404);
  });

  it('answers the app only at its pages, and a JSON 404 at every other path', async () => {
    const server = await app(true);
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    const answers: Record<string, number> = {};
    for (const p of NOT_THE_APP) {
      const res = await rawRequest(url, 'GET', p);
      answers[p] = res.status;
      expect(res.headers['content-type'], p).toContain('application/json');
      expect(res.text, p).not.toContain('SECRET');
    }
    console.log(`[spa] ${NOT_THE_APP.length} paths that are not the app: ${JSON.stringify(answers)}`);
    expect(Object.entries(answers).filter(([, s]) => s !== 404)).toEqual([]);
    for (const p of ['/', '/wall', '/wall/tour', '/briefing', '/field', '/field/task-7', '/?x=1']) {
      const res = await rawRequest(url, 'GET', p);
      expect(res.status, p).toBe(200);
      expect(res.text, p).toContain('id="root"');
    }
    // No route, whatever the body: its parser never runs (a 400 would say the path is worth a better body).
    expect((await rawRequest(url, 'POST', '/wall', { 'content-type': 'application/json' }, '{')).status).toBe(404);
    expect((await rawRequest(url, 'DELETE', '/api/v1/nope', { 'content-type': 'application/json' }, '{')).status).toBe(404);
  });

  it('says how to build the app when there is no build', async () => {
    const res = await (await app(false)).inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    expect((await (await app(false)).inject({ url: '/wall' })).statusCode).toBe(503);
    expect((await (await app(false)).inject({ url: '/.env' })).statusCode).toBe(404);
  });
});
