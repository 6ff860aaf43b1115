// The main thread's end of the writer thread (write-worker.ts): sends packed batches, hands each
// caller the writer's answer once its transaction has committed, and fails every waiting caller
// loudly if the thread dies, so nothing unstored is ever acknowledged. A thread that died is
// replaced by a fresh one on the next append (the database on disk is consistent either way: a
// transaction the thread did not finish is rolled back by SQLite).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CommittedBatch, PackedBatch, WriterJob, WriterOutcome } from './sqlite-append.ts';
import type { CommittedCommand, PackedCommand } from './sqlite-events.ts';
import type { WriterAnswer, WriterData, WriterRequest } from './write-worker.ts';

export interface WriterThread {
  /** Resolves once the batch is committed; rejects if its transaction failed or the thread died. */
  append(batch: PackedBatch): Promise<CommittedBatch>;
  /** Resolves once the command's events are committed, or with the stream that was not at the version it expected. */
  appendCommand(command: PackedCommand): Promise<CommittedCommand>;
  /** Commits what was sent, closes the write connection and ends the thread. */
  close(): Promise<void>;
}

export interface WriterThreadOptions extends WriterData {
  /** Hears of each thread started (tests use it to kill one mid-commit). */
  onStart?: (worker: Worker) => void;
}

const ENTRY = new URL('./write-worker.ts', import.meta.url).href;
// The worker is TypeScript. The server runs under tsx, whose hooks a Node 20 worker does not
// inherit, and vitest runs without tsx at all: tsImport loads it the same way in both.
// (Its ESM entry is read from tsx's exports map: require.resolve would give the CommonJS one.)
const TSX_API = (() => {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
})();
const BOOT = `import(${JSON.stringify(TSX_API)}).then((tsx) => tsx.tsImport(${JSON.stringify(ENTRY)}, ${JSON.stringify(ENTRY)}))`;

/** Starts the writer thread for the database file. */
export function startWriterThread(options: WriterThreadOptions): WriterThread {
  const data: WriterData = { file: options.file, maxGroupItems: options.maxGroupItems };
  const waiting = new Map<number, { resolve: (c: WriterOutcome) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let worker: Worker | undefined;
  let closing: Promise<void> | undefined;

  function failAll(err: Error): void {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  }

  function start(): Worker {
    const w = new Worker(BOOT, { eval: true, workerData: data });
    w.on('message', (a: WriterAnswer) => {
      if (a.type === 'closed') return;
      const caller = waiting.get(a.id);
      if (!caller) return;
      waiting.delete(a.id);
      if (a.type === 'committed') caller.resolve(a.outcome);
      else caller.reject(new Error(a.message));
      // An idle writer must not keep the process alive; a busy one must (an ack is awaited).
      if (waiting.size === 0) w.unref();
    });
    const died = (why: string) => {
      if (worker !== w) return;
      worker = undefined;
      failAll(new Error(`the incident store's writer thread ${why}: the batch was not acknowledged and may or may not be stored; it is safe to retry`));
    };
    w.on('error', (err) => died(`failed (${err.message})`));
    w.on('exit', (code) => died(`exited (code ${code})`));
    w.unref();
    options.onStart?.(w);
    return w;
  }

  function send(job: WriterJob): Promise<WriterOutcome> {
    if (closing) return Promise.reject(new Error('the incident store is closed'));
    worker ??= start();
    const w = worker;
    const id = nextId++;
    return new Promise<WriterOutcome>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ type: 'append', id, job } satisfies WriterRequest);
    });
  }

  return {
    async append(batch) {
      const outcome = await send({ kind: 'incidents', batch });
      if (outcome.kind !== 'incidents') throw new Error('the writer answered an incident batch with a command outcome');
      return outcome.committed;
    },
    async appendCommand(command) {
      const outcome = await send({ kind: 'command', command });
      if (outcome.kind !== 'command') throw new Error('the writer answered a command with an incident batch outcome');
      return outcome.committed;
    },
    close() {
      closing ??= (async () => {
        const w = worker;
        if (!w) return;
        w.ref();
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ type: 'close' } satisfies WriterRequest);
        await exited;
      })();
      return closing;
    },
  };
}
