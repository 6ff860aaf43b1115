// Before a process appends to the audit log, the log's end is checked against its checkpoint (a
// few lookups, not a full verify): a log cut short, a rewritten checkpointed entry, a forged
// checkpoint or a last entry that does not verify with the key stop the start, because appending
// would seal new entries onto a tampered history and overwrite the checkpoint that proves it.
// A missing checkpoint is put on record (an audit.checkpoint-missing entry) and a new one begun;
// a log of legacy entries only is continued keyed, with an audit.chain-keyed entry first.
import type { AuditInput } from './chain.ts';
import { kindOf } from './chain.ts';
import { AuditStartError } from './audit-error.ts';
import { CHAIN_KEYED_ACTION, CHECKPOINT_MISSING_ACTION, checkEntries, compareWithCheckpoint } from './chain-verify.ts';
import type { StoredChain } from './chain-verify.ts';
import type { AuditSeal } from './seal.ts';

/** Where the keyed chain starts, and an entry to append before any other (when the start has something to record). */
export interface ChainStart {
  keyedSince: number;
  record?: AuditInput;
}

/** Checks the log's end against its checkpoint before appending; throws AuditStartError on evidence of tampering. */
export function startChain(chain: StoredChain, seal: AuditSeal): ChainStart {
  const where = seal.checkpoint.where;
  const stop = (what: string) =>
    new AuditStartError(
      `${what}. Nothing was appended. \`npm run audit:verify\` shows the whole chain; to start anyway, move ${where} aside ` +
        '(keep it: it is the evidence) — the log then records that its checkpoint was missing.',
    );
  const read = seal.checkpoint.read();
  if (read.status === 'invalid') {
    throw stop(`the audit checkpoint ${where} is not valid (${read.reason}): it was forged or damaged, or the audit key is not the one the log was sealed with (AUDIT_KEY_FILE?)`);
  }
  const head = chain.head();
  const headEntry = head && chain.entryAt(head.seq);
  const headKind = headEntry && kindOf(seal.key, headEntry);
  if (head && headKind === undefined) {
    throw stop(`the last audit entry (${head.seq}) verifies neither with the audit key nor as a legacy entry: it was modified, or the audit key is not the one the log was sealed with (AUDIT_KEY_FILE?)`);
  }

  if (read.status === 'valid') {
    const cp = read.checkpoint;
    const compared = compareWithCheckpoint(chain, cp);
    if (compared.status === 'truncated') throw stop(`the audit log ends at entry ${head?.seq ?? 0} but its checkpoint records entry ${cp.seq}: entries were removed from the end (or an older copy of the database was restored)`);
    if (compared.status === 'mismatch') throw stop(`audit entry ${cp.seq} is not the one its checkpoint records: it was rewritten`);
    if (headKind !== 'sealed') throw stop(`the last audit entry (${head!.seq}) is not sealed although the chain is keyed since entry ${cp.keyedSince}: keyed entries were rewritten as legacy ones`);
    return { keyedSince: cp.keyedSince };
  }

  if (!head) return { keyedSince: 1 };
  const system = { type: 'system' as const };
  if (headKind === 'sealed') {
    return {
      keyedSince: chain.seqsOf(CHAIN_KEYED_ACTION)[0] ?? 1,
      record: {
        actor: system,
        action: CHECKPOINT_MISSING_ACTION,
        details: { lastSeq: head.seq, lastHash: head.hash, checkpoint: where, consequence: 'entries removed from the end before this one could not be detected; a new checkpoint starts here' },
      },
    };
  }
  // Only legacy entries: the log predates the key. Verified once now, and the verdict kept on record.
  const legacy = checkEntries(chain, seal.key, head.seq + 1);
  return {
    keyedSince: head.seq + 1,
    record: {
      actor: system,
      action: CHAIN_KEYED_ACTION,
      details: {
        legacyEntries: head.seq,
        legacyHeadHash: head.hash,
        legacyChain: legacy.firstBroken ? `broken at entry ${legacy.firstBroken.seq}: ${legacy.firstBroken.reason}` : 'intact',
      },
    },
  };
}
