// The login throttle through the real app: failed password attempts are counted per (client address,
// username) — unknown usernames alike, with identical answers — and per username across addresses;
// the owner elsewhere still logs in; counts expire, a success clears its pair, an admin's reset or
// enable clears the username; the password change obeys the same limits. The clock is injected.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDeps, YizhangtuApp } from '../app.ts';
import type { AppConfig } from '../config.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, TEST_ADMIN_PASSWORD } from '../test-fixtures/auth.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;

async function setup(deps: AppDeps = {}, over: Partial<AppConfig> = {}): Promise<{ server: YizhangtuApp; clock: { t: number } }> {
  const t = tempDir('yzt-throttle-');
  cleanups.push(t.remove);
  const clock = { t: Date.parse('2025-03-01T08:00:00Z') };
  const server = await createFixtureApp(t.dir, over, { now: () => clock.t, ...deps });
  cleanups.push(() => server.close());
  return { server, clock };
}

/** A login attempt from a client address; the answer with the headers that do not depend on when it was sent. */
async function attempt(server: YizhangtuApp, from: string, username: string, password: string) {
  const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: from, payload: { username, password } });
  const { date: _date, 'x-ratelimit-reset': _reset, ...headers } = res.headers;
  return { status: res.statusCode, body: res.body, headers, retryAfter: Number(res.headers['retry-after']) };
}

const failures = async (server: YizhangtuApp, from: string, username: string, n: number) => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await attempt(server, from, username, `wrong-password-${i}`)).status);
  return statuses;
};

const actions = (server: YizhangtuApp) => [...server.access.audit.iterate()].map((e) => e.action);

describe('login throttle per (address, username)', () => {
  it('answers an unknown username and a known one identically, before and after 5 failures (both 423, same body and Retry-After)', async () => {
    const { server } = await setup();
    const unknown = [];
    const known = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      unknown.push(await attempt(server, '203.0.113.1', 'nobody', `wrong-password-${i}`));
      const t1 = performance.now();
      known.push(await attempt(server, '203.0.113.2', 'admin', `wrong-password-${i}`));
      console.log(`[throttle] attempt ${i + 1}: unknown ${(t1 - t0).toFixed(0)} ms, known ${(performance.now() - t1).toFixed(0)} ms`);
    }
    expect(unknown.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 423]);
    for (let i = 0; i < 6; i++) expect(unknown[i], `attempt ${i + 1}`).toEqual(known[i]);
    expect(unknown[5]!.retryAfter).toBe(15 * 60);
    // Refused without looking at the password: the right one gets the same 423.
    const right = await attempt(server, '203.0.113.2', 'admin', TEST_ADMIN_PASSWORD);
    expect([right.status, right.body]).toEqual([423, unknown[5]!.body]);
    expect(actions(server).filter((a) => a === 'auth.throttled')).toHaveLength(2);
    expect(actions(server).filter((a) => a === 'auth.login-throttled')).toHaveLength(3);
  });

  it("throttles the attacker's address only: the owner logs in from another address meanwhile", async () => {
    const { server } = await setup();
    expect(await failures(server, '203.0.113.7', 'admin', 6)).toEqual([401, 401, 401, 401, 401, 423]);
    expect((await attempt(server, '198.51.100.9', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
    // Case does not make a new pair: usernames match like the accounts table matches them.
    expect((await attempt(server, '203.0.113.7', 'ADMIN', TEST_ADMIN_PASSWORD)).status).toBe(423);
    expect(server.access.loginThrottle.stateOf('admin')).toEqual({ recentFailures: 5, throttledAddresses: 1, allAddressesUntil: null });
  });

  it('forgets failures after a quiet window and lifts a refusal after 15 minutes, for unknown usernames too', async () => {
    const { server, clock } = await setup();
    expect(await failures(server, '203.0.113.7', 'nobody', 4)).toEqual([401, 401, 401, 401]);
    clock.t += WINDOW;
    expect(await failures(server, '203.0.113.7', 'nobody', 6)).toEqual([401, 401, 401, 401, 401, 423]);
    clock.t += WINDOW - MINUTE;
    const still = await attempt(server, '203.0.113.7', 'nobody', 'wrong-password');
    expect([still.status, still.retryAfter]).toEqual([423, 60]);
    clock.t += MINUTE;
    expect((await attempt(server, '203.0.113.7', 'nobody', 'wrong-password')).status).toBe(401);
    expect(server.access.loginThrottle.purgeExpired()).toBe(0);
    clock.t += WINDOW;
    expect(server.access.loginThrottle.purgeExpired()).toBe(2);
  });

  it('admits no more than 5 attempts of a pair when they arrive at once', async () => {
    const { server } = await setup();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(server, '203.0.113.7', 'admin', `wrong-password-${i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 401, 423, 423, 423, 423, 423]);
  });

  it("a success clears its own (address, username) pair, not another address's", async () => {
    const { server } = await setup();
    expect(await failures(server, '203.0.113.7', 'admin', 4)).toEqual([401, 401, 401, 401]);
    expect(await failures(server, '198.51.100.9', 'admin', 4)).toEqual([401, 401, 401, 401]);
    expect((await attempt(server, '198.51.100.9', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
    expect(await failures(server, '198.51.100.9', 'admin', 4)).toEqual([401, 401, 401, 401]);
    expect(await failures(server, '203.0.113.7', 'admin', 2)).toEqual([401, 423]);
    // The success is not counted as a failure of the username.
    expect(server.access.loginThrottle.stateOf('admin')).toMatchObject({ recentFailures: 13, throttledAddresses: 1 });
  });
});

describe('per-username ceiling across addresses', () => {
  it('refuses every address for the rest of the window once the ceiling is reached, then lets the owner in', async () => {
    const { server, clock } = await setup({ lockout: { maxFailedLoginsPerUsername: 12 } });
    const opened = clock.t;
    // The same history for a known and an unknown username, each from its own three addresses.
    const spread = async (username: string, base: string, counts: number[]) => {
      const statuses = [];
      for (const [i, n] of counts.entries()) statuses.push(...(await failures(server, `${base}.${i + 1}`, username, n)));
      return statuses;
    };
    for (const [username, base] of [['admin', '10.0.0'], ['nobody', '10.0.1']] as const) expect(await spread(username, base, [5])).toEqual([401, 401, 401, 401, 401]);
    clock.t += 5 * MINUTE;
    for (const [username, base] of [['admin', '10.0.0'], ['nobody', '10.0.1']] as const) expect(await spread(username, `${base}`, [0, 5, 2])).toEqual(Array(7).fill(401));
    const owner = await attempt(server, '198.51.100.9', 'admin', TEST_ADMIN_PASSWORD);
    expect(owner.status).toBe(423);
    expect(owner.retryAfter).toBe((opened + WINDOW - clock.t) / 1000);
    expect(JSON.parse(owner.body).message).toContain('from any address');
    const unknown = await attempt(server, '198.51.100.10', 'nobody', 'whatever-password');
    expect(unknown).toEqual(owner);

    const listed = await server.app.inject({ url: '/api/v1/accounts', headers: { cookie: adminCookie(server) } });
    expect(listed.json().accounts[0].loginThrottle).toEqual({ recentFailures: 12, throttledAddresses: 2, allAddressesUntil: opened + WINDOW });

    clock.t = opened + WINDOW;
    expect((await attempt(server, '198.51.100.9', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
    // The pair refused last is still refused: it waits its own 15 minutes.
    expect((await attempt(server, '10.0.0.2', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(423);
  });

  it("an admin's enable or password reset clears every count of the username", async () => {
    const { server } = await setup({ lockout: { maxFailedLoginsPerUsername: 6 } });
    const admin = adminCookie(server);
    const other = server.access.accounts.create({ username: 'duty1', role: 'duty-officer', jurisdictionCode: '321202', passwordHash: 'x', mustChangePassword: false });
    for (const patch of [{ disabled: false }, { resetPassword: true }]) {
      await failures(server, '10.0.0.1', 'duty1', 5);
      await failures(server, '10.0.0.2', 'duty1', 1);
      expect(server.access.loginThrottle.stateOf('duty1')).toMatchObject({ throttledAddresses: 1, allAddressesUntil: expect.any(Number) });
      const res = await server.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${other.id}`, headers: { cookie: admin }, payload: patch });
      expect(res.json().account.loginThrottle, JSON.stringify(patch)).toEqual({ recentFailures: 0, throttledAddresses: 0, allAddressesUntil: null });
      expect((await attempt(server, '10.0.0.1', 'duty1', 'wrong-password')).status).toBe(401);
    }
  });
});

