// What seals one audit log: its key and its checkpoint. A data directory's log uses the key of
// loadAuditKey and DATA_DIR/audit-checkpoint.json; a throwaway in-memory database gets a random
// key and a checkpoint in memory.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadAuditKey } from './audit-key.ts';
import { AUDIT_CHECKPOINT_FILE, fileCheckpoint, memoryCheckpoint } from './checkpoint.ts';
import type { CheckpointStore } from './checkpoint.ts';

export interface AuditSeal {
  key: Buffer;
  checkpoint: CheckpointStore;
}

/** The seal of a data directory's audit log; throws AuditStartError when the key is missing or exposed. */
export function openAuditSeal(where: { dataDir: string; keyFile?: string | undefined; readonly?: boolean }): AuditSeal {
  const { key } = loadAuditKey({ dataDir: where.dataDir, keyFile: where.keyFile, create: !where.readonly });
  return { key, checkpoint: fileCheckpoint(path.join(where.dataDir, AUDIT_CHECKPOINT_FILE), key) };
}

/** A seal for a database that ends with the process. */
export function ephemeralSeal(): AuditSeal {
  const key = randomBytes(32);
  return { key, checkpoint: memoryCheckpoint(key) };
}
