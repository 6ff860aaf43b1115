// Serving the built web app: files, client-side routes falling back to index.html, API 404s as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';

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
  }
  const server = await createFixtureApp(path.join(t.dir, 'data'), { webDir });
  cleanups.push(() => server.close());
  return server.app;
}

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

  it('says how to build the app when there is no build', async () => {
    const res = await (await app(false)).inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
  });
});
