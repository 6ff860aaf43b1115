// The HTTP client of the ingest benchmark, run as its own process (so its CPU is not the server's):
// builds its request bodies first, then posts them over keep-alive connections, a few at a time,
// and counts what the server acknowledged. Talks to the parent over IPC.
import http from 'node:http';
import { serveOneJob, startClientClock } from './client-run.ts';
import seedrandom from 'seedrandom';
import { createGridAssigner } from '../server/geo/assigner.ts';
import { loadJurisdiction } from '../server/jurisdiction/load.ts';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES } from '../server/wire/index.ts';
import type { IngestResult } from '../server/wire/index.ts';

export interface ClientJob {
  url: string;
  key: string;
  source: string;
  jurisdictionDir: string;
  /** Requests to send, and incidents per request. */
  requests: number;
  perRequest: number;
  concurrency: number;
  /** Makes sourceIds unique across jobs. */
  label: string;
  /** occurredAt spread over the last this many ms. */
  spanMs: number;
}

export interface ClientResult {
  acknowledged: number;
  duplicates: number;
  rejected: number;
  failedRequests: number;
  wallMs: number;
  /** Request latency percentiles, ms. */
  p50: number;
  p99: number;
  /** The client's own CPU time during the run, ms. */
  clientCpuMs: number;
}

async function bodies(job: ClientJob): Promise<Buffer[]> {
  const j = await loadJurisdiction(job.jurisdictionDir);
  const assigner = createGridAssigner(j.grids);
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of j.grids.features) {
    for (const ring of f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()) {
      for (const [x, y] of ring as [number, number][]) { w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y); }
    }
  }
  const random = seedrandom(job.label);
  const now = Date.now();
  const out: Buffer[] = [];
  let k = 0;
  for (let r = 0; r < job.requests; r++) {
    const items = [];
    for (let i = 0; i < job.perRequest; i++, k++) {
      let lng: number, lat: number;
      // Rounded as sources send them (0.1 m), and checked after rounding: inside the county, every one.
      do {
        lng = Math.round((w + random() * (e - w)) * 1e6) / 1e6;
        lat = Math.round((s + random() * (n - s)) * 1e6) / 1e6;
      } while (assigner.assign(lng, lat) === null);
      items.push({
        source: job.source,
        sourceId: `${job.label}-${k}`,
        category: INCIDENT_CATEGORIES[Math.floor(random() * INCIDENT_CATEGORIES.length)],
        priority: INCIDENT_PRIORITIES[Math.floor(random() * INCIDENT_PRIORITIES.length)],
        lng,
        lat,
        occurredAt: new Date(now - Math.floor(random() * job.spanMs)).toISOString(),
        description: '群众来电反映噪音扰民',
      });
    }
    out.push(Buffer.from(JSON.stringify(job.perRequest === 1 ? items[0] : items)));
  }
  return out;
}

function post(agent: http.Agent, url: URL, key: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${key}` } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(job: ClientJob): Promise<ClientResult> {
  const all = await bodies(job);
  const url = new URL('/api/v1/events', job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const result: ClientResult = { acknowledged: 0, duplicates: 0, rejected: 0, failedRequests: 0, wallMs: 0, p50: 0, p99: 0, clientCpuMs: 0 };
  const latencies: number[] = [];
  let next = 0;
  const clock = startClientClock();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < all.length) {
        const body = all[next++] as Buffer;
        const started = performance.now();
        const res = await post(agent, url, job.key, body);
        latencies.push(performance.now() - started);
        if (res.status !== 201 && res.status !== 200) {
          result.failedRequests++;
          continue;
        }
        const answer = JSON.parse(res.text) as IngestResult;
        for (const a of answer.accepted) if (a.duplicate) result.duplicates++; else result.acknowledged++;
        result.rejected += answer.rejected.length;
      }
    }),
  );
  clock.finish(result, latencies);
  agent.destroy();
  return result;
}

serveOneJob(run);
