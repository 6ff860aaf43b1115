// Audit entries of case commands, written in batches: every command is audited with its before and
// after, but a busy console (or an integration posting a batch) must not pay one audit transaction
// — an fsync — per command. The entries of one turn of the event loop share one transaction, and
// each caller hears back only once its entry is committed.
import type { AuditInput, AuditLog } from '../audit/audit-log.ts';

export interface AuditBatch {
  /** Queues an entry; resolves once it is committed with the others of this turn. */
  add(input: AuditInput): Promise<void>;
}

export function createAuditBatch(audit: Pick<AuditLog, 'appendMany'>): AuditBatch {
  let queue: { input: AuditInput; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const jobs = queue;
    queue = [];
    try {
      audit.appendMany(jobs.map((j) => j.input));
      for (const j of jobs) j.resolve();
    } catch (err) {
      for (const j of jobs) j.reject(err);
    }
  }

  return {
    add(input) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
