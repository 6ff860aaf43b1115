// Between the store's log and the unit domain: a stored event of a unit stream is the domain's
// UnitEvent; a unit's state is the fold of its events onto its starting state (available, version 0).
import type { StoredEvent } from '../store/types.ts';
import { applyUnit } from '../units/status.ts';
import type { UnitDutyState, UnitEvent } from '../wire/unit-status.ts';

/** A stored event of a unit stream as the domain's event. */
export function toUnitEvent(e: StoredEvent): UnitEvent {
  return { seq: e.seq, unitId: e.streamId, version: e.version, type: e.type, at: e.at, actor: e.actor, payload: e.payload } as UnitEvent;
}

/** A unit's state: its events, in version order, folded onto its starting state. */
export function foldUnit(start: UnitDutyState, events: readonly StoredEvent[]): UnitDutyState {
  let state = start;
  for (const e of events) state = applyUnit(state, toUnitEvent(e));
  return state;
}
