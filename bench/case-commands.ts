// Durable case commands through the HTTP API: the real server (createApp on port 0, SQLite in a
// temporary DATA_DIR with synchronous=FULL, the demo county, no demo feed) holding CASES open cases,
// duty officers logged in over HTTP (real sessions), and a real HTTP client in its own process
// working the cases — 受理, 派遣, 接单, then feedback and notes — each command naming the version it
// saw and answered only after its events are committed. Ours: POST /cases/commands with
// BATCH commands on distinct cases, one connection per officer (batched group commit: the commands
// of concurrent requests share the writer's transactions). Baseline: one command per POST on one
// connection, so one commit (and one fsync) per command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { createApp } from '../server/app.ts';
import { DEFAULT_CONFIG, type AppConfig } from '../server/config.ts';
import { createGridAssigner } from '../server/geo/assigner.ts';
import { loadJurisdiction } from '../server/jurisdiction/load.ts';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES } from '../server/wire/index.ts';
import type { CaseClientJob, CaseClientResult } from './case-client.ts';
import { busiestOtherThreadMs, fmt, mainThreadCpuMs, progress, runChild, threadCpuMs, type BenchResult } from './harness.ts';

const KEY = 'bench-key-0123456789abcdef0123456789';
const SOURCE = 'bench';
const ADMIN_PASSWORD = 'bench-admin-password-7Qx!';
const OFFICER_PASSWORD = 'bench-officer-password-9Kd#';
const JURISDICTION_DIR = 'data/demo';
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const BATCH = Number(process.env.BENCH_CASES_BATCH ?? 500);
const CONNECTIONS = Number(process.env.BENCH_CASES_CONNECTIONS ?? 4);
/** Commands each connection sends per round; the median round is reported and judged. */
const PER_ROUND = Number(process.env.BENCH_CASES_PER_ROUND ?? 10_000);
const ROUNDS = Number(process.env.BENCH_CASES_ROUNDS ?? 5);
const SINGLES = Number(process.env.BENCH_CASES_SINGLES ?? 1000);
const GOAL = 20_000;
const DAY_MS = 86_400_000;

const runClient = (job: CaseClientJob) => runChild<CaseClientJob, CaseClientResult>(new URL('./case-client.ts', import.meta.url), job);

/** Posts `n` incidents spread over the county and the last day (each becomes a case at 待受理); their ids. */
async function report(url: string, n: number): Promise<string[]> {
  const j = await loadJurisdiction(JURISDICTION_DIR);
  const assigner = createGridAssigner(j.grids);
  const random = seedrandom('case-commands');
  const [w, s, e, north] = [119.79, 32.38, 120.03, 32.59]; // the demo county's box
  const now = Date.now();
  const ids: string[] = [];
  for (let k = 0; k < n; ) {
    const items = [];
    while (items.length < 1000 && k < n) {
      const lng = Math.round((w + random() * (e - w)) * 1e6) / 1e6, lat = Math.round((s + random() * (north - s)) * 1e6) / 1e6;
      if (!assigner.assign(lng, lat)) continue;
      items.push({
        source: SOURCE, sourceId: `c-${k}`, category: INCIDENT_CATEGORIES[k % INCIDENT_CATEGORIES.length], priority: INCIDENT_PRIORITIES[k % INCIDENT_PRIORITIES.length],
        lng, lat, occurredAt: new Date(now - Math.floor(random() * DAY_MS)).toISOString(), description: '群众来电反映噪音扰民',
      });
      k += 1;
    }
    const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(items) });
    if (res.status !== 201) throw new Error(`setup: POST /events answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    ids.push(...((await res.json()) as { accepted: { id: string }[] }).accepted.map((a) => a.id));
  }
  return ids;
}

/** Logs in over HTTP like a browser; the session cookie. */
async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = /yzt_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (res.status !== 200 || !cookie) throw new Error(`setup: login of ${username} answered ${res.status}`);
  return cookie;
}

/** `n` county duty officers, created by the admin over the API, each logged in. */
async function officers(url: string, countyCode: string, n: number): Promise<string[]> {
  const admin = await login(url, 'admin', ADMIN_PASSWORD);
  const cookies: string[] = [];
  for (let k = 0; k < n; k++) {
    const username = `officer-${k}`;
    const res = await fetch(`${url}/api/v1/accounts`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ username, role: 'duty-officer', jurisdictionCode: countyCode, password: OFFICER_PASSWORD, mustChangePassword: false }),
    });
    if (res.status !== 201) throw new Error(`setup: POST /accounts answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    cookies.push(await login(url, username, OFFICER_PASSWORD));
  }
  return cookies;
}

