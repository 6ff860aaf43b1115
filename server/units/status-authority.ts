// Who may change a unit's status, and from which status. Three actors:
// - officers: admin, leader and duty-officer accounts whose jurisdiction contains the unit's
//   township (the township's centre, the county's) — they dispatch and cancel, and may record any
//   status the unit reports by radio;
// - the unit itself (its phone page): acknowledges, reports its way to the scene, clears, signs off;
// - the server (system): only flags — no answer in time, too long in a status. Arriving within
//   ~50 m of the scene is *offered* to the unit (arrival.ts), never applied by the server.
import { inJurisdiction } from '../cases/authority.ts';
import {
  UNIT_COMMAND_TYPES, UNIT_STATUS_NAMES, UNIT_STATUSES,
  type UnitActor, type UnitCommandType, type UnitDutyState, type UnitRefusal, type UnitStatus,
} from '../wire/unit-status.ts';

export type ActorKind = 'officer' | 'unit' | 'system';

const OFFICER_ROLES: ReadonlySet<string> = new Set(['admin', 'leader', 'duty-officer']);
const BUSY: readonly UnitStatus[] = ['dispatched', 'en-route', 'on-scene'];

/** The statuses each command may be given in (the 409 table). */
export const COMMAND_STATUSES: Readonly<Record<UnitCommandType, readonly UnitStatus[]>> = {
  dispatch: ['available', 'returning', ...BUSY], // a busy unit only with an override (double booking)
  accept: ['dispatched'],
  decline: ['dispatched'],
  depart: ['dispatched'],
  arrive: ['dispatched', 'en-route'],
  clear: ['on-scene'],
  cancel: BUSY,
  resume: ['returning', 'off-duty', 'out-of-service'],
  'sign-off': ['available', 'returning'],
  disable: UNIT_STATUSES.filter((s) => s !== 'out-of-service'),
  'flag-unanswered': ['dispatched'],
  'flag-overdue': UNIT_STATUSES,
};

/** The commands each actor may give. */
export const ACTOR_COMMANDS: Readonly<Record<ActorKind, ReadonlySet<UnitCommandType>>> = {
  officer: new Set(UNIT_COMMAND_TYPES.filter((t) => !t.startsWith('flag-'))),
  unit: new Set(['accept', 'decline', 'depart', 'arrive', 'clear', 'resume', 'sign-off', 'disable']),
  system: new Set(['flag-unanswered', 'flag-overdue']),
};

/** What kind of actor this is for this unit, or the refusal for one who may not act on it at all. */
export function actorKind(state: UnitDutyState, actor: UnitActor): ActorKind | UnitRefusal {
  switch (actor.type) {
    case 'system':
      return 'system';
    case 'unit':
      return actor.unitId === state.unitId ? 'unit' : { status: 403, reason: `unit ${actor.unitId} may change only its own status, not ${state.unitId}'s` };
    case 'account':
      if (!OFFICER_ROLES.has(actor.role)) return { status: 403, reason: `a ${actor.role} account does not direct patrol units` };
      if (!inJurisdiction(actor.jurisdictionCode, state.townshipCode)) {
        return { status: 403, reason: `unit ${state.callsign} belongs to township ${state.townshipCode}, outside your jurisdiction ${actor.jurisdictionCode}` };
      }
      return 'officer';
  }
}

/** Who and when: null when the actor may give this command to the unit now, whatever its payload; else the refusal (403, then 409). */
export function gateUnit(state: UnitDutyState, type: UnitCommandType, actor: UnitActor): UnitRefusal | null {
  const kind = actorKind(state, actor);
  if (typeof kind !== 'string') return kind;
  if (!ACTOR_COMMANDS[kind].has(type)) return { status: 403, reason: `${kind === 'system' ? 'the server' : `a ${kind}`} may not ${type} a unit` };
  if (!COMMAND_STATUSES[type].includes(state.status)) {
    return { status: 409, reason: `${type} is not allowed while unit ${state.callsign} is ${state.status} (${UNIT_STATUS_NAMES[state.status]})` };
  }
  return null;
}

/** The command types the actor may give now (what a client offers as buttons); the payload or the time can still be refused. */
export function availableUnitCommands(state: UnitDutyState, actor: UnitActor): UnitCommandType[] {
  return UNIT_COMMAND_TYPES.filter((type) => gateUnit(state, type, actor) === null);
}
