// The writer thread: owns the one write connection of the incident database and commits what the
// main thread sends, batches that arrive while a commit runs merged into the next transaction
// (group commit). The B-tree, WAL and fsync work thus runs on its own core while the main thread
// parses and validates the next requests. Every answer is posted only after its commit.
import { parentPort, workerData } from 'node:worker_threads';
import { createGroupCommit } from './group-commit.ts';
import { FIELDS, prepareAppend } from './sqlite-append.ts';
import type { WriterJob, WriterOutcome } from './sqlite-append.ts';
import { connect } from './sqlite-schema.ts';

/** Main thread → writer. */
export type WriterRequest = { type: 'append'; id: number; job: WriterJob } | { type: 'close' };
/** Writer → main thread. */
export type WriterAnswer = { type: 'committed'; id: number; outcome: WriterOutcome } | { type: 'failed'; id: number; message: string } | { type: 'closed' };

export interface WriterData {
  file: string;
  /** Most items one transaction takes (a larger group is split). */
  maxGroupItems: number;
}

const port = parentPort;
if (!port) throw new Error('write-worker.ts runs as a worker thread of the incident store');
const { file, maxGroupItems } = workerData as WriterData;
const db = connect(file);
const append = prepareAppend(db);
// A job of the group commit is one appendBatch call (a packed batch, counted by its items) or one
// command (counted by its events).
const sizeOf = (job: WriterJob) => (job.kind === 'incidents' ? job.batch.rows.length / FIELDS : job.command.appends.reduce((n, a) => n + a.events.length, 0));
const group = createGroupCommit<WriterJob, WriterOutcome>(
  (jobs) => append(jobs.map((j) => j[0]!)).map((c) => [c]),
  maxGroupItems,
  (job) => sizeOf(job[0]!),
);

function answer(a: WriterAnswer): void {
  port!.postMessage(a);
}

port.on('message', (m: WriterRequest) => {
  if (m.type === 'append') {
    group.append([m.job]).then(
      ([outcome]) => answer({ type: 'committed', id: m.id, outcome: outcome! }),
      (err: unknown) => answer({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  // Everything sent before 'close' arrived before it: commit it, answer it, then let go of the file.
  group.flush();
  setImmediate(() => {
    db.close();
    answer({ type: 'closed' });
    port.close();
  });
});