export async function benchCaseCommands(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yzt-bench-cases-'));
  const config: AppConfig = {
    ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', dataDir, jurisdictionDir: JURISDICTION_DIR, webDir: path.join(dataDir, 'no-web-build'),
    demoFeed: false, logLevel: 'silent', adminPassword: ADMIN_PASSWORD, apiKeys: [{ source: SOURCE, key: KEY }], rateLimitPerMinute: 10_000_000,
  };
  const server = await createApp(config, { logger: false });
  try {
    const { url } = await server.listen(0, '127.0.0.1');
    const j = await loadJurisdiction(JURISDICTION_DIR);
    progress(`setup: ${CASES.toLocaleString('en')} cases at 待受理 (incidents of the last day over the county), ${CONNECTIONS} duty officers logged in`);
    const ids = await report(url, CASES);
    const cookies = await officers(url, j.county.properties.code, CONNECTIONS);
    const unitId = j.units[0]!.id;
    // Each officer works a share of the cases; the versions travel from round to round.
    let cases = cookies.map((_, k) => ids.filter((_, i) => i % CONNECTIONS === k).map((id) => ({ id, version: 1 })));
    const job = (perRequest: number, commandsPerConnection: number, connections = CONNECTIONS): CaseClientJob => ({
      url, cookies: cookies.slice(0, connections), cases: cases.slice(0, connections), unitId, perRequest, commandsPerConnection,
    });
    const seq0 = await server.store.lastSeq();
    const audit0 = server.access.audit.count();
    const sent: CaseClientResult[] = [];
    const runJob = async (j: CaseClientJob) => {
      const r = await runClient(j);
      cases = [...r.cases, ...cases.slice(r.cases.length)];
      sent.push(r);
      return r;
    };

    progress(`warm-up: ${CONNECTIONS} × ${2 * BATCH} commands in batches of ${BATCH}`);
    await runJob(job(BATCH, 2 * BATCH));
    const rounds: { r: CaseClientResult; cpuMs: number; mainMs: number; writerMs: number; heapMiB: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`ours, round ${round}/${ROUNDS}: ${CONNECTIONS} officers × ${PER_ROUND.toLocaleString('en')} commands in POSTs of ${BATCH}, ack after commit`);
      const cpu0 = process.cpuUsage();
      const main0 = mainThreadCpuMs();
      const threads0 = threadCpuMs();
      const r = await runJob(job(BATCH, PER_ROUND));
      const cpu = process.cpuUsage(cpu0);
      rounds.push({ r, cpuMs: (cpu.user + cpu.system) / 1000, mainMs: mainThreadCpuMs() - main0, writerMs: busiestOtherThreadMs(threads0, threadCpuMs()), heapMiB: process.memoryUsage().heapUsed / 2 ** 20 });
    }
    progress(`baseline: ${SINGLES} commands, one per POST, on one connection (one commit each)`);
    const single = await runJob(job(1, SINGLES, 1));
    progress(`for the record: ${CONNECTIONS} × ${SINGLES / 2} single-command POSTs on ${CONNECTIONS} connections (group commit merges them)`);
    const singles = await runJob(job(1, SINGLES / 2));

    const rate = (r: CaseClientResult) => (r.acknowledged / r.wallMs) * 1000;
    const sorted = [...rounds].sort((a, b) => rate(a.r) - rate(b.r));
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const best = sorted.at(-1)!;
    const oursRate = rate(median.r);
    const baselineRate = rate(single);
    // Every acknowledged command is one event in the log and one entry in the audit log; nothing else was written.
    const acknowledged = sent.reduce((n, r) => n + r.acknowledged, 0);
    const events = (await server.store.lastSeq()) - seq0;
    const audited = server.access.audit.count() - audit0;
    const refused = sent.reduce((n, r) => n + r.refused, 0);
    const failed = sent.reduce((n, r) => n + r.failedRequests, 0);
    const complete = events === acknowledged && audited === acknowledged && refused === 0 && failed === 0;
    const perCommand = (ms: number) => `${((ms * 1000) / best.r.acknowledged).toFixed(1)} µs`;
    return [{
      name: 'Case commands — HTTP API into SQLite (synchronous=FULL), ack after commit',
      baselineLabel: 'one command per POST /cases/{id}/commands on one keep-alive connection (one commit and fsync each)',
      oursLabel: `POST /cases/commands with ${BATCH} commands on distinct cases, ${CONNECTIONS} officers' sessions on their own keep-alive connections (each command decided on the case's state, appended if the case is still at expectedVersion, audited with before and after; the writer thread group-commits what arrives while a commit runs), client in its own process; ${CASES.toLocaleString('en')} open cases`,
      baselineRate,
      oursRate,
      unit: 'commands/s',
      ratio: oursRate / baselineRate,
      goal: `≥ ${GOAL.toLocaleString('en')} commands/s acknowledged`,
      met: oursRate >= GOAL && complete,
      bound: CASE_COMMANDS_BOUND,
      figures: {
        [`acknowledged, ours (median of ${ROUNDS} rounds)`]: `${fmt.rate(oursRate)}; rounds ${rounds.map((x) => fmt.rate(rate(x.r))).join(', ')}`,
        'best round, ours': `${best.r.acknowledged.toLocaleString('en')} in ${fmt.ms(best.r.wallMs)} (${fmt.rate(rate(best.r))}), request latency p50 ${fmt.ms(best.r.p50)}, p99 ${fmt.ms(best.r.p99)}`,
        'server CPU per command, ours (best round)': `${perCommand(best.cpuMs)} (all threads) — ${fmt.rate(best.r.acknowledged / (best.cpuMs / 1000))} if the server had one core to itself`,
        'server main-thread CPU per command, ours (best round)': `${perCommand(best.mainMs)} (HTTP, JSON, validation, decide, book, audit; the rest is the writer thread's commits and GC helpers)`,
        'writer thread CPU per command, ours (best round)': `${perCommand(best.writerMs)} (the busiest thread besides the main one: the store's writer, which owns the write connection)`,
        'server main-thread CPU per command, by round': rounds.map((x) => `${((x.mainMs * 1000) / x.r.acknowledged).toFixed(0)} µs`).join(', ') +
          ` (heap after each: ${rounds.map((x) => x.heapMiB.toFixed(0)).join(', ')} MiB)`,
        'client CPU per command, ours': `${((best.r.clientCpuMs * 1000) / best.r.acknowledged).toFixed(1)} µs (its own process)`,
        'acknowledged, baseline': `${single.acknowledged.toLocaleString('en')} in ${fmt.ms(single.wallMs)} (${fmt.rate(baselineRate)}), p50 ${fmt.ms(single.p50)}`,
        [`single-command POSTs on ${CONNECTIONS} connections`]: `${fmt.rate(rate(singles))}, p50 ${fmt.ms(singles.p50)}`,
        'what the main thread spends per command (ablations, 2026-12-03)': CASE_COMMANDS_ABLATIONS,
        'events in the log = audit entries = acknowledged, nothing refused or failed': complete
          ? `yes (${acknowledged.toLocaleString('en')})`
          : `NO (events ${events}, audit entries ${audited}, acknowledged ${acknowledged}, refused ${refused}, failed requests ${failed}; e.g. ${sent.flatMap((r) => r.samples).slice(0, 3).join(' | ')})`,
      },
    }];
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * What the main thread's time per command goes to, measured on this branch (2026-12-03, 2 vCPUs at load
 * 3–9) by taking one part out at a time in the same bench (not committed), and by node --cpu-prof.
 */
