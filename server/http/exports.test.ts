// Exports through the real server (port 0, real HTTP, real SQLite): a range is capped; a large
// export streams from the store a page at a time — other requests are answered between its pages,
// every row arrives exactly once, memory stays flat, and a client that goes away stops the reading;
// the same for the audit log; a township account exports only its township.
import { get } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { openAccessDb } from '../auth/access-db.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import type { YizhangtuApp } from '../app.ts';
import type { NewIncident } from '../store/types.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, sessionFor } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import type { AuditEntry, Incident } from '../wire/index.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const DAY_MS = 86_400_000;
const GRIDS = Object.keys(FIXTURE_POINTS) as (keyof typeof FIXTURE_POINTS)[];

setFlagsFromString('--expose-gc');
/** A full collection, so the heap measured is what is still held, not garbage not yet collected. */
const gc = runInNewContext('gc') as () => void;
/**
 * Bytes the process holds after a full collection: the JS heap and the Buffers outside it (not all
 * of `external`, whose freed backing stores V8 releases later, in the background).
 */
function liveBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;

/** `n` incidents over the last 360 days, in an order unrelated to seq, on all four fixture grids. */
function incidents(n: number, nowMs: number): NewIncident[] {
  return Array.from({ length: n }, (_, k) => {
    const grid = GRIDS[k % GRIDS.length]!;
    return {
      source: 'hotline-12345',
      sourceId: `x-${k}`,
      category: k % 5 === 0 ? 'fire' : 'dispute',
      priority: 'normal',
      ...FIXTURE_POINTS[grid],
      occurredAt: new Date(nowMs - DAY_MS - ((k * 7919) % (359 * 24)) * 3_600_000 - (k % 3_600_000)).toISOString(),
      // A formula-looking description on some rows: CSV must defuse it.
      description: k % 1000 === 2 ? '=HYPERLINK("http://x")' : `群众来电反映邻里噪音纠纷，第${k}号`,
      townshipCode: grid.slice(0, 9),
      villageCode: grid.slice(0, 12),
      gridCode: grid,
    };
  });
}

/** A listening fixture server holding `n` incidents, and a count of the export pages read from its store. */
async function serve(n = 0) {
  const t = tempDir('yzt-exports-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir);
  cleanups.push(() => server.close());
  const nowMs = Date.now();
  const all = incidents(n, nowMs);
  for (let k = 0; k < all.length; k += 4000) await server.store.appendBatch(all.slice(k, k + 4000));
  const reads = countPages(server);
  const { url } = await server.listen(0, '127.0.0.1');
  return { server, base: `${url}/api/v1`, admin: adminCookie(server), nowMs, reads };
}

/** Counts the pages the export routes read, passing every call on to the real store and audit log. */
function countPages(server: YizhangtuApp) {
  const reads = { incidents: 0, audit: 0 };
  const store = server.store;
  const incidentsPage = store.incidentsPage?.bind(store);
  if (incidentsPage) store.incidentsPage = (q) => ((reads.incidents += 1), incidentsPage(q));
  const audit = server.access.audit;
  const auditPage = audit.page?.bind(audit);
  if (auditPage) audit.page = (q) => ((reads.audit += 1), auditPage(q));
  return reads;
}

interface Streamed {
  status: number;
  bytes: number;
  lines: string[];
  chunks: number;
}

/**
 * Reads an export as a stream, line by line, without keeping it (node:http, uncompressed: each
 * chunk is handled as it arrives, so the client holds no queue of its own): `onLine` sees each
 * line, and `onChunk` runs after each chunk (it may pause the reading).
 */
async function stream(url: string, cookie: string, options: { keep?: boolean; onLine?: (line: string) => void; onChunk?: (chunk: number) => Promise<void> | void } = {}): Promise<Streamed> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => get(url, { agent: false, headers: { cookie } }, resolve).on('error', reject));
  const out: Streamed = { status: res.statusCode ?? 0, bytes: 0, lines: [], chunks: 0 };
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const take = (line: string) => {
    options.onLine?.(line);
    if (options.keep) out.lines.push(line);
  };
  let rest = '';
  for await (const chunk of res as AsyncIterable<Buffer>) {
    out.bytes += chunk.length;
    out.chunks += 1;
    const parts = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = parts.pop()!;
    parts.forEach(take);
    await options.onChunk?.(out.chunks);
  }
  if (rest) take(rest);
  return out;
}

