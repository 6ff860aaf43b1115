// verify(): the whole chain recomputed with the key, then the end of the log compared with its
// checkpoint. The verdict is ok only when both hold: a chain that verifies but whose checkpoint is
// missing or forged says so instead of passing, because a log cut short would look just like it.
import type { CheckpointCheck, ChainVerdict } from '../wire/access.ts';
import type { AuditEntry } from './chain.ts';
import { createChainChecker } from './chain.ts';
import type { Checkpoint, CheckpointRead } from './checkpoint.ts';
import type { AuditSeal } from './seal.ts';

/** Recorded by a start that found the log's checkpoint missing and began a new one. */
export const CHECKPOINT_MISSING_ACTION = 'audit.checkpoint-missing';
/** Recorded as the first sealed entry of a log whose earlier entries are legacy. */
export const CHAIN_KEYED_ACTION = 'audit.chain-keyed';

/** The stored log, as the chain checks read it. */
export interface StoredChain {
  /** Every stored entry in seq order; `entry` is undefined when its stored JSON no longer parses. */
  rows(): Iterable<{ seq: number; entry: AuditEntry | undefined }>;
  /** The seq and hash of the last stored entry. */
  head(): { seq: number; hash: string } | undefined;
  /** The stored entry with this seq (undefined when missing or unreadable). */
  entryAt(seq: number): AuditEntry | undefined;
  /** The stored hash of the entry with this seq. */
  hashAt(seq: number): string | undefined;
  /** The seqs of the entries with this action, ascending. */
  seqsOf(action: string): number[];
}

/** Walks the chain from the first entry; stops at the first that does not fit. */
export function checkEntries(chain: StoredChain, key: Buffer, keyedSince?: number) {
  const checker = createChainChecker(key, keyedSince);
  let entries = 0;
  for (const { seq, entry } of chain.rows()) {
    entries += 1;
    const reason = entry ? checker.check(entry) : 'its stored JSON is unreadable: the entry was modified';
    if (reason) return { entries, headHash: checker.headHash(), firstSealed: checker.firstSealed(), firstBroken: { seq, reason } };
  }
  return { entries, headHash: checker.headHash(), firstSealed: checker.firstSealed() };
}

/** How the stored log's end compares with a checkpoint that verifies. */
export function compareWithCheckpoint(chain: StoredChain, cp: Checkpoint): { status: 'ok' | 'behind' | 'truncated' | 'mismatch'; reason?: string; brokenSeq?: number } {
  const lastSeq = chain.head()?.seq ?? 0;
  if (lastSeq < cp.seq) {
    const removed = lastSeq + 1 === cp.seq ? `entry ${cp.seq} was` : `entries ${lastSeq + 1}–${cp.seq} were`;
    return { status: 'truncated', brokenSeq: lastSeq + 1, reason: `${removed} removed from the end: the checkpoint records entry ${cp.seq} (hash ${cp.hash})` };
  }
  if (chain.hashAt(cp.seq) !== cp.hash) return { status: 'mismatch', brokenSeq: cp.seq, reason: `it is not the entry the checkpoint records (hash ${cp.hash}): it was rewritten` };
  return { status: lastSeq === cp.seq ? 'ok' : 'behind' };
}

/** Recomputes the whole chain with the seal's key and checks the log's end against its checkpoint. */
export function verifyStoredChain(chain: StoredChain, seal: AuditSeal): ChainVerdict {
  // The checkpoint first: read after the log, it could name an entry committed since.
  const read: CheckpointRead = seal.checkpoint.read();
  const cp = read.status === 'valid' ? read.checkpoint : undefined;
  const walked = checkEntries(chain, seal.key, cp?.keyedSince);
  const checkpoint: CheckpointCheck = { status: read.status === 'valid' ? 'ok' : read.status, reestablishedAt: chain.seqsOf(CHECKPOINT_MISSING_ACTION) };
  let firstBroken = walked.firstBroken;
  if (cp) {
    const compared = compareWithCheckpoint(chain, cp);
    Object.assign(checkpoint, { status: compared.status, seq: cp.seq, hash: cp.hash });
    if (!firstBroken && compared.brokenSeq !== undefined) firstBroken = { seq: compared.brokenSeq, reason: compared.reason! };
  }
  const ok = !firstBroken && (checkpoint.status === 'ok' || checkpoint.status === 'behind');
  return {
    ok,
    entries: walked.entries,
    headHash: walked.headHash,
    keyedSince: cp?.keyedSince ?? walked.firstSealed,
    checkpoint,
    ...(firstBroken ? { firstBroken } : {}),
  };
}