const CASE_COMMANDS_ABLATIONS =
  'in interleaved runs where the server as it is took 132–139 µs of main-thread CPU per command: without the audit entries ' +
  '(audit-batch → audit-log appendMany, on the main thread) 101 µs; without also the suggested duplicates computed for each ' +
  'command\'s answer (book.view → suggestMerges) 76 µs; without also the full case and events in each batch item\'s answer ' +
  '66 µs. The audit entry alone, measured apart ' +
  '(audit.appendMany, batches of 500, synchronous=OFF too): ≈ 40 µs — canonical JSON for the hash 16.5 µs, its fields ' +
  'stringified, parsed back and stringified again 8.5 µs ×≈1.5, the insert (named parameters, two indexes) 9 µs, HMAC 3.4 µs; ' +
  'the fsync is not what costs. Profile of the rest (audit and suggestions out): GC 19 % of the main thread, one ' +
  'postMessage to the writer and one answer per command ≈ 7 µs, book.view ≈ 14 µs, book.applyEvents (nearby index ' +
  'remove + add, deadline queue) ≈ 13 µs, the projection fold (stateAfter) ≈ 6 µs, JSON of the answer and its socket ' +
  'write ≈ 23 µs, HTTP body parse, zod (the route, and decide again) and decide ≈ 10 µs';

/** What bounds the batched rate. */
const CASE_COMMANDS_BOUND =
  'The main thread: 126–185 µs of CPU per command over the runs of 2026-12-03 (load 0.4–9 on 2 vCPUs; 5.4–7.9 k/s even ' +
  'on a core of its own), while the writer thread needs 22–30 µs. 20,000/s needs ≤ 50 µs on the ' +
  'main thread. What would get there, by the ablations above, lies outside this ' +
  'branch\'s files (server/audit, server/casework, server/store, server/cases): hash and store each audit entry from one ' +
  'serialisation, or write case audits on a thread of their own (≈ 30–40 µs); suggest duplicates only in the views a ' +
  'console shows (lists, the case card, live ticks), not in every command\'s answer (≈ 25 µs); one message to the ' +
  'writer per group of commands instead of one per command, each way (≈ 7 µs); the book view without an object spread ' +
  'per answer; validating a command once (the route and decide both parse it). Even with the audit and the suggestions ' +
  'taken out entirely: 11 k/s (main thread 76 µs).';
