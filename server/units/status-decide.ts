// decide: a command on a unit's status → the events it produces, or why it is refused. Pure: the
// time and the limits are passed in. It never reads the version: the store checks the sender's
// expectedVersion atomically on append, so two officers dispatching one unit at once both learn
// the outcome (one appends; the other's retry sees the unit busy and is refused: double booking).
import {
  isBusyStatus, parseUnitCommand,
  type UnitActor, type UnitCommand, type UnitDutyState, type UnitEventDraft, type UnitEventPayloads, type UnitEventType, type UnitRefusal,
} from '../wire/unit-status.ts';
import { gateUnit } from './status-authority.ts';
import { flagsDue, type UnitTimeLimits } from './status-limits.ts';

export interface UnitDecideContext {
  /** Now, ms since epoch. */
  now: number;
  limits: UnitTimeLimits;
}

export type UnitDecision = { events: UnitEventDraft[] } | { refusal: UnitRefusal };

/** The events a command produces on a unit, or the refusal (403 who, 409 status, 422 payload). */
export function decideUnit(state: UnitDutyState, command: UnitCommand, actor: UnitActor, ctx: UnitDecideContext): UnitDecision {
  const parsed = parseUnitCommand(command);
  if ('refusal' in parsed) return parsed;
  const cmd = parsed.command;
  const gated = gateUnit(state, cmd.type, actor);
  if (gated) return { refusal: gated };
  return RULES[cmd.type](state, cmd as never, actor, ctx);
}

type Rule<C extends UnitCommand['type']> = (state: UnitDutyState, cmd: Extract<UnitCommand, { type: C }>, actor: UnitActor, ctx: UnitDecideContext) => UnitDecision;

const RULES: { [C in UnitCommand['type']]: Rule<C> } = {
  dispatch(state, { caseId, override = false }, actor, ctx) {
    const current = isBusyStatus(state.status) ? state.assignment : null;
    if (current?.caseId === caseId) return refuse(409, `unit ${state.callsign} is already dispatched to case ${caseId}`);
    if (current && !override) {
      return refuse(409, `unit ${state.callsign} is already ${state.status} for case ${current.caseId} (since ${state.since}); ` +
        'dispatching it again would double-book it: send another unit, or dispatch with override to take it off that case');
    }
    return one('dispatched', ctx, actor, { caseId, override: current !== null, replaces: current?.caseId ?? null });
  },
  accept(state, _cmd, actor, ctx) {
    const a = state.assignment!;
    if (a.milestones.acknowledgedAt !== null) return refuse(409, `unit ${state.callsign} already accepted case ${a.caseId}`);
    return one('accepted', ctx, actor, { caseId: a.caseId });
  },
  decline(state, { reason }, actor, ctx) {
    const a = state.assignment!;
    if (a.milestones.acknowledgedAt !== null) {
      return refuse(409, `unit ${state.callsign} accepted case ${a.caseId} already; ask the duty officer to cancel the dispatch`);
    }
    return one('declined', ctx, actor, { caseId: a.caseId, reason });
  },
  depart: (state, _cmd, actor, ctx) => one('departed', ctx, actor, { caseId: state.assignment!.caseId }),
  arrive: (state, _cmd, actor, ctx) => one('arrived', ctx, actor, { caseId: state.assignment!.caseId }),
  clear: (state, { disposition, note = '' }, actor, ctx) => one('cleared', ctx, actor, { caseId: state.assignment!.caseId, disposition, note }),
  cancel: (state, { reason }, actor, ctx) => one('cancelled', ctx, actor, { caseId: state.assignment!.caseId, reason }),
  resume: (_state, _cmd, actor, ctx) => one('resumed', ctx, actor, {}),
  'sign-off': (_state, _cmd, actor, ctx) => one('signed-off', ctx, actor, {}),
  disable(state, { reason }, actor, ctx) {
    return one('disabled', ctx, actor, { reason, releases: isBusyStatus(state.status) ? state.assignment!.caseId : null });
  },
  'flag-unanswered'(state, _cmd, actor, ctx) {
    const due = flagsDue(state, ctx.limits).unanswered;
    if (due === null) return refuse(409, `unit ${state.callsign} has ${state.unanswered ? 'already been flagged' : 'acknowledged the dispatch'}`);
    if (ctx.now < due) return refuse(409, `unit ${state.callsign} may answer until ${iso(due)}`);
    return one('unanswered', ctx, actor, { caseId: state.assignment!.caseId });
  },
  'flag-overdue'(state, _cmd, actor, ctx) {
    const due = flagsDue(state, ctx.limits).overdue;
    if (due === null) return refuse(409, `unit ${state.callsign} is ${state.overdue ? 'already flagged overdue' : `${state.status} with no time limit`}`);
    if (ctx.now < due) return refuse(409, `unit ${state.callsign} may stay ${state.status} until ${iso(due)}`);
    return one('overdue', ctx, actor, { status: state.status });
  },
};

function iso(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  return new Date(ms).toISOString();
}

function one<T extends UnitEventType>(type: T, ctx: UnitDecideContext, actor: UnitActor, payload: UnitEventPayloads[T]): UnitDecision {
  return { events: [{ type, at: iso(ctx.now), actor, payload } as UnitEventDraft] };
}

function refuse(status: UnitRefusal['status'], reason: string): UnitDecision {
  return { refusal: { status, reason } };
}
