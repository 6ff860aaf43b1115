// Schema version 1 (occurred_at as ISO text) → 2 (INTEGER ms): a real version-1 file, written with
// the version-1 schema exactly as that server created it, opened by the current store.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../test-fixtures/temp-stores.ts';
import type { Incident } from '../wire/index.ts';
import { connect, migrate } from './sqlite-schema.ts';
import { DATABASE_FILE } from './sqlite-store.ts';

/** The version-1 schema (git: server/store/sqlite-schema.ts before user_version 2). */
const V1_SCHEMA = `
CREATE TABLE IF NOT EXISTS incidents (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  source        TEXT NOT NULL,
  source_id     TEXT NOT NULL,
  category      TEXT NOT NULL,
  priority      TEXT NOT NULL,
  stage         TEXT NOT NULL,
  lng           REAL NOT NULL,
  lat           REAL NOT NULL,
  occurred_at   TEXT NOT NULL,
  received_at   TEXT NOT NULL,
  description   TEXT NOT NULL,
  township_code TEXT NOT NULL,
  village_code  TEXT NOT NULL,
  grid_code     TEXT NOT NULL,
  UNIQUE (source, source_id)
);
CREATE INDEX IF NOT EXISTS incidents_occurred ON incidents (occurred_at);
CREATE INDEX IF NOT EXISTS incidents_township_occurred ON incidents (township_code, occurred_at);
DROP INDEX IF EXISTS incidents_category_occurred;
`;

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const CATEGORIES = ['dispute', 'fire', 'traffic'] as const;

const { tempDir, open } = useTempStores('yzt-migrate');

/** The k-th incident of a version-1 database (times out of seq order, some equal, one before 1970). */
function v1Incident(k: number): Incident {
  const seq = k + 1;
  const at = k === 7 ? -1 : T0 + ((k * 7919) % 60) * DAY + (k % 5) * 1234 + (k % 3 === 0 ? 0 : 1);
  return {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    source: k % 4 === 0 ? 'alarm-110' : 'hotline-12345',
    sourceId: `v1-${k}`,
    category: CATEGORIES[k % 3]!,
    priority: k % 2 ? 'normal' : 'urgent',
    lng: 119.8 + k / 10_000,
    lat: 32.4 + k / 20_000,
    occurredAt: new Date(at).toISOString(),
    receivedAt: new Date(T0 + k * 1000).toISOString(),
    description: `事件 ${k}`,
    // Nothing could change a stage before schema 3; a row that says otherwise is reset to intake.
    stage: 'intake',
    townshipCode: k % 2 ? '321202001' : '321202002',
    villageCode: k % 2 ? '321202001003' : '321202002001',
    gridCode: k % 2 ? '321202001003001' : '321202002001001',
    version: 1,
    stepDueAt: null,
    caseDueAt: null,
  };
}

