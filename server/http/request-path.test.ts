// The canonical-path rule: a path with a dot segment, an empty segment, a fragment, or a slash,
// backslash or control character inside a segment (encoded or not) names nothing — 404 before any
// hook or handler — while percent-encoded ordinary characters pass to the router, which decodes them.
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie } from '../test-fixtures/auth.ts';
import { rawRequest } from '../test-fixtures/raw-http.ts';
import { nonCanonical } from './request-path.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('nonCanonical', () => {
  it.each([
    '/', '/api/v1/counts', '/api/v1/counts/', '/%61pi/v1/c%6Funts', '/tiles/fonts/Noto%20Sans%20Regular,Arial/0-255.pbf', '/display/yzd_abc-DEF_123',
    '/api/v1/incidents/01a200ef-0000-7000-8000-000000000000', '/%2561pi', '/.well-known', '/a..b', '/x%23y',
  ])('passes %s', (path) => expect(nonCanonical(path)).toBeUndefined());

  it.each([
    ['/./api/v1/counts', 'dot segment'], ['/x/../api/v1/counts', 'dot segment'], ['/api/v1/counts/.', 'dot segment'], ['/%2e%2e/etc/passwd', 'dot segment'],
    ['/x/.%2E/api', 'dot segment'], ['//api/v1/counts', 'empty segment'], ['/api//v1', 'empty segment'], ['/api/v1%2Fcounts', 'slash'],
    ['/tiles/..%2fapi/v1/counts', 'slash'], ['/api\\v1/counts', 'backslash'], ['/api%5Cv1', 'backslash'], ['/api/v1/counts#x', 'fragment'],
    ['/api/v1/incidents/%00', 'control character'], ['/api/%ff', 'malformed'], ['*', 'does not start'],
  ])('refuses %s (%s)', (path, reason) => expect(nonCanonical(path)).toContain(reason));
});

describe('the canonical-path rule, through the real server', () => {
  it('answers a path not in canonical form 404 before the guard, the routes or the body parser see it', async () => {
    const t = tempDir('yzt-canonical-');
    cleanups.push(t.remove);
    const server = await createFixtureApp(t.dir);
    cleanups.push(() => server.close());
    const { url } = await server.listen(0, '127.0.0.1');
    const admin = { cookie: adminCookie(server) };
    const answers: Record<string, number> = {};
    const probes: [string, string, Record<string, string>][] = [
      // Through another route's pattern: /tiles/:z/:x/:file with z = "../api".
      ['GET', '/tiles/..%2fapi/v1/incidents.arrow', {}],
      // A fragment that the router would read as the query string (?x): 400 unknown parameter.
      ['GET', '/api/v1/counts#x', admin],
      ['GET', '//api/v1/health', {}],
      ['POST', '/api/v1/./events', { 'content-type': 'application/json' }],
      ['GET', '/api/v1/counts', admin],
    ];
    for (const [method, target, headers] of probes) answers[`${method} ${target}`] = (await rawRequest(url, method, target, headers, method === 'POST' ? '{' : undefined)).status;
    console.log(`[canonical path] ${JSON.stringify(answers)}`);
    expect(answers).toEqual({
      'GET /tiles/..%2fapi/v1/incidents.arrow': 404,
      'GET /api/v1/counts#x': 404,
      'GET //api/v1/health': 404,
      'POST /api/v1/./events': 404,
      'GET /api/v1/counts': 200,
    });
  });
});
