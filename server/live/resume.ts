// Answering `resume {afterSeq}`: a client that was away gets what it missed from the log, paged —
// the incidents created and the cases changed (as they are now) — only what its jurisdiction may
// see, and never past the seq it was greeted with (ticks cover everything after that, so each
// missed incident arrives once, none twice).
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.ts';
import type { IncidentStore } from '../store/types.ts';
import type { CaseView, Incident, ResumeResult } from '../wire/index.ts';
import { readLog } from './log-reader.ts';
import type { LiveCases, LiveUnitStatuses } from './log-reader.ts';

/** Log entries read per store page while looking for a scope's incidents and cases. */
const RESUME_SCAN_PAGE = 2000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export type ResumeAnswer = (scope: Scope, request: unknown, upto: number) => Promise<ResumeResult>;

/** @param pageSize incidents (and cases) per answer; the client asks again while `more` is true */
export function createResumeAnswer(store: IncidentStore, cases: LiveCases, pageSize: number, now: () => number, units?: LiveUnitStatuses): ResumeAnswer {
  /** What changed after `afterSeq` up to `upto` inside the scope: at most one page, scanning past the rest. */
  async function page(scope: Scope, afterSeq: number, upto: number): Promise<ResumeResult> {
    const found: Incident[] = [];
    const changed = new Set<string>();
    const unitsChanged = new Set<string>();
    let cursor = afterSeq;
    let full = false;
    while (cursor < upto && !full) {
      // Never read past upto: the ticks bring what comes after it.
      const stretch = await readLog(store, cases, cursor, Math.min(RESUME_SCAN_PAGE, upto - cursor), units);
      if (stretch.entries === 0) break;
      // Entries are walked in seq order through the incidents; a page ends at a whole incident.
      for (const i of stretch.incidents) {
        if (inScope(scope, i.gridCode)) found.push(i);
        if (found.length === pageSize) {
          full = true;
          cursor = i.seq;
          break;
        }
      }
      if (!full) cursor = stretch.lastSeq;
      for (const id of stretch.changed) changed.add(id);
      for (const id of stretch.unitsChanged) unitsChanged.add(id);
      await yieldToLoop(); // a long scan must not stall the ticks of everyone else
    }
    const views: CaseView[] = cases.views(changed, now()).filter((c) => inScope(scope, c.gridCode));
    // more ⇒ a non-empty page, so the client can ask again from its last incident.
    const more = full && cursor < upto;
    const statuses = units ? units.views(unitsChanged).filter((u) => inScope(scope, u.townshipCode)) : [];
    return { incidents: found, cases: views, ...(statuses.length > 0 ? { unitStatuses: statuses } : {}), lastSeq: upto, more };
  }

  return async (scope, request, upto) => {
    const afterSeq = (request as { afterSeq?: unknown } | null)?.afterSeq;
    if (typeof afterSeq !== 'number' || !Number.isSafeInteger(afterSeq) || afterSeq < 0) {
      // Named, not answered as "nothing missed": a client must not take a bad request for an
      // empty gap. (Only the type or the number is echoed: stringifying arbitrary input could throw.)
      const got = typeof afterSeq === 'number' ? String(afterSeq) : `a value of type ${afterSeq === null ? 'null' : typeof afterSeq}`;
      return { incidents: [], cases: [], lastSeq: upto, more: false, error: `resume needs { afterSeq: a whole number >= 0 }, got ${got}` };
    }
    if (afterSeq >= upto) return { incidents: [], cases: [], lastSeq: upto, more: false };
    return page(scope, afterSeq, upto);
  };
}