describe('password change', () => {
  it('counts wrong current passwords like failed logins: the 6th attempt gets 423, the right one works after the window', async () => {
    const { server, clock } = await setup();
    const cookie = adminCookie(server);
    const change = (currentPassword: string, remoteAddress = '203.0.113.7') =>
      server.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress, headers: { cookie }, payload: { currentPassword, newPassword: 'a-new-and-long-password' } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await change(`wrong-password-${i}`)).statusCode);
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    const refused = await change(TEST_ADMIN_PASSWORD);
    expect([refused.statusCode, Number(refused.headers['retry-after'])]).toEqual([423, 15 * 60]);
    // The same pair as a login from that address; another address is not affected.
    expect((await attempt(server, '203.0.113.7', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(423);
    expect((await attempt(server, '198.51.100.9', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
    clock.t += WINDOW;
    expect((await change(TEST_ADMIN_PASSWORD)).statusCode).toBe(204);
    expect(actions(server)).toContain('auth.password-change-throttled');
  });

  it('shares the per-address rate limit of login attempts', async () => {
    const { server } = await setup({}, { loginRateLimitPerMinute: 3 });
    const cookie = adminCookie(server);
    const change = () => server.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress: '203.0.113.7', headers: { cookie }, payload: { currentPassword: 'wrong-password', newPassword: 'a-new-and-long-password' } });
    expect((await attempt(server, '203.0.113.7', 'nobody', 'wrong-password')).status).toBe(401);
    expect((await change()).statusCode).toBe(403);
    expect((await change()).statusCode).toBe(403);
    expect((await change()).statusCode).toBe(429);
    expect((await attempt(server, '203.0.113.7', 'nobody', 'wrong-password')).status).toBe(429);
    expect((await attempt(server, '198.51.100.9', 'nobody', 'wrong-password')).status).toBe(401);
  });
});
