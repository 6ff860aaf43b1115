// Durable ingest through the HTTP API: the real server (createApp on port 0, SQLite in a temporary
// DATA_DIR with synchronous=FULL, the demo county, no demo feed) holding a month of history, and a
// real HTTP client in its own process posting a live feed (incidents of the last 10 minutes).
// Ours: batches of 1000 per POST over a few keep-alive connections — each answer comes after its
// incidents are committed. Baseline: one incident per POST on one connection, so one commit (and one
// fsync) per incident.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { createApp } from '../server/app.ts';
import { DEFAULT_CONFIG, type AppConfig } from '../server/config.ts';
import { createGridAssigner } from '../server/geo/assigner.ts';
import { loadJurisdiction } from '../server/jurisdiction/load.ts';
import type { IncidentStore, NewIncident } from '../server/store/types.ts';
import { INCIDENT_CATEGORIES } from '../server/wire/index.ts';
import { fmt, mainThreadCpuMs, progress, runChild, type BenchResult } from './harness.ts';
import type { ClientJob, ClientResult } from './ingest-client.ts';

const KEY = 'bench-key-0123456789abcdef0123456789';
const SOURCE = 'bench';
const JURISDICTION_DIR = 'data/demo';
const BATCH = 1000;
const BATCHED_REQUESTS = Number(process.env.BENCH_INGEST_REQUESTS ?? 100);
/** Rounds of BATCHED_REQUESTS; the median is reported and judged, every round printed (the machine is shared). */
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 5);
const SINGLE_REQUESTS = Number(process.env.BENCH_INGEST_SINGLES ?? 1000);
const CONCURRENCY = 4;
const SPAN_MS = Number(process.env.BENCH_INGEST_SPAN_MS ?? 10 * 60_000);
const HISTORY = Number(process.env.BENCH_INGEST_HISTORY ?? 500_000);
const DAY_MS = 86_400_000;

/**
 * A month of history straight into the store (setup, not measured), so the live feed's inserts
 * land where they would in a running county: at the recent end of the time index.
 */
async function prefill(store: IncidentStore, rows: number): Promise<void> {
  const j = await loadJurisdiction(JURISDICTION_DIR);
  const assigner = createGridAssigner(j.grids);
  const random = seedrandom('history');
  const [w, s, e, n] = [119.79, 32.38, 120.03, 32.59]; // the demo county's box
  const now = Date.now() - 3_600_000;
  for (let done = 0; done < rows; ) {
    const chunk: NewIncident[] = [];
    while (chunk.length < 50_000 && done + chunk.length < rows) {
      const lng = w + random() * (e - w), lat = s + random() * (n - s);
      const at = assigner.assign(lng, lat);
      if (!at) continue;
      const k = done + chunk.length;
      chunk.push({
        source: 'history', sourceId: `h-${k}`, category: INCIDENT_CATEGORIES[k % 8]!, priority: 'normal', lng, lat,
        occurredAt: new Date(now - 30 * DAY_MS + (k / rows) * 30 * DAY_MS).toISOString(), description: '', ...at,
      });
    }
    await store.appendBatch(chunk);
    done += chunk.length;
  }
}

/** With BENCH_INGEST_MARKS set, prints the monotonic time (µs, the clock of --cpu-prof) of each phase. */
function mark(what: string): void {
  if (process.env.BENCH_INGEST_MARKS) progress(`mark ${what} at ${process.hrtime.bigint() / 1000n} µs`);
}

/** Runs one client job in a child process and resolves with its result. */
const runClient = (job: ClientJob) => runChild<ClientJob, ClientResult>(new URL('./ingest-client.ts', import.meta.url), job);

