// The rate limits follow the route that matched, through the real server: an encoded spelling of
// the login route is the login route (one per-address budget of LOGIN_RATE_LIMIT_PER_MINUTE), and
// an encoded spelling of an API route counts against the caller's budget like the plain one.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import type { AppConfig } from '../config.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie } from '../test-fixtures/auth.ts';
import { rawRequest } from '../test-fixtures/raw-http.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(over: Partial<AppConfig> = {}): Promise<{ server: YizhangtuApp; url: string }> {
  const t = tempDir('yzt-rate-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, over);
  cleanups.push(() => server.close());
  const { url } = await server.listen(0, '127.0.0.1');
  return { server, url };
}

const LOGIN_SPELLINGS = ['/api/v1/auth/login', '/api/v1/auth/%6cogin', '/%61pi/v1/auth/login', '/api/v1/%61uth/l%6Fgin'];

describe('rate limits by the matched route', () => {
  it('counts every spelling of the login route against the one per-address login budget', async () => {
    const { url } = await start({ loginRateLimitPerMinute: 30 });
    const statuses: Record<string, number[]> = {};
    for (let i = 0; i < 40; i++) {
      const target = LOGIN_SPELLINGS[i % LOGIN_SPELLINGS.length]!;
      // An empty object is refused by the handler at once (no password hashing to wait for).
      const res = await rawRequest(url, 'POST', target, { 'content-type': 'application/json' }, '{}');
      (statuses[target] ??= []).push(res.status);
      if (res.status !== 429) expect(res.headers['x-ratelimit-limit'], target).toBe('30');
    }
    const limited = Object.values(statuses).flat().filter((s) => s === 429).length;
    console.log(`[rate limit] 40 login attempts over ${LOGIN_SPELLINGS.length} spellings (limit 30/min): ${40 - limited} reached the handler, ${limited} answered 429 ${JSON.stringify(statuses)}`);
    expect(limited).toBe(10);
  });

  it('counts an encoded spelling of an API route against the caller\'s budget, and limits no page or tile', async () => {
    const { server, url } = await start({ rateLimitPerMinute: 4 });
    const cookie = adminCookie(server);
    const answers = [];
    for (const target of ['/api/v1/counts', '/%61pi/v1/counts', '/api/v1/c%6funts', '/%61pi/v1/%63ounts', '/api/v1/counts']) {
      const res = await rawRequest(url, 'GET', target, { cookie });
      answers.push({ target, status: res.status, limit: res.headers['x-ratelimit-limit'], remaining: res.headers['x-ratelimit-remaining'] });
    }
    console.log(`[rate limit] admin, limit 4/min: ${answers.map((a) => `${a.target} ${a.status} (remaining ${a.remaining ?? '–'})`).join(', ')}`);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429]);
    expect(answers.slice(0, 4).map((a) => a.limit)).toEqual(['4', '4', '4', '4']);
    // Outside the API nothing is limited, however it is asked for.
    for (const target of ['/tiles/tilejson.json', '/display/x', '/%64isplay/x', '/nowhere']) {
      expect((await rawRequest(url, 'GET', target)).headers['x-ratelimit-limit'], target).toBeUndefined();
    }
  });
});
