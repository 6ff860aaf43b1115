// apply: a case's state after one more event; fold: the current states of many cases from a log.
// No rules and no configuration here — decide made every choice and wrote it (stages, owners, due
// times) into the events — so replaying any old log gives exactly the states it gave then.
import type { AccountRef, CaseActor, CaseEvent, CaseMilestones, CaseStage, CaseState } from '../wire/index.ts';

/** An event that cannot follow the state it is applied to (a gap, a second `created`, another case's event). */
export class CaseLogError extends Error {
  override name = 'CaseLogError';
}

const NO_MILESTONES: CaseMilestones = Object.freeze({ acceptedAt: null, dispatchedAt: null, handlingAt: null, handledAt: null, verifiedAt: null, archivedAt: null });

/** The milestone each stage records when a case first enters it ('verifying' is entered by being handled). */
const MILESTONE_OF: Partial<Record<CaseStage, keyof CaseMilestones>> = {
  accepted: 'acceptedAt', dispatched: 'dispatchedAt', handling: 'handlingAt', verifying: 'handledAt', verified: 'verifiedAt', archived: 'archivedAt',
};

/** The state after `event`; `state` is undefined for a case's first event, which must be `created`. */
export function apply(state: CaseState | undefined, event: CaseEvent): CaseState {
  if (!state) return created(event);
  if (event.caseId !== state.id) throw new CaseLogError(`event ${event.seq} of case ${event.caseId} applied to case ${state.id}`);
  if (event.version !== state.version + 1) throw new CaseLogError(`case ${state.id}: event ${event.seq} has version ${event.version}, expected ${state.version + 1}`);
  const { at } = event;
  const next: CaseState = copy(state, event.version, event.seq, at);
  switch (event.type) {
    case 'created':
      throw new CaseLogError(`case ${state.id}: a second created event (seq ${event.seq})`);
    case 'accepted': {
      const p = event.payload;
      next.stage = p.stage;
      next.owner = p.owner;
      next.stepDueAt = p.stepDueAt;
      break;
    }
    case 'assigned':
      next.stage = 'dispatched';
      next.assignee = event.payload.assignee;
      break;
    case 'feedback':
      next.stage = event.payload.stage;
      break;
    case 'handled':
      next.stage = 'verifying';
      next.handledBy = accountRef(event.actor);
      next.stepDueAt = event.payload.stepDueAt;
      break;
    case 'verified':
      next.stage = 'verified';
      break;
    case 'rejected':
      next.stage = 'handling';
      next.handledBy = null;
      next.stepDueAt = event.payload.stepDueAt;
      break;
    case 'archived': {
      const { satisfaction, disposition, note } = event.payload;
      next.stage = 'archived';
      next.evaluation = { satisfaction, disposition, note, by: accountRef(event.actor), at };
      next.stepDueAt = null;
      break;
    }
    case 'escalated':
    case 'handed-down': {
      // A transfer: the new centre accepts it afresh, and its first acceptor becomes the owner (首问负责).
      const p = event.payload;
      next.stage = 'intake';
      next.level = p.to;
      next.centreCode = p.centreCode;
      next.owner = null;
      next.assignee = null;
      next.handledBy = null;
      next.stepDueAt = p.stepDueAt;
      break;
    }
    case 'merged':
      next.stage = 'merged';
      next.mergedInto = event.payload.into;
      next.stepDueAt = null;
      break;
    case 'reopened':
      next.stage = 'accepted';
      next.assignee = null;
      next.handledBy = null;
      next.evaluation = null;
      next.stepDueAt = event.payload.stepDueAt;
      next.caseDueAt = event.payload.caseDueAt;
      break;
    case 'note':
      break;
  }
  // Write-once: the first time the case entered each step, whatever brought it there.
  const milestone = MILESTONE_OF[next.stage];
  if (milestone && next.stage !== state.stage && state.milestones[milestone] === null) next.milestones = withMilestone(state.milestones, milestone, at);
  return next;
}

/** Folds events (of any cases, in log order) into their current states; pass `states` to continue from them. */
export function fold(events: Iterable<CaseEvent>, states: Map<string, CaseState> = new Map()): Map<string, CaseState> {
  for (const e of events) states.set(e.caseId, apply(states.get(e.caseId), e));
  return states;
}

function created(event: CaseEvent): CaseState {
  if (event.type !== 'created') throw new CaseLogError(`case ${event.caseId}: its first event (seq ${event.seq}) is ${event.type}, not created`);
  if (event.version !== 1) throw new CaseLogError(`case ${event.caseId}: created has version ${event.version}, expected 1`);
  const p = event.payload;
  return {
    id: event.caseId, version: 1, lastSeq: event.seq,
    stage: 'intake', level: p.level, centreCode: p.centreCode,
    incidentId: p.incidentId, category: p.category, priority: p.priority,
    townshipCode: p.townshipCode, villageCode: p.villageCode, gridCode: p.gridCode, source: p.source, receivedAt: p.receivedAt,
    reporterAccountId: p.reporterAccountId ?? null,
    owner: null, assignee: null, handledBy: null, evaluation: null, mergedInto: null,
    stepDueAt: p.stepDueAt, caseDueAt: p.caseDueAt,
    milestones: NO_MILESTONES,
    createdAt: event.at, updatedAt: event.at,
  };
}


function accountRef(actor: CaseActor): AccountRef | null {
  return actor.type === 'account' ? { id: actor.id, name: actor.name } : null;
}

/** A copy with the new version, seq and time (written out: one object shape for every state, which V8 copies far faster than a spread). */
function copy(s: CaseState, version: number, lastSeq: number, updatedAt: string): CaseState {
  return {
    id: s.id, version, lastSeq, stage: s.stage, level: s.level, centreCode: s.centreCode,
    incidentId: s.incidentId, category: s.category, priority: s.priority,
    townshipCode: s.townshipCode, villageCode: s.villageCode, gridCode: s.gridCode, source: s.source, receivedAt: s.receivedAt,
    reporterAccountId: s.reporterAccountId,
    owner: s.owner, assignee: s.assignee, handledBy: s.handledBy, evaluation: s.evaluation, mergedInto: s.mergedInto,
    stepDueAt: s.stepDueAt, caseDueAt: s.caseDueAt, milestones: s.milestones, createdAt: s.createdAt, updatedAt,
  };
}

/** The milestones with one more set (written out, like copy). */
function withMilestone(m: CaseMilestones, key: keyof CaseMilestones, at: string): CaseMilestones {
  const out: CaseMilestones = { acceptedAt: m.acceptedAt, dispatchedAt: m.dispatchedAt, handlingAt: m.handlingAt, handledAt: m.handledAt, verifiedAt: m.verifiedAt, archivedAt: m.archivedAt };
  out[key] = at;
  return out;
}