export async function benchIngest(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yzt-bench-ingest-'));
  const config: AppConfig = {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    jurisdictionDir: JURISDICTION_DIR,
    webDir: path.join(dataDir, 'no-web-build'),
    demoFeed: false,
    logLevel: 'silent',
    adminPassword: 'bench-admin-password-7Qx!',
    apiKeys: [{ source: SOURCE, key: KEY }],
    rateLimitPerMinute: 10_000_000,
  };
  const server = await createApp(config, { logger: false });
  try {
    progress(`setup: ${HISTORY.toLocaleString('en')} incidents of history over 30 days`);
    await prefill(server.store, HISTORY);
    const { url } = await server.listen(0, '127.0.0.1');
    const job = (label: string, requests: number, perRequest: number, concurrency = CONCURRENCY): ClientJob => ({
      url, key: KEY, source: SOURCE, jurisdictionDir: JURISDICTION_DIR, requests, perRequest, concurrency, label, spanMs: SPAN_MS,
    });

    progress(`warm-up: 20 batches of ${BATCH}`);
    const warm = await runClient(job('warm', 20, BATCH));

    let batched: ClientResult | undefined;
    let serverCpuMs = 0;
    let serverMainMs = NaN;
    let acknowledged = 0;
    let rejected = 0;
    let failedRounds = 0;
    const roundRates: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`ours, round ${round}/${ROUNDS}: ${BATCHED_REQUESTS} POSTs of ${BATCH} incidents, ${CONCURRENCY} connections, ack after commit`);
      const cpu0 = process.cpuUsage();
      const main0 = mainThreadCpuMs();
      mark(`round ${round} start`);
      const r = await runClient(job(`batched-${round}`, BATCHED_REQUESTS, BATCH));
      mark(`round ${round} end`);
      const cpu = process.cpuUsage(cpu0);
      const mainMs = mainThreadCpuMs() - main0;
      acknowledged += r.acknowledged;
      rejected += r.rejected + r.duplicates;
      failedRounds += r.failedRequests;
      roundRates.push((r.acknowledged / r.wallMs) * 1000);
      if (!batched || r.acknowledged / r.wallMs > batched.acknowledged / batched.wallMs) {
        batched = r;
        serverCpuMs = (cpu.user + cpu.system) / 1000;
        serverMainMs = mainMs;
      }
    }
    if (!batched) throw new Error('no ingest round ran');

    progress(`baseline: ${SINGLE_REQUESTS} POSTs of one incident each on one connection (one commit per incident)`);
    const single = await runClient(job('single', SINGLE_REQUESTS, 1, 1));
    progress(`for the record: ${SINGLE_REQUESTS} single-incident POSTs on ${CONCURRENCY} connections (group commit merges them)`);
    const singles = await runClient(job('singles', SINGLE_REQUESTS, 1));
    const singlesRate = (singles.acknowledged / singles.wallMs) * 1000;

    const stored = await server.store.lastSeq();
    // Everything acknowledged is stored, and everything sent was acknowledged (the feed is all valid and new).
    const expected = HISTORY + warm.acknowledged + acknowledged + single.acknowledged + singles.acknowledged;
    const sent = 20 * BATCH + ROUNDS * BATCHED_REQUESTS * BATCH + 2 * SINGLE_REQUESTS;
    // The median round, not the best: one lucky round on a shared machine is not the rate a county gets.
    const sortedRates = [...roundRates].sort((a, b) => a - b);
    const oursRate = sortedRates[Math.floor(sortedRates.length / 2)]!;
    const baselineRate = (single.acknowledged / single.wallMs) * 1000;
    rejected += warm.rejected + warm.duplicates + single.rejected + single.duplicates + singles.rejected + singles.duplicates;
    const failed = warm.failedRequests + failedRounds + single.failedRequests + singles.failedRequests;
    const complete = stored === expected && expected - HISTORY === sent && rejected === 0 && failed === 0;
    return [{
      name: 'Durable ingest — HTTP API into SQLite (synchronous=FULL), ack after commit',
      baselineLabel: 'one incident per POST on one keep-alive connection (one commit and fsync each)',
      oursLabel: `POST /events with ${BATCH} incidents each, ${CONCURRENCY} keep-alive connections (a writer thread owns the write connection and group-commits: batches that arrive while a commit runs share the next transaction; HTTP and JSON stay on the main thread), client in its own process; ${HISTORY.toLocaleString('en')} incidents of history in the database, the feed's occurredAt within the last ${SPAN_MS / 60_000} min`,
      baselineRate,
      oursRate,
      unit: 'incidents/s',
      ratio: oursRate / baselineRate,
      goal: '≥ 50,000 incidents/s acknowledged',
      met: oursRate >= 50_000 && complete,
      bound: INGEST_BOUND,
      figures: {
        [`acknowledged, ours (median of ${ROUNDS} rounds)`]: `${fmt.rate(oursRate)}; rounds ${roundRates.map((r) => fmt.rate(r)).join(', ')}`,
        'best round, ours': `${batched.acknowledged.toLocaleString('en')} in ${fmt.ms(batched.wallMs)} (${fmt.rate((batched.acknowledged / batched.wallMs) * 1000)})`,
        'request latency, ours (best round)': `p50 ${fmt.ms(batched.p50)}, p99 ${fmt.ms(batched.p99)}`,
        'server CPU per incident, ours (best round)': `${((serverCpuMs * 1000) / batched.acknowledged).toFixed(1)} µs (server process, all threads) — ` +
          `${fmt.rate(batched.acknowledged / (serverCpuMs / 1000))} if the server had one core to itself (this machine's load decides the wall-clock rate)`,
        'server main-thread CPU per incident, ours': `${((serverMainMs * 1000) / batched.acknowledged).toFixed(1)} µs (HTTP, JSON, validation, aggregates; the rest of the server's CPU is the writer thread's commits and GC helpers)`,
        'client CPU per incident, ours': `${((batched.clientCpuMs * 1000) / batched.acknowledged).toFixed(1)} µs (its own process)`,
        'acknowledged, baseline': `${single.acknowledged.toLocaleString('en')} in ${fmt.ms(single.wallMs)} (${fmt.rate(baselineRate)}), p50 ${fmt.ms(single.p50)}`,
        [`single-incident POSTs on ${CONCURRENCY} connections`]: `${fmt.rate(singlesRate)}, p50 ${fmt.ms(singles.p50)}`,
        'stored = acknowledged = sent, nothing rejected or failed': complete ? 'yes' : `NO (stored ${stored}, acknowledged ${expected}, sent ${HISTORY + sent}, rejected or duplicate ${rejected}, failed requests ${failed})`,
        'profile (node --cpu-prof of the server, batched phase)': INGEST_PROFILE,
      },
    }];
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Where the server's two busy threads spent the batched phase (node --cpu-prof, 2026-11-22, load 2–4 on 2 vCPUs,
 * wall time), profiled with schema version 1 (occurred_at as ISO text); version 2 changed only the writer's share.
 */
