// The stored GPS fixes of every unit (轨迹), in their own SQLite database beside the event log
// (DATA_DIR/fixes.db): one row per (unit, time), so a resent fix is kept once and a track is an
// index range. Written in one transaction per batch with synchronous=FULL: a fix acknowledged is
// on disk. Fixes are not events of the log — they are many, carry no decision, and are not audited.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FixPoint } from '../units/fix-validation.ts';

export interface StoredFix extends FixPoint {
  speed: number | null;
  heading: number | null;
}

export interface FixStore {
  has(unitId: string, atMs: number): boolean;
  /** The unit's stored fix nearest before (strictly) `atMs`. */
  before(unitId: string, atMs: number): StoredFix | undefined;
  /** The unit's stored fix nearest after (strictly) `atMs`. */
  after(unitId: string, atMs: number): StoredFix | undefined;
  /** Stores fixes of one or more units in one transaction; a (unit, time) already stored is left as it was. */
  insert(rows: readonly { unitId: string; fix: StoredFix }[], receivedAtMs: number): void;
  /** The unit's fixes with since ≤ at ≤ until, oldest first, at most `limit`. */
  track(unitId: string, sinceMs: number, untilMs: number, limit: number): StoredFix[];
  /** Every unit's newest fix (to restore the latest positions at start). */
  latest(): { unitId: string; fix: StoredFix }[];
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fixes (
  unit_id     TEXT NOT NULL,
  at_ms       INTEGER NOT NULL,
  lng         REAL NOT NULL,
  lat         REAL NOT NULL,
  speed       REAL,
  heading     REAL,
  received_ms INTEGER NOT NULL,
  PRIMARY KEY (unit_id, at_ms)
) WITHOUT ROWID;`;

interface Row {
  atMs: number;
  lng: number;
  lat: number;
  speed: number | null;
  heading: number | null;
}

const COLUMNS = 'at_ms AS atMs, lng, lat, speed, heading';

/** Opens (creating) DATA_DIR/fixes.db, or `file` (':memory:' for tests). */
export function openFixStore(dataDir: string, file = path.join(dataDir, 'fixes.db')): FixStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const has = db.prepare<[string, number], { one: number }>('SELECT 1 AS one FROM fixes WHERE unit_id = ? AND at_ms = ?');
  const before = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM fixes WHERE unit_id = ? AND at_ms < ? ORDER BY at_ms DESC LIMIT 1`);
  const after = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM fixes WHERE unit_id = ? AND at_ms > ? ORDER BY at_ms ASC LIMIT 1`);
  const insertOne = db.prepare('INSERT OR IGNORE INTO fixes (unit_id, at_ms, lng, lat, speed, heading, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const track = db.prepare<[string, number, number, number], Row>(`SELECT ${COLUMNS} FROM fixes WHERE unit_id = ? AND at_ms BETWEEN ? AND ? ORDER BY at_ms LIMIT ?`);
  const units = db.prepare<[], { unitId: string }>('SELECT DISTINCT unit_id AS unitId FROM fixes');
  const newest = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM fixes WHERE unit_id = ? ORDER BY at_ms DESC LIMIT 1`);
  const insertAll = db.transaction((rows: readonly { unitId: string; fix: StoredFix }[], receivedAtMs: number) => {
    for (const { unitId, fix } of rows) insertOne.run(unitId, fix.atMs, fix.lng, fix.lat, fix.speed, fix.heading, receivedAtMs);
  });
  return {
    has: (unitId, atMs) => has.get(unitId, atMs) !== undefined,
    before: (unitId, atMs) => before.get(unitId, atMs),
    after: (unitId, atMs) => after.get(unitId, atMs),
    insert: (rows, receivedAtMs) => void insertAll(rows, receivedAtMs),
    track: (unitId, sinceMs, untilMs, limit) => track.all(unitId, sinceMs, untilMs, limit),
    latest: () => units.all().map(({ unitId }) => ({ unitId, fix: newest.get(unitId)! })),
    close: () => db.close(),
  };
}
