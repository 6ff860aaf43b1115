// The closed loop as the case card's stepper shows it — 受理 → 派遣 → 处置 → 反馈 → 核查 → 归档 —
// with who did each step and when, read from the case's timeline (the milestones when the
// timeline is not loaded yet). A reopened, escalated or handed-down case starts its loop again
// from its new stage; the steps before it keep who did them the last time.
import type { CaseActor, CaseAssignee, CaseEvent, CaseStage } from '../../server/wire/case.ts';
import type { CaseView } from '../../server/wire/case-api.ts';

export const LOOP_STEPS = ['accept', 'dispatch', 'handle', 'feedback', 'verify', 'archive'] as const;
export type LoopStep = (typeof LOOP_STEPS)[number];

/** done: it happened; skipped: the loop went past it without it (e.g. archived as unfounded at intake). */
export type StepStatus = 'done' | 'skipped' | 'current' | 'todo';

export interface StepView {
  step: LoopStep;
  status: StepStatus;
  who: CaseActor | null;
  at: string | null;
  /** For 派遣: to whom. */
  assignee?: CaseAssignee;
}

/** Index of the step a case in this stage waits for (6: the loop is closed). */
const CURRENT_STEP: Record<CaseStage, number> = {
  intake: 0, accepted: 1, dispatched: 2, handling: 3, verifying: 4, verified: 5, archived: 6, merged: 6,
};

const MILESTONE: Record<LoopStep, keyof CaseView['milestones']> = {
  accept: 'acceptedAt', dispatch: 'dispatchedAt', handle: 'handlingAt', feedback: 'handledAt', verify: 'verifiedAt', archive: 'archivedAt',
};

/** Which step an event completes, if any. */
function stepOf(e: CaseEvent): LoopStep | null {
  switch (e.type) {
    case 'accepted': return e.payload.stage === 'accepted' ? 'accept' : 'handle';
    case 'assigned': return 'dispatch';
    case 'feedback': return e.payload.stage === 'handling' ? 'handle' : null;
    case 'handled': return 'feedback';
    case 'verified': return 'verify';
    case 'archived': return 'archive';
    default: return null;
  }
}

/** The six steps of the case's loop, from its state and (when loaded) its events in log order. */
export function loopSteps(c: Pick<CaseView, 'stage' | 'milestones'>, events: readonly CaseEvent[] | null): StepView[] {
  const latest = new Map<LoopStep, CaseEvent>();
  for (const e of events ?? []) {
    const step = stepOf(e);
    if (step) latest.set(step, e);
  }
  // Recorded handled straight from 已派遣: it was handled then, by whoever recorded it.
  const handled = latest.get('feedback');
  if (!latest.has('handle') && handled) latest.set('handle', handled);
  const current = CURRENT_STEP[c.stage];
  return LOOP_STEPS.map((step, k): StepView => {
    if (k >= current) return { step, status: k === current && c.stage !== 'merged' ? 'current' : 'todo', who: null, at: null };
    const e = latest.get(step);
    if (e) return { step, status: 'done', who: e.actor, at: e.at, ...(e.type === 'assigned' ? { assignee: e.payload.assignee } : {}) };
    const at = c.milestones[MILESTONE[step]];
    return { step, status: at || (events === null && c.stage !== 'archived') ? 'done' : 'skipped', who: null, at };
  });
}