const INGEST_PROFILE =
  'writer thread (owns the write connection), schema version 1: ≈ 35 µs of wall time per incident inside the write ' +
  'transaction — the INSERT (five B-trees per row: rowid, id, (source, sourceId), occurredAt, (township, occurredAt)) 19 µs, ' +
  'the COMMIT (WAL write of every index page a group touched, the fsync, and the checkpoints) 13.5 µs, the rest 2 µs — busy ' +
  'all through each round; groups are mostly 2000 incidents (the 4 connections settle into two pairs: one pair commits while ' +
  'the other is answered and sends its next batch). Schema version 2 (occurred_at as INTEGER ms, not re-profiled): the ' +
  'server\'s CPU per incident minus its main thread\'s — the writer — fell from 26.7–30.9 to 19.9–22.2 µs in this bench. ' +
  'Main thread: ≈ 11–14 µs of CPU per incident, idle ≈ 60 % of the time — JSON.parse 1.7 µs, GC 1.5, handing the packed ' +
  'batch to the writer (structured clone) 1.5, UTF-8 check and decode 1.4, socket writes 1.3, response JSON 1.1, aggregates ' +
  '0.9, validation 1.1. Since then the two time indexes became one, (occurred_at, township_code): four B-trees per row.';

/** What bounds the batched rate, from that profile and the before/after runs of schema version 2. */
const INGEST_BOUND =
  'The writer thread: one SQLite write connection (2000-incident groups, synchronous=FULL) at ≈ 20–22 µs of CPU per ' +
  'incident since occurred_at is stored as INTEGER ms (schema version 2; 27–31 µs with ISO text), while the main thread ' +
  '(HTTP, JSON, validation) needs ≈ 7–13 µs and idles. Most of a row\'s cost is still the time index (one since ' +
  '2026-11-22: (occurred_at, township_code) replaced (occurred_at) and (township_code, occurred_at)): the feed\'s ' +
  'occurredAt is spread over 10 minutes, so every group inserts at random places in their recent pages and rewrites ' +
  'thousands of them into the WAL; 8-byte keys instead of 24-character text put more entries on a page, so fewer pages ' +
  'per commit. On this shared 2-vCPU machine the wall-clock rate follows the load (the writer competes for a core): ' +
  'version 2 measured 46.9 k/s (load 4.3 → 2.7), 43.0 k/s (4.1 → 3.2) and 22.9 k/s (4.1 → 4.3); version 1 30.8 k/s ' +
  '(3.2 → 4.1) and 19.5 k/s (3.5 → 4.1). Store only (no HTTP, 500k rows of history, 4 batches of 1000 in flight, ' +
  'three successive rounds of 100k, interleaved runs): version 1 47.5 / 34.3 / 30.4 and 50.5 / 41.1 / 35.9 k/s, version 2 ' +
  '45.6 / 42.9 / 38.8 and 48.1 / 46.8 / 41.8 k/s — equal while the recent end of the indexes is small, 15–25 % faster as ' +
  'live rows pile up there. Dropping the id index did not help (23.6 vs 23.4 µs: UUIDv7 ids insert at the right edge); ' +
  'page_size 1024 or 2048 made commits dearer.';
