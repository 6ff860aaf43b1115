// Answering `resume {afterSeq}`: a client that was away gets the incidents it missed from the store,
// paged, only those its jurisdiction may see, and never past the seq it was greeted with (ticks
// cover everything after that, so each missed incident arrives once, none twice).
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.ts';
import type { IncidentStore } from '../store/types.ts';
import type { Incident, ResumeResult } from '../wire/index.ts';

/** Rows read per store page while looking for a scope's incidents. */
const RESUME_SCAN_PAGE = 2000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export type ResumeAnswer = (scope: Scope, request: unknown, upto: number) => Promise<ResumeResult>;

/** @param pageSize incidents per answer; the client asks again while `more` is true */
export function createResumeAnswer(store: IncidentStore, pageSize: number): ResumeAnswer {
  /** Incidents after `afterSeq` up to `upto` inside the scope: at most one page, scanning past the others. */
  async function page(scope: Scope, afterSeq: number, upto: number): Promise<ResumeResult> {
    const found: Incident[] = [];
    let cursor = afterSeq;
    while (cursor < upto && found.length < pageSize) {
      const rows = await store.after(cursor, RESUME_SCAN_PAGE);
      if (rows.length === 0) break;
      for (const i of rows) {
        if (i.seq > upto) break;
        cursor = i.seq;
        if (inScope(scope, i.gridCode)) found.push(i);
        if (found.length === pageSize) break;
      }
      if (rows.at(-1)!.seq > upto) break;
      await yieldToLoop(); // a long scan must not stall the ticks of everyone else
    }
    // more ⇒ a non-empty page, so the client can ask again from its last incident.
    const more = found.length === pageSize && cursor < upto;
    return { incidents: found, lastSeq: upto, more };
  }

  return async (scope, request, upto) => {
    const afterSeq = (request as { afterSeq?: unknown } | null)?.afterSeq;
    if (typeof afterSeq !== 'number' || !Number.isSafeInteger(afterSeq) || afterSeq < 0) {
      // Named, not answered as "nothing missed": a client must not take a bad request for an
      // empty gap. (Only the type or the number is echoed: stringifying arbitrary input could throw.)
      const got = typeof afterSeq === 'number' ? String(afterSeq) : `a value of type ${afterSeq === null ? 'null' : typeof afterSeq}`;
      return { incidents: [], lastSeq: upto, more: false, error: `resume needs { afterSeq: a whole number >= 0 }, got ${got}` };
    }
    if (afterSeq >= upto) return { incidents: [], lastSeq: upto, more: false };
    return page(scope, afterSeq, upto);
  };
}
