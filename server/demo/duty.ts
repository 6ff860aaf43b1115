// The simulated duty at work: it follows every open demo case, and when a case's next move is due
// it gives that command through the case service — the same `execute` a person's request reaches,
// as a demo account, at the version it sees — so every rule, the audit log and the live channel
// treat it like anyone's. Whatever a person did to the case meanwhile, the next move is read off the
// case as it is then; a command that still loses a race (409) is simply re-planned.
import type { StepLimits, TimeLimits } from '../cases/index.ts';
import { overdue } from '../cases/index.ts';
import type { CaseBook } from '../casework/case-book.ts';
import type { CaseService } from '../casework/case-service.ts';
import { isOpenStage } from '../wire/index.ts';
import type { CaseStage, CaseState } from '../wire/index.ts';
import type { DemoStaff } from './demo-staff.ts';
import { nextMove, planCase } from './duty-plan.ts';
import type { CasePlan, Move, PlanOptions } from './duty-plan.ts';
import { createMoveQueue } from './move-queue.ts';

export interface DutyDeps {
  service: CaseService;
  book: CaseBook;
  limits: TimeLimits;
  staff: DemoStaff;
  now(): number;
  /** A refusal the duty did not expect (anything but a lost race): a bug worth seeing. */
  onRefusal?: (caseId: string, move: Move, status: number, reason: string) => void;
}

export interface DutyOptions extends PlanOptions {
  /** 1: plausible real-time delays; below 1 they are that much shorter (a high DEMO_RATE). */
  pace: number;
  /** Most moves one step gives (the rest wait for the next): bounds a step after a long pause. */
  maxMovesPerStep: number;
}

/** What the duty has done, and where its cases stand. */
export interface DutyFigures {
  /** Open demo cases it follows. */
  open: number;
  /** Of them, past a limit now. */
  overdue: number;
  stages: Partial<Record<CaseStage, number>>;
  /** Commands applied, by type, since the start. */
  commands: Record<string, number>;
  /** Commands refused, by HTTP status (409 is a lost race). */
  refused: Record<number, number>;
}

export interface Duty {
  /** Follows a demo case (a new one, or an open one found at start); others are ignored. */
  follow(caseId: string): void;
  /** Gives every move due by now; resolves once they are committed. */
  step(): Promise<number>;
  figures(): DutyFigures;
  /** When the next move is due (ms), or null. */
  nextAt(): number | null;
}

/**
 * The least score of a suggestion the duty merges on. Measured on planted duplicates at the demo's
 * 30 a minute, a top suggestion scoring ≥ 0.75 names the true first report about half the time
 * (below 0.6, a quarter): an officer would read both, the simulation merges only the likeliest.
 */
export const MERGE_MIN_SCORE = 0.75;

/** A case found refused this many times is left to people. */
const MAX_REFUSALS_PER_CASE = 3;

