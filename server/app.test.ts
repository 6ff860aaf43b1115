// Integration: the real server (createApp) on port 0, a real SQLite file in a temp directory and a
// real socket.io-client — post, receive live, retry, restart, resume.
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from './app.ts';
import { createFixtureApp, incidentAt, tempDir } from './test-fixtures/app.ts';
import { adminCookie, keyHeaders } from './test-fixtures/auth.ts';
import { FIXTURE_POINTS } from './test-fixtures/index.ts';
import type { ClientToServerEvents, Incident, IngestResult, LiveHello, LiveTick, ServerToClientEvents } from './wire/index.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dataDir?: string): Promise<{ server: YizhangtuApp; url: string; dataDir: string }> {
  let dir = dataDir;
  if (!dir) {
    const t = tempDir('yzt-app-');
    cleanups.push(t.remove);
    dir = t.dir;
  }
  const server = await createFixtureApp(dir);
  cleanups.push(() => server.close());
  const { url } = await server.listen(0, '127.0.0.1');
  // Reads and the live channel as the county admin (sees everything); posts with the hotline's key.
  cookies.set(url, adminCookie(server));
  return { server, url, dataDir: dir };
}

const cookies = new Map<string, string>();

async function post(url: string, body: unknown): Promise<{ status: number; body: IngestResult }> {
  const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: keyHeaders(), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as IngestResult };
}

async function incidents(url: string): Promise<Incident[]> {
  const res = await fetch(`${url}/api/v1/incidents`, { headers: { cookie: cookies.get(url)! } });
  return ((await res.json()) as { incidents: Incident[] }).incidents;
}

async function client(url: string): Promise<{ socket: Client; hello: LiveHello }> {
  const socket: Client = connect(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookies.get(url)! } });
  cleanups.push(() => void socket.disconnect());
  const hello = await new Promise<LiveHello>((resolve) => socket.once('hello', resolve));
  return { socket, hello };
}

/** The first tick that carries an incident with this sourceId. */
function tickWith(socket: Client, sourceId: string): Promise<{ tick: LiveTick; incident: Incident }> {
  return new Promise((resolve) => {
    const onTick = (tick: LiveTick) => {
      const incident = tick.incidents.find((i) => i.sourceId === sourceId);
      if (!incident) return;
      socket.off('tick', onTick);
      resolve({ tick, incident });
    };
    socket.on('tick', onTick);
  });
}

/** Resolves once the server has broadcast up to `seq` (per hello or a later tick). */
function broadcastUpTo(socket: Client, hello: LiveHello, seq: number): Promise<void> {
  if (hello.lastSeq >= seq) return Promise.resolve();
  return new Promise((resolve) => {
    const onTick = (tick: LiveTick) => {
      if (tick.lastSeq < seq) return;
      socket.off('tick', onTick);
      resolve();
    };
    socket.on('tick', onTick);
  });
}

describe('server end to end', () => {
  it('pushes a posted incident live, in a tick, with its assigned codes', async () => {
    const { url } = await start();
    const { socket } = await client(url);
    const live = tickWith(socket, 'live-1');
    const { status, body } = await post(url, incidentAt(FIXTURE_POINTS['321202001002002'], 'live-1'));
    expect(status).toBe(201);
    const { tick, incident } = await live;
    expect(incident).toMatchObject({
      id: body.accepted[0]!.id,
      seq: body.accepted[0]!.seq,
      townshipCode: '321202001',
      villageCode: '321202001002',
      gridCode: '321202001002002',
      stage: 'intake',
    });
    expect(tick.lastSeq).toBe(incident.seq);
    expect(tick.townshipCounts).toEqual({ '321202001': 1, '321202002': 0 });
  });

  it('answers a repeated (source, sourceId) with the same id and stores nothing new', async () => {
    const { url } = await start();
    const first = await post(url, incidentAt(FIXTURE_POINTS['321202002001001'], 'dup-1'));
    const again = await post(url, incidentAt(FIXTURE_POINTS['321202002001001'], 'dup-1'));
    expect(again.status).toBe(200);
    expect(again.body.accepted).toEqual([{ ...first.body.accepted[0], duplicate: true }]);
    expect(await incidents(url)).toHaveLength(1);
  });

  it('keeps incidents and their idempotency across a restart on the same data directory', async () => {
    const first = await start();
    const posted = await post(first.url, incidentAt(FIXTURE_POINTS['321202001002001'], 'restart-1'));
    await first.server.close();

    const second = await start(first.dataDir);
    const stored = await incidents(second.url);
    expect(stored.map((i) => i.id)).toEqual([posted.body.accepted[0]!.id]);
    const again = await post(second.url, incidentAt(FIXTURE_POINTS['321202001002001'], 'restart-1'));
    expect(again.body.accepted[0]).toMatchObject({ id: posted.body.accepted[0]!.id, duplicate: true });
    expect(await incidents(second.url)).toHaveLength(1);
  });

  it('rebuilds the township counts from the store on restart', async () => {
    const first = await start();
    await post(first.url, [incidentAt(FIXTURE_POINTS['321202002001002'], 'c1'), incidentAt(FIXTURE_POINTS['321202002001001'], 'c2')]);
    await first.server.close();
    const second = await start(first.dataDir);
    const res = await fetch(`${second.url}/api/v1/counts`, { headers: { cookie: cookies.get(second.url)! } });
    expect(((await res.json()) as { counts: unknown }).counts).toEqual({ '321202001': 0, '321202002': 2 });
  });

  it('continues the sequence after a restart and greets with it', async () => {
    const first = await start();
    await post(first.url, [incidentAt(FIXTURE_POINTS['321202001002001'], 's1'), incidentAt(FIXTURE_POINTS['321202001002001'], 's2')]);
    await first.server.close();
    const second = await start(first.dataDir);
    const { hello } = await client(second.url);
    expect(hello.lastSeq).toBe(2);
    const next = await post(second.url, incidentAt(FIXTURE_POINTS['321202001002001'], 's3'));
    expect(next.body.accepted[0]!.seq).toBe(3);
  });

  it('lets a client that was away resume exactly what it missed, in order', async () => {
    const { url } = await start();
    const a = await client(url);
    const seen = tickWith(a.socket, 'before');
    await post(url, incidentAt(FIXTURE_POINTS['321202001002001'], 'before'));
    const lastSeen = (await seen).incident.seq;
    a.socket.disconnect();

    const missed = ['m1', 'm2', 'm3'].map((id) => incidentAt(FIXTURE_POINTS['321202002001002'], id));
    await post(url, missed.slice(0, 2));
    await post(url, missed[2]);

    // Resume answers up to where the connection was greeted (later ones come in ticks): let the
    // missed ones go out first, watched by another client, then come back.
    const watcher = await client(url);
    await broadcastUpTo(watcher.socket, watcher.hello, lastSeen + 3);
    const b = await client(url);
    expect(b.hello.lastSeq).toBe(lastSeen + 3);
    const res = await b.socket.emitWithAck('resume', { afterSeq: lastSeen });
    expect(res.incidents.map((i) => i.sourceId)).toEqual(['m1', 'm2', 'm3']);
    expect(res.incidents.map((i) => i.seq)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
    expect(res.more).toBe(false);
  });
});
