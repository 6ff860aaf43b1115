// Who may open the live channel, through the real server: a valid session from an allowed origin;
// a page of another origin is refused even with a valid cookie; revoking an account, a session or a
// display link disconnects its open sockets, and connecting again re-runs authentication.
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import type { AppConfig } from '../config.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, displayCookie, keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import type { ClientToServerEvents, LiveHello, LiveTick, ServerToClientEvents } from '../wire/index.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(over: Partial<AppConfig> = {}): Promise<{ server: YizhangtuApp; url: string }> {
  const t = tempDir('yzt-live-auth-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, over);
  cleanups.push(() => server.close());
  const { url } = await server.listen(0, '127.0.0.1');
  return { server, url };
}

function open(url: string, headers: Record<string, string>, auth?: Record<string, string>): Client {
  const socket: Client = connect(url, { transports: ['websocket'], reconnection: false, extraHeaders: headers, ...(auth ? { auth } : {}) });
  cleanups.push(() => void socket.disconnect());
  return socket;
}

/** 'hello' with the greeting, or 'refused' with the reason. */
function outcome(socket: Client): Promise<{ hello: LiveHello } | { refused: string }> {
  return new Promise((resolve) => {
    socket.once('hello', (hello) => resolve({ hello }));
    socket.once('connect_error', (err) => resolve({ refused: err.message }));
  });
}

const disconnected = (socket: Client) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('live channel access', () => {
  it('refuses a handshake without a session', async () => {
    const { url } = await start();
    expect(await outcome(open(url, {}))).toEqual({ refused: expect.stringContaining('unauthorized') });
  });

  it('refuses a page of another origin carrying a valid cookie, and audits it', async () => {
    const { server, url } = await start();
    const cookie = adminCookie(server);
    const host = new URL(url).host;
    expect(await outcome(open(url, { cookie, origin: 'https://evil.example' }))).toHaveProperty('refused');
    expect(await outcome(open(url, { cookie, origin: `http://${host}` }))).toHaveProperty('hello');
    const denied = server.access.audit.list({ limit: 5, action: 'access.denied' });
    expect(denied.some((e) => JSON.stringify(e.details).includes('origin https://evil.example not allowed'))).toBe(true);
    console.log('[origin] valid cookie from https://evil.example: refused at the handshake (audited); same host: accepted');
  });

  it('compares the handshake\'s Origin with its own scheme and port, and without Origin reads Sec-Fetch-Site', async () => {
    const { server, url } = await start();
    const cookie = adminCookie(server);
    const host = new URL(url).host;
    const port = Number(host.split(':')[1]);
    const outcomes: Record<string, string> = {};
    const tries: [string, Record<string, string>][] = [
      ['own origin', { origin: `http://${host}` }],
      ['https page', { origin: `https://${host}` }],
      ['other port', { origin: `http://127.0.0.1:${port + 1}` }],
      ['no Origin, same-origin', { 'sec-fetch-site': 'same-origin' }],
      ['no Origin, cross-site', { 'sec-fetch-site': 'cross-site' }],
    ];
    for (const [name, headers] of tries) outcomes[name] = 'hello' in (await outcome(open(url, { cookie, ...headers }))) ? 'hello' : 'refused';
    console.log(`[origin] live handshake with a valid cookie on http://${host}: ${JSON.stringify(outcomes)}`);
    expect(outcomes).toEqual({ 'own origin': 'hello', 'https page': 'refused', 'other port': 'refused', 'no Origin, same-origin': 'hello', 'no Origin, cross-site': 'refused' });
    const reasons = server.access.audit.list({ limit: 10, action: 'access.denied' }).map((e) => (e.details as { reason: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining([`origin https://${host} not allowed`, 'sec-fetch-site cross-site without an Origin header']));
  });

  it('audits a refused handshake through a trusted proxy under the forwarded client, as HTTP does', async () => {
    const behindProxy = await start({ trustProxy: ['127.0.0.1'] });
    expect(await outcome(open(behindProxy.url, { origin: 'https://evil.example', 'x-forwarded-for': '203.0.113.7' }))).toHaveProperty('refused');
    expect(behindProxy.server.access.audit.list({ limit: 5, action: 'access.denied' })[0]?.ip).toBe('203.0.113.7');
    // Without TRUST_PROXY the header is anyone's to write: the peer is audited.
    const direct = await start();
    expect(await outcome(open(direct.url, { origin: 'https://evil.example', 'x-forwarded-for': '203.0.113.7' }))).toHaveProperty('refused');
    expect(direct.server.access.audit.list({ limit: 5, action: 'access.denied' })[0]?.ip).toBe('127.0.0.1');
  });

  it('puts handshakes without a session or with a wrong display token on record, one entry per address and kind a minute', async () => {
    const { server, url } = await start();
    for (let k = 0; k < 20; k++) expect(await outcome(open(url, {}))).toHaveProperty('refused');
    for (let k = 0; k < 20; k++) expect(await outcome(open(url, {}, { display: `yzd_wrong${k}` }))).toHaveProperty('refused');
    const noSession = server.access.audit.list({ limit: 50, action: 'access.unauthenticated' });
    const wrongLink = server.access.audit.list({ limit: 50, action: 'display.refused' });
    expect(noSession).toEqual([expect.objectContaining({ details: expect.objectContaining({ path: '/socket.io', reason: expect.stringContaining('log in') }) })]);
    expect(wrongLink).toHaveLength(1);
  });

  it('accepts exactly the configured origins when ALLOWED_ORIGINS is set', async () => {
    const { server, url } = await start({ allowedOrigins: ['https://wall.example.org'] });
    const cookie = adminCookie(server);
    expect(await outcome(open(url, { cookie, origin: 'https://wall.example.org' }))).toHaveProperty('hello');
    expect(await outcome(open(url, { cookie, origin: url }))).toHaveProperty('refused');
  });

  it('disconnects the sockets of a disabled account, and does not let them back in', async () => {
    const { server, url } = await start();
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const socket = open(url, { cookie: officer.cookie });
    expect(await outcome(socket)).toHaveProperty('hello');
    const gone = disconnected(socket);
    const res = await server.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${officer.accountId}`, headers: { cookie: adminCookie(server) }, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(await outcome(open(url, { cookie: officer.cookie }))).toHaveProperty('refused');
  });

  it('disconnects the sockets of a session on logout', async () => {
    const { server, url } = await start();
    const officer = await sessionFor(server, { role: 'leader', jurisdictionCode: '321202' });
    const socket = open(url, { cookie: officer.cookie });
    expect(await outcome(socket)).toHaveProperty('hello');
    const gone = disconnected(socket);
    await server.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: officer.cookie } });
    expect(await gone).toBe('io server disconnect');
  });

  it('disconnects a wall display when its link is revoked, whether it connected by cookie or by token', async () => {
    const { server, url } = await start();
    const wall = displayCookie(server, '321202002');
    const byCookie = open(url, { cookie: wall.cookie });
    const byToken = open(url, {}, { display: wall.token });
    expect(await outcome(byCookie)).toHaveProperty('hello');
    expect(await outcome(byToken)).toHaveProperty('hello');
    const gone = [disconnected(byCookie), disconnected(byToken)];
    const res = await server.app.inject({ method: 'DELETE', url: `/api/v1/display-links/${wall.linkId}`, headers: { cookie: adminCookie(server) } });
    expect(res.statusCode).toBe(200);
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await outcome(open(url, {}, { display: wall.token }))).toHaveProperty('refused');
    console.log('[revocation] account disabled, logout, display link revoked: open sockets disconnected at once; reconnecting refused');
  });

  it('moves an account whose jurisdiction changed into its new room on reconnect', async () => {
    const { server, url } = await start();
    const officer = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202001' });
    const first = open(url, { cookie: officer.cookie });
    const greeted = await outcome(first);
    expect('hello' in greeted && greeted.hello.townshipCounts).toEqual({ '321202001': 0 });
    const dropped = disconnected(first);
    await server.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${officer.accountId}`, headers: { cookie: adminCookie(server) }, payload: { jurisdictionCode: '321202002' } });
    expect(await dropped).toBe('transport close'); // not a server disconnect: the client reconnects by itself
    const again = open(url, { cookie: officer.cookie });
    const ticks: LiveTick[] = [];
    again.on('tick', (t) => ticks.push(t));
    const hello = await outcome(again);
    expect('hello' in hello && hello.hello.townshipCounts).toEqual({ '321202002': 0 });
    await fetch(`${url}/api/v1/events`, { method: 'POST', headers: keyHeaders(), body: JSON.stringify([incidentAt(FIXTURE_POINTS['321202001002001'], 'east'), incidentAt(FIXTURE_POINTS['321202002001001'], 'west')]) }).then((r) => r.text());
    for (let i = 0; i < 100 && !ticks.some((t) => t.incidents.length > 0); i++) await new Promise((r) => setTimeout(r, 20));
    expect(ticks.flatMap((t) => t.incidents.map((x) => x.sourceId))).toEqual(['west']);
  });
});
