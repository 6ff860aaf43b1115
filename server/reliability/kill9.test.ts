// kill -9 under load (issue 5, "Delivery that survives anything"): the real server process is
// SIGKILLed twice while a client posts 20,000 incidents in concurrent batches; after each restart
// on the same DATA_DIR the client re-posts everything it has no acknowledgement for, plus some
// acknowledged batches again (a client that lost its own bookkeeping). Then the database is
// counted: every acknowledged incident is there with the id and seq it was acknowledged with,
// none is stored twice, and the sequence is 1..N without a gap.
//
// Checked able to fail: acknowledging before the commit (the store committing every 20th batch)
// loses acknowledged incidents here; dropping the (source, source_id) uniqueness duplicates the
// re-posted ones. synchronous=OFF does not fail it, and should not: a killed process loses nothing
// the OS already has; only a power cut would (not testable without a VM).
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../store/sqlite-store.ts';
import { tempDir } from '../test-fixtures/app.ts';
import type { AcceptedIncident, IncidentInput } from '../wire/index.ts';
import { ApiClient } from './client.ts';
import { batches, makeIncidents, pointsInside } from './incidents.ts';
import { killHard, startServerProcess, stopGracefully } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';

const TOTAL = 20_000;
const BATCH = 200;
const CONCURRENCY = 4;
/** Acknowledged incidents (over all lives) at which the 1st and 2nd server lives are killed. */
const KILL_AT = [6_000, 13_000];
/** Acknowledged incidents re-posted in each later life. */
const RESEND_ACKED = 1_000;
const JURISDICTION_DIR = 'data/demo';

interface Ack {
  id: string;
  seq: number;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface LifeResult {
  acked: number;
  killed: boolean;
  failedBatches: number;
}

describe('kill -9 under load', () => {
  it('loses no acknowledged incident, stores none twice, and keeps the sequence gapless', async () => {
    const dir = tempDir('yzt-kill9-');
    cleanups.push(dir.remove);
    const points = await pointsInside(JURISDICTION_DIR, TOTAL, 'kill9');
    const incidents = makeIncidents(points, 'k9', Date.now());

    const acked = new Map<string, Ack>();
    let committedUnacked = 0; // answered duplicate on the first acknowledged post: committed, but the answer was lost
    let resentAcked = 0;
    const changed: string[] = []; // acknowledged before, answered differently on re-post
    let server: ServerProcess | undefined;
    cleanups.push(async () => {
      if (server) await killHard(server);
    });

    /** One server life: posts `items` in batches until done or until it is killed at `killAt`. */
    async function life(items: IncidentInput[], killAt: number | undefined): Promise<LifeResult> {
      server = await startServerProcess({ DATA_DIR: dir.dir, JURISDICTION_DIR });
      const s = server;
      const api = new ApiClient(s.url);
      const queue = batches(items, BATCH);
      let killed = false;
      let failedBatches = 0;
      const before = acked.size;
      // Every worker keeps posting until its own request fails, so the kill finds requests in flight
      // (mid-parse, mid-commit, mid-answer); what failed is unacknowledged and posted again next life.
      const worker = async () => {
        for (let b = queue.shift(); b; b = queue.shift()) {
          let answer: Awaited<ReturnType<ApiClient['postEvents']>>;
          try {
            answer = await api.postEvents(b);
          } catch (err) {
            if (!killed) throw err;
            failedBatches += 1;
            return;
          }
          expect(answer.body.rejected).toEqual([]);
          const accepted: AcceptedIncident[] = answer.body.accepted;
          for (const a of accepted) {
            const sourceId = b[a.index]!.sourceId;
            const earlier = acked.get(sourceId);
            if (earlier) {
              resentAcked += 1;
              if (!a.duplicate || earlier.id !== a.id || earlier.seq !== a.seq) changed.push(sourceId);
              continue;
            }
            if (a.duplicate) committedUnacked += 1;
            acked.set(sourceId, { id: a.id, seq: a.seq });
          }
          if (killAt !== undefined && !killed && acked.size >= killAt) {
            killed = true;
            setTimeout(() => s.child.kill('SIGKILL'), 5); // the other workers are posting meanwhile
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (killed) await killHard(s);
      return { acked: acked.size - before, killed, failedBatches };
    }

    /** What the client has no acknowledgement for, plus acknowledged ones spread among them. */
    function toRepost(): IncidentInput[] {
      const missing = incidents.filter((i) => !acked.has(i.sourceId));
      const again = incidents.filter((i) => acked.has(i.sourceId)).filter((_, k) => k % 7 === 0).slice(0, RESEND_ACKED);
      const out: IncidentInput[] = [];
      const step = Math.max(1, Math.floor(missing.length / Math.max(1, again.length)));
      missing.forEach((m, k) => {
        out.push(m);
        if (k % step === 0 && again.length > 0) out.push(again.shift()!);
      });
      return out.concat(again);
    }

    const lives: LifeResult[] = [];
    lives.push(await life(incidents, KILL_AT[0]));
    lives.push(await life(toRepost(), KILL_AT[1]));
    lives.push(await life(toRepost(), undefined));
    expect(lives.map((l) => l.killed)).toEqual([true, true, false]);

    const health = await new ApiClient(server!.url).getJson<{ lastSeq: number }>('/api/v1/health');
    await stopGracefully(server!);
    server = undefined;

    // Count in the database file itself, read-only, as an operator would after the incident.
    const file = path.join(dir.dir, DATABASE_FILE);
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    let rows: { seq: number; id: string; source_id: string }[];
    try {
      rows = db.prepare('SELECT seq, id, source_id FROM incidents ORDER BY seq').all() as typeof rows;
    } finally {
      db.close();
    }
    const bySourceId = new Map<string, { seq: number; id: string }[]>();
    for (const r of rows) bySourceId.set(r.source_id, [...(bySourceId.get(r.source_id) ?? []), r]);
    const duplicates = rows.length - bySourceId.size;
    let lost = 0; // acknowledged, not in the database
    let altered = 0; // acknowledged, stored under another id or seq than the acknowledgement said
    for (const [sourceId, a] of acked) {
      const stored = bySourceId.get(sourceId);
      if (!stored) lost += 1;
      else if (!stored.some((r) => r.id === a.id && r.seq === a.seq)) altered += 1;
    }
    const gaps = rows.filter((r, k) => r.seq !== k + 1).length;
    const unknown = rows.filter((r) => !r.source_id.startsWith('k9-')).length;

    console.log(
      `kill-9: acknowledged ${acked.size}, lost ${lost}, duplicates ${duplicates}, ids or seqs changed ${altered}` +
        ` (posted ${TOTAL} in batches of ${BATCH}, ${CONCURRENCY} at a time; killed twice, after ${lives[0]!.acked} and ${lives[0]!.acked + lives[1]!.acked} acknowledged,` +
        ` ${lives[0]!.failedBatches}+${lives[1]!.failedBatches} batches in flight;` +
        ` ${committedUnacked} committed but unacknowledged came back as duplicates; ${resentAcked} acknowledged re-posted, ${changed.length} answered differently;` +
        ` stored ${rows.length}, seq 1..${rows.at(-1)?.seq ?? 0} with ${gaps} gaps)`,
    );
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    expect(altered).toBe(0);
    expect(changed).toEqual([]);
    expect(unknown).toBe(0);
    expect(acked.size).toBe(TOTAL);
    expect(rows.length).toBe(TOTAL);
    expect(gaps).toBe(0);
    expect(health.lastSeq).toBe(TOTAL);
    expect(resentAcked).toBeGreaterThan(0);
  }, 170_000);
});
