// The checkpoint of the audit log: the last entry's seq and hash, and since which entry the chain is
// keyed, kept outside the database and sealed with the audit key. Cutting entries off the end of the
// log leaves a valid shorter chain; the checkpoint remembers how long it was. Rewriting sealed
// entries as legacy ones (which need no key) leaves a valid legacy chain; the checkpoint remembers
// where the keyed part starts. It is rewritten after every committed append (temp file + fsync +
// rename, so it is always whole): a log ahead of its checkpoint is a crash between the two, a log
// behind it is truncation.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** File name of the checkpoint inside DATA_DIR. */
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoint.json';

const FORMAT = 'yizhangtu-audit-checkpoint/1';

/** What the checkpoint records. */
export interface Checkpoint {
  /** The first entry sealed with the key; entries before it are legacy. */
  keyedSince: number;
  /** The last entry appended, and its hash. */
  seq: number;
  hash: string;
}

export type CheckpointRead =
  | { status: 'missing' }
  | { status: 'invalid'; reason: string }
  | { status: 'valid'; checkpoint: Checkpoint };

/** Where the checkpoint is kept. */
export interface CheckpointStore {
  read(): CheckpointRead;
  /** Replaces the checkpoint, atomically and durably. */
  write(checkpoint: Checkpoint): void;
  /** The file, for messages ("in memory" for a throwaway database). */
  where: string;
}

function mac(key: Buffer, body: object): string {
  return createHmac('sha256', key).update(`${FORMAT}\n`).update(canonicalJson(body)).digest('hex');
}

function serialise(key: Buffer, c: Checkpoint): string {
  const body = { format: FORMAT, keyedSince: c.keyedSince, seq: c.seq, hash: c.hash, writtenAt: new Date().toISOString() };
  return `${JSON.stringify({ ...body, mac: mac(key, body) })}\n`;
}

const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;
const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** Parses and authenticates a checkpoint's text. */
export function parseCheckpoint(key: Buffer, text: string): CheckpointRead {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { status: 'invalid', reason: 'it is not JSON' };
  }
  if (typeof doc !== 'object' || doc === null || doc.format !== FORMAT) return { status: 'invalid', reason: `it is not a ${FORMAT} document` };
  const { mac: given, ...body } = doc;
  const expected = Buffer.from(mac(key, body), 'hex');
  if (typeof given !== 'string' || !isHash(given) || !timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
    return { status: 'invalid', reason: 'its seal does not verify with the audit key' };
  }
  const { keyedSince, seq, hash } = body;
  if (!isSeq(keyedSince) || !isSeq(seq) || !isHash(hash) || seq < keyedSince) return { status: 'invalid', reason: 'its fields are malformed' };
  return { status: 'valid', checkpoint: { keyedSince, seq, hash } };
}

/** The checkpoint in a file (the data directory's audit-checkpoint.json). */
export function fileCheckpoint(file: string, key: Buffer): CheckpointStore {
  // Per process: the admin command may checkpoint while the server does.
  const tmp = `${file}.${process.pid}.tmp`;
  return {
    where: file,
    read() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
        throw err;
      }
      return parseCheckpoint(key, text);
    },
    write(c) {
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, serialise(key, c));
        // A torn checkpoint after a power cut would read as forged; a whole old one reads as "behind".
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
    },
  };
}

/** A checkpoint held in memory, for a throwaway (':memory:') database. */
export function memoryCheckpoint(key: Buffer): CheckpointStore {
  let text: string | undefined;
  return {
    where: 'memory',
    read: () => (text === undefined ? { status: 'missing' } : parseCheckpoint(key, text)),
    write(c) {
      text = serialise(key, c);
    },
  };
}
