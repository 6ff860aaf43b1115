// IncidentStore on SQLite (better-sqlite3). WAL with synchronous=FULL: a commit is on disk before
// appendBatch resolves, so an acknowledged incident survives a crash or power loss. Writes go to a
// writer thread that owns the one write connection (write-worker.ts), so the B-tree and WAL work of
// a commit runs on another core while this thread serves requests; reads use this thread's own
// connection, which WAL lets read while the writer commits, and which sees every commit that has
// been acknowledged. The sequence number is max(seq)+1 read inside the write transaction, so it is
// gapless even when a transaction rolls back and even if a second process writes the same file.
// occurred_at is stored as INTEGER ms (schema version 2): its time index takes most of a
// row's insert cost, and 8-byte keys instead of 24-character text make them much smaller. Callers
// still see ISO text: this file converts at the boundary (ISO → ms to bind, ms → ISO when read).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Incident } from '../wire/index.ts';
import { normaliseIso } from './iso-time.ts';
import { FIELDS, ID_LENGTH } from './sqlite-append.ts';
import { connect, isoToMs, migrate, msToIso, prepareMaxSeq, toIncident } from './sqlite-schema.ts';
import type { Row } from './sqlite-schema.ts';
import type { EventRow, PackedStreamAppend } from './sqlite-events.ts';
import { createRangePager } from './sqlite-pages.ts';
import type { RangeKey, RangeWindow } from './sqlite-pages.ts';
import type { AppendOutcome, IncidentPoint, IncidentQuery, IncidentsPageQuery, IncidentStore, LogEntry, PageCursor, PointsPageQuery, RangePage, StoredEvent } from './types.ts';
import { startWriterThread } from './writer-thread.ts';

/** File name of the database inside DATA_DIR. */
export const DATABASE_FILE = 'yizhangtu.sqlite';

export interface SqliteStoreOptions {
  /** Directory of the database file (created when missing). */
  dataDir: string;
  /** Clock for receivedAt; tests may fix it. */
  now?: () => Date;
  /** Hears of each writer thread started (tests use it to kill one). */
  onWriterStart?: (worker: Worker) => void;
}

/**
 * Most incidents one group commit writes. The writer thread holds no event loop that requests wait
 * on, so the cap only bounds a commit's latency and memory: bigger groups share index pages and
 * the fsync among more rows.
 */
const MAX_GROUP_ITEMS = 4000;

/** A stored event as callers see it: time as ISO text, actor and payload parsed. */
function toEvent(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    stream: r.stream as StoredEvent['stream'],
    streamId: r.stream_id,
    version: r.version,
    type: r.type,
    at: msToIso(r.at),
    actor: JSON.parse(r.actor) as unknown,
    payload: JSON.parse(r.payload) as unknown,
  };
}

