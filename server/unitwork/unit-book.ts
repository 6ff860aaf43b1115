// The unit book: the duty status of every unit of the county, in memory, exactly as the log says —
// every unit of units.json starts available (在岗) at version 0 and each committed event is applied
// in log order. A unit the log names but units.json no longer lists is left out (its events stay in
// the log as evidence).
import { initialUnitDuty } from '../units/status.ts';
import type { UnitInfo } from '../wire/index.ts';
import type { UnitDutyState, UnitEvent } from '../wire/unit-status.ts';
import { applyUnit } from '../units/status.ts';

export interface UnitBook {
  get(id: string): UnitDutyState | undefined;
  /** The version the book holds (0: none yet, or not a unit). */
  versionOf(id: string): number;
  /** The unit's static facts (kind, team, route). */
  info(id: string): UnitInfo | undefined;
  /** Every unit, in units.json order. */
  all(): UnitDutyState[];
  /** Applies committed events in log order; one the book already holds (an older version) is skipped. */
  applyEvents(events: readonly UnitEvent[]): void;
  /** Replaces a unit's state with one folded from the store, when it is newer than the book's. */
  put(state: UnitDutyState): void;
  /** A unit before any event, for folding from the store. */
  start(id: string): UnitDutyState | undefined;
}

export function createUnitBook(units: readonly UnitInfo[]): UnitBook {
  const infos = new Map(units.map((u) => [u.id, u]));
  const states = new Map(units.map((u) => [u.id, initialUnitDuty(u)]));
  return {
    get: (id) => states.get(id),
    versionOf: (id) => states.get(id)?.version ?? 0,
    info: (id) => infos.get(id),
    all: () => [...states.values()],
    applyEvents(events) {
      for (const e of events) {
        const s = states.get(e.unitId);
        if (!s || e.version <= s.version) continue;
        states.set(e.unitId, applyUnit(s, e));
      }
    },
    put(state) {
      const s = states.get(state.unitId);
      if (s && state.version > s.version) states.set(state.unitId, state);
    },
    start(id) {
      const u = infos.get(id);
      return u && initialUnitDuty(u);
    },
  };
}
