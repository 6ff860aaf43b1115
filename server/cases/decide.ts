// decide: a command on a case → the events it produces, or why it is refused. Pure: the time is
// passed in, the limits in force are passed in, and the due times it computes go into the events.
// It never reads the version: the store checks the sender's expectedVersion atomically on append.
import {
  CASE_STAGE_NAMES, isOpenStage, parseCaseCommand,
  type AccountRef, type CaseActor, type CaseCommand, type CaseEventDraft, type CaseEventPayloads, type CaseEventType,
  type CaseIncidentFacts, type CaseLevel, type CaseRefusal, type CaseState,
} from '../wire/index.ts';
import { actorRefusal, actsForAssignee, gate, inJurisdiction, type AccountActor } from './authority.ts';
import { centreCodeAt, isBelow, levelAbove, LEVEL_NAMES } from './levels.ts';
import type { LimitStep, TimeLimits } from './time-limits.ts';

/** What decide needs besides the case: the time, the limits in force and, for a merge, the surviving case. */
export interface DecideContext {
  /** Now, ms since epoch. */
  now: number;
  limits: TimeLimits;
  /** The case named by a merge's `into`, as the store has it now. */
  survivor?: CaseState;
}

export type Decision = { events: CaseEventDraft[] } | { refusal: CaseRefusal };

/** The events a command produces on a case, or the refusal (403 who, 409 stage/level, 422 payload). */
export function decide(state: CaseState, command: CaseCommand, actor: CaseActor, ctx: DecideContext): Decision {
  const refused = actorRefusal(actor);
  if (refused) return { refusal: refused };
  const parsed = parseCaseCommand(command);
  if ('refusal' in parsed) return parsed;
  const cmd = parsed.command;
  const gated = gate(state, cmd.type, actor);
  if (gated) return { refusal: gated };
  return RULES[cmd.type](state, cmd as never, actor as AccountActor, ctx);
}

/** The `created` event of a new case: at the village level, with its accept and total due times from `atMs`. */
export function createdDraft(incident: CaseIncidentFacts, limits: TimeLimits, atMs: number, actor: CaseActor = { type: 'source', name: incident.source }): CaseEventDraft {
  const steps = limits.limitsFor(incident.category, incident.priority);
  const { incidentId, category, priority, townshipCode, villageCode, gridCode, source, receivedAt, reporterAccountId } = incident;
  return event('created', atMs, actor, {
    incidentId, category, priority, townshipCode, villageCode, gridCode, source, receivedAt,
    ...(reporterAccountId ? { reporterAccountId } : {}),
    level: 'village', centreCode: centreCodeAt(gridCode, 'village'),
    stepDueAt: iso(atMs + steps.accept), caseDueAt: iso(atMs + steps.total),
  });
}

type Rule<C extends CaseCommand['type']> = (state: CaseState, cmd: Extract<CaseCommand, { type: C }>, actor: AccountActor, ctx: DecideContext) => Decision;

