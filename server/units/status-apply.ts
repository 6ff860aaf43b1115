// apply: a unit's duty state after one more event; fold: the current states of many units from a
// log. No rules here — decide made every choice and wrote it into the events — so replaying an old
// log gives exactly the states it gave then. A unit has no "created" event: it starts available
// (在岗) at version 0, as units.json describes it.
import type { AccountRef, UnitInfo } from '../wire/index.ts';
import type { UnitActor, UnitAssignment, UnitAssignmentMilestones, UnitDutyState, UnitEvent, UnitStatus } from '../wire/unit-status.ts';

/** An event that cannot follow the state it is applied to (a gap, another unit's event, an unknown unit). */
export class UnitLogError extends Error {
  override name = 'UnitLogError';
}

/** A unit before its first status event. */
export function initialUnitDuty(unit: Pick<UnitInfo, 'id' | 'callsign' | 'townshipCode'>): UnitDutyState {
  return {
    unitId: unit.id, callsign: unit.callsign, townshipCode: unit.townshipCode, version: 0, lastSeq: 0,
    status: 'available', since: null, assignment: null, unanswered: false, overdue: false, updatedAt: null,
  };
}

/** The state after `event`. */
export function applyUnit(state: UnitDutyState, event: UnitEvent): UnitDutyState {
  if (event.unitId !== state.unitId) throw new UnitLogError(`event ${event.seq} of unit ${event.unitId} applied to unit ${state.unitId}`);
  if (event.version !== state.version + 1) throw new UnitLogError(`unit ${state.unitId}: event ${event.seq} has version ${event.version}, expected ${state.version + 1}`);
  const { at } = event;
  const next: UnitDutyState = { ...state, version: event.version, lastSeq: event.seq, updatedAt: at };
  const a = state.assignment;
  const enter = (status: UnitStatus, assignment: UnitAssignment | null) => {
    next.status = status;
    next.since = at;
    next.assignment = assignment;
    next.unanswered = false;
    next.overdue = false;
  };
  switch (event.type) {
    case 'dispatched': {
      const milestones: UnitAssignmentMilestones = { dispatchedAt: at, acknowledgedAt: null, enRouteAt: null, onSceneAt: null, clearedAt: null };
      enter('dispatched', { caseId: event.payload.caseId, dispatchedBy: accountRef(event.actor), override: event.payload.override, milestones, disposition: null });
      break;
    }
    case 'accepted':
      next.assignment = withMilestones(a, at, 'acknowledgedAt');
      next.unanswered = false;
      break;
    case 'departed':
      enter('en-route', withMilestones(a, at, 'acknowledgedAt', 'enRouteAt'));
      break;
    case 'arrived':
      enter('on-scene', withMilestones(a, at, 'acknowledgedAt', 'onSceneAt'));
      break;
    case 'cleared': {
      const cleared = withMilestones(a, at, 'clearedAt');
      enter('returning', cleared && { ...cleared, disposition: event.payload.disposition });
      break;
    }
    case 'declined':
    case 'cancelled':
    case 'resumed':
      enter('available', null);
      break;
    case 'signed-off':
      enter('off-duty', null);
      break;
    case 'disabled':
      enter('out-of-service', null);
      break;
    case 'unanswered':
      next.unanswered = true;
      break;
    case 'overdue':
      next.overdue = true;
      break;
  }
  return next;
}

/** Folds unit events (in log order) onto `states`, which holds every known unit (initialUnitStates). */
export function foldUnits(events: Iterable<UnitEvent>, states: Map<string, UnitDutyState>): Map<string, UnitDutyState> {
  for (const e of events) {
    const s = states.get(e.unitId);
    if (!s) throw new UnitLogError(`event ${e.seq} is of unit ${e.unitId}, which is not a known unit`);
    states.set(e.unitId, applyUnit(s, e));
  }
  return states;
}

/** Every unit before any event, by id. */
export function initialUnitStates(units: Iterable<Pick<UnitInfo, 'id' | 'callsign' | 'townshipCode'>>): Map<string, UnitDutyState> {
  const out = new Map<string, UnitDutyState>();
  for (const u of units) out.set(u.id, initialUnitDuty(u));
  return out;
}

function accountRef(actor: UnitActor): AccountRef | null {
  return actor.type === 'account' ? { id: actor.id, name: actor.name } : null;
}

type MilestoneKey = Exclude<keyof UnitAssignmentMilestones, 'dispatchedAt'>;

/** The assignment with these milestones set where they are still unset (write-once). */
function withMilestones(a: UnitAssignment | null, at: string, ...keys: MilestoneKey[]): UnitAssignment | null {
  if (!a) return null;
  const milestones = { ...a.milestones };
  for (const k of keys) milestones[k] ??= at;
  return { ...a, milestones };
}
