// Anonymous refusals on record, through the real server and its audit log: one entry per address
// and kind per minute, the next one saying how many were left out; more addresses than it tracks
// share one entry, and nothing left out is lost when an address is forgotten.
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { SESSION_COOKIE } from './cookies.ts';
import { createRefusalAudit } from './refusal-audit.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ server: YizhangtuApp; clock: { t: number } }> {
  const t = tempDir('yzt-refusal-audit-');
  cleanups.push(t.remove);
  const clock = { t: Date.parse('2026-11-22T08:00:00Z') };
  const server = await createFixtureApp(t.dir, {}, { now: () => clock.t });
  cleanups.push(() => server.close());
  return { server, clock };
}

const refusalsOf = (server: YizhangtuApp) =>
  server.access.audit.list({ limit: 100 }).filter((e) => e.action === 'access.unauthenticated' || e.action === 'access.bad-api-key').reverse();

describe('anonymous refusals on record', () => {
  it('audits a 401 and an invalid API key once per address and minute, the next entry counting those left out', async () => {
    const { server, clock } = await setup();
    const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => server.app.inject({ url, headers, remoteAddress });
    for (let i = 0; i < 5; i++) expect((await get('/api/v1/accounts')).statusCode).toBe(401);
    expect((await get('/api/v1/incidents', { cookie: `${SESSION_COOKIE}=expired-or-made-up` })).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/counts', { authorization: 'Bearer yzk_revoked-or-made-up' })).statusCode).toBe(401);
    expect((await get('/api/v1/counts', {}, '203.0.113.9')).statusCode).toBe(401);
    clock.t += 61_000;
    expect((await get('/api/v1/units')).statusCode).toBe(401);

    const entries = refusalsOf(server).map((e) => ({ action: e.action, ip: e.ip, actor: e.actor.type, ...(e.details as object) }));
    console.log(`[refusal audit] 11 refused requests from 2 addresses over 61 s → ${entries.length} entries: ${JSON.stringify(entries)}`);
    expect(entries).toEqual([
      { action: 'access.unauthenticated', ip: '127.0.0.1', actor: 'anonymous', method: 'GET', path: '/api/v1/accounts', reason: 'no credential', suppressed: 0 },
      { action: 'access.bad-api-key', ip: '127.0.0.1', actor: 'anonymous', method: 'GET', path: '/api/v1/counts', reason: 'API key unknown or revoked', suppressed: 0 },
      { action: 'access.unauthenticated', ip: '203.0.113.9', actor: 'anonymous', method: 'GET', path: '/api/v1/counts', reason: 'no credential', suppressed: 0 },
      // Four more without a credential and one with a dead session in the first minute.
      { action: 'access.unauthenticated', ip: '127.0.0.1', actor: 'anonymous', method: 'GET', path: '/api/v1/units', reason: 'no credential', suppressed: 5 },
    ]);
  });

  it('shares one entry among addresses beyond those it tracks, and writes down what a forgotten address left out', async () => {
    const { server, clock } = await setup();
    const record = createRefusalAudit((e) => server.access.audit.append(e), () => clock.t, { windowMs: 60_000, maxAddresses: 2 });
    const refuse = (ip: string) => record({ action: 'access.unauthenticated', method: 'GET', path: '/api/v1/counts', reason: 'no credential', ip });
    for (const ip of ['10.0.0.1', '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.3']) refuse(ip);
    const first = refusalsOf(server).map((e) => ({ ip: e.ip, suppressed: (e.details as { suppressed: number }).suppressed, shared: 'from' in (e.details as object) }));
    expect(first).toEqual([
      { ip: '10.0.0.1', suppressed: 0, shared: false },
      { ip: '10.0.0.2', suppressed: 0, shared: false },
      { ip: null, suppressed: 0, shared: true }, // 10.0.0.3, then 10.0.0.4 and 10.0.0.3 again left out
    ]);
    clock.t += 60_000;
    refuse('10.0.0.5');
    const after = refusalsOf(server).slice(first.length).map((e) => ({ ip: e.ip, ...(e.details as object) }));
    console.log(`[refusal audit] 2 addresses tracked, 6 refusals from 4 then 1 from a fifth a minute later → ${first.length + after.length} entries; after the minute: ${JSON.stringify(after)}`);
    expect(after).toEqual([
      { ip: '10.0.0.1', reason: 'refusals left out since the previous entry', suppressed: 1 },
      { ip: null, reason: 'refusals left out since the previous entry', suppressed: 2 },
      { ip: '10.0.0.5', method: 'GET', path: '/api/v1/counts', reason: 'no credential', suppressed: 0 },
    ]);
  });
});
