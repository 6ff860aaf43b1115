// The simulated duty's rules of thumb (pure): what each demo case's people will do — most cases are
// accepted within minutes, dispatched to their grid's worker, taken, handled, verified by the duty
// officer and archived; disputes and urgent cases are sometimes escalated to the township and handed
// down; a few are unfounded, handled on the spot, sent back once (返工) or merged into the report
// they duplicate; and a share, mostly in one or two townships, is left lying past its limit. The
// next move is read off the case's current state (not remembered), so a restart or a person acting
// on a demo case in between simply continues from where the case is. Delays are fractions of the
// time limits in force, capped at a plausible pace, and shortened by `pace` at a high DEMO_RATE;
// every draw is a hash of the case and its version, so the same stream gives the same loop.
import type { StepLimits } from '../cases/index.ts';
import type { CaseCommand, CaseSatisfaction, CaseState, IncidentCategory, IncidentPriority } from '../wire/index.ts';

/** Who of the demo staff makes a move: the township's duty officer or the village's grid worker. */
export type DemoActor = 'duty' | 'grid';

/** One command of the simulated duty, due at atMs. */
export interface Move {
  atMs: number;
  by: DemoActor;
  command: CaseCommand;
}

/** What is decided about a case once, when it is first seen. */
export interface CasePlan {
  /** The hash key of its draws. */
  key: string;
  /** Left lying past its limit at this step (then taken up late), or not stuck. */
  stuck: 'intake' | 'handling' | null;
  escalate: boolean;
  unfounded: boolean;
  /** Handled on the spot: the grid worker records it handled without taking it first. */
  onTheSpot: boolean;
  feedback: boolean;
  /** Sent back once by the verifier (返工). */
  reject: boolean;
  /** Merged into the report it duplicates, when one is suggested. */
  mergeIfSuggested: boolean;
  satisfaction: CaseSatisfaction;
}

/** The facts a plan is drawn from. */
export interface PlanFacts {
  /** Identifies the case by what it says (deterministic for a seeded stream, unlike its id). */
  key: string;
  category: IncidentCategory;
  priority: IncidentPriority;
  townshipCode: string;
}

export interface PlanOptions {
  /** Share of all demo cases left stuck past a limit (DemoFeedOptions.stuckShare). */
  stuckShare: number;
  /** Townships holding most stuck cases (the map's story: where the loop is stuck). */
  stuckTownships: ReadonlySet<string>;
  /** Share of demo cases in the stuck townships (so that most stuck cases fall there). */
  stuckTownshipShare: number;
}

/** Share of the stuck cases that fall in the stuck townships. */
const STUCK_IN_TOWNSHIPS = 0.75;

/** The plan of a case. */
export function planCase(f: PlanFacts, limits: StepLimits, o: PlanOptions): CasePlan {
  const u = (k: string) => draw(f.key, k);
  const inStuckTownship = o.stuckTownships.has(f.townshipCode);
  const stuckChance = stuckChanceOf(inStuckTownship, o);
  const stuck = u('stuck') < stuckChance ? (limits.handle <= 2 * HOUR && u('stuck-where') < 0.5 ? 'handling' : 'intake') : null;
  const escalateChance = f.category === 'dispute' ? 0.2 : f.priority === 'urgent' ? 0.25 : 0.02;
  const s = u('satisfaction');
  return {
    key: f.key,
    stuck,
    escalate: u('escalate') < escalateChance,
    unfounded: u('unfounded') < 0.03,
    onTheSpot: u('on-the-spot') < 0.25,
    feedback: u('feedback') < 0.4,
    reject: u('reject') < 0.04,
    mergeIfSuggested: u('merge') < 0.6,
    satisfaction: s < 0.8 ? 'satisfied' : s < 0.95 ? 'basically-satisfied' : 'dissatisfied',
  };
}

/** The chance a case is stuck, in or outside the stuck townships, so that the overall share is stuckShare. */
export function stuckChanceOf(inStuckTownship: boolean, o: PlanOptions): number {
  const inside = Math.min(Math.max(o.stuckTownshipShare, 0.01), 0.99);
  return Math.min(0.6, inStuckTownship ? (o.stuckShare * STUCK_IN_TOWNSHIPS) / inside : (o.stuckShare * (1 - STUCK_IN_TOWNSHIPS)) / (1 - inside));
}

