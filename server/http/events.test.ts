// POST /api/v1/events through the real app (fastify inject): status codes and reasons for every
// kind of bad input, and nothing a client sends can crash it.
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { testKey } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS, OUTSIDE_POINT } from '../test-fixtures/index.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function app() {
  const t = tempDir('yzt-events-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir);
  cleanups.push(() => server.close());
  return server.app;
}

const P = FIXTURE_POINTS['321202001002001'];

async function postRaw(payload: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const a = await app();
  // Posted as the hotline, with its API key (authorisation has its own tests).
  const res = await a.inject({ method: 'POST', url: '/api/v1/events', headers: { ...headers, authorization: `Bearer ${testKey()}` }, payload });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, app: a };
}

describe('POST /api/v1/events', () => {
  it('answers 201 with the accepted incident', async () => {
    const { status, body } = await postRaw(JSON.stringify(incidentAt(P, 'a')));
    expect(status).toBe(201);
    expect(body).toMatchObject({ accepted: [{ index: 0, seq: 1, gridCode: '321202001002001', duplicate: false }], rejected: [] });
  });

  it('answers 201 for a mixed batch, listing the rejected items', async () => {
    const { status, body } = await postRaw(JSON.stringify([incidentAt(P, 'a'), { ...incidentAt(P, 'b'), lat: 91 }]));
    expect(status).toBe(201);
    expect(body.rejected).toEqual([{ index: 1, field: 'lat', reason: expect.any(String) }]);
  });

  it('answers 422 with the reasons when no item is accepted', async () => {
    const { status, body } = await postRaw(JSON.stringify([{ ...incidentAt(P, 'a'), priority: 'asap' }, incidentAt(OUTSIDE_POINT, 'b')]));
    expect(status).toBe(422);
    expect(body).toEqual({
      accepted: [],
      rejected: [
        { index: 0, field: 'priority', reason: expect.stringContaining('priority must be one of') },
        { index: 1, field: 'lng,lat', reason: expect.stringContaining('outside jurisdiction 321202 海陵区') },
      ],
    });
  });

  it('rejects a __proto__ key per item without touching any prototype', async () => {
    const payload = `{"__proto__":{"isAdmin":true},${JSON.stringify(incidentAt(P, 'a')).slice(1)}`;
    const { status, body } = await postRaw(payload);
    expect(status).toBe(422);
    expect(body.rejected).toEqual([{ index: 0, field: '__proto__', reason: expect.stringContaining('unknown field') }]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers malformed JSON with 400 and the parser reason', async () => {
    const { status, body } = await postRaw('{"source": "alarm-110",');
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('the body is not valid JSON') });
  });

  it('answers an empty body with 400', async () => {
    const { status, body } = await postRaw('');
    expect(status).toBe(400);
    expect(body.message).toContain('empty');
  });

  it('answers a body of only whitespace with 400 as empty', async () => {
    const { status, body } = await postRaw(' \n\t ');
    expect(status).toBe(400);
    expect(body.message).toContain('empty');
  });

  it('refuses invalid UTF-8 with 400 instead of storing replacement characters', async () => {
    const json = Buffer.from(JSON.stringify(incidentAt(P, 'a')));
    const at = json.indexOf('邻');
    const { status, body } = await postRaw(Buffer.concat([json.subarray(0, at), Buffer.from([0xe9, 0x28]), json.subarray(at)]));
    expect(status).toBe(400);
    expect(body.message).toContain('not valid UTF-8');
  });

  it('refuses a leading byte-order mark as invalid JSON', async () => {
    const { status, body } = await postRaw(`\ufeff${JSON.stringify(incidentAt(P, 'a'))}`);
    expect(status).toBe(400);
    expect(body.message).toContain('not valid JSON');
  });

  it.each([['42'], ['"text"'], ['null'], ['[]']])('answers the body %s with 400', async (payload) => {
    const { status, body } = await postRaw(payload);
    expect(status).toBe(400);
    expect(body.message).toEqual(expect.any(String));
  });

  it.each([['application/x-www-form-urlencoded'], ['text/plain']])('answers Content-Type %s with 415', async (type) => {
    const { status, body } = await postRaw('source=x', { 'content-type': type });
    expect(status).toBe(415);
    expect(body.message).toContain('application/json');
  });

  it('accepts application/json with a charset', async () => {
    const { status } = await postRaw(JSON.stringify(incidentAt(P, 'a')), { 'content-type': 'application/json; charset=utf-8' });
    expect(status).toBe(201);
  });

  it('answers a body over 1 MB with 413', async () => {
    const big = JSON.stringify({ ...incidentAt(P, 'a'), description: 'x'.repeat(1_100_000) });
    const { status, body } = await postRaw(big);
    expect(status).toBe(413);
    expect(body.message).toContain('larger than');
  });

  it('answers more than 1000 items with 413', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ s: i }));
    const { status, body } = await postRaw(JSON.stringify(items));
    expect(status).toBe(413);
    expect(body.message).toContain('at most 1000');
  });

  it('survives deeply nested JSON and answers 4xx', async () => {
    const depth = 100_000;
    const { status, app: a } = await postRaw('['.repeat(depth) + ']'.repeat(depth));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect((await a.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('refuses a gzip bomb by its inflated size', async () => {
    const inflated = Buffer.alloc(20 * 1024 * 1024, 0x20);
    const { status } = await postRaw(gzipSync(inflated), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(status).toBe(413);
  });

  it('answers 500 (safe to retry) when the store\'s writer thread dies holding the batch, and stores the retry', async () => {
    const t = tempDir('yzt-events-');
    cleanups.push(t.remove);
    let starts = 0;
    // The first writer thread dies as it starts, with the request's batch sent to it.
    const store = openSqliteStore({ dataDir: t.dir, onWriterStart: (w) => void (starts++ === 0 && w.terminate()) });
    const server = await createFixtureApp(t.dir, {}, { store });
    cleanups.push(() => server.close());
    const post = () => server.app.inject({ method: 'POST', url: '/api/v1/events', headers: { 'content-type': 'application/json', authorization: `Bearer ${testKey()}` }, payload: JSON.stringify(incidentAt(P, 'a')) });
    const failed = await post();
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ message: expect.stringContaining('safe to retry') });
    const retried = await post();
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ accepted: [{ index: 0, seq: 1, duplicate: false }] });
  });

  it('commits the accepted items of one request together, in order', async () => {
    const { body } = await postRaw(JSON.stringify(['a', 'b', 'c'].map((id) => incidentAt(P, id))));
    expect((body.accepted as { seq: number }[]).map((a) => a.seq)).toEqual([1, 2, 3]);
  });
});
