// The audit log's hash chain: each entry's hash is sha256(previous hash + canonical JSON of the
// entry). Changing, removing or reordering any stored entry breaks the chain from that entry on,
// which verifyChain names. (Cutting entries off the end leaves a valid shorter chain: keep the
// latest hash elsewhere — a printout, a second system — to detect that too.)
import type { AuditActor, AuditEntry, ChainVerdict } from '../wire/access.ts';
export type { AuditActor, AuditEntry, ChainVerdict };
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);


/** What an entry records, before the log numbers and chains it. */
export interface AuditInput {
  actor: AuditActor;
  /** Dotted verb, e.g. auth.login, account.updated, access.denied. */
  action: string;
  /** What it was done to, e.g. account:3, api-key:7, incident:<id>. */
  target?: string | null;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping: a reason, a URL, a count. */
  details?: unknown;
  /** Client address, when there was a request. */
  ip?: string | null;
}


/** The fields the hash covers (everything but the hashes themselves). */
function hashedPart(e: Omit<AuditEntry, 'prevHash' | 'hash'>): unknown {
  return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, before: e.before, after: e.after, details: e.details, ip: e.ip };
}

/** The hash of an entry that follows `prevHash`. */
export function entryHash(prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(hashedPart(e))).digest('hex');
}


/** Checks entries one by one in seq order; check() answers why an entry breaks the chain, or undefined. */
export function createChainChecker() {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  return {
    check(e: AuditEntry): string | undefined {
      if (e.seq !== expectedSeq) return `expected entry ${expectedSeq} here, found ${e.seq}: entries were removed or renumbered`;
      if (e.prevHash !== prevHash) return 'it does not link to the entry before it: that one was modified and re-hashed, or entries were removed';
      if (entryHash(prevHash, e) !== e.hash) return 'its content does not match its hash: the entry was modified';
      prevHash = e.hash;
      expectedSeq += 1;
      return undefined;
    },
    headHash: () => prevHash,
  };
}

/** Checks entries in seq order: consecutive numbers, each linked to the previous, each hash recomputed. */
export function verifyChain(entries: Iterable<AuditEntry>): ChainVerdict {
  const checker = createChainChecker();
  let n = 0;
  for (const e of entries) {
    n += 1;
    const reason = checker.check(e);
    if (reason) return { ok: false, entries: n, headHash: checker.headHash(), firstBroken: { seq: e.seq, reason } };
  }
  return { ok: true, entries: n, headHash: checker.headHash() };
}