/** Opens (or creates) the SQLite incident store. */
export function openSqliteStore(options: SqliteStoreOptions): IncidentStore {
  const now = options.now ?? (() => new Date());
  // A worker thread cannot share an in-memory database: the store always lives in a file.
  if (options.dataDir === ':memory:') throw new Error('the incident store needs a data directory (":memory:" is not supported): use a temporary directory');
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DATABASE_FILE);
  // This thread's connection creates or upgrades the schema before the writer starts, then reads.
  const db = connect(file);
  try {
    migrate(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
  const writer = startWriterThread({ file, maxGroupItems: MAX_GROUP_ITEMS, ...(options.onWriterStart ? { onStart: options.onWriterStart } : {}) });

  const maxSeq = prepareMaxSeq(db);
  const byId = db.prepare<[string], Row>('SELECT * FROM incidents WHERE id = ?');
  const afterSeq = db.prepare<[number, number], Row>('SELECT * FROM incidents WHERE seq > ? ORDER BY seq LIMIT ?');
  const since = db.prepare<[number], Row>('SELECT * FROM incidents WHERE occurred_at >= ?');
  const eventsAfter = db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const eventsOfStream = db.prepare<[string, string], EventRow>('SELECT * FROM events WHERE stream = ? AND stream_id = ? ORDER BY version');
  const openCases = db.prepare<[], Row>('SELECT * FROM incidents WHERE open = 1 ORDER BY seq');
  // The events of the open cases, in seq order: the partial index finds the open incidents, the
  // (stream, stream_id, version) index their events.
  const openCaseEvents = db.prepare<[], EventRow>(`SELECT e.* FROM incidents i JOIN events e ON e.stream = 'case' AND e.stream_id = i.id
                                                   WHERE i.open = 1 ORDER BY e.seq`);

  // Prepared per filter combination on first use: the query planner then picks the right index.
  const listStatements = new Map<string, Database.Statement<unknown[], Row>>();
  function listStatement(q: IncidentQuery): Database.Statement<unknown[], Row> {
    const where: string[] = [];
    if (q.since !== undefined) where.push('occurred_at >= ?');
    if (q.until !== undefined) where.push('occurred_at < ?');
    if (q.townshipCode !== undefined) where.push('township_code = ?');
    if (q.category !== undefined) where.push('category = ?');
    const sql = `SELECT * FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY occurred_at DESC, seq DESC LIMIT ?`;
    let stmt = listStatements.get(sql);
    if (!stmt) {
      stmt = db.prepare<unknown[], Row>(sql);
      listStatements.set(sql, stmt);
    }
    return stmt;
  }

  /** A point as SQLite returns it: occurredAt still ms, turned into ISO text in place. */
  type StoredPoint = Omit<IncidentPoint, 'occurredAt'> & { occurredAt: number | string };
  const pointColumns = `seq, id, source, category, priority, stage, lng, lat, occurred_at AS occurredAt,
                        township_code AS townshipCode, village_code AS villageCode, grid_code AS gridCode`;
  const pointPages = createRangePager<StoredPoint>(db, pointColumns, (p) => ({ at: p.occurredAt as number, seq: p.seq }));
  /** An incident as SQLite returns it under its wire names (in toIncident's key order): occurredAt still ms. */
  type StoredIncident = Omit<Incident, 'occurredAt' | 'stepDueAt' | 'caseDueAt'> & { occurredAt: number | string; stepDueAt: number | string | null; caseDueAt: number | string | null };
  // Named as on the wire, so a page's rows become incidents in place: no second object per row.
  const incidentColumns = `id, seq, source, source_id AS sourceId, category, priority, lng, lat, occurred_at AS occurredAt,
                           received_at AS receivedAt, description, stage, township_code AS townshipCode,
                           village_code AS villageCode, grid_code AS gridCode, version,
                           step_due_at AS stepDueAt, case_due_at AS caseDueAt`;
  const incidentPages = createRangePager<StoredIncident>(db, incidentColumns, (i) => ({ at: i.occurredAt as number, seq: i.seq }));
  /** The pager's window of a page query (ISO → ms), and its cursor back as ISO. */
  const windowOf = (q: IncidentsPageQuery): RangeWindow => ({
    sinceMs: isoToMs(q.since),
    untilMs: isoToMs(q.until),
    ...(q.after !== undefined ? { after: { at: isoToMs(q.after.occurredAt), seq: q.after.seq } } : {}),
    limit: q.limit,
    ...(q.townshipCode !== undefined ? { townshipCode: q.townshipCode } : {}),
    ...(q.villageCode !== undefined ? { villageCode: q.villageCode } : {}),
    ...(q.category !== undefined ? { category: q.category } : {}),
  });
  const cursorOf = (next: RangeKey | undefined): { next?: PageCursor } => (next ? { next: { occurredAt: msToIso(next.at), seq: next.seq } } : {});

  return {
    async appendBatch(items, receivedAtMs) {
      if (items.length === 0) return [];
      const receivedAt = (receivedAtMs === undefined ? now() : new Date(receivedAtMs)).toISOString();
      // Packed here, where a bad date fails only this batch, before the writer sees it.
      const rows: (string | number | null)[] = new Array<string | number | null>(items.length * FIELDS);
      // The caller's occurredAt as stored (normalised ISO), for the answer; the row carries its ms.
      const occurredAt: string[] = new Array<string>(items.length);
      let o = 0;
      for (const i of items) {
        const iso = normaliseIso(i.occurredAt);
        occurredAt[o / FIELDS] = iso;
        rows[o] = i.source;
        rows[o + 1] = i.sourceId;
        rows[o + 2] = i.category;
        rows[o + 3] = i.priority;
        rows[o + 4] = i.lng;
        rows[o + 5] = i.lat;
        rows[o + 6] = isoToMs(iso);
        rows[o + 7] = i.description;
        rows[o + 8] = i.townshipCode;
        rows[o + 9] = i.villageCode;
        rows[o + 10] = i.gridCode;
        rows[o + 11] = i.due?.stepMs ?? null;
        rows[o + 12] = i.due?.caseMs ?? null;
        rows[o + 13] = i.reporterAccountId ?? null;
        o += FIELDS;
      }
      const c = await writer.append({ rows, receivedAt });
      const outcomes: AppendOutcome[] = new Array<AppendOutcome>(items.length);
      let seq = c.firstSeq;
      let d = 0;
      let at = 0;
      for (let k = 0; k < items.length; k++) {
        if (c.duplicates[d] === k) {
          outcomes[k] = { incident: toIncident(c.stored[d]!), duplicate: true };
          d += 1;
          continue;
        }
        const i = items[k]!;
        const incident: Incident = {
          id: c.ids.slice(at, at + ID_LENGTH),
          seq: seq++,
          source: i.source,
          sourceId: i.sourceId,
          category: i.category,
          priority: i.priority,
          lng: i.lng,
          lat: i.lat,
          occurredAt: occurredAt[k]!,
          receivedAt,
          description: i.description,
          stage: 'intake',
          townshipCode: i.townshipCode,
          villageCode: i.villageCode,
          gridCode: i.gridCode,
          version: 1,
          stepDueAt: i.due ? msToIso(i.due.stepMs) : null,
          caseDueAt: i.due ? msToIso(i.due.caseMs) : null,
        };
        if (i.reporterAccountId !== undefined) incident.reporterAccountId = i.reporterAccountId;
        at += ID_LENGTH;
        outcomes[k] = { incident, duplicate: false };
      }
      return outcomes;
    },
    async getById(id) {
      const row = byId.get(id);
      return row ? toIncident(row) : undefined;
    },
    async listRecent(q) {
      const params: unknown[] = [];
      if (q.since !== undefined) params.push(isoToMs(q.since));
      if (q.until !== undefined) params.push(isoToMs(q.until));
      if (q.townshipCode !== undefined) params.push(q.townshipCode);
      if (q.category !== undefined) params.push(q.category);
      params.push(q.limit);
      return listStatement(q).all(...params).map(toIncident);
    },
    async pointsPage(q: PointsPageQuery): Promise<RangePage<IncidentPoint>> {
      const page = pointPages(windowOf(q));
      for (const p of page.rows) p.occurredAt = msToIso(p.occurredAt as number);
      return { rows: page.rows as IncidentPoint[], ...cursorOf(page.next) };
    },
    async incidentsPage(q: IncidentsPageQuery): Promise<RangePage<Incident>> {
      const page = incidentPages(windowOf(q));
      for (const i of page.rows) {
        i.occurredAt = msToIso(i.occurredAt as number);
        if (i.stepDueAt !== null) i.stepDueAt = msToIso(i.stepDueAt as number);
        if (i.caseDueAt !== null) i.caseDueAt = msToIso(i.caseDueAt as number);
      }
      return { rows: page.rows as Incident[], ...cursorOf(page.next) };
    },
    async after(seq, limit) {
      return afterSeq.all(seq, limit).map(toIncident);
    },
    async appendCommand(appends) {
      const packed: PackedStreamAppend[] = appends.map((a) => ({
        stream: a.stream,
        streamId: a.streamId,
        expectedVersion: a.expectedVersion,
        // Serialised here, where a value JSON cannot hold fails only this command.
        events: a.events.map((e) => ({ type: e.type, at: isoToMs(e.at), actor: JSON.stringify(e.actor), payload: JSON.stringify(e.payload ?? null) })),
        projection: a.projection ? { stage: a.projection.stage, open: a.projection.open, stepDueAt: a.projection.stepDueAt === null ? null : isoToMs(a.projection.stepDueAt) } : null,
      }));
      const committed = await writer.appendCommand({ appends: packed });
      if (!committed.ok) return { ok: false, conflict: { streamId: committed.streamId, version: committed.version } };
      let seq = committed.firstSeq;
      const events: StoredEvent[] = [];
      for (const a of packed) {
        a.events.forEach((e, n) => {
          events.push(toEvent({ seq: seq++, stream: a.stream, stream_id: a.streamId, version: a.expectedVersion + n + 1, type: e.type, at: e.at, actor: e.actor, payload: e.payload }));
        });
      }
      return { ok: true, events };
    },
    async logAfter(seq, limit) {
      // Both tables are numbered from one counter: the first `limit` of the two, merged by seq.
      const incidents = afterSeq.all(seq, limit);
      const events = eventsAfter.all(seq, limit);
      const out: LogEntry[] = [];
      let i = 0;
      let e = 0;
      while (out.length < limit && (i < incidents.length || e < events.length)) {
        const a = incidents[i];
        const b = events[e];
        if (a && (!b || a.seq < b.seq)) {
          out.push({ kind: 'created', seq: a.seq, incident: toIncident(a) });
          i += 1;
        } else {
          out.push({ kind: 'event', seq: b!.seq, event: toEvent(b!) });
          e += 1;
        }
      }
      return out;
    },
    async eventsOf(stream, streamId) {
      return eventsOfStream.all(stream, streamId).map(toEvent);
    },
    async forEachOpenCase(visit) {
      const byCase = new Map<string, StoredEvent[]>();
      for (const row of openCaseEvents.iterate()) {
        const list = byCase.get(row.stream_id);
        if (list) list.push(toEvent(row));
        else byCase.set(row.stream_id, [toEvent(row)]);
      }
      let n = 0;
      for (const row of openCases.iterate()) {
        visit(toIncident(row), byCase.get(row.id) ?? []);
        n += 1;
      }
      return n;
    },
    async lastSeq() {
      return maxSeq.get()!.m;
    },
    async forEachSince(sinceIso, visit) {
      let n = 0;
      for (const row of since.iterate(isoToMs(sinceIso))) {
        visit(toIncident(row));
        n += 1;
      }
      return n;
    },
    async close() {
      await writer.close();
      if (db.open) db.close();
    },
  };
}
