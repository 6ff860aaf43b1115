// apply and fold of unit status events: a log that does not fit is refused, and a property test over
// random command sequences by random actors: folding the log from the starting states reproduces
// every unit exactly, versions run without gaps, and the duty state keeps its invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBusyStatus, type UnitActor, type UnitCommand, type UnitDutyState, type UnitEvent } from '../wire/unit-status.ts';
import { applyUnit, foldUnits, initialUnitStates, UnitLogError } from './status-apply.ts';
import { decideUnit } from './status-decide.ts';
import { DEFAULT_UNIT_TIME_LIMITS } from './status-limits.ts';
import { storedUnitEvent, T0, TOWNSHIP, unitActors, unitIn } from './status-fixtures.ts';

const UNITS = [
  { id: 'unit-1', callsign: '城东骑01', townshipCode: TOWNSHIP },
  { id: 'unit-2', callsign: '城东步01', townshipCode: TOWNSHIP },
];

describe('applyUnit', () => {
  it('starts every unit available at version 0, with no status time', () => {
    expect(initialUnitStates(UNITS).get('unit-2')).toEqual({
      unitId: 'unit-2', callsign: '城东步01', townshipCode: TOWNSHIP, version: 0, lastSeq: 0,
      status: 'available', since: null, assignment: null, unanswered: false, overdue: false, updatedAt: null,
    });
  });

  it('refuses an event with a version gap, of another unit, or of an unknown unit', () => {
    const w = unitIn('dispatched');
    const e = w.events[0]!;
    expect(() => applyUnit(w.state, { ...e, version: 3 } as UnitEvent)).toThrow(UnitLogError);
    expect(() => applyUnit(w.state, { ...e, unitId: 'unit-2', version: 2 } as UnitEvent)).toThrow(/applied to unit unit-1/);
    expect(() => foldUnits([{ ...e, unitId: 'ghost' } as UnitEvent], initialUnitStates(UNITS))).toThrow(/not a known unit/);
  });

  it('keeps the since time through an accept (the status does not change) and moves it on departure', () => {
    const w = unitIn('dispatched');
    const since = w.state.since;
    w.do({ type: 'accept' }, unitActors.self);
    expect(w.state.since).toBe(since);
    w.do({ type: 'depart' }, unitActors.self);
    expect(w.state.since).toBe(new Date(w.now).toISOString());
  });
});

// ── The property test ─────────────────────────────────────────────────────────────────────────

const ACTORS: UnitActor[] = [
  unitActors.township, unitActors.county, unitActors.otherTownship, unitActors.system,
  { type: 'unit', unitId: 'unit-1', name: '城东骑01' }, { type: 'unit', unitId: 'unit-2', name: '城东步01' },
];
const command = fc.oneof(
  fc.record({ type: fc.constant('dispatch' as const), caseId: fc.constantFrom('case-1', 'case-2', 'case-3'), override: fc.boolean() }),
  fc.constantFrom<UnitCommand>(
    { type: 'accept' }, { type: 'decline', reason: '忙' }, { type: 'depart' }, { type: 'arrive' },
    { type: 'clear', disposition: 'resolved' }, { type: 'cancel', reason: '改派' }, { type: 'resume' },
    { type: 'sign-off' }, { type: 'disable', reason: '故障' }, { type: 'flag-unanswered' }, { type: 'flag-overdue' },
  ),
);
const step = fc.record({ unit: fc.nat(UNITS.length - 1), command, actor: fc.nat(ACTORS.length - 1), afterMs: fc.integer({ min: 0, max: 45 * 60_000 }) });

function checkInvariants(s: UnitDutyState): void {
  if (isBusyStatus(s.status)) expect(s.assignment?.milestones.clearedAt).toBeNull();
  if (s.status === 'returning') expect(s.assignment?.milestones.clearedAt).not.toBeNull();
  if (s.status === 'available' || s.status === 'off-duty' || s.status === 'out-of-service') expect(s.assignment).toBeNull();
  if (s.status !== 'dispatched') expect(s.unanswered).toBe(false);
}

describe('fold', () => {
  it('reproduces every unit from the log, with gapless versions and write-once milestones', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const live = initialUnitStates(UNITS);
      const log: UnitEvent[] = [];
      let now = T0;
      for (const s of steps) {
        now += s.afterMs;
        const id = UNITS[s.unit]!.id;
        const before = live.get(id)!;
        const d = decideUnit(before, s.command, ACTORS[s.actor]!, { now, limits: DEFAULT_UNIT_TIME_LIMITS });
        if ('refusal' in d) {
          expect([403, 409]).toContain(d.refusal.status);
          continue;
        }
        let state = before;
        for (const draft of d.events) {
          const e = storedUnitEvent(draft, id, state.version + 1);
          log.push(e);
          state = applyUnit(state, e);
        }
        checkInvariants(state);
        // Within one assignment a milestone, once set, never changes.
        if (before.assignment && state.assignment && before.assignment.milestones.dispatchedAt === state.assignment.milestones.dispatchedAt) {
          for (const [k, v] of Object.entries(before.assignment.milestones)) if (v !== null) expect(state.assignment.milestones[k as 'acknowledgedAt']).toBe(v);
        }
        if (state.status !== before.status) expect(state.since).toBe(new Date(now).toISOString());
        live.set(id, state);
      }
      expect(foldUnits(log, initialUnitStates(UNITS))).toEqual(live);
      for (const u of UNITS) expect(log.filter((e) => e.unitId === u.id).map((e) => e.version)).toEqual(Array.from({ length: live.get(u.id)!.version }, (_, i) => i + 1));
    }), { numRuns: 300 });
  });
});