/** What a move may depend on besides the case: its limits, the pace, and a suggested duplicate it may be merged into. */
export interface MoveContext {
  limits: StepLimits;
  /** 1 at real pace; below 1 every delay (but no limit) is that much shorter. */
  pace: number;
  /** An older open case of the same township this one may duplicate, best first. */
  duplicate?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The simulated duty's next command on a case, or null when it has nothing more to do (closed, or at the county). */
export function nextMove(state: CaseState, plan: CasePlan, ctx: MoveContext): Move | null {
  const { limits, pace } = ctx;
  // Plain values, no closures: this runs for every move of every demo case.
  const since = Date.parse(state.updatedAt);
  const v = `${state.version}:`;
  const acceptDelayMs = span(plan, v + 'accept', 0.1, 0.6) * Math.min(limits.accept, 20 * MINUTE) * pace;
  // The work's length is drawn once per case (not per version), so a feedback in between does not move its end.
  const workMs = span(plan, 'work', 0.2, 0.6) * Math.min(limits.handle, 2 * HOUR) * pace;
  if (state.level === 'county') return null; // 大事不出镇: the demo never takes a case there; a person did
  switch (state.stage) {
    case 'intake': {
      if (state.level === 'township' || state.milestones.acceptedAt !== null) return move(since + acceptDelayMs, 'duty', { type: 'accept' }); // escalated, or handed down
      if (plan.stuck === 'intake' && state.stepDueAt !== null) return move(late(state.stepDueAt, plan, v, pace), 'duty', { type: 'accept' });
      const at = since + acceptDelayMs;
      if (plan.mergeIfSuggested && ctx.duplicate) return move(at, 'duty', { type: 'merge', into: ctx.duplicate });
      if (plan.escalate) return move(at, 'duty', { type: 'escalate', reason: ESCALATION_REASONS[state.category === 'dispute' ? 'dispute' : 'other'] });
      return move(at, 'duty', { type: 'accept' });
    }
    case 'accepted':
      if (state.level === 'township') {
        const coordinationMs = span(plan, v + 'coordinate', 10, 30) * MINUTE * Math.min(1, limits.handle / (4 * HOUR)) * pace;
        return move(since + coordinationMs, 'duty', { type: 'hand-down', to: 'village', reason: '乡镇已协调相关部门，交由村（社区）落实处置' });
      }
      if (plan.unfounded) return move(since + span(plan, v + 'check', 5, 30) * MINUTE * pace, 'duty', { type: 'archive', satisfaction: 'satisfied', disposition: 'unfounded', note: '经核实，反映情况不属实（演示数据）' });
      return move(since + Math.min(span(plan, v + 'assign', 1, 8) * MINUTE, 0.05 * limits.handle) * pace, 'duty', { type: 'assign', assignee: { kind: 'grid', gridCode: state.gridCode } });
    case 'dispatched': {
      const takeMs = Math.min(span(plan, v + 'take', 3, 20) * MINUTE, 0.15 * limits.handle) * pace;
      if (plan.onTheSpot && plan.stuck !== 'handling') return move(since + takeMs + 0.5 * workMs, 'grid', { type: 'handle', note: HANDLED_NOTES[state.category] });
      return move(since + takeMs, 'grid', { type: 'accept' });
    }
    case 'handling': {
      if (state.milestones.handledAt !== null) {
        // Sent back (or reopened): the rework is shorter.
        return move(since + span(plan, v + 'rework', 0.1, 0.3) * Math.min(limits.handle, 2 * HOUR) * pace, 'grid', { type: 'handle', note: `已返工：${HANDLED_NOTES[state.category]}` });
      }
      if (plan.stuck === 'handling' && state.stepDueAt !== null) return move(late(state.stepDueAt, plan, v, pace), 'grid', { type: 'handle', note: `超时后办结：${HANDLED_NOTES[state.category]}` });
      const started = Date.parse(state.milestones.handlingAt ?? state.updatedAt);
      if (plan.feedback && state.updatedAt === state.milestones.handlingAt) return move(started + 0.4 * workMs, 'grid', { type: 'feedback', note: '已到达现场，正在处置' });
      return move(Math.max(started + workMs, since), 'grid', { type: 'handle', note: HANDLED_NOTES[state.category] });
    }
    case 'verifying': {
      const at = since + span(plan, v + 'verify', 0.2, 0.6) * Math.min(limits.verify, HOUR) * pace;
      // Handled once so far (its last event is the first handling): a planned rejection comes now.
      if (plan.reject && state.updatedAt === state.milestones.handledAt) return move(at, 'duty', { type: 'reject', reason: '回访发现问题未彻底解决，退回重新处置' });
      return move(at, 'duty', { type: 'verify', note: '已回访核实，处置到位' });
    }
    case 'verified':
      return move(since + span(plan, v + 'archive', 1, 10) * MINUTE * pace, 'duty', { type: 'archive', satisfaction: plan.satisfaction, disposition: 'resolved', note: '群众评价已记录（演示数据）' });
    case 'archived':
    case 'merged':
      return null;
  }
}

function move(atMs: number, by: DemoActor, command: CaseCommand): Move {
  return { atMs, by, command };
}

/** A uniform draw of the plan between lo and hi. */
function span(plan: CasePlan, label: string, lo: number, hi: number): number {
  return lo + (hi - lo) * draw(plan.key, label);
}

/** When a stuck case is taken up: 0.5–3 h (shortened by the pace) and 10 minutes after its step was due. */
function late(dueAt: string, plan: CasePlan, v: string, pace: number): number {
  return Date.parse(dueAt) + span(plan, v + 'late', 0.5, 3) * HOUR * pace + 10 * MINUTE;
}

const ESCALATION_REASONS = {
  dispute: '矛盾涉及多方，村（社区）调解未果，提请乡镇协调',
  other: '情况紧急，需乡镇统一调度处置',
} as const;

/** What the grid worker writes when it is done, by category. */
const HANDLED_NOTES: Record<IncidentCategory, string> = {
  'public-service': '已联系维修单位，现已修复',
  dispute: '经现场调解，双方达成一致',
  environment: '已督促责任方整改到位',
  traffic: '已现场疏导，车辆已挪离',
  'public-order': '已会同民警到场处置，秩序恢复',
  'work-safety': '已责令停工整改，隐患已消除',
  fire: '已排除险情，无人员受伤',
  other: '已向群众答复处理',
};

/** A uniform draw in [0, 1) from a key and a label: FNV-1a, then one round of mulberry32. */
export function draw(key: string, label: string): number {
  let h = 0x811c9dc5;
  const s = `${key}|${label}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
