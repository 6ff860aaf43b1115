// Who may post incidents, and as what: an API key only for its own source; a person only inside
// their jurisdiction, under a source of their own and in their own namespace of ids; a wall display
// not at all; and the rate limit.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import type { AppConfig } from '../config.ts';
import { loadConfig } from '../config.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, displayCookie, sessionFor, testKey } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(over: Partial<AppConfig> = {}): Promise<YizhangtuApp> {
  const t = tempDir('yzt-events-auth-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, over);
  cleanups.push(() => server.close());
  return server;
}

const EAST = FIXTURE_POINTS['321202001002001'];
const WEST = FIXTURE_POINTS['321202002001001'];

const post = (server: YizhangtuApp, headers: Record<string, string>, payload: unknown) =>
  server.app.inject({ method: 'POST', url: '/api/v1/events', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });

describe('POST /events authorisation', () => {
  it('accepts an API key only for the source it was issued for, item by item', async () => {
    const server = await setup();
    const res = await post(server, { authorization: `Bearer ${testKey('hotline-12345')}` }, [incidentAt(EAST, 'a', 'hotline-12345'), incidentAt(EAST, 'b', 'alarm-110')]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      accepted: [{ index: 0 }],
      rejected: [{ index: 1, field: 'source', reason: 'this API key is valid for source "hotline-12345" only, not "alarm-110"' }],
    });
    const only = await post(server, { 'x-api-key': testKey('alarm-110') }, incidentAt(EAST, 'c', 'hotline-12345'));
    expect(only.statusCode).toBe(422);
    expect(server.access.audit.list({ limit: 1, action: 'access.denied' })[0]).toMatchObject({ actor: { type: 'api-key', name: 'alarm-110' } });
    console.log('[api key] a key for hotline-12345 posting an alarm-110 item: that item rejected (field source), the other accepted; 422 when none is its own');
  });

  it('answers with the body\'s own indexes when refused items come before accepted and invalid ones', async () => {
    const server = await setup();
    const key = { authorization: `Bearer ${testKey('hotline-12345')}` };
    const res = await post(server, key, [incidentAt(EAST, 'a', 'alarm-110'), incidentAt(EAST, 'b', 'hotline-12345'), { ...incidentAt(EAST, 'c', 'hotline-12345'), lat: 91 }]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ accepted: [{ index: 1, duplicate: false }], rejected: [{ index: 0, field: 'source' }, { index: 2, field: 'lat' }] });
  });

  it('refuses a missing, unknown or revoked key with 401', async () => {
    const server = await setup();
    expect((await post(server, {}, incidentAt(EAST, 'a'))).statusCode).toBe(401);
    expect((await post(server, { authorization: 'Bearer yzk_not-a-key' }, incidentAt(EAST, 'a'))).statusCode).toBe(401);
    const issued = (await server.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie: adminCookie(server) }, payload: { source: 'sensor' } })).json();
    expect((await post(server, { authorization: `Bearer ${issued.key}` }, incidentAt(EAST, 's1', 'sensor'))).statusCode).toBe(201);
    await server.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${issued.apiKey.id}`, headers: { cookie: adminCookie(server) } });
    const revoked = await post(server, { authorization: `Bearer ${issued.key}` }, incidentAt(EAST, 's2', 'sensor'));
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().message).toContain('not valid');
  });

  it('refuses an API key everywhere but POST /events', async () => {
    const server = await setup();
    const res = await server.app.inject({ url: '/api/v1/incidents', headers: { authorization: `Bearer ${testKey()}` } });
    expect(res.statusCode).toBe(403);
  });

  it('stores a grid worker’s report as grid-report in their own namespace, and only inside their jurisdiction', async () => {
    const server = await setup();
    const worker = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001002' });
    const { source: _left, ...noSource } = incidentAt(EAST, 'g1');
    const res = await post(server, { cookie: worker.cookie }, [noSource, incidentAt(WEST, 'g2', 'grid-report'), incidentAt(EAST, 'g3', 'grid-report')]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.rejected).toEqual([{ index: 1, field: 'lng,lat', reason: expect.stringContaining('outside your jurisdiction 321202001002') }]);
    const stored = await server.store.getById(body.accepted[0].id);
    expect(stored).toMatchObject({ source: 'grid-report', villageCode: '321202001002' });
    expect(stored!.sourceId).toMatch(new RegExp(`^a${worker.accountId}\\.[0-9a-z]+/g1$`));
  });

  it('keeps a hotline report that a logged-in account tried to squat: a person never posts under a system’s source', async () => {
    const server = await setup();
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const squat = await post(server, { cookie: officer.cookie }, incidentAt(EAST, 'SQUAT-1', 'hotline-12345'));
    expect(squat.statusCode).toBe(422);
    expect(squat.json().rejected).toEqual([{ index: 0, field: 'source', reason: expect.stringContaining("needs that source's API key") }]);
    const worker = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001' });
    expect((await post(server, { cookie: worker.cookie }, incidentAt(EAST, 'SQUAT-1', 'alarm-110'))).statusCode).toBe(422);
    expect(await server.store.lastSeq()).toBe(0);
    // The hotline's real report, later, in another township: stored, not a "duplicate".
    const real = await post(server, { authorization: `Bearer ${testKey('hotline-12345')}` }, incidentAt(WEST, 'SQUAT-1', 'hotline-12345'));
    expect(real.statusCode).toBe(201);
    expect(real.json().accepted).toEqual([expect.objectContaining({ duplicate: false, townshipCode: '321202002' })]);
  });

  it('gives each account its own idempotency keys: the same sourceId of two people is two reports, a retry of one is a duplicate', async () => {
    const server = await setup();
    const a = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const b = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' });
    const first = await post(server, { cookie: a.cookie }, incidentAt(EAST, 'same-id', 'console'));
    const other = await post(server, { cookie: b.cookie }, incidentAt(WEST, 'same-id', 'console'));
    const retry = await post(server, { cookie: a.cookie }, incidentAt(EAST, 'same-id', 'console'));
    expect([first.statusCode, other.statusCode, retry.statusCode]).toEqual([201, 201, 200]);
    expect(other.json().accepted[0]).toMatchObject({ duplicate: false, townshipCode: '321202002' });
    expect(retry.json().accepted[0]).toMatchObject({ duplicate: true, id: first.json().accepted[0].id });
    const stored = await server.store.getById(first.json().accepted[0].id);
    expect(stored).toMatchObject({ source: 'console' });
    // A system cannot reach into a person's namespace either: its ids are its own.
    const hotline = await post(server, { authorization: `Bearer ${testKey('hotline-12345')}` }, incidentAt(EAST, stored!.sourceId, 'hotline-12345'));
    expect(hotline.json().accepted[0]).toMatchObject({ duplicate: false });
  });

  it('issues and configures no API key for a reserved source (people’s reports, the demo feed)', async () => {
    const server = await setup();
    for (const source of ['grid-report', 'console', 'demo']) {
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie: adminCookie(server) }, payload: { source } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ field: 'source', message: expect.stringContaining('reserved') });
    }
    expect(() => loadConfig({ API_KEYS: `grid-report:${'k'.repeat(32)}` })).toThrow(/reserved/);
  });

  it('refuses a wall display with 403', async () => {
    const server = await setup();
    const res = await post(server, { cookie: displayCookie(server, '321202').cookie }, incidentAt(EAST, 'w'));
    expect(res.statusCode).toBe(403);
  });

  it('answers 429 with Retry-After over the per-key rate limit, counting each key apart', async () => {
    const server = await setup({ rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(server, { authorization: `Bearer ${testKey('hotline-12345')}` }, incidentAt(EAST, `r${i}`))).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await post(server, { authorization: `Bearer ${testKey('hotline-12345')}` }, incidentAt(EAST, 'r9'));
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().message).toContain('too many requests');
    expect((await post(server, { authorization: `Bearer ${testKey('alarm-110')}` }, incidentAt(EAST, 'x', 'alarm-110'))).statusCode).toBe(201);
  });

  it('refuses a state change from a page of another origin carrying a valid cookie', async () => {
    const server = await setup();
    const res = await post(server, { cookie: adminCookie(server), origin: 'https://evil.example', host: 'localhost:8080' }, incidentAt(EAST, 'csrf', 'console'));
    expect(res.statusCode).toBe(403);
    const same = await post(server, { cookie: adminCookie(server), origin: 'http://localhost:8080', host: 'localhost:8080' }, incidentAt(EAST, 'ok', 'console'));
    expect(same.statusCode).toBe(201);
  });
});