/** Writes a version-1 database file with these incidents, as the version-1 server would have. */
function writeV1(dir: string, incidents: Incident[], occurredAt = (i: Incident) => i.occurredAt): string {
  const file = path.join(dir, DATABASE_FILE);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(V1_SCHEMA);
  db.pragma('user_version = 1');
  const insert = db.prepare(`INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const i of incidents) {
      insert.run(i.seq, i.id, i.source, i.sourceId, i.category, i.priority, i.seq % 6 === 0 ? 'archived' : i.stage, i.lng, i.lat, occurredAt(i), i.receivedAt, i.description, i.townshipCode, i.villageCode, i.gridCode);
    }
  })();
  db.close();
  return file;
}

const byTimeThenSeq = (a: Incident, b: Incident) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq);

describe('schema migration version 1 → 2', () => {
  it('opens a version-1 database and keeps every row, the sequence, idempotency and every query', async () => {
    const dir = tempDir();
    const v1 = Array.from({ length: 300 }, (_, k) => v1Incident(k));
    const file = writeV1(dir, v1);
    const store = open(dir);

    expect(await store.after(0, 1000)).toEqual(v1);
    expect(await store.lastSeq()).toBe(300);
    expect(await store.getById(v1[123]!.id)).toEqual(v1[123]);

    const since = '2026-01-10T00:00:00+08:00';
    const until = '2026-02-01T00:00:00Z';
    const inRange = v1.filter((i) => i.occurredAt >= '2026-01-09T16:00:00.000Z' && i.occurredAt < '2026-02-01T00:00:00.000Z');
    expect(inRange.length).toBeGreaterThan(50);
    const newestFirst = [...inRange].sort(byTimeThenSeq).reverse();
    expect(await store.listRecent({ since, until, limit: 1000 })).toEqual(newestFirst);
    expect(await store.listRecent({ since, until, townshipCode: '321202001', category: 'fire', limit: 1000 })).toEqual(
      newestFirst.filter((i) => i.townshipCode === '321202001' && i.category === 'fire'),
    );

    const paged: string[] = [];
    let after: { occurredAt: string; seq: number } | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await store.pointsPage({ since, until, townshipCode: '321202002', ...(after ? { after } : {}), limit: 7 });
      paged.push(...page.rows.map((p) => `${p.occurredAt}#${p.seq}`));
      if (!page.next) break;
      after = page.next;
    }
    expect(paged).toEqual(inRange.filter((i) => i.townshipCode === '321202002').sort(byTimeThenSeq).map((i) => `${i.occurredAt}#${i.seq}`));

    const visited: Incident[] = [];
    expect(await store.forEachSince(since, (i) => visited.push(i))).toBe(v1.filter((i) => i.occurredAt >= '2026-01-09T16:00:00.000Z').length);
    expect(visited.every((i) => i.occurredAt >= '2026-01-09T16:00:00.000Z')).toBe(true);

    const [again, fresh] = await store.appendBatch([
      { ...v1[42]!, description: 'resent' },
      { ...v1[42]!, sourceId: 'new-after-migration', occurredAt: '2026-01-20T08:00:00+08:00' },
    ]);
    expect(again).toEqual({ incident: v1[42], duplicate: true });
    expect(fresh!.incident).toMatchObject({ seq: 301, occurredAt: '2026-01-20T00:00:00.000Z' });
    await store.close();

    // Stored as integers now, the two time indexes replaced by the one (time, township) index, and a
    // second open migrates nothing.
    const raw = connect(file);
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(3);
      expect(raw.prepare('SELECT DISTINCT typeof(occurred_at) AS t FROM incidents').all()).toEqual([{ t: 'integer' }]);
      expect(raw.prepare('SELECT occurred_at AS ms FROM incidents WHERE seq = 8').get()).toEqual({ ms: -1 });
      const indexes = (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
      expect(indexes).toEqual(['incidents_occurred_township', 'incidents_open']);
      // A township's time range is searched in that index, its township read from the index entries.
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN SELECT seq, occurred_at FROM incidents
        WHERE township_code = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, seq`).all(1, 2, 3) as { detail: string }[]).map((r) => r.detail);
      expect(plan[0]).toMatch(/^SEARCH incidents USING COVERING INDEX incidents_occurred_township \(occurred_at>\? AND occurred_at<\?\)$/);
    } finally {
      raw.close();
    }
    const reopened = open(dir);
    expect((await reopened.after(0, 1000)).slice(0, 300)).toEqual(v1);
  });

  it('copies in chunks, reporting progress after each', () => {
    const dir = tempDir();
    const file = writeV1(dir, Array.from({ length: 25 }, (_, k) => v1Incident(k)));
    const db = connect(file);
    try {
      const seen: [number, number][] = [];
      migrate(db, file, { chunkRows: 10, progress: (copied, total) => seen.push([copied, total]) });
      expect(seen).toEqual([[0, 25], [10, 25], [20, 25], [25, 25]]);
      expect(db.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 25 });
    } finally {
      db.close();
    }
  });

  it('changes nothing when a row is no date: all in one transaction', () => {
    const dir = tempDir();
    const v1 = Array.from({ length: 25 }, (_, k) => v1Incident(k));
    const file = writeV1(dir, v1, (i) => (i.seq === 17 ? 'yesterday' : i.occurredAt));
    const db = connect(file);
    try {
      expect(() => migrate(db, file, { chunkRows: 10, progress: () => {} })).toThrow(/NOT NULL/);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare('SELECT occurred_at AS t FROM incidents WHERE seq IN (1, 17) ORDER BY seq').all()).toEqual([{ t: v1[0]!.occurredAt }, { t: 'yesterday' }]);
      expect(db.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 25 });
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'incidents_v2'`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
