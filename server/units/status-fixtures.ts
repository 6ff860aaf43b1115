// Hand-made actors and units in each status, for the tests and the benchmark (not used by the
// server): every state is reached through decideUnit and applyUnit, as the store would reach it.
import { account } from '../cases/fixtures.ts';
import type { UnitInfo } from '../wire/index.ts';
import type { UnitActor, UnitCommand, UnitDutyState, UnitEvent, UnitEventDraft, UnitStatus } from '../wire/unit-status.ts';
import { applyUnit, initialUnitDuty } from './status-apply.ts';
import { decideUnit, type UnitDecideContext } from './status-decide.ts';
import { DEFAULT_UNIT_TIME_LIMITS } from './status-limits.ts';

export const COUNTY = '321202';
export const TOWNSHIP = '321202001';
export const OTHER_TOWNSHIP = '321202002';
export const T0 = Date.UTC(2026, 10, 22, 1, 0, 0);

export const unitActors = {
  county: account('duty-officer', COUNTY, '区值班员'),
  township: account('duty-officer', TOWNSHIP, '街道值班员'),
  otherTownship: account('duty-officer', OTHER_TOWNSHIP, '邻街道值班员'),
  leader: account('leader', COUNTY, '区领导'),
  gridWorker: account('grid-worker', `${TOWNSHIP}001001`, '网格员'),
  wall: account('wall-display', COUNTY, '大屏'),
  self: { type: 'unit', unitId: 'unit-1', name: '城东骑01' } as UnitActor,
  otherUnit: { type: 'unit', unitId: 'unit-2', name: '城东步01' } as UnitActor,
  system: { type: 'system' } as UnitActor,
};

export const UNIT: UnitInfo = { id: 'unit-1', callsign: '城东骑01', kind: 'ebike', team: '城东街道平安巡防一队', routeId: 'route-01', townshipCode: TOWNSHIP };

let seq = 0;
/** A stored event from a draft, as the store would number it. */
export function storedUnitEvent(draft: UnitEventDraft, unitId: string, version: number): UnitEvent {
  return { ...draft, unitId, version, seq: ++seq } as UnitEvent;
}

/** A unit under test: its state and events, with a clock the steps advance. */
export class UnitWalk {
  state: UnitDutyState;
  events: UnitEvent[] = [];
  now: number;

  constructor(unit: Pick<UnitInfo, 'id' | 'callsign' | 'townshipCode'> = UNIT, at = T0) {
    this.state = initialUnitDuty(unit);
    this.now = at;
  }

  ctx(extra: Partial<UnitDecideContext> = {}): UnitDecideContext {
    return { now: this.now, limits: DEFAULT_UNIT_TIME_LIMITS, ...extra };
  }

  /** Gives a command that must be accepted; advances the clock by `afterMs` first. */
  do(command: UnitCommand, actor: UnitActor = unitActors.county, afterMs = 30_000): this {
    this.now += afterMs;
    const d = decideUnit(this.state, command, actor, this.ctx());
    if ('refusal' in d) throw new Error(`${command.type} refused in ${this.state.status}: ${d.refusal.status} ${d.refusal.reason}`);
    for (const e of d.events) {
      const stored = storedUnitEvent(e, this.state.unitId, this.state.version + 1);
      this.events.push(stored);
      this.state = applyUnit(this.state, stored);
    }
    return this;
  }
}

/** The commands that bring a fresh unit (available) to each status. */
export const PATH_TO: Record<UnitStatus, UnitCommand[]> = {
  available: [],
  dispatched: [{ type: 'dispatch', caseId: 'case-1' }],
  'en-route': [{ type: 'dispatch', caseId: 'case-1' }, { type: 'accept' }, { type: 'depart' }],
  'on-scene': [{ type: 'dispatch', caseId: 'case-1' }, { type: 'accept' }, { type: 'depart' }, { type: 'arrive' }],
  returning: [{ type: 'dispatch', caseId: 'case-1' }, { type: 'accept' }, { type: 'depart' }, { type: 'arrive' }, { type: 'clear', disposition: 'resolved' }],
  'off-duty': [{ type: 'sign-off' }],
  'out-of-service': [{ type: 'disable', reason: '车辆故障' }],
};

/** A unit walked to a status by the county's duty officer. */
export function unitIn(status: UnitStatus, unit: Pick<UnitInfo, 'id' | 'callsign' | 'townshipCode'> = UNIT, at = T0): UnitWalk {
  const w = new UnitWalk(unit, at);
  for (const c of PATH_TO[status]) w.do(c);
  return w;
}
