// Hand-made actors, incidents and cases for the tests and the benchmark (not used by the server):
// one county, two townships, two villages in the first, two grids in the first village.
import type { CaseActor, CaseCommand, CaseEvent, CaseEventDraft, CaseIncidentFacts, CaseStage, CaseState, Role } from '../wire/index.ts';
import { apply } from './apply.ts';
import { createdDraft, decide, type DecideContext } from './decide.ts';
import { loadTimeLimits } from './time-limits.ts';

export const COUNTY = '321202';
export const TOWNSHIP = '321202001';
export const OTHER_TOWNSHIP = '321202002';
export const VILLAGE = '321202001001';
export const OTHER_VILLAGE = '321202001002';
export const GRID = '321202001001001';
export const OTHER_GRID = '321202001001002';
export const T0 = Date.UTC(2026, 10, 22, 0, 30, 0);

/** The shipped limits (data/time-limits.json). */
export const LIMITS = loadTimeLimits();

let nextAccountId = 1;
/** A signed-in account. */
export function account(role: Role, jurisdictionCode: string, name = `${role}@${jurisdictionCode}`): Extract<CaseActor, { type: 'account' }> {
  return { type: 'account', id: nextAccountId++, name, role, jurisdictionCode };
}

export const actors = {
  admin: account('admin', COUNTY, '管理员'),
  leader: account('leader', COUNTY, '区领导'),
  county: account('duty-officer', COUNTY, '区值班员'),
  township: account('duty-officer', TOWNSHIP, '街道值班员'),
  otherTownship: account('duty-officer', OTHER_TOWNSHIP, '邻街道值班员'),
  village: account('duty-officer', VILLAGE, '社区值班员'),
  otherVillage: account('duty-officer', OTHER_VILLAGE, '邻社区值班员'),
  gridWorker: account('grid-worker', GRID, '网格员张三'),
  villageGridWorker: account('grid-worker', VILLAGE, '专职网格员'),
  otherGridWorker: account('grid-worker', OTHER_GRID, '网格员李四'),
  wall: account('wall-display', COUNTY, '大屏'),
  source: { type: 'source', name: 'hotline-12345' } as CaseActor,
  system: { type: 'system' } as CaseActor,
};

/** An incident of the first grid. */
export function incident(over: Partial<CaseIncidentFacts> = {}): CaseIncidentFacts {
  return {
    incidentId: 'inc-1', category: 'public-order', priority: 'normal',
    townshipCode: TOWNSHIP, villageCode: VILLAGE, gridCode: GRID,
    source: 'hotline-12345', receivedAt: new Date(T0).toISOString(), ...over,
  };
}

/** A stored event from a draft, as the store would number it. */
export function stored(draft: CaseEventDraft, caseId: string, version: number, seq: number): CaseEvent {
  return { ...draft, caseId, version, seq } as CaseEvent;
}

/** A case under test: its state and its events, with a clock that the steps advance. */
export class Walk {
  state: CaseState;
  events: CaseEvent[] = [];
  now: number;
  private static seq = 0;

  constructor(id = 'case-1', facts: CaseIncidentFacts = incident(), at = T0) {
    this.now = at;
    this.state = this.append(createdDraft(facts, LIMITS, at), undefined, id);
  }

  ctx(extra: Partial<DecideContext> = {}): DecideContext {
    return { now: this.now, limits: LIMITS, ...extra };
  }

  /** Gives a command that must be accepted; advances the clock by `afterMs` first. */
  do(command: CaseCommand, actor: CaseActor, afterMs = 60_000, extra: Partial<DecideContext> = {}): this {
    this.now += afterMs;
    const d = decide(this.state, command, actor, this.ctx(extra));
    if ('refusal' in d) throw new Error(`${command.type} by ${JSON.stringify(actor)} refused in ${this.state.stage}: ${d.refusal.status} ${d.refusal.reason}`);
    for (const e of d.events) this.state = this.append(e, this.state, this.state.id);
    return this;
  }

  private append(draft: CaseEventDraft, state: CaseState | undefined, id: string): CaseState {
    const e = stored(draft, id, (state?.version ?? 0) + 1, ++Walk.seq);
    this.events.push(e);
    return apply(state, e);
  }
}

/** The usual path through the loop, step by step: village officer accepts, assigns the grid, the grid worker takes and handles it, the village officer verifies and archives. */
export const PATH: readonly [CaseStage, CaseCommand, CaseActor][] = [
  ['accepted', { type: 'accept' }, actors.village],
  ['dispatched', { type: 'assign', assignee: { kind: 'grid', gridCode: GRID } }, actors.village],
  ['handling', { type: 'accept' }, actors.gridWorker],
  ['verifying', { type: 'handle', note: '已劝离，现场恢复秩序' }, actors.gridWorker],
  ['verified', { type: 'verify', note: '回访属实' }, actors.village],
  ['archived', { type: 'archive', satisfaction: 'satisfied', disposition: 'resolved' }, actors.village],
];

/** A case walked along PATH until it is in `stage` (merged: merged at intake into an open case `survivor`). */
export function inStage(stage: CaseStage, id = 'case-1', facts?: CaseIncidentFacts): Walk {
  const w = new Walk(id, facts);
  if (stage === 'merged') return w.do({ type: 'merge', into: 'survivor' }, actors.village, 60_000, { survivor: new Walk('survivor').state });
  for (const [reached, command, actor] of PATH) {
    if (w.state.stage === stage) break;
    w.do(command, actor);
    if (reached === stage) break;
  }
  return w;
}
