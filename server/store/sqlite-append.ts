// The write transaction of the incident store and the packed form its batches travel in between
// the main thread and the writer thread: one flat array per batch (FIELDS values an item) instead
// of an object per item, because the structured clone of a thousand objects costs more main-thread
// time than building them did.
import type Database from 'better-sqlite3';
import { uuidv7 } from './ids.ts';
import { parseIsoMs } from './iso-time.ts';
import { prepareEventAppend } from './sqlite-events.ts';
import type { CommittedCommand, PackedCommand } from './sqlite-events.ts';
import { prepareMaxSeq } from './sqlite-schema.ts';
import type { Row } from './sqlite-schema.ts';

/** Values per item in a packed batch, in this order. */
export const FIELDS = 14;
// source, sourceId, category, priority, lng, lat, occurredAt (ms since the epoch), description,
// townshipCode, villageCode, gridCode, stepDueAt (ms | null), caseDueAt (ms | null), reporterAccountId (| null)

/** One appendBatch call on its way to the writer. */
export interface PackedBatch {
  rows: (string | number | null)[];
  /** When it was received: the receivedAt of its incidents (ISO) and the time in their ids. */
  receivedAt: string;
}

/** What the writer answers for one batch. */
export interface CommittedBatch {
  /** Sequence number of the first new item; the new items are numbered consecutively in batch order. */
  firstSeq: number;
  /** Ids of the new items, concatenated (36 characters each). */
  ids: string;
  /** Indexes of the items that were already stored (ascending), and the stored rows for them. */
  duplicates: number[];
  stored: Row[];
}

/** Length of a UUID in text form. */
export const ID_LENGTH = 36;

type InsertArgs = [number, string, string, string, string, string, string, number, number, number, string, string, string, string, string, number | null, number | null, number | null];

/** One job of a group commit: a batch of new incidents, or a command's events. */
export type WriterJob = { kind: 'incidents'; batch: PackedBatch } | { kind: 'command'; command: PackedCommand };
/** Its answer, of the same kind. */
export type WriterOutcome = { kind: 'incidents'; committed: CommittedBatch } | { kind: 'command'; committed: CommittedCommand };

/**
 * Prepares the write transaction on `db`: it appends the jobs of one group commit in order — new
 * incidents and commands' events alike take the next seqs of the one log — and answers each.
 * IMMEDIATE takes the write lock up front, so the max(seq) read cannot race another writer, and
 * the sequence stays gapless when a transaction rolls back.
 */
export function prepareAppend(db: Database.Database): (jobs: WriterJob[]) => WriterOutcome[] {
  const appendEvents = prepareEventAppend(db);
  const maxSeq = prepareMaxSeq(db);
  const bySource = db.prepare<[string, string], Row>('SELECT * FROM incidents WHERE source = ? AND source_id = ?');
  // Positional parameters: binding by name costs ~20 % more per row in better-sqlite3.
  const insert = db.prepare<InsertArgs>(`
    INSERT INTO incidents (seq, id, source, source_id, category, priority, stage, lng, lat, occurred_at,
                           received_at, description, township_code, village_code, grid_code,
                           step_due_at, case_due_at, reporter_account_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source, source_id) DO NOTHING`);

  const tx = db.transaction((jobs: WriterJob[]): WriterOutcome[] => {
    let seq = maxSeq.get()!.m;
    return jobs.map((job): WriterOutcome => {
      if (job.kind === 'command') {
        const done = appendEvents(job.command, seq);
        seq = done.seq;
        return { kind: 'command', committed: done.committed };
      }
      const { rows, receivedAt } = job.batch;
      const ms = parseIsoMs(receivedAt);
      const out: CommittedBatch = { firstSeq: seq + 1, ids: '', duplicates: [], stored: [] };
      const n = rows.length / FIELDS;
      for (let k = 0, o = 0; k < n; k++, o += FIELDS) {
        const r = rows;
        const id = uuidv7(ms);
        const source = r[o] as string, sourceId = r[o + 1] as string;
        const changes = insert.run(seq + 1, id, source, sourceId, r[o + 2] as string, r[o + 3] as string, 'intake', r[o + 4] as number, r[o + 5] as number,
          r[o + 6] as number, receivedAt, r[o + 7] as string, r[o + 8] as string, r[o + 9] as string, r[o + 10] as string,
          r[o + 11] as number | null, r[o + 12] as number | null, r[o + 13] as number | null).changes;
        // Insert first, look up only on conflict: the common case (a new incident) costs one statement.
        if (changes === 0) {
          out.duplicates.push(k);
          out.stored.push(bySource.get(source, sourceId)!);
          continue;
        }
        seq += 1;
        out.ids += id;
      }
      return { kind: 'incidents', committed: out };
    });
  });
  return (jobs) => tx.immediate(jobs);
}
