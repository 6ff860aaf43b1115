// The access guard through the real server: which pages may change something with a session
// cookie (Origin against the request's own scheme, host and port; else Sec-Fetch-Site), each
// refusal audited.
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

async function start(over: Partial<AppConfig> = {}): Promise<{ server: YizhangtuApp; url: string; host: string }> {
  const t = tempDir('yzt-guard-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, over);
  cleanups.push(() => server.close());
  const { url } = await server.listen(0, '127.0.0.1');
  return { server, url, host: new URL(url).host };
}

/** A state change with the admin's cookie: 400 (the empty body reached the handler) when the page may, 403 when not. */
async function change(server: YizhangtuApp, url: string, headers: Record<string, string>): Promise<number> {
  const res = await rawRequest(url, 'POST', '/api/v1/display-links', { cookie: adminCookie(server), 'content-type': 'application/json', ...headers }, '{}');
  return res.status;
}

const originDenials = (server: YizhangtuApp) =>
  server.access.audit.list({ limit: 50, action: 'access.denied' }).map((e) => (e.details as { reason: string }).reason);

describe('the page a cookie request comes from', () => {
  it('must be the request\'s own origin — scheme, host and port — not only its host', async () => {
    const { server, url, host } = await start();
    const port = Number(host.split(':')[1]);
    const answers = {
      own: await change(server, url, { origin: `http://${host}` }),
      https: await change(server, url, { origin: `https://${host}` }),
      otherPort: await change(server, url, { origin: `http://127.0.0.1:${port + 1}` }),
      otherHost: await change(server, url, { origin: `http://localhost:${port}` }),
    };
    console.log(`[origin] POST with the admin's cookie on http://${host}: ${JSON.stringify(answers)} (400 = reached the handler, 403 = refused)`);
    expect(answers).toEqual({ own: 400, https: 403, otherPort: 403, otherHost: 403 });
    expect(originDenials(server)).toEqual(expect.arrayContaining([`origin https://${host} not allowed`, `origin http://127.0.0.1:${port + 1} not allowed`]));
  });

  it('takes the scheme from X-Forwarded-Proto only from a proxy TRUST_PROXY trusts', async () => {
    const behind = await start({ trustProxy: ['127.0.0.1'] });
    expect(await change(behind.server, behind.url, { origin: `https://${behind.host}`, 'x-forwarded-proto': 'https' })).toBe(400);
    expect(await change(behind.server, behind.url, { origin: `http://${behind.host}`, 'x-forwarded-proto': 'https' })).toBe(403);
    const direct = await start();
    expect(await change(direct.server, direct.url, { origin: `https://${direct.host}`, 'x-forwarded-proto': 'https' })).toBe(403);
  });

  it('without Origin, must be same-origin (or typed by the user) by Sec-Fetch-Site; with neither header it is no browser', async () => {
    const { server, url } = await start();
    const answers: Record<string, number> = {};
    for (const site of ['same-origin', 'none', 'same-site', 'cross-site']) answers[site] = await change(server, url, { 'sec-fetch-site': site });
    answers.neither = await change(server, url, {});
    console.log(`[origin] POST with the admin's cookie and no Origin, by Sec-Fetch-Site: ${JSON.stringify(answers)}`);
    expect(answers).toEqual({ 'same-origin': 400, none: 400, 'same-site': 403, 'cross-site': 403, neither: 400 });
    expect(originDenials(server)).toEqual(expect.arrayContaining(['sec-fetch-site same-site without an Origin header', 'sec-fetch-site cross-site without an Origin header']));
    // Reads are not changes: a cross-site GET is answered (SameSite=Strict keeps the cookie off it anyway).
    expect((await rawRequest(url, 'GET', '/api/v1/counts', { cookie: adminCookie(server), 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });
});
