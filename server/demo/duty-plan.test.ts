// The simulated duty's schedule against the pure case domain: thousands of demo cases walked move by
// move through decide/apply, as the demo accounts, with the shipped time limits.
import { describe, expect, it } from 'vitest';
import { account, LIMITS, T0, Walk } from '../cases/fixtures.ts';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, isOpenStage } from '../wire/index.ts';
import type { CaseCommandType, CaseIncidentFacts, CaseStage } from '../wire/index.ts';
import { draw, nextMove, planCase, stuckChanceOf } from './duty-plan.ts';
import type { CasePlan, PlanOptions } from './duty-plan.ts';

const TOWNSHIPS = ['321202001', '321202002', '321202003', '321202004'];
const STUCK: PlanOptions = { stuckShare: 0.07, stuckTownships: new Set([TOWNSHIPS[0]!]), stuckTownshipShare: 0.25 };
const duty = (township: string) => account('duty-officer', township, `demo-duty-${township}`);
const grid = (village: string) => account('grid-worker', village, `demo-grid-${village}`);

interface Walked {
  plan: CasePlan;
  commands: CaseCommandType[];
  stages: CaseStage[];
  /** A step or the whole case was past its limit when a move was made. */
  late: boolean;
  endMs: number;
  caseDueMs: number;
}

/** Walks case k (a category, priority and township by k) to the end with the duty's moves; throws on any refusal. */
function walk(k: number, pace = 1, duplicateAt?: string): Walked {
  const township = TOWNSHIPS[k % TOWNSHIPS.length]!;
  const village = `${township}001`;
  const facts: CaseIncidentFacts = {
    incidentId: `i${k}`, category: INCIDENT_CATEGORIES[k % INCIDENT_CATEGORIES.length]!, priority: INCIDENT_PRIORITIES[(k >> 3) % INCIDENT_PRIORITIES.length]!,
    townshipCode: township, villageCode: village, gridCode: `${village}001`, source: 'demo', receivedAt: new Date(T0).toISOString(),
  };
  const w = new Walk(`case-${k}`, facts, T0);
  const limits = LIMITS.limitsFor(facts.category, facts.priority);
  const plan = planCase({ key: `key-${k}`, category: facts.category, priority: facts.priority, townshipCode: township }, limits, STUCK);
  const out: Walked = { plan, commands: [], stages: [w.state.stage], late: false, endMs: T0, caseDueMs: Date.parse(w.state.caseDueAt!) };
  for (let n = 0; n < 40; n++) {
    const duplicate = duplicateAt !== undefined && w.state.stage === 'intake' ? duplicateAt : undefined;
    const move = nextMove(w.state, plan, { limits, pace, ...(duplicate ? { duplicate } : {}) });
    if (!move) break;
    expect(move.atMs).toBeGreaterThanOrEqual(w.now);
    if (move.atMs >= Date.parse(w.state.stepDueAt!) || move.atMs >= out.caseDueMs) out.late = true;
    const survivor = move.command.type === 'merge' ? new Walk(move.command.into, { ...facts, incidentId: 'first' }, T0).state : undefined;
    w.do(move.command, move.by === 'duty' ? duty(township) : grid(village), move.atMs - w.now, survivor ? { survivor } : {});
    out.commands.push(move.command.type);
    out.stages.push(w.state.stage);
    out.endMs = w.now;
  }
  expect(isOpenStage(w.state.stage)).toBe(false);
  return out;
}

