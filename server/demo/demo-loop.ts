// The demo's closed loop: the simulated duty set up for a county and a DEMO_RATE — its staff, where
// the loop is stuck, how fast it works — and the line it prints about where its cases stand.
import seedrandom from 'seedrandom';
import type { Access } from '../auth/access.ts';
import type { TimeLimits } from '../cases/index.ts';
import type { CaseBook } from '../casework/case-book.ts';
import type { CaseService } from '../casework/case-service.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import { CASE_STAGE_NAMES, CASE_STAGES, isOpenStage } from '../wire/index.ts';
import { createDemoStaff } from './demo-staff.ts';
import { createDuty } from './duty.ts';
import type { Duty, DutyFigures, DutyDeps } from './duty.ts';

/** What the simulated duty works with: the app's case subsystem and accounts. */
export interface DemoCasework {
  service: CaseService;
  book: CaseBook;
  limits: TimeLimits;
  access: Access;
}

/** The DEMO_RATE at which the duty works at a plausible real-time pace; above it, proportionally faster. */
export const DUTY_REFERENCE_RATE = 30;

/** How much faster than real time the duty works at a rate (1 up to the reference rate). */
export function dutyPace(ratePerMinute: number): number {
  return ratePerMinute <= DUTY_REFERENCE_RATE ? 1 : DUTY_REFERENCE_RATE / ratePerMinute;
}

/**
 * The townships where the loop is stuck: `count` of the more populous half (so the story is where
 * people live), chosen by a fixed seed so that they stay put across restarts; and their share of
 * the county's households (≈ their share of demo incidents).
 */
export function stuckTownshipsOf(j: Jurisdiction, count = 2, seed = 'yizhangtu-stuck'): { codes: Set<string>; share: number } {
  const townships = j.townships.features.map((f) => f.properties).sort((a, b) => b.households - a.households || (a.code < b.code ? -1 : 1));
  const candidates = townships.slice(0, Math.max(count, Math.ceil(townships.length / 2)));
  const rng = seedrandom(seed);
  const codes = new Set<string>();
  while (codes.size < Math.min(count, candidates.length)) codes.add(candidates[Math.floor(rng() * candidates.length)]!.code);
  let inside = 0, total = 0;
  for (const g of j.grids.features) {
    total += g.properties.households;
    if (codes.has(g.properties.townshipCode)) inside += g.properties.households;
  }
  return { codes, share: total > 0 ? inside / total : 0 };
}

export interface DemoLoopOptions {
  ratePerMinute: number;
  stuckShare: number;
}

/** The simulated duty of the demo county, following the open demo cases already in the book. */
export function createDemoLoop(c: DemoCasework, j: Jurisdiction, o: DemoLoopOptions, deps: Pick<DutyDeps, 'now' | 'onRefusal'>): Duty {
  const stuck = stuckTownshipsOf(j);
  const duty = createDuty(
    { service: c.service, book: c.book, limits: c.limits, staff: createDemoStaff(c.access), ...deps },
    { stuckShare: o.stuckShare, stuckTownships: stuck.codes, stuckTownshipShare: stuck.share, pace: dutyPace(o.ratePerMinute), maxMovesPerStep: 2000 },
  );
  // After a restart: the open demo cases of the log carry on from where they are.
  for (const r of c.book.records()) if (r.state.source === 'demo' && isOpenStage(r.state.stage)) duty.follow(r.state.id);
  return duty;
}

/** One line about the duty's cases: open, overdue, by stage, and commands given. */
export function describeFigures(f: DutyFigures, sinceCommands = 0): string {
  const total = Object.values(f.commands).reduce((a, b) => a + b, 0);
  const refused = Object.entries(f.refused).map(([status, n]) => `${n}×${status}`).join(', ');
  const stages = CASE_STAGES.filter((s) => f.stages[s]).map((s) => `${CASE_STAGE_NAMES[s]} ${f.stages[s]}`).join(' · ');
  return `${f.open} open demo cases (${f.overdue} overdue; ${stages || 'none'}), ${total - sinceCommands} commands${refused ? `, refused ${refused}` : ''}`;
}

/** Commands given so far (all types). */
export function commandsOf(f: DutyFigures): number {
  return Object.values(f.commands).reduce((a, b) => a + b, 0);
}