export function createDuty(deps: DutyDeps, options: DutyOptions): Duty {
  const { book } = deps;
  const queue = createMoveQueue();
  const plans = new Map<string, CasePlan>();
  const refusalsOf = new Map<string, number>();
  const commands: Record<string, number> = {};
  const refused: Record<number, number> = {};

  const limitsOf = (s: CaseState): StepLimits => deps.limits.limitsFor(s.category, s.priority);

  function planOf(caseId: string, s: CaseState): CasePlan {
    let plan = plans.get(caseId);
    if (!plan) {
      const r = book.get(caseId)!;
      const key = `${r.occurredAt}|${r.lng},${r.lat}|${s.category}|${r.description}`;
      plans.set(caseId, (plan = planCase({ key, category: s.category, priority: s.priority, townshipCode: s.townshipCode }, limitsOf(s), options)));
    }
    return plan;
  }

  function forget(caseId: string): void {
    plans.delete(caseId);
    refusalsOf.delete(caseId);
    queue.delete(caseId);
  }

  /**
   * The next move on a case, given what the book holds; with `now`, also whether a suggested
   * duplicate is there to merge it into (asked only when the move is given: it costs a view).
   */
  function moveOf(caseId: string, now?: number): Move | null {
    const record = book.get(caseId);
    if (!record || !isOpenStage(record.state.stage) || record.state.source !== 'demo') return null;
    const s = record.state;
    const plan = planOf(caseId, s);
    const mayMerge = now !== undefined && plan.mergeIfSuggested && s.stage === 'intake' && s.level === 'village' && s.milestones.acceptedAt === null;
    const duplicate = mayMerge ? olderDuplicate(caseId, now) : undefined;
    return nextMove(s, plan, { limits: limitsOf(s), pace: options.pace, ...(duplicate ? { duplicate } : {}) });
  }

  /** The best suggested duplicate that an officer of this township would merge the case into: open, of the same township, reported earlier. */
  function olderDuplicate(caseId: string, nowMs: number): string | undefined {
    const record = book.get(caseId)!;
    for (const d of book.view(record, nowMs).duplicates) {
      if (d.score < MERGE_MIN_SCORE) return undefined;
      const other = book.get(d.caseId)?.state;
      if (!other || !isOpenStage(other.stage) || other.townshipCode !== record.state.townshipCode || other.level === 'county') continue;
      if (other.createdAt < record.state.createdAt || (other.createdAt === record.state.createdAt && other.id < caseId)) return other.id;
    }
    return undefined;
  }

  function schedule(caseId: string): void {
    const move = moveOf(caseId);
    if (move) queue.set(caseId, move.atMs);
    else forget(caseId);
  }

  async function give(caseId: string, move: Move): Promise<void> {
    const s = book.get(caseId)!.state;
    const principal = deps.staff.principal(move.by, s);
    if (!principal) return forget(caseId); // its demo account was disabled: the case is left to people
    const answer = await deps.service.execute(caseId, s.version, move.command, principal, null);
    if (answer.ok) {
      commands[move.command.type] = (commands[move.command.type] ?? 0) + 1;
      refusalsOf.delete(caseId);
    } else {
      refused[answer.status] = (refused[answer.status] ?? 0) + 1;
      const n = (refusalsOf.get(caseId) ?? 0) + 1;
      refusalsOf.set(caseId, n);
      if (answer.status !== 409) deps.onRefusal?.(caseId, move, answer.status, answer.reason);
      if (n >= MAX_REFUSALS_PER_CASE) return forget(caseId);
    }
    schedule(caseId);
  }

  return {
    follow(caseId) {
      if (!plans.has(caseId)) schedule(caseId);
    },
    async step() {
      const nowMs = deps.now();
      const merges: [string, Move][] = [];
      const others: [string, Move][] = [];
      const subjects = new Set<string>();
      const deferred: string[] = [];
      for (const id of queue.popDue(nowMs, options.maxMovesPerStep)) {
        const move = moveOf(id, nowMs);
        if (!move) {
          forget(id);
          continue;
        }
        if (move.atMs > nowMs) {
          queue.set(id, move.atMs); // the case moved on meanwhile (a person acted): later
          continue;
        }
        subjects.add(id);
        (move.command.type === 'merge' ? merges : others).push([id, move]);
      }
      // A merge checks its survivor in the same commit: never while the survivor is being merged itself.
      const mergesNow = merges.filter(([id, m]) => {
        const into = m.command.type === 'merge' ? m.command.into : '';
        if (!subjects.has(into)) return true;
        deferred.push(id);
        return false;
      });
      await Promise.all(mergesNow.map(([id, m]) => give(id, m)));
      await Promise.all(others.map(([id, m]) => give(id, m)));
      for (const id of deferred) schedule(id);
      return mergesNow.length + others.length;
    },
    figures() {
      const nowMs = deps.now();
      const stages: Partial<Record<CaseStage, number>> = {};
      let late = 0;
      let open = 0;
      for (const id of plans.keys()) {
        const s = book.get(id)?.state;
        if (!s || !isOpenStage(s.stage)) continue;
        open += 1;
        stages[s.stage] = (stages[s.stage] ?? 0) + 1;
        const o = overdue(s, nowMs);
        if (o.step || o.case) late += 1;
      }
      return { open, overdue: late, stages, commands: { ...commands }, refused: { ...refused } };
    },
    nextAt: () => queue.nextAt(),
  };
}
