// Every command in every status by each kind of actor — the township's duty officer, the unit itself
// (its phone page) and the server — with the status it leads to or the refusal's status; then the
// rules beyond the table: double booking, acknowledgements, flags, milestones, jurisdictions.
import { describe, expect, it } from 'vitest';
import { UNIT_STATUS_NAMES, UNIT_STATUSES, type UnitActor, type UnitCommand, type UnitStatus } from '../wire/unit-status.ts';
import { applyUnit } from './status-apply.ts';
import { decideUnit } from './status-decide.ts';
import { DEFAULT_UNIT_TIME_LIMITS } from './status-limits.ts';
import { storedUnitEvent, T0, unitActors, unitIn, UnitWalk } from './status-fixtures.ts';

const COMMANDS: Record<UnitCommand['type'], UnitCommand> = {
  dispatch: { type: 'dispatch', caseId: 'case-2' },
  accept: { type: 'accept' },
  decline: { type: 'decline', reason: '正在处置另一起纠纷' },
  depart: { type: 'depart' },
  arrive: { type: 'arrive' },
  clear: { type: 'clear', disposition: 'resolved', note: '已劝离' },
  cancel: { type: 'cancel', reason: '已派更近的力量' },
  resume: { type: 'resume' },
  'sign-off': { type: 'sign-off' },
  disable: { type: 'disable', reason: '电池没电' },
  'flag-unanswered': { type: 'flag-unanswered' },
  'flag-overdue': { type: 'flag-overdue' },
};

// The resulting status, '=' for the same status, or the refusal's status. Absent: 409.
type Outcome = UnitStatus | '=' | 403 | 409;
type Row = Partial<Record<UnitStatus, Outcome>>;
const ALL = (outcome: Outcome): Row => Object.fromEntries(UNIT_STATUSES.map((s) => [s, outcome]));

const SHARED: Record<Exclude<UnitCommand['type'], 'dispatch' | 'cancel' | 'flag-unanswered' | 'flag-overdue'>, Row> = {
  accept: { dispatched: '=' },
  decline: { dispatched: 'available' },
  depart: { dispatched: 'en-route' },
  arrive: { dispatched: 'on-scene', 'en-route': 'on-scene' },
  clear: { 'on-scene': 'returning' },
  resume: { returning: 'available', 'off-duty': 'available', 'out-of-service': 'available' },
  'sign-off': { available: 'off-duty', returning: 'off-duty' },
  disable: { available: 'out-of-service', dispatched: 'out-of-service', 'en-route': 'out-of-service', 'on-scene': 'out-of-service', returning: 'out-of-service', 'off-duty': 'out-of-service' },
};

const TABLE: Record<'officer' | 'unit' | 'system', Record<UnitCommand['type'], Row>> = {
  officer: {
    ...SHARED,
    // A busy unit is refused (double booking) unless the dispatch carries an override (tested below).
    dispatch: { available: 'dispatched', returning: 'dispatched' },
    cancel: { dispatched: 'available', 'en-route': 'available', 'on-scene': 'available' },
    'flag-unanswered': ALL(403),
    'flag-overdue': ALL(403),
  },
  unit: {
    ...SHARED,
    dispatch: ALL(403),
    cancel: ALL(403),
    'flag-unanswered': ALL(403),
    'flag-overdue': ALL(403),
  },
  system: {
    ...(Object.fromEntries(Object.keys(SHARED).map((t) => [t, ALL(403)])) as Record<keyof typeof SHARED, Row>),
    dispatch: ALL(403),
    cancel: ALL(403),
    // Three hours on: past the answer limit and every status limit.
    'flag-unanswered': { dispatched: '=' },
    'flag-overdue': { dispatched: '=', 'en-route': '=', 'on-scene': '=', returning: '=' },
  },
};

const ACTORS: Record<keyof typeof TABLE, UnitActor> = { officer: unitActors.township, unit: unitActors.self, system: unitActors.system };

const rows = Object.entries(TABLE).flatMap(([actor, commands]) => Object.entries(commands).flatMap(([type, byStatus]) =>
  UNIT_STATUSES.map((status) => ({ actor: actor as keyof typeof TABLE, type: type as UnitCommand['type'], status, outcome: byStatus[status] ?? (409 as Outcome) }))));

describe('decideUnit: every command in every status, by each actor', () => {
  it('covers every actor × command × status', () => {
    expect(rows).toHaveLength(3 * 12 * 7);
  });

  it.each(rows)('$actor: $type in $status → $outcome', ({ actor, type, status, outcome }) => {
    const w = unitIn(status);
    expect(w.state.status).toBe(status);
    const now = w.now + 3 * 60 * 60_000;
    const d = decideUnit(w.state, COMMANDS[type], ACTORS[actor], w.ctx({ now }));
    if (typeof outcome === 'number') {
      expect(d).toHaveProperty('refusal.status', outcome);
      if (outcome === 409 && 'refusal' in d && !type.startsWith('flag-') && type !== 'dispatch') {
        expect(d.refusal.reason).toBe(`${type} is not allowed while unit 城东骑01 is ${status} (${UNIT_STATUS_NAMES[status]})`);
      }
      return;
    }
    if (!('events' in d)) throw new Error(`refused: ${JSON.stringify(d.refusal)}`);
    expect(d.events).toHaveLength(1);
    const next = applyUnit(w.state, storedUnitEvent(d.events[0]!, w.state.unitId, w.state.version + 1));
    expect(next.status).toBe(outcome === '=' ? status : outcome);
    expect(next.version).toBe(w.state.version + 1);
    expect(d.events[0]!.at).toBe(new Date(now).toISOString());
    expect(d.events[0]!.actor).toEqual(ACTORS[actor]);
  });
});

