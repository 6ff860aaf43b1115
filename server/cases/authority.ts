// Who may do what to a case, and in which stage. Two kinds of power:
// - the centre's: admin, leader and duty-officer accounts may do every command on a case whose
//   responsible centre lies in their jurisdiction (their code is a prefix of the centre's), so a
//   higher centre may act on a lower level's case (督办) and a lower one never on a higher one's;
// - the assignee's: whoever the case is dispatched to may take it, report on it, record it handled
//   and add notes — the grid's worker (a grid-worker account whose jurisdiction contains the grid)
//   or the named account. Units have no accounts yet: the centre speaks for them.
// Wall displays, sources and the server itself hold neither.
import { CASE_COMMAND_TYPES, CASE_STAGE_NAMES, isOpenStage, type CaseActor, type CaseCommandType, type CaseRefusal, type CaseStage, type CaseState } from '../wire/index.ts';
import { LEVEL_NAMES } from './levels.ts';

/** An account acting on a case. */
export type AccountActor = Extract<CaseActor, { type: 'account' }>;

const CENTRE_ROLES: ReadonlySet<string> = new Set(['admin', 'leader', 'duty-officer']);
/** What the assignee may do. */
export const ASSIGNEE_COMMANDS: ReadonlySet<CaseCommandType> = new Set(['accept', 'feedback', 'handle', 'note']);

const OPEN: readonly CaseStage[] = ['intake', 'accepted', 'dispatched', 'handling', 'verifying', 'verified'];

/** The stages each command may be given in (the 409 table). */
export const COMMAND_STAGES: Readonly<Record<CaseCommandType, readonly CaseStage[]>> = {
  accept: ['intake', 'dispatched'], // 受理 by the centre; 接单 by the assignee
  assign: ['accepted', 'dispatched', 'handling'], // reassignment allowed until it is handled
  feedback: ['dispatched', 'handling', 'verifying'],
  handle: ['dispatched', 'handling'],
  verify: ['verifying'],
  reject: ['verifying'],
  archive: ['intake', 'accepted', 'verified'], // at intake/accepted only as unfounded, duplicate or transferred
  escalate: OPEN,
  'hand-down': OPEN,
  merge: OPEN,
  reopen: ['archived'],
  note: [...OPEN, 'archived', 'merged'],
};

/** True when a jurisdiction (6, 9, 12 or 15 digits) contains a code. */
export function inJurisdiction(jurisdictionCode: string, code: string): boolean {
  return jurisdictionCode !== '' && code.startsWith(jurisdictionCode);
}

/** True when the actor holds the centre's power over this case. */
export function hasCentrePower(actor: AccountActor, state: Pick<CaseState, 'centreCode'>): boolean {
  return CENTRE_ROLES.has(actor.role) && inJurisdiction(actor.jurisdictionCode, state.centreCode);
}

/** True when the actor is (or, for a unit, speaks for) the case's assignee. */
export function actsForAssignee(actor: AccountActor, state: Pick<CaseState, 'assignee' | 'centreCode'>): boolean {
  const a = state.assignee;
  if (!a) return false;
  switch (a.kind) {
    case 'grid': return actor.role === 'grid-worker' && inJurisdiction(actor.jurisdictionCode, a.gridCode);
    case 'account': return actor.id === a.accountId;
    case 'unit': return hasCentrePower(actor, state);
  }
}

/** True when the actor's own session reported the case (发现上报): it may add notes and photos to it while it is open. */
export function isReporter(actor: AccountActor, state: Pick<CaseState, 'reporterAccountId' | 'stage'>): boolean {
  return state.reporterAccountId !== null && state.reporterAccountId === actor.id && isOpenStage(state.stage);
}

/** A refusal for an actor that may never act on cases, or null for an account that might. */
export function actorRefusal(actor: CaseActor): CaseRefusal | null {
  if (actor.type === 'source') return { status: 403, reason: `a source (${actor.name}) posts incidents; it cannot act on cases` };
  if (actor.type === 'system') return { status: 403, reason: 'the server does not act on cases by itself' };
  if (actor.role === 'wall-display') return { status: 403, reason: 'a wall display (大屏) only watches; it cannot act on cases' };
  return null;
}

/** Who and when: null when the actor may give this command to the case now, whatever its payload; else the refusal (403, then 409). */
export function gate(state: CaseState, type: CaseCommandType, actor: CaseActor): CaseRefusal | null {
  const refused = actorRefusal(actor);
  if (refused) return refused;
  const account = actor as AccountActor;
  if (!hasCentrePower(account, state) && !(ASSIGNEE_COMMANDS.has(type) && actsForAssignee(account, state)) && !(type === 'note' && isReporter(account, state))) {
    return { status: 403, reason: whyNot(account, state, type) };
  }
  if (!COMMAND_STAGES[type].includes(state.stage)) {
    return { status: 409, reason: `${type} is not allowed while the case is ${state.stage} (${CASE_STAGE_NAMES[state.stage]})${isOpenStage(state.stage) ? '' : ': it is closed'}` };
  }
  return precondition(state, type, account);
}

/** The command types the actor may give now (what a client offers as buttons); the payload can still be refused. */
export function availableCommands(state: CaseState, actor: CaseActor): CaseCommandType[] {
  return CASE_COMMAND_TYPES.filter((type) => gate(state, type, actor) === null);
}

/** The rules of one command that depend on the case and the person but not on the payload. */
function precondition(state: CaseState, type: CaseCommandType, actor: AccountActor): CaseRefusal | null {
  switch (type) {
    case 'accept':
      if (state.stage === 'dispatched' && !actsForAssignee(actor, state)) return { status: 403, reason: 'only the assignee takes a dispatched task (接单)' };
      return null;
    case 'verify':
      if (state.handledBy?.id === actor.id) {
        return { status: 403, reason: `${state.handledBy.name} recorded it handled and may not also verify it: 核查 needs a different person` };
      }
      return null;
    case 'escalate':
      if (state.level === 'county') return { status: 409, reason: `the case is already at the county centre (${LEVEL_NAMES.county} ${state.centreCode}); there is no level above` };
      return null;
    case 'hand-down':
      if (state.level === 'village') return { status: 409, reason: `the case is at the village centre (${LEVEL_NAMES.village} ${state.centreCode}); there is no level below` };
      return null;
    default:
      return null;
  }
}

function whyNot(actor: AccountActor, state: CaseState, type: CaseCommandType): string {
  if (CENTRE_ROLES.has(actor.role)) {
    const assigneeHint = ASSIGNEE_COMMANDS.has(type) ? ', and it is not assigned to you' : '';
    return `the case belongs to centre ${state.centreCode}, outside your jurisdiction ${actor.jurisdictionCode}${assigneeHint}`;
  }
  if (!ASSIGNEE_COMMANDS.has(type)) return `a ${actor.role} may only accept, report on, handle and note the cases assigned to them, not ${type}`;
  return 'the case is not assigned to you';
}