/**
 * Reads `chunks` chunks of a response and then closes the connection, as a browser does when the
 * download is cancelled (node:http, so nothing of the connection outlives it).
 */
function abortAfter(url: string, cookie: string, identity: boolean, chunks: number, onAbort: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, headers: { cookie, 'accept-encoding': identity ? 'identity' : 'gzip, br' } }, (res) => {
      expect(res.statusCode).toBe(200);
      let seen = 0;
      res.on('data', () => {
        if (++seen !== chunks) return;
        onAbort();
        req.destroy();
        resolve();
      });
      res.on('end', () => reject(new Error(`the export ended before ${chunks} chunks`)));
    });
    req.on('error', () => undefined);
  });
}

/** /health asked over and over until `done()`: each answer notes how many export pages had been read by then. */
function healthWhile(base: string, pagesRead: () => number, done: () => boolean) {
  const answers: number[] = [];
  const loop = (async () => {
    while (!done()) {
      const res = await fetch(`${base}/health`);
      expect(res.status).toBe(200);
      await res.json();
      answers.push(pagesRead());
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return { answers, loop };
}

/**
 * Memory and event-loop figures of a stretch of work. A stall is the gap between two runs of a 1 ms
 * timer, less the millisecond; the gaps that hold one of our own memory samples (a full collection)
 * are left out.
 */
function watch() {
  const before = { live: liveBytes(), rss: process.memoryUsage().rss };
  let peakRss = before.rss;
  let peakLive = before.live;
  const stalls: number[] = [];
  let last = performance.now();
  let sampled = false;
  const timer = setInterval(() => {
    const t = performance.now();
    if (!sampled) stalls.push(t - last - 1);
    sampled = false;
    last = t;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 1);
  return {
    before,
    /** Samples what is still held (after a full collection). */
    sample() {
      peakLive = Math.max(peakLive, liveBytes());
      sampled = true;
    },
    stop() {
      clearInterval(timer);
      stalls.sort((a, b) => a - b);
      return { liveGrowth: peakLive - before.live, peakLive, peakRss, stallMs: stalls.at(-1) ?? 0, p99Ms: stalls[Math.floor(stalls.length * 0.99)] ?? 0 };
    },
  };
}

describe('export range cap', () => {
  it('refuses a range longer than 366 days, or an empty one, with a 400 naming since; 366 days is allowed', async () => {
    const { base, admin, nowMs } = await serve();
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const path of ['/incidents/export', '/audit/export']) {
      for (const query of ['since=1800-01-01T00:00:00Z', `since=${iso(nowMs - 367 * DAY_MS)}`, `since=2025-01-01T00:00:00Z&until=2026-01-03T00:00:00Z`]) {
        const res = await fetch(`${base}${path}?${query}`, { headers: { cookie: admin } });
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(await res.json()).toEqual({ statusCode: 400, error: 'Bad Request', field: 'since', message: expect.stringContaining('at most 366 days') });
      }
      const empty = await fetch(`${base}${path}?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z`, { headers: { cookie: admin } });
      expect(await empty.json()).toMatchObject({ statusCode: 400, field: 'since', message: 'since must be before until' });
      const year = await fetch(`${base}${path}?since=2025-01-01T00:00:00Z&until=2026-01-02T00:00:00Z`, { headers: { cookie: admin } });
      expect(year.status, path).toBe(200);
      await year.arrayBuffer();
    }
  });
});

describe('incident export', () => {
  it('streams 150,000 incidents a page at a time: /health answered between pages, every row once in (occurredAt, seq) order, memory flat', { timeout: 180_000 }, async () => {
    const n = 150_000;
    const { base, admin, nowMs, reads } = await serve(n);
    const seen = new Uint8Array(n + 1);
    let rows = 0;
    let repeats = 0;
    let outOfOrder = 0;
    let last = { at: '', seq: 0 };
    let exporting = true;
    const health = healthWhile(base, () => reads.incidents, () => !exporting);
    const w = watch();
    let pagesAtPause = 0;
    let pagesAfterPause = 0;
    const t0 = performance.now();
    const got = await stream(`${base}/incidents/export?format=ndjson&since=${new Date(nowMs - 365 * DAY_MS).toISOString()}`, admin, {
      onLine(line) {
        const i = JSON.parse(line) as Incident;
        if (seen[i.seq]) repeats += 1;
        seen[i.seq] = 1;
        rows += 1;
        if (i.occurredAt < last.at || (i.occurredAt === last.at && i.seq < last.seq)) outOfOrder += 1;
        last = { at: i.occurredAt, seq: i.seq };
      },
      async onChunk(chunk) {
        if (chunk % 50 === 0) w.sample();
        if (chunk === 100) {
          // The client stops reading for a while: the server reads on only until the socket's buffers are full.
          pagesAtPause = reads.incidents;
          await new Promise((r) => setTimeout(r, 1000));
          pagesAfterPause = reads.incidents;
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    exporting = false;
    await health.loop;
    const m = w.stop();
    const between = health.answers.filter((p) => p > 0 && p < reads.incidents).length;
    console.log(
      `[export] GET /incidents/export (ndjson, 365 days, county admin): ${rows.toLocaleString('en')} rows, ${mb(got.bytes)} in ${seconds.toFixed(1)} s, ${reads.incidents} pages read; ` +
        `live heap+buffers ${mb(w.before.live)} before, +${mb(m.liveGrowth)} at most during; RSS ${mb(w.before.rss)} before, ${mb(m.peakRss)} peak; ` +
        `longest event-loop stall ${m.stallMs.toFixed(0)} ms (p99 ${m.p99Ms.toFixed(0)} ms); /health answered ${health.answers.length} times, ${between} of them between two pages; ` +
        `a 1 s pause of the client at page ${pagesAtPause} let the server read ${pagesAfterPause - pagesAtPause} more`,
    );
    expect(got.status).toBe(200);
    expect({ rows, repeats, outOfOrder }).toEqual({ rows: n, repeats: 0, outOfOrder: 0 });
    expect(seen.subarray(1).every((s) => s === 1)).toBe(true);
    // Read in pages, with /health served while pages were still to come.
    expect(reads.incidents).toBeGreaterThan(10);
    expect(between).toBeGreaterThan(3);
    // Backpressure: a client that stops reading stops the reading, bar what the socket buffers hold.
    expect(pagesAfterPause - pagesAtPause).toBeLessThan(reads.incidents / 3);
    // Not buffered: what the server holds grows by far less than what it sent.
    expect(m.liveGrowth).toBeLessThan(got.bytes / 4);
  });

  it('stops reading the store when the client goes away mid-export, and records the rows written', { timeout: 120_000 }, async () => {
    const n = 60_000;
    const { server, base, admin, nowMs, reads } = await serve(n);
    for (const [k, identity] of [true, false].entries()) {
      const before = reads.incidents;
      let atAbort = 0;
      await abortAfter(`${base}/incidents/export?format=csv&since=${new Date(nowMs - 365 * DAY_MS).toISOString()}`, admin, identity, 3, () => (atAbort = reads.incidents));
      // The end is recorded when the stream has closed, and by then its page reading has ended.
      const ends = () => server.access.audit.list({ action: 'incidents.export-ended', limit: 10 });
      await expect.poll(() => ends().length, { timeout: 10_000 }).toBe(k + 1);
      const atClose = reads.incidents;
      await new Promise((r) => setTimeout(r, 300));
      const { rows, complete } = ends()[0]!.details as { rows: number; complete: boolean };
      console.log(`[export] client gone after 3 chunks (${identity ? 'identity' : 'compressed'}): ${atAbort - before} pages read by then, ${atClose - atAbort} after; ${rows} rows written of ${n}`);
      expect(complete).toBe(false);
      expect(rows).toBeLessThan(n);
      // At most the page being read when the client left; none afterwards.
      expect(atClose - atAbort).toBeLessThanOrEqual(1);
      expect(reads.incidents).toBe(atClose);
    }
  });

  it('gives a township account only its township, in (occurredAt, seq) order across pages, as CSV with one BOM and header and defused formulas', { timeout: 60_000 }, async () => {
    const n = 4000;
    const { server, base, nowMs, reads } = await serve(n);
    const township = '321202002';
    const { cookie } = await sessionFor(server, { role: 'duty-officer', jurisdictionCode: township });
    const expected = incidents(n, nowMs)
      .map((i, k) => ({ ...i, seq: k + 1, occurredAt: new Date(Date.parse(i.occurredAt)).toISOString() }))
      .filter((i) => i.townshipCode === township)
      .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq));
    const ndjson = await stream(`${base}/incidents/export?format=ndjson&since=${new Date(nowMs - 365 * DAY_MS).toISOString()}`, cookie, { keep: true });
    expect(ndjson.lines.map((l) => (JSON.parse(l) as Incident).seq)).toEqual(expected.map((i) => i.seq));
    expect(reads.incidents).toBeGreaterThan(4);

    // Compressed, as a browser asks for it.
    const csv = await fetch(`${base}/incidents/export?format=csv&since=${new Date(nowMs - 365 * DAY_MS).toISOString()}`, { headers: { cookie } });
    expect(csv.headers.get('content-encoding')).toMatch(/gzip|br/);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer()).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('\uFEFFid,seq,source,sourceId,category,priority,stage,lng,lat,occurredAt,receivedAt,townshipCode,villageCode,gridCode,description');
    expect(lines.filter((l) => l.includes('\uFEFF'))).toHaveLength(1);
    expect(lines.slice(1).map((l) => Number(l.split(',')[1]))).toEqual(expected.map((i) => i.seq));
    expect(lines.find((l) => l.includes('HYPERLINK'))).toMatch(/,"'=HYPERLINK\(""http:\/\/x""\)"$/);
  });
});

describe('audit export', () => {
  it('streams 50,000 entries a page at a time: /health answered between pages, every entry once, memory flat', { timeout: 180_000 }, async () => {
    const t = tempDir('yzt-exports-audit-');
    cleanups.push(t.remove);
    const n = 50_000;
    // Written straight into the access database before the server opens it.
    const db = openAccessDb(t.dir);
    const log = createAuditLog(db);
    db.transaction(() => {
      for (let k = 0; k < n; k++) log.append({ actor: { type: 'system' }, action: 'incidents.exported', details: { format: 'csv', jurisdiction: '321202', since: '2026-01-01T00:00:00.000Z', note: `第${k}次导出：${'城东街道东安居委会网格事件'.repeat(12)}` }, ip: '127.0.0.1' });
    })();
    db.close();
    const server = await createFixtureApp(t.dir);
    cleanups.push(() => server.close());
    const reads = countPages(server);
    const { url } = await server.listen(0, '127.0.0.1');
    const base = `${url}/api/v1`;
    const total = server.access.audit.count();

    const seqs: number[] = [];
    let exporting = true;
    const health = healthWhile(base, () => reads.audit, () => !exporting);
    const w = watch();
    const t0 = performance.now();
    const got = await stream(`${base}/audit/export?format=ndjson`, adminCookie(server), {
      onLine: (line) => seqs.push((JSON.parse(line) as AuditEntry).seq),
      onChunk: (c) => (c % 50 === 0 ? w.sample() : undefined),
    });
    const seconds = (performance.now() - t0) / 1000;
    exporting = false;
    await health.loop;
    const m = w.stop();
    const between = health.answers.filter((p) => p > 0 && p < reads.audit).length;
    console.log(
      `[export] GET /audit/export (ndjson, 30 days): ${seqs.length.toLocaleString('en')} entries, ${mb(got.bytes)} in ${seconds.toFixed(1)} s, ${reads.audit} pages read; ` +
        `live heap+buffers +${mb(m.liveGrowth)} at most; RSS ${mb(w.before.rss)} before, ${mb(m.peakRss)} peak; longest event-loop stall ${m.stallMs.toFixed(0)} ms (p99 ${m.p99Ms.toFixed(0)} ms); ` +
        `/health answered ${health.answers.length} times, ${between} of them between two pages`,
    );
    // Every entry written before the export started, once, in seq order.
    expect(seqs).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    expect(reads.audit).toBeGreaterThan(10);
    expect(between).toBeGreaterThan(3);
    expect(m.liveGrowth).toBeLessThan(got.bytes / 4);
    const [end] = server.access.audit.list({ action: 'audit.export-ended', limit: 1 });
    expect(end?.details).toMatchObject({ rows: total, complete: true });
  });
});