const RULES: { [C in CaseCommand['type']]: Rule<C> } = {
  accept(state, _cmd, actor, ctx) {
    if (state.stage === 'intake') {
      // 首问负责: at intake there is no owner (a transfer clears it), so the acceptor becomes it.
      return one('accepted', ctx, actor, { stage: 'accepted', owner: ref(actor), stepDueAt: due(state, ctx, 'handle') });
    }
    return one('accepted', ctx, actor, { stage: 'handling', owner: state.owner, stepDueAt: state.stepDueAt });
  },
  assign(state, { assignee }, actor, ctx) {
    if (assignee.kind === 'grid' && !assignee.gridCode.startsWith(state.centreCode)) {
      return refuse(422, `assignee.gridCode ${assignee.gridCode} is outside the case's centre ${state.centreCode}`, 'assignee.gridCode');
    }
    if (state.assignee && sameAssignee(state.assignee, assignee)) return refuse(409, 'the case is already assigned to them');
    return one('assigned', ctx, actor, { assignee });
  },
  feedback(state, { note, photos = [] }, actor, ctx) {
    const stage = state.stage === 'dispatched' && actsForAssignee(actor, state) ? 'handling' : state.stage;
    return one('feedback', ctx, actor, { note, photos, stage });
  },
  handle(state, { note, photos = [] }, actor, ctx) {
    return one('handled', ctx, actor, { note, photos, stepDueAt: due(state, ctx, 'verify') });
  },
  verify(_state, { note = '' }, actor, ctx) {
    return one('verified', ctx, actor, { note });
  },
  reject(state, { reason }, actor, ctx) {
    // 返工: back to the same assignee with a fresh handling limit; the case's total limit keeps running.
    return one('rejected', ctx, actor, { reason, stepDueAt: due(state, ctx, 'handle') });
  },
  archive(state, { satisfaction, disposition, note = '' }, actor, ctx) {
    if (state.stage !== 'verified' && disposition === 'resolved') {
      return refuse(409, `a case that is ${state.stage} (${CASE_STAGE_NAMES[state.stage]}) can be archived only as unfounded, duplicate or transferred; a resolved case must be handled and verified first`);
    }
    return one('archived', ctx, actor, { satisfaction, disposition, note });
  },
  escalate(state, { reason }, actor, ctx) {
    const to = levelAbove(state.level) as CaseLevel; // gate refused it at the county
    return one('escalated', ctx, actor, transfer(state, to, reason, ctx));
  },
  'hand-down'(state, { to, reason = '' }, actor, ctx) {
    if (!isBelow(to, state.level)) {
      return refuse(409, `a ${state.level}-level case (${LEVEL_NAMES[state.level]}) can be handed down only to a lower level, not to ${to}`);
    }
    return one('handed-down', ctx, actor, transfer(state, to, reason, ctx));
  },
  merge(state, { into }, actor, ctx) {
    if (into === state.id) return refuse(422, 'into names this case: a case cannot be merged into itself', 'into');
    const survivor = ctx.survivor;
    if (!survivor || survivor.id !== into) return refuse(422, `into names no known case (${into})`, 'into');
    if (!isOpenStage(survivor.stage)) return refuse(409, `the surviving case ${into} is ${survivor.stage} (${CASE_STAGE_NAMES[survivor.stage]}); merge into an open case`);
    if (!inJurisdiction(actor.jurisdictionCode, survivor.centreCode)) {
      return refuse(403, `the surviving case ${into} belongs to centre ${survivor.centreCode}, outside your jurisdiction ${actor.jurisdictionCode}`);
    }
    return one('merged', ctx, actor, { into });
  },
  reopen(state, { reason }, actor, ctx) {
    // A reopened case starts handling and its total limit afresh; the first milestones stay as they were.
    return one('reopened', ctx, actor, { reason, stepDueAt: due(state, ctx, 'handle'), caseDueAt: due(state, ctx, 'total') });
  },
  note(_state, { text, photos }, actor, ctx) {
    return one('note', ctx, actor, photos && photos.length > 0 ? { text, photos } : { text });
  },
};

/** Payload of a transfer (escalation or hand-down): the centre at the new level, and a fresh accept limit there. */
function transfer(state: CaseState, to: CaseLevel, reason: string, ctx: DecideContext): CaseEventPayloads['escalated'] {
  return { reason, from: state.level, to, centreCode: centreCodeAt(state.gridCode, to), stepDueAt: due(state, ctx, 'accept') };
}

function sameAssignee(a: NonNullable<CaseState['assignee']>, b: NonNullable<CaseState['assignee']>): boolean {
  if (a.kind === 'grid' && b.kind === 'grid') return a.gridCode === b.gridCode;
  if (a.kind === 'account' && b.kind === 'account') return a.accountId === b.accountId;
  if (a.kind === 'unit' && b.kind === 'unit') return a.unitId === b.unitId;
  return false;
}

function due(state: CaseState, ctx: DecideContext, step: LimitStep): string {
  return iso(ctx.now + ctx.limits.limitsFor(state.category, state.priority)[step]);
}

function iso(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  return new Date(ms).toISOString();
}

const ref = (actor: AccountActor): AccountRef => ({ id: actor.id, name: actor.name });

function event<T extends CaseEventType>(type: T, atMs: number, actor: CaseActor, payload: CaseEventPayloads[T]): CaseEventDraft {
  return { type, at: iso(atMs), actor, payload } as CaseEventDraft;
}

function one<T extends CaseEventType>(type: T, ctx: DecideContext, actor: CaseActor, payload: CaseEventPayloads[T]): Decision {
  return { events: [event(type, ctx.now, actor, payload)] };
}

function refuse(status: CaseRefusal['status'], reason: string, field?: string): Decision {
  return { refusal: field ? { status, reason, field } : { status, reason } };
}

