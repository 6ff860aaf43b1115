// The store's writer thread: what a caller hears when the thread dies, that a bad batch fails alone
// inside a group the thread commits, and that close() commits what was sent before letting go.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';
import type { SqliteStoreOptions } from './sqlite-store.ts';
import type { IncidentStore, NewIncident } from './types.ts';

const dirs: string[] = [];
const stores: IncidentStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(over: Partial<SqliteStoreOptions> = {}, dataDir = mkdtempSync(path.join(tmpdir(), 'yzt-writer-'))): IncidentStore {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const s = openSqliteStore({ dataDir, ...over });
  stores.push(s);
  return s;
}

function item(sourceId: string, over: Partial<NewIncident> = {}): NewIncident {
  return {
    source: 'hotline-12345', sourceId, category: 'dispute', priority: 'normal', lng: 119.905, lat: 32.485,
    occurredAt: '2026-01-10T08:00:00.000Z', description: '邻里噪音纠纷',
    townshipCode: '321202001', villageCode: '321202001002', gridCode: '321202001002001', ...over,
  };
}

describe('the incident store writer thread', () => {
  it('fails the appends it was holding when it dies, and the next append gets a new thread that continues the sequence', async () => {
    const started: Worker[] = [];
    const store = open({ onWriterStart: (w) => started.push(w) });
    await store.appendBatch([item('a')]);
    // Killed while it holds a batch (the answer cannot have been read yet: this is one synchronous turn).
    const pending = store.appendBatch([item('b'), item('c')]);
    void started[0]!.terminate();
    await expect(pending).rejects.toThrow(/writer thread (exited|failed).*not acknowledged/);

    const [d] = await store.appendBatch([item('d')]);
    expect(started).toHaveLength(2);
    // Whether or not the killed transaction got to commit, the sequence has no gap and d comes last.
    const all = await store.after(0, 10);
    expect(all.map((i) => i.seq)).toEqual(all.map((_, k) => k + 1));
    expect(all.at(-1)!.sourceId).toBe('d');
    expect(d!.incident.seq).toBe(all.length);
  });

  it('never acknowledges what a thread that died at once was sent', async () => {
    const store = open({ onWriterStart: (w) => void w.terminate() });
    await expect(store.appendBatch([item('a')])).rejects.toThrow(/not acknowledged/);
  });

  it('fails only the batch the database refuses when the thread commits several in one transaction', async () => {
    const store = open();
    // A NULL description passes no check before SQLite (the NOT NULL constraint refuses it there).
    const bad = item('b', { description: null as unknown as string });
    const results = await Promise.allSettled([store.appendBatch([item('a')]), store.appendBatch([item('x'), bad]), store.appendBatch([item('c')])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/NOT NULL/);
    expect((await store.after(0, 10)).map((i) => [i.sourceId, i.seq])).toEqual([['a', 1], ['c', 2]]);
  });

  it('commits and answers everything sent before close, then releases the database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yzt-writer-'));
    const store = open({}, dir);
    const answers = Promise.all([store.appendBatch([item('a'), item('b')]), store.appendBatch([item('c')])]);
    await store.close();
    expect((await answers).flat().map((o) => o.incident.seq)).toEqual([1, 2, 3]);
    await expect(store.appendBatch([item('d')])).rejects.toThrow(/closed/);
    const reopened = open({}, dir);
    expect((await reopened.after(0, 10)).map((i) => i.sourceId)).toEqual(['a', 'b', 'c']);
  });

  it('answers a duplicate with the stored incident, as the reading connection sees it', async () => {
    const store = open();
    const [first] = await store.appendBatch([item('k')]);
    const [again, fresh] = await store.appendBatch([item('k', { description: 'changed' }), item('m')]);
    expect(again).toEqual({ incident: first!.incident, duplicate: true });
    expect(await store.getById(first!.incident.id)).toEqual(first!.incident);
    expect(await store.getById(fresh!.incident.id)).toEqual(fresh!.incident);
  });
});
