import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptsEncoding, createCachedJson } from './cached-json.ts';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

const big = { features: Array.from({ length: 500 }, (_, i) => ({ id: i, name: `网格 ${i}` })) };

function app() {
  const a = Fastify();
  apps.push(a);
  const send = createCachedJson();
  a.get('/big', (req, reply) => send(req, reply, big));
  a.get('/small', (req, reply) => send(req, reply, { ok: true }));
  return a;
}

describe('cached JSON answers', () => {
  it('sends brotli that decodes to the JSON when br is accepted', async () => {
    const res = await app().inject({ url: '/big', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString())).toEqual(big);
  });

  it('sends gzip when only gzip is accepted', async () => {
    const res = await app().inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString())).toEqual(big);
  });

  it('sends plain JSON without Accept-Encoding, and for small bodies', async () => {
    const a = app();
    expect((await a.inject({ url: '/big' })).json()).toEqual(big);
    const small = await a.inject({ url: '/small', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ ok: true });
  });

  it('answers 304 to the ETag it gave', async () => {
    const a = app();
    const first = await a.inject({ url: '/big' });
    expect((await a.inject({ url: '/big', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode).toBe(304);
  });

  it.each([
    ['br', 'br', true],
    ['gzip, deflate, br;q=0', 'br', false],
    ['BR;q=0.5', 'br', true],
    ['identity', 'gzip', false],
    [undefined, 'gzip', false],
  ] as const)('Accept-Encoding %s accepts %s: %s', (header, encoding, expected) => {
    expect(acceptsEncoding(header, encoding)).toBe(expected);
  });
});
