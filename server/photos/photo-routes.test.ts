// The photo routes through the real app: a grid worker's phone photo is stored cleaned and served
// back privately as an image; the case module's answer (here a Map: the seam the case store fills)
// decides who may add or see; every bad upload is a 4xx with its reason, and none leaves a file.
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { displayCookie, sessionFor, testKey } from '../test-fixtures/auth.ts';
import { canvasImage, concat, hasSecret, jpegWithMetadata } from '../test-fixtures/photos.ts';
import { PHOTO_CACHE_CONTROL, registerPhotoRoutes } from './photo-routes.ts';
import type { CaseAccess } from './photo-routes.ts';
import { nodePhotoFiles, openPhotoStore } from './photo-store.ts';
import type { StoredPhoto } from './photo-store.ts';

const LIMIT = 64 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The seam the case module implements: what a request may do with a case. */
const CASES = new Map<string, CaseAccess>([
  ['case-open', 'attach'],
  ['case-seen', 'read'],
  ['case-hidden', 'none'],
]);

async function setup(register?: (server: YizhangtuApp, dataDir: string) => void) {
  const t = tempDir('yzt-photo-routes-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir, { photoMaxBytes: LIMIT }, { caseAccess: (id) => CASES.get(id) ?? 'unknown' });
  register?.(server, t.dir);
  cleanups.push(() => server.close());
  const worker = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001' });
  return { server, cookie: worker.cookie, dir: server.photos.dir };
}

const upload = (server: YizhangtuApp, cookie: string, caseId: string, body: Uint8Array | string, type = 'image/jpeg', url = `/api/v1/cases/${caseId}/photos`) =>
  server.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': type }, payload: Buffer.from(body) });

describe('POST /cases/{id}/photos and GET its photo', () => {
  it('stores a phone photo without its GPS and serves it back privately, as the image it is', async () => {
    const { server, cookie, dir } = await setup();
    const phone = jpegWithMetadata(await canvasImage('image/jpeg'), 6).bytes;
    const res = await upload(server, cookie, 'case-open', phone);
    expect(res.statusCode, res.body).toBe(201);
    const { photo } = res.json();
    expect(photo).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'image/jpeg', width: 40, height: 30, url: `/api/v1/cases/case-open/photos/${photo.id}` });
    expect(res.headers.location).toBe(photo.url);
    expect(readdirSync(dir).sort()).toEqual([`${photo.id}.jpg`, `${photo.id}.json`]);

    const got = await server.app.inject({ url: photo.url, headers: { cookie, 'accept-encoding': 'br, gzip' } });
    expect(got.statusCode).toBe(200);
    expect(got.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(photo.bytes),
      'cache-control': PHOTO_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="${photo.id}.jpg"`,
    });
    expect(got.headers['content-encoding']).toBeUndefined();
    expect(got.rawPayload.equals(readFileSync(path.join(dir, `${photo.id}.jpg`)))).toBe(true);
    expect(hasSecret(got.rawPayload)).toEqual({ text: false, gps: false });
    const again = await server.app.inject({ url: photo.url, headers: { cookie, 'if-none-match': got.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const head = await server.app.inject({ method: 'HEAD', url: photo.url, headers: { cookie } });
    expect([head.statusCode, head.headers['content-length'], head.rawPayload.length]).toEqual([200, String(photo.bytes), 0]);
  });

  it.each(['image/png', 'image/webp'] as const)('takes a %s', async (type) => {
    const { server, cookie } = await setup();
    const res = await upload(server, cookie, 'case-open', await canvasImage(type), `${type}; charset=binary`);
    expect(res.statusCode, res.body).toBe(201);
    const got = await server.app.inject({ url: res.json().photo.url, headers: { cookie } });
    expect([got.statusCode, got.headers['content-type']]).toEqual([200, type]);
  });

  it.each<[string, 'POST' | 'GET', number, string]>([
    ['case-seen', 'POST', 403, 'you may see this case but not add photos to it'],
    ['case-hidden', 'POST', 403, 'this case is not yours to see'],
    ['case-hidden', 'GET', 403, 'this case is not yours to see'],
    ['no-such-case', 'POST', 404, 'no case no-such-case'],
    ['no-such-case', 'GET', 404, 'no case no-such-case'],
    ['case-seen', 'GET', 404, 'this case has no such photo'],
  ])('answers %s %s with %i: %s', async (caseId, method, status, message) => {
    const { server, cookie } = await setup();
    const image = await canvasImage('image/jpeg');
    const before = server.access.audit.count();
    const res =
      method === 'POST'
        ? await upload(server, cookie, caseId, image)
        : await server.app.inject({ url: `/api/v1/cases/${caseId}/photos/0190f2a1-7c3e-7a11-8b2c-3d4e5f607182`, headers: { cookie } });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toContain(message);
    // A refusal of a logged-in person is on record, like every other 403.
    expect(server.access.audit.list({ limit: 5, action: 'access.denied' }).filter((e) => e.seq > before)).toHaveLength(status === 403 ? 1 : 0);
  });

  it('lets only a logged-in person who may report upload', async () => {
    const { server } = await setup();
    const image = await canvasImage('image/jpeg');
    const wall = await upload(server, displayCookie(server, '321202001').cookie, 'case-open', image);
    expect([wall.statusCode, wall.json().message]).toEqual([403, 'forbidden: role wall-display may not report']);
    const key = await server.app.inject({ method: 'POST', url: '/api/v1/cases/case-open/photos', headers: { authorization: `Bearer ${testKey()}`, 'content-type': 'image/jpeg' }, payload: Buffer.from(image) });
    expect([key.statusCode, key.json().message]).toEqual([403, 'forbidden: photos are added by a logged-in person, not with an API key']);
    const anonymous = await server.app.inject({ method: 'POST', url: '/api/v1/cases/case-open/photos', headers: { 'content-type': 'image/jpeg' }, payload: Buffer.from(image) });
    expect(anonymous.statusCode).toBe(401);
    expect(readdirSync(server.photos.dir)).toEqual([]);
  });

  it('serves a photo only under its own case, and no file by a path in the photo id', async () => {
    const { server, cookie } = await setup();
    const { photo } = (await upload(server, cookie, 'case-open', await canvasImage('image/png'), 'image/png')).json();
    const urls = [
      `/api/v1/cases/case-seen/photos/${photo.id}`,
      '/api/v1/cases/case-open/photos/..%2F..%2Faccess.sqlite',
      '/api/v1/cases/case-open/photos/%2e%2e%2f%2e%2e%2faccess.sqlite',
      '/api/v1/cases/case-open/photos/..%2Fphotos%2F' + photo.id,
      '/api/v1/cases/case-open/photos/../../access.sqlite',
      `/api/v1/cases/case-open/photos/${photo.id}.json`,
      `/api/v1/cases/case-open/photos/${photo.id.toUpperCase()}`,
    ];
    for (const url of urls) {
      const res = await server.app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.body, url).not.toContain('SQLite format');
    }
  });

  it.each<[string, string | undefined, (j: Uint8Array) => Uint8Array | string, number, string]>([
    ['an empty body', 'image/jpeg', () => new Uint8Array(0), 400, 'the body is empty'],
    ['text as a JPEG', 'image/jpeg', () => 'not a photo at all', 415, 'not a JPEG, PNG or WebP image'],
    ['a JPEG as a PNG', 'image/png', (j) => j, 415, 'Content-Type says image/png but the body is a JPEG image'],
    ['a JPEG as text/plain', 'text/plain', (j) => j, 415, 'Content-Type must be image/jpeg, image/png or image/webp'],
    ['a JPEG as JSON', 'application/json', (j) => j, 415, 'Content-Type must be image/jpeg'],
    ['a JPEG as image/gif', 'image/gif', (j) => j, 415, 'Content-Type must be image/jpeg'],
    ['a JPEG without Content-Type', undefined, (j) => j, 415, 'Content-Type must be image/jpeg'],
    ['a truncated JPEG', 'image/jpeg', (j) => j.subarray(0, j.length - 100), 422, 'truncated'],
    ['a photo over PHOTO_MAX_BYTES', 'image/jpeg', (j) => concat(j, new Uint8Array(LIMIT)), 413, `larger than ${LIMIT} bytes (PHOTO_MAX_BYTES)`],
  ])('refuses %s', async (_name, type, make, status, message) => {
    const { server, cookie, dir } = await setup();
    const body = Buffer.from(make(await canvasImage('image/jpeg')));
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/cases/case-open/photos', headers: { cookie, ...(type ? { 'content-type': type } : {}) }, payload: body });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts images on these routes only: POST /events still takes JSON alone', async () => {
    const { server, cookie } = await setup();
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/events', headers: { cookie, 'content-type': 'image/jpeg' }, payload: Buffer.from(await canvasImage('image/jpeg')) });
    expect([res.statusCode, res.json().message]).toEqual([415, 'Content-Type must be application/json']);
  });

  it('refuses a 20 MB streamed body and a terabyte declared with 413, and leaves nothing of a body cut off mid-way', async () => {
    const { server, cookie, dir } = await setup();
    const { url } = await server.listen(0, '127.0.0.1');
    const jpeg = await canvasImage('image/jpeg');
    let chunks = 0;
    // Streamed (no Content-Length): the limit must hold while reading, not only against the header.
    const twentyMegabytes = new ReadableStream<Uint8Array>({
      pull: (c) => (chunks++ === 0 ? c.enqueue(jpeg) : chunks <= 21 ? c.enqueue(new Uint8Array(1024 * 1024)) : c.close()),
    });
    const big = await fetch(`${url}/api/v1/cases/case-open/photos`, { method: 'POST', headers: { cookie, 'content-type': 'image/jpeg' }, body: twentyMegabytes, duplex: 'half' } as RequestInit);
    expect(big.status).toBe(413);
    expect((await big.json()).message).toContain('PHOTO_MAX_BYTES');

    const { port } = new URL(url);
    const head = (length: number) => `POST /api/v1/cases/case-open/photos HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: image/jpeg\r\nContent-Length: ${length}\r\n\r\n`;
    /** Sends `text` and then `body` on a fresh connection; `cut` closes it after the body; resolves with what came back. */
    const send = (text: string, body: Uint8Array, cut: boolean) =>
      new Promise<string>((resolve, reject) => {
        let answer = '';
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(text);
          socket.write(body, () => cut && setTimeout(() => socket.destroy(), 50));
        });
        socket.on('data', (d) => {
          answer += d.toString('latin1');
          if (!cut && answer.includes('}')) socket.destroy();
        });
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });

    // A terabyte declared: refused from the header, before any of it is read.
    const declared = await send(head(1e12), jpeg, false);
    expect(declared).toMatch(/^HTTP\/1.1 413 /);
    expect(declared).toContain(`larger than ${LIMIT} bytes (PHOTO_MAX_BYTES)`);

    // Content-Length promises the whole photo; the phone loses its connection half-way.
    const image = Buffer.from(jpeg);
    expect(await send(head(image.length), image.subarray(0, image.length >> 1), true)).toBe('');
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(dir)).toEqual([]);
    const after = await fetch(`${url}/api/v1/cases/case-open/photos`, { method: 'POST', headers: { cookie, 'content-type': 'image/jpeg' }, body: image });
    expect(after.status).toBe(201);
  });

  it('answers a failed write 500 and keeps nothing of it; tells onStored of each stored photo', async () => {
    const stored: StoredPhoto[] = [];
    const { server, cookie } = await setup((s, dataDir) => {
      const broken = openPhotoStore({ dataDir: path.join(dataDir, 'broken'), maxBytes: LIMIT, files: { ...nodePhotoFiles, syncDir: async () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })) } });
      const counted = openPhotoStore({ dataDir: path.join(dataDir, 'counted'), maxBytes: LIMIT });
      const caseAccess = () => 'attach' as const;
      s.app.register(async (api) => registerPhotoRoutes(api, { photos: broken, caseAccess }), { prefix: '/api/v1/broken' });
      s.app.register(async (api) => registerPhotoRoutes(api, { photos: counted, caseAccess, onStored: (p) => void stored.push(p) }), { prefix: '/api/v1/counted' });
    });
    const image = await canvasImage('image/jpeg');
    const failed = await upload(server, cookie, 'c1', image, 'image/jpeg', '/api/v1/broken/cases/c1/photos');
    expect([failed.statusCode, failed.json().message]).toEqual([500, 'internal error: the request was not completed; it is safe to retry']);
    expect(readdirSync(path.join(server.photos.dir, '..', 'broken', 'photos'))).toEqual([]);

    const ok = await upload(server, cookie, 'c1', image, 'image/jpeg', '/api/v1/counted/cases/c1/photos');
    expect(ok.statusCode).toBe(201);
    expect(stored.map((p) => [p.id, p.caseId, p.uploadedBy.type])).toEqual([[ok.json().photo.id, 'c1', 'account']]);
    expect(ok.json().photo.url).toBe(`/api/v1/counted/cases/c1/photos/${stored[0]!.id}`);
  });
});