describe('double booking', () => {
  it.each(['dispatched', 'en-route', 'on-scene'] as const)('refuses to dispatch a unit %s for another case, naming it', (status) => {
    const w = unitIn(status);
    const d = decideUnit(w.state, { type: 'dispatch', caseId: 'case-2' }, unitActors.county, w.ctx());
    expect(d).toHaveProperty('refusal.status', 409);
    expect('refusal' in d && d.refusal.reason).toMatch(/already .* for case case-1 .*double-book/);
  });

  it('dispatches over the assignment with an explicit override, recording the case it replaces', () => {
    const w = unitIn('en-route').do({ type: 'dispatch', caseId: 'case-2', override: true }, unitActors.county);
    expect(w.state.status).toBe('dispatched');
    expect(w.state.assignment).toMatchObject({ caseId: 'case-2', override: true, dispatchedBy: { id: unitActors.county.id } });
    expect(w.events.at(-1)!.payload).toEqual({ caseId: 'case-2', override: true, replaces: 'case-1' });
  });

  it('refuses a second dispatch to the same case, even with an override', () => {
    const w = unitIn('dispatched');
    const d = decideUnit(w.state, { type: 'dispatch', caseId: 'case-1', override: true }, unitActors.county, w.ctx());
    expect(d).toHaveProperty('refusal.reason', 'unit 城东骑01 is already dispatched to case case-1');
  });

  it('dispatches a returning unit without an override: it has cleared its case', () => {
    const w = unitIn('returning').do({ type: 'dispatch', caseId: 'case-2' });
    expect(w.events.at(-1)!.payload).toEqual({ caseId: 'case-2', override: false, replaces: null });
  });

  it('of two officers who saw the same free unit, the second learns it is taken', () => {
    const w = unitIn('available');
    const first = decideUnit(w.state, { type: 'dispatch', caseId: 'case-1' }, unitActors.township, w.ctx());
    const second = decideUnit(w.state, { type: 'dispatch', caseId: 'case-2' }, unitActors.county, w.ctx());
    expect('events' in first && 'events' in second).toBe(true); // both valid against the state they saw …
    if (!('events' in first)) return;
    // … the store appends the first; the second, retried against the new state, is refused.
    const after = applyUnit(w.state, storedUnitEvent(first.events[0]!, w.state.unitId, 1));
    expect(decideUnit(after, { type: 'dispatch', caseId: 'case-2' }, unitActors.county, w.ctx())).toHaveProperty('refusal.status', 409);
  });
});

describe('acknowledgement and its flags', () => {
  it('accepts once; a decline after accepting goes through the officer', () => {
    const w = unitIn('dispatched').do({ type: 'accept' }, unitActors.self);
    expect(w.state.assignment!.milestones.acknowledgedAt).toBe(new Date(w.now).toISOString());
    expect(decideUnit(w.state, { type: 'accept' }, unitActors.self, w.ctx())).toHaveProperty('refusal.status', 409);
    expect(decideUnit(w.state, { type: 'decline', reason: '太远' }, unitActors.self, w.ctx())).toHaveProperty('refusal.reason', 'unit 城东骑01 accepted case case-1 already; ask the duty officer to cancel the dispatch');
  });

  it('a decline frees the unit and records the reason', () => {
    const w = unitIn('dispatched').do({ type: 'decline', reason: '车胎漏气' }, unitActors.self);
    expect(w.state).toMatchObject({ status: 'available', assignment: null });
    expect(w.events.at(-1)!.payload).toEqual({ caseId: 'case-1', reason: '车胎漏气' });
  });

  it('flags a dispatch unanswered only after the limit, once, and not after an accept', () => {
    const w = unitIn('dispatched');
    const dispatchedAt = w.now;
    const early = decideUnit(w.state, { type: 'flag-unanswered' }, unitActors.system, w.ctx({ now: dispatchedAt + DEFAULT_UNIT_TIME_LIMITS.ackMs - 1 }));
    expect(early).toHaveProperty('refusal.reason', `unit 城东骑01 may answer until ${new Date(dispatchedAt + DEFAULT_UNIT_TIME_LIMITS.ackMs).toISOString()}`);
    w.do({ type: 'flag-unanswered' }, unitActors.system, DEFAULT_UNIT_TIME_LIMITS.ackMs);
    expect(w.state.unanswered).toBe(true);
    expect(decideUnit(w.state, { type: 'flag-unanswered' }, unitActors.system, w.ctx())).toHaveProperty('refusal.status', 409);
    // A late accept clears the flag.
    w.do({ type: 'accept' }, unitActors.self);
    expect(w.state.unanswered).toBe(false);
  });

  it('flags too long in a status once; the next status clears it', () => {
    const limit = DEFAULT_UNIT_TIME_LIMITS.statusMs['en-route']!;
    const w = unitIn('en-route').do({ type: 'flag-overdue' }, unitActors.system, limit);
    expect(w.state).toMatchObject({ status: 'en-route', overdue: true });
    expect(decideUnit(w.state, { type: 'flag-overdue' }, unitActors.system, w.ctx())).toHaveProperty('refusal.reason', 'unit 城东骑01 is already flagged overdue');
    w.do({ type: 'arrive' }, unitActors.self);
    expect(w.state.overdue).toBe(false);
    expect(decideUnit(unitIn('available').state, { type: 'flag-overdue' }, unitActors.system, w.ctx({ now: T0 + 86_400_000 }))).toHaveProperty('refusal.reason', 'unit 城东骑01 is available with no time limit');
  });
});

