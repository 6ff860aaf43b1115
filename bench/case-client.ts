// The HTTP client of the case-commands benchmark, run as its own process (so its CPU is not the
// server's): one logged-in session per connection, each working its own cases, sending commands in
// batches (POST /cases/commands) or one per request (POST /cases/{id}/commands). Each command names
// the version the client last heard for its case; the next command for a case is sent only after
// the answer to the previous one, as a console would. Talks to the parent over IPC.
import http from 'node:http';
import { serveOneJob, startClientClock } from './client-run.ts';
import type { CaseBatchItemResult, CaseCommand } from '../server/wire/index.ts';

export interface CaseClientJob {
  url: string;
  /** One session cookie per connection; connection k works cases[k]. */
  cookies: string[];
  /** The cases each connection works, with the version each is at. */
  cases: { id: string; version: number }[][];
  /** A patrol unit of the county, to dispatch to. */
  unitId: string;
  /** Commands per request (1: POST /cases/{id}/commands). */
  perRequest: number;
  /** Commands each connection sends. */
  commandsPerConnection: number;
}

export interface CaseClientResult {
  acknowledged: number;
  refused: number;
  failedRequests: number;
  wallMs: number;
  p50: number;
  p99: number;
  clientCpuMs: number;
  /** The version every case ended at (as the answers said), per connection. */
  cases: { id: string; version: number }[][];
  /** The first refusals, to say why. */
  samples: string[];
}

/** The next step of a case, by its version: 受理, 派遣 to a unit, 接单 (the centre speaks for units), then feedback and notes. */
function commandAt(version: number, unitId: string): CaseCommand {
  switch (version) {
    case 1: return { type: 'accept' };
    case 2: return { type: 'assign', assignee: { kind: 'unit', unitId, name: unitId } };
    case 3: return { type: 'accept' };
    default: return version % 2 === 0 ? { type: 'feedback', note: `第 ${version} 次反馈：已到现场处置，群众情绪稳定` } : { type: 'note', text: `第 ${version} 次备注：电话回访当事人` };
  }
}

function post(agent: http.Agent, url: URL, cookie: string, body: string): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, cookie } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function run(job: CaseClientJob): Promise<CaseClientResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.cookies.length });
  const result: CaseClientResult = { acknowledged: 0, refused: 0, failedRequests: 0, wallMs: 0, p50: 0, p99: 0, clientCpuMs: 0, cases: job.cases, samples: [] };
  const latencies: number[] = [];
  const refuse = (why: string) => {
    result.refused += 1;
    if (result.samples.length < 5) result.samples.push(why.slice(0, 300));
  };
  const clock = startClientClock();
  await Promise.all(job.cookies.map(async (cookie, k) => {
    const mine = job.cases[k]!;
    let next = 0;
    for (let sent = 0; sent < job.commandsPerConnection; ) {
      const n = Math.min(job.perRequest, job.commandsPerConnection - sent);
      const picked = Array.from({ length: n }, () => mine[next++ % mine.length]!);
      sent += n;
      const started = performance.now();
      if (job.perRequest === 1) {
        const c = picked[0]!;
        const res = await post(agent, new URL(`/api/v1/cases/${c.id}/commands`, job.url), cookie, JSON.stringify({ ...commandAt(c.version, job.unitId), expectedVersion: c.version }));
        latencies.push(performance.now() - started);
        if (res.status === 200) {
          c.version = (JSON.parse(res.text) as { case: { version: number } }).case.version;
          result.acknowledged += 1;
        } else if (res.status >= 500 || res.status === 0) result.failedRequests += 1;
        else refuse(`${res.status} ${res.text}`);
        continue;
      }
      const body = JSON.stringify(picked.map((c) => ({ caseId: c.id, ...commandAt(c.version, job.unitId), expectedVersion: c.version })));
      const res = await post(agent, new URL('/api/v1/cases/commands', job.url), cookie, body);
      latencies.push(performance.now() - started);
      if (res.status !== 200 && res.status !== 422) {
        result.failedRequests += 1;
        continue;
      }
      const { results } = JSON.parse(res.text) as { results: CaseBatchItemResult[] };
      for (const r of results) {
        if (r.ok) {
          picked[r.index]!.version = r.case.version;
          result.acknowledged += 1;
        } else refuse(`${r.status} ${r.reason}`);
      }
    }
  }));
  clock.finish(result, latencies);
  agent.destroy();
  return result;
}

serveOneJob(run);
