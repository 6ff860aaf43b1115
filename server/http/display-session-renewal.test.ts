// A wall display's session through the real app: its cookie lasts at most 7 days and never past the
// link's expiry, is renewed by a request once less than half of it remains, and is neither renewed
// nor accepted once the link is revoked or expired. The clock is injected.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie } from '../test-fixtures/auth.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setup() {
  const t = tempDir('yzt-display-session-');
  cleanups.push(t.remove);
  const clock = { t: Date.parse('2025-03-01T08:00:00Z') };
  const server = await createFixtureApp(t.dir, {}, { now: () => clock.t });
  cleanups.push(() => server.close());
  return { server, clock, admin: adminCookie(server) };
}

/** Creates a display link (optionally expiring) and opens it; returns the link id and the session cookie with its Max-Age. */
async function openLink(server: YizhangtuApp, admin: string, expiresInHours?: number) {
  const created = await server.app.inject({ method: 'POST', url: '/api/v1/display-links', headers: { cookie: admin }, payload: { label: '大屏', jurisdictionCode: '321202', ...(expiresInHours ? { expiresInHours } : {}) } });
  const { url, displayLink } = created.json() as { url: string; displayLink: { id: number } };
  const opened = await server.app.inject({ url });
  return { id: displayLink.id, url, ...cookieOf(opened.headers['set-cookie']) };
}

function cookieOf(setCookie: string | string[] | undefined): { cookie: string; maxAge: number } | { cookie: undefined; maxAge: undefined } {
  if (setCookie === undefined) return { cookie: undefined, maxAge: undefined };
  const text = String(setCookie);
  return { cookie: text.split(';')[0]!, maxAge: Number(/Max-Age=(\d+)/.exec(text)?.[1]) };
}

const me = async (server: YizhangtuApp, cookie: string) => {
  const res = await server.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
  return { status: res.statusCode, renewed: cookieOf(res.headers['set-cookie']) };
};

describe('display session lifetime', () => {
  it("lasts at most 7 days, and never past the link's expiry", async () => {
    const { server, admin } = await setup();
    expect((await openLink(server, admin)).maxAge).toBe(7 * DAY / 1000);
    expect((await openLink(server, admin, 48)).maxAge).toBe(48 * HOUR / 1000);
    expect((await openLink(server, admin, 30 * 24)).maxAge).toBe(7 * DAY / 1000);
  });

  it('is renewed by a request once less than half of it remains, while the link stays usable', async () => {
    const { server, clock, admin } = await setup();
    const wall = await openLink(server, admin);
    clock.t += 3 * DAY;
    expect(await me(server, wall.cookie!)).toEqual({ status: 200, renewed: { cookie: undefined, maxAge: undefined } });
    clock.t += 12 * HOUR + 1;
    const renewed = await me(server, wall.cookie!);
    expect(renewed).toEqual({ status: 200, renewed: { cookie: wall.cookie, maxAge: 7 * DAY / 1000 } });
    // Past the first expiry, the renewed session still works.
    clock.t += 6 * DAY;
    expect((await me(server, wall.cookie!)).status).toBe(200);

    const revoked = await server.app.inject({ method: 'DELETE', url: `/api/v1/display-links/${wall.id}`, headers: { cookie: adminCookie(server) } });
    expect(revoked.statusCode).toBe(200);
    expect(await me(server, wall.cookie!)).toEqual({ status: 401, renewed: { cookie: undefined, maxAge: undefined } });
  });

  it("is renewed only up to the link's expiry, and ends with it", async () => {
    const { server, clock, admin } = await setup();
    const wall = await openLink(server, admin, 10 * 24);
    expect(wall.maxAge).toBe(7 * DAY / 1000);
    clock.t += 4 * DAY;
    expect((await me(server, wall.cookie!)).renewed.maxAge).toBe(6 * DAY / 1000);
    clock.t += 5 * DAY;
    expect(await me(server, wall.cookie!)).toEqual({ status: 200, renewed: { cookie: undefined, maxAge: undefined } });
    clock.t += DAY;
    expect((await me(server, wall.cookie!)).status).toBe(401);
  });

  it('a wall that opens its link again with a renewable cookie gets only the new session', async () => {
    const { server, clock, admin } = await setup();
    const wall = await openLink(server, admin);
    clock.t += 4 * DAY;
    const again = await server.app.inject({ url: wall.url, headers: { cookie: wall.cookie! } });
    const set = [again.headers['set-cookie']].flat();
    expect(set).toHaveLength(1);
    expect(cookieOf(set[0]).cookie).not.toBe(wall.cookie);
  });
});
