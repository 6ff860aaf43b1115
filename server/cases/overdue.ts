// Overdue (超时) is derived from the due times in the state and the time, never stored: a case is
// overdue on its step or on the whole from its due instant on, while it is open.
import { isOpenStage, type CaseState } from '../wire/index.ts';

/** Which limits an open case has reached at nowMs (a closed case is never overdue). */
export function overdue(state: Pick<CaseState, 'stage' | 'stepDueAt' | 'caseDueAt'>, nowMs: number): { step: boolean; case: boolean } {
  if (!isOpenStage(state.stage)) return { step: false, case: false };
  return { step: reached(state.stepDueAt, nowMs), case: reached(state.caseDueAt, nowMs) };
}

function reached(dueAt: string | null, nowMs: number): boolean {
  return dueAt !== null && nowMs >= Date.parse(dueAt);
}