describe('milestones and assignments', () => {
  it('records each milestone of an assignment once, in order', () => {
    const w = unitIn('available');
    const times: number[] = [];
    for (const c of [{ type: 'dispatch', caseId: 'case-1' }, { type: 'accept' }, { type: 'depart' }, { type: 'arrive' }, { type: 'clear', disposition: 'resolved' }] as UnitCommand[]) {
      w.do(c, c.type === 'dispatch' ? unitActors.township : unitActors.self, 60_000);
      times.push(w.now);
    }
    const iso = times.map((t) => new Date(t).toISOString());
    expect(w.state.assignment).toEqual({
      caseId: 'case-1', dispatchedBy: { id: unitActors.township.id, name: unitActors.township.name }, override: false, disposition: 'resolved',
      milestones: { dispatchedAt: iso[0], acknowledgedAt: iso[1], enRouteAt: iso[2], onSceneAt: iso[3], clearedAt: iso[4] },
    });
    expect(w.state).toMatchObject({ status: 'returning', since: iso[4] });
  });

  it('departing without an explicit accept acknowledges the dispatch; arriving directly skips en route', () => {
    const w = unitIn('dispatched').do({ type: 'arrive' }, unitActors.self);
    const m = w.state.assignment!.milestones;
    expect(m.acknowledgedAt).toBe(m.onSceneAt);
    expect(m.enRouteAt).toBeNull();
  });

  it('disabling a busy unit releases its case', () => {
    const w = unitIn('en-route').do({ type: 'disable', reason: '车辆抛锚' }, unitActors.self);
    expect(w.state).toMatchObject({ status: 'out-of-service', assignment: null });
    expect(w.events.at(-1)!.payload).toEqual({ reason: '车辆抛锚', releases: 'case-1' });
  });
});

describe('who may act on a unit', () => {
  const free = new UnitWalk().state;
  it.each([
    ['another township\'s duty officer', unitActors.otherTownship, 'belongs to township 321202001, outside your jurisdiction 321202002'],
    ['a grid worker', unitActors.gridWorker, 'a grid-worker account does not direct patrol units'],
    ['a wall display', unitActors.wall, 'a wall-display account does not direct patrol units'],
    ['another unit', unitActors.otherUnit, 'unit unit-2 may change only its own status, not unit-1\'s'],
  ] as const)('refuses %s with 403', (_who, actor, reason) => {
    const d = decideUnit(free, { type: 'sign-off' }, actor, { now: T0, limits: DEFAULT_UNIT_TIME_LIMITS });
    expect(d).toHaveProperty('refusal.status', 403);
    expect('refusal' in d && d.refusal.reason).toContain(reason);
  });

  it('lets the county\'s duty officer and leader direct a township\'s unit', () => {
    for (const actor of [unitActors.county, unitActors.leader]) {
      expect(decideUnit(free, { type: 'dispatch', caseId: 'c' }, actor, { now: T0, limits: DEFAULT_UNIT_TIME_LIMITS })).toHaveProperty('events');
    }
  });

  it('refuses a malformed command with 422 naming the field', () => {
    const ctx = { now: T0, limits: DEFAULT_UNIT_TIME_LIMITS };
    expect(decideUnit(free, { type: 'dispatch', caseId: '' } as UnitCommand, unitActors.county, ctx)).toHaveProperty('refusal', { status: 422, field: 'caseId', reason: 'caseId must name a case' });
    expect(decideUnit(free, { type: 'teleport' } as unknown as UnitCommand, unitActors.county, ctx)).toHaveProperty('refusal.field', 'type');
    expect(decideUnit(free, { type: 'sign-off', extra: 1 } as unknown as UnitCommand, unitActors.county, ctx)).toHaveProperty('refusal.reason', 'extra is not a field of this command');
    expect(decideUnit(unitIn('on-scene').state, { type: 'clear', disposition: 'done' } as unknown as UnitCommand, unitActors.self, ctx)).toHaveProperty('refusal.field', 'disposition');
  });
});
