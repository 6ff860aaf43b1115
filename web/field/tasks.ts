// The task list of a grid worker (我的任务) between two loads: live changes update the cases it
// holds at once; which cases belong in it is the server's call (GET /cases?tab=mine), so the list is
// reloaded after every change and a reload keeps the newer of two views of one case.
import { isOpenStage } from '../../server/wire/case.ts';
import type { CaseView } from '../../server/wire/case-api.ts';

/** The held tasks with live views applied: newer versions replace older ones, closed cases leave. */
export function applyLiveViews(tasks: readonly CaseView[], changed: readonly CaseView[]): readonly CaseView[] {
  if (changed.length === 0) return tasks;
  const byId = new Map(changed.map((c) => [c.id, c] as const));
  let touched = false;
  const out: CaseView[] = [];
  for (const t of tasks) {
    const c = byId.get(t.id);
    if (!c || c.version <= t.version) {
      out.push(t);
      continue;
    }
    touched = true;
    if (isOpenStage(c.stage)) out.push(c);
  }
  return touched ? out : tasks;
}

/** A reloaded list, keeping a held view where it is newer than the loaded one (a tick can overtake a reload). */
export function reconcileTasks(loaded: readonly CaseView[], held: readonly CaseView[]): CaseView[] {
  const heldById = new Map(held.map((c) => [c.id, c] as const));
  return loaded.map((c) => {
    const h = heldById.get(c.id);
    return h && h.version > c.version ? h : c;
  }).filter((c) => isOpenStage(c.stage));
}

/** Milliseconds left until the case's current step is due (negative: overdue), or null without a limit. */
export function msUntilDue(c: Pick<CaseView, 'stepDueAt'>, nowMs: number): number | null {
  if (!c.stepDueAt) return null;
  const t = Date.parse(c.stepDueAt);
  return Number.isNaN(t) ? null : t - nowMs;
}
