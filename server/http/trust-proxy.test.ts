// TRUST_PROXY through the real app: behind a trusted reverse proxy the client named in
// X-Forwarded-For is who the audit log records and the login rate limit counts; otherwise the
// header is the client's own claim and is ignored.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { AppConfig } from '../config.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(env: Record<string, string>, over: Partial<AppConfig> = {}): Promise<YizhangtuApp> {
  const t = tempDir('yzt-trust-proxy-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, { trustProxy: loadConfig(env).trustProxy, ...over });
  cleanups.push(() => server.close());
  return server;
}

/** A failed login arriving from `peer` (the socket address) with an X-Forwarded-For header. */
const failedLogin = (server: YizhangtuApp, peer: string, forwardedFor: string) =>
  server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: peer,
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { username: 'nobody', password: 'not-the-password' },
  });

const lastFailedLoginIp = (server: YizhangtuApp) => server.access.audit.list({ limit: 1, action: 'auth.login-failed' })[0]?.ip;

describe('TRUST_PROXY', () => {
  it('with TRUST_PROXY=127.0.0.1, a request through that proxy is audited under the X-Forwarded-For client', async () => {
    const server = await setup({ TRUST_PROXY: '127.0.0.1' });
    expect((await failedLogin(server, '127.0.0.1', '203.0.113.7')).statusCode).toBe(401);
    expect(lastFailedLoginIp(server)).toBe('203.0.113.7');
  });

  it('with TRUST_PROXY=127.0.0.1, the header of a peer that is not the proxy is ignored', async () => {
    const server = await setup({ TRUST_PROXY: '127.0.0.1' });
    expect((await failedLogin(server, '192.0.2.50', '203.0.113.7')).statusCode).toBe(401);
    expect(lastFailedLoginIp(server)).toBe('192.0.2.50');
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored and the peer is audited', async () => {
    const server = await setup({});
    expect((await failedLogin(server, '127.0.0.1', '203.0.113.7')).statusCode).toBe(401);
    expect(lastFailedLoginIp(server)).toBe('127.0.0.1');
  });

  it('with TRUST_PROXY=127.0.0.1, login attempts are rate-limited per forwarded client, not per proxy', async () => {
    const server = await setup({ TRUST_PROXY: '127.0.0.1' }, { loginRateLimitPerMinute: 1 });
    expect((await failedLogin(server, '127.0.0.1', '203.0.113.7')).statusCode).toBe(401);
    expect((await failedLogin(server, '127.0.0.1', '203.0.113.7')).statusCode).toBe(429);
    expect((await failedLogin(server, '127.0.0.1', '198.51.100.9')).statusCode).toBe(401);
  });

  it('without TRUST_PROXY, a forged X-Forwarded-For does not escape the login rate limit', async () => {
    const server = await setup({}, { loginRateLimitPerMinute: 1 });
    expect((await failedLogin(server, '127.0.0.1', '203.0.113.7')).statusCode).toBe(401);
    expect((await failedLogin(server, '127.0.0.1', '198.51.100.9')).statusCode).toBe(429);
  });
});
