// The audit log's chain: each entry's hash covers the previous hash and the canonical JSON of the
// entry, so changing, removing or reordering a stored entry breaks the chain from that entry on.
// Entries are sealed: the hash is an HMAC-SHA-256 under the audit key, which is kept outside the
// database, so someone who edits the file cannot recompute the chain without also holding the key.
// Logs written before the key existed hold legacy entries (plain SHA-256, recomputable by anyone);
// they stay verifiable, and the first sealed entry links to the last legacy hash, so rewriting a
// legacy entry breaks the sealed chain after it. Cutting entries off the end is what the
// checkpoint (checkpoint.ts) detects.
import type { AuditActor, AuditEntry, ChainVerdict } from '../wire/access.ts';
export type { AuditActor, AuditEntry, ChainVerdict };
import { createHash, createHmac } from 'node:crypto';
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

type Hashed = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** The fields the hash covers (everything but the hashes themselves). */
function hashedPart(e: Hashed): string {
  return canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, before: e.before, after: e.after, details: e.details, ip: e.ip });
}

/** The hash of a legacy (unkeyed) entry that follows `prevHash`: what logs before the audit key stored. */
export function legacyHash(prevHash: string, e: Hashed): string {
  return createHash('sha256').update(prevHash).update(hashedPart(e)).digest('hex');
}

/** The sealed hash of an entry that follows `prevHash`: HMAC-SHA-256 under the audit key. */
export function sealedHash(key: Buffer, prevHash: string, e: Hashed): string {
  // The prefix keeps a seal from ever equalling a legacy hash or the checkpoint's MAC.
  return createHmac('sha256', key).update('yizhangtu-audit-entry/1\n').update(prevHash).update(hashedPart(e)).digest('hex');
}

/** How an entry's stored hash was made, or undefined when it fits neither (modified, or another key). */
export function kindOf(key: Buffer, e: AuditEntry): 'sealed' | 'legacy' | undefined {
  if (sealedHash(key, e.prevHash, e) === e.hash) return 'sealed';
  if (legacyHash(e.prevHash, e) === e.hash) return 'legacy';
  return undefined;
}

/**
 * Checks entries one by one in seq order; check() answers why an entry breaks the chain, or
 * undefined. `keyedSince` (from the checkpoint) is where sealed entries must start; without it, the
 * first sealed entry found starts them, and a legacy entry after it is a downgrade.
 */
export function createChainChecker(key: Buffer, keyedSince?: number) {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let firstSealed: number | null = null;
  return {
    check(e: AuditEntry): string | undefined {
      if (e.seq !== expectedSeq) return `expected entry ${expectedSeq} here, found ${e.seq}: entries were removed or renumbered`;
      if (e.prevHash !== prevHash) return 'it does not link to the entry before it: that one was modified and re-hashed, or entries were removed';
      const kind = kindOf(key, e);
      const sealedFrom = keyedSince ?? firstSealed;
      const mustBeSealed = sealedFrom !== null && e.seq >= sealedFrom;
      if (kind === undefined) {
        return mustBeSealed
          ? 'its content does not match its seal: the entry was modified (or sealed with another key)'
          : 'its content does not match its hash: the entry was modified';
      }
      if (kind === 'legacy' && mustBeSealed) {
        return `it is an unkeyed (legacy) entry where the chain is keyed since entry ${sealedFrom}: it was modified and its chain recomputed without the key`;
      }
      if (kind === 'sealed' && keyedSince !== undefined && e.seq < keyedSince) {
        return `it is sealed, but the checkpoint says the chain is keyed only since entry ${keyedSince}`;
      }
      if (kind === 'sealed') firstSealed ??= e.seq;
      prevHash = e.hash;
      expectedSeq += 1;
      return undefined;
    },
    headHash: () => prevHash,
    /** The first sealed entry seen so far, or null. */
    firstSealed: () => firstSealed,
  };
}