describe('the simulated duty, move by move through the case rules', () => {
  const cases = Array.from({ length: 3000 }, (_, k) => walk(k));

  it('closes every case with commands the rules accept, as the demo accounts', () => {
    // walk() throws on a refusal and checks the case is closed at the end.
    const ends = cases.map((c) => c.stages[c.stages.length - 1]);
    expect(ends.filter((s) => s === 'archived').length).toBe(cases.length);
  });

  it('goes the whole loop: accepted, dispatched, taken, handled, verified by another, archived', () => {
    const plain = cases.filter((c) => !c.plan.escalate && !c.plan.unfounded && !c.plan.onTheSpot && !c.plan.feedback && !c.plan.reject);
    expect(plain.length).toBeGreaterThan(500);
    for (const c of plain) expect(c.stages).toEqual(['intake', 'accepted', 'dispatched', 'handling', 'verifying', 'verified', 'archived']);
    const escalated = cases.filter((c) => c.plan.escalate && c.plan.stuck !== 'intake');
    expect(escalated.length).toBeGreaterThan(50);
    for (const c of escalated) expect(c.commands.slice(0, 4)).toEqual(['escalate', 'accept', 'hand-down', 'accept']);
    expect(cases.some((c) => c.commands.includes('reject'))).toBe(true);
    expect(cases.some((c) => c.commands.includes('feedback'))).toBe(true);
  });

  it('keeps every step and the case within its limits, unless the case is planned stuck (or sent back)', () => {
    const onTime = cases.filter((c) => !c.plan.stuck && !c.plan.reject);
    const late = onTime.filter((c) => c.late);
    expect(late).toEqual([]);
    const stuck = cases.filter((c) => c.plan.stuck);
    expect(stuck.length).toBeGreaterThan(0);
    expect(stuck.every((c) => c.late)).toBe(true);
    const hours = onTime.map((c) => (c.endMs - T0) / 3_600_000).sort((a, b) => a - b);
    console.log(`[duty plan] time to archive of cases on time: median ${hours[hours.length >> 1]!.toFixed(2)} h, 95th ${hours[Math.floor(hours.length * 0.95)]!.toFixed(2)} h, max ${hours[hours.length - 1]!.toFixed(2)} h`);
    // Bounded: whatever the limits (up to 7 days), the demo's cases close within hours.
    expect(Math.max(...cases.map((c) => c.endMs - T0))).toBeLessThan(8 * 3_600_000);
  });

  it('works faster at a higher pace, never later', () => {
    for (let k = 0; k < 300; k++) {
      const [slow, fast] = [walk(k, 1), walk(k, 0.25)];
      if (slow.plan.stuck) continue;
      expect(fast.endMs - T0).toBeLessThan(0.3 * (slow.endMs - T0));
    }
  });

  it('merges a case into a suggested duplicate at intake when its plan says so', () => {
    const merged = Array.from({ length: 200 }, (_, k) => walk(k, 1, 'first')).filter((c) => c.commands[0] === 'merge');
    expect(merged.length).toBeGreaterThan(60);
    for (const c of merged) expect(c.stages).toEqual(['intake', 'merged']);
  });
});

describe('plans', () => {
  const plans = Array.from({ length: 40_000 }, (_, k) => {
    const township = TOWNSHIPS[k % TOWNSHIPS.length]!;
    return { township, plan: planCase({ key: `p${k}`, category: 'public-service', priority: 'normal', townshipCode: township }, LIMITS.limitsFor('public-service', 'normal'), STUCK) };
  });

  it('leaves stuckShare of the cases stuck, three quarters of them in the stuck townships', () => {
    const stuck = plans.filter((p) => p.plan.stuck);
    expect(stuck.length / plans.length).toBeCloseTo(0.07, 2);
    expect(stuck.filter((p) => STUCK.stuckTownships.has(p.township)).length / stuck.length).toBeCloseTo(0.75, 1);
  });

  it('are the same for the same case, whoever draws them', () => {
    const again = planCase({ key: 'p7', category: 'public-service', priority: 'normal', townshipCode: TOWNSHIPS[3]! }, LIMITS.limitsFor('public-service', 'normal'), STUCK);
    expect(again).toEqual(plans[7]!.plan);
  });

  it('cap the chance in a stuck township', () => {
    expect(stuckChanceOf(true, { ...STUCK, stuckShare: 0.5, stuckTownshipShare: 0.05 })).toBe(0.6);
    expect(stuckChanceOf(false, { ...STUCK, stuckShare: 0 })).toBe(0);
  });

  it('draw uniformly from a key', () => {
    const xs = Array.from({ length: 20_000 }, (_, k) => draw('k', String(k)));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 2);
    expect(draw('k', '1')).toBe(draw('k', '1'));
  });
});
