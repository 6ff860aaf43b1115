// The demo feed (DEMO_FEED=on): incidents posted through the same ingest function as the HTTP API
// (source "demo"), their cases worked through the closed loop by a simulated duty (demo accounts
// giving commands through the case service, like people), patrol units moving along their routes,
// and the odd camera going offline and coming back. On a fresh database it first back-fills the
// last day — incidents and their loop, with the app's clock held at each step's time — so the map's
// heat, counts and stages are a realistic day from the first minute.
import seedrandom from 'seedrandom';
import type { CameraStates } from '../cameras/camera-states.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { IncidentStore } from '../store/types.ts';
import type { UnitState } from '../units/unit-state.ts';
import type { GridAssignment, IncidentInput, UnitFix } from '../wire/index.ts';
import type { DemoClock } from './demo-clock.ts';
import { commandsOf, createDemoLoop, describeFigures } from './demo-loop.ts';
import type { DemoCasework } from './demo-loop.ts';
import type { Duty } from './duty.ts';
import { createIncidentGenerator, dayNightFactor, poisson } from './incident-generator.ts';
import type { DemoIncidentGenerator } from './incident-generator.ts';
import { createPatrolSimulation } from './patrol.ts';

export interface DemoFeedDeps {
  ingest: Ingest;
  jurisdiction: Jurisdiction;
  assigner: { assign(lng: number, lat: number): GridAssignment | null };
  store: IncidentStore;
  units: UnitState;
  /** The fix ingest path (validated, stored): the patrol's fixes go through it when given, else straight to `units`. */
  ingestFixes?: (fixes: UnitFix[]) => void;
  cameras: CameraStates;
  now?: () => number;
  /** The case subsystem: with it, a simulated duty works the demo cases through the loop. */
  casework?: DemoCasework;
  /** The app's clock, held at each step of the back-fill (so the back-filled loop happens when it says). */
  clock?: DemoClock;
  log?: (message: string) => void;
  onError?: (err: unknown) => void;
}

export interface DemoFeedOptions {
  /** Mean incidents per minute over a day (DEMO_RATE). */
  ratePerMinute: number;
  /** How often incidents are generated, ms. */
  incidentIntervalMs: number;
  /** How often units report a fix, ms (a typical tracker: 1 s). */
  patrolIntervalMs: number;
  /** How often camera states are re-rolled, ms. */
  cameraIntervalMs: number;
  /** Hours of history generated on an empty store (0 = none). */
  backfillHours: number;
  /** About the most incidents a backfill generates: a high rate gets a shorter history instead. */
  maxBackfill: number;
  /**
   * The same when the back-fill also works their loop: each incident then costs ~5 commands through
   * the case service and its audit (≈ 0.65 ms each on a 2-core VM), so 24 h at 30 a minute (43,000
   * incidents, 270,000 commands) would hold the first start for 3 minutes; 10,000 take ≈ 35 s and
   * are the last ≈ 4 h of a day at 30 a minute (≈ 8 h of a night).
   */
  maxLoopBackfill: number;
  /** Steps of the back-fill's clock, ms: incidents of a step arrive at its end, the duty acts then. */
  backfillStepMs: number;
  /** Share of demo cases the duty leaves stuck past a limit, most in two townships (超时, 卡点). */
  stuckShare: number;
  /** How often the duty's figures are logged, ms (0 = never). */
  figuresIntervalMs: number;
}

export const DEFAULT_DEMO_OPTIONS: DemoFeedOptions = {
  ratePerMinute: 30,
  incidentIntervalMs: 1000,
  patrolIntervalMs: 1000,
  cameraIntervalMs: 5000,
  backfillHours: 24,
  maxBackfill: 50_000,
  maxLoopBackfill: 10_000,
  backfillStepMs: 60_000,
  stuckShare: 0.07,
  figuresIntervalMs: 10 * 60_000,
};

export interface DemoFeed {
  /** On an empty store, posts the history of the last backfillHours (call before live ticks start). */
  backfill(): Promise<number>;
  start(): void;
  /** One round of what the timers do (incidents since the last, then the duty's due moves), at the clock's now; for tests that drive the clock. */
  step(): Promise<void>;
  stop(): void;
  /** The simulated duty (when the feed has the casework). */
  readonly duty: Duty | undefined;
  /** The demo incident generator (its planted duplicates are the ground truth of suggested merges). */
  readonly incidents: DemoIncidentGenerator;
}

/** Where a back-fill ending at `end` starts: `hours` back, or later where `max` incidents are expected (the day's rhythm counted). */
export function historyStart(end: number, hours: number, ratePerMinute: number, max: number): number {
  let expected = 0;
  let t = end;
  while (t > end - hours * 3_600_000) {
    const next = expected + ratePerMinute * dayNightFactor(t - 30_000);
    if (next > max) break;
    expected = next;
    t -= 60_000;
  }
  return t;
}

/** Incidents per ingest call (the API's batch limit). */
const BATCH = 1000;

export function createDemoFeed(deps: DemoFeedDeps, options: Partial<DemoFeedOptions> = {}): DemoFeed {
  const o = { ...DEFAULT_DEMO_OPTIONS, ...options };
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((m: string) => console.log(m));
  const onError = deps.onError ?? ((err: unknown) => console.error('[demo]', err));
  const startedAt = now();
  const runId = `demo-${startedAt.toString(36)}`;
  const rng = seedrandom(runId);
  const incidents = createIncidentGenerator({ grids: deps.jurisdiction.grids, assigner: deps.assigner, seed: runId, runId });
  const patrol = createPatrolSimulation(deps.jurisdiction.units, deps.jurisdiction.routes);
  const duty = deps.casework
    ? createDemoLoop(deps.casework, deps.jurisdiction, { ratePerMinute: o.ratePerMinute, stuckShare: o.stuckShare }, {
        now,
        // The duty only gives commands the rules allow; any refusal but a lost race is a bug worth seeing.
        onRefusal: (caseId, move, status, reason) => onError(new Error(`demo duty: ${move.command.type} on case ${caseId} refused (${status}): ${reason}`)),
      })
    : undefined;
  const timers: NodeJS.Timeout[] = [];
  let lastIncidentMs = startedAt;
  let posting = false;
  let working = false;
  let commandsLogged = 0;

  async function post(batch: IncidentInput[]): Promise<void> {
    const result = await deps.ingest(batch);
    // The generator only makes valid incidents inside the county; a rejection is a bug worth seeing.
    if (result.rejected.length > 0) onError(new Error(`demo incident rejected: ${JSON.stringify(result.rejected[0])}`));
    if (duty) for (const a of result.accepted) if (!a.duplicate) duty.follow(a.id);
  }

  async function dutyStep(): Promise<void> {
    if (!duty || working) return;
    working = true;
    try {
      await duty.step();
    } finally {
      working = false;
    }
  }

  function logFigures(): void {
    if (!duty) return;
    const f = duty.figures();
    log(`[demo] duty: ${describeFigures(f, commandsLogged)} in the last ${Math.round(o.figuresIntervalMs / 6000) / 10} min`);
    commandsLogged = commandsOf(f);
  }

  async function incidentStep(): Promise<void> {
    if (posting) return;
    posting = true;
    try {
      const t = now();
      const expected = ((t - lastIncidentMs) / 60_000) * o.ratePerMinute * dayNightFactor(t);
      lastIncidentMs = t;
      const n = Math.min(poisson(rng, expected), BATCH);
      if (n > 0) await post(Array.from({ length: n }, () => incidents.next(t - Math.floor(rng() * o.incidentIntervalMs))));
    } finally {
      posting = false;
    }
  }

  function patrolStep(): void {
    const fixes = patrol.step(now());
    if (deps.ingestFixes) deps.ingestFixes(fixes);
    else for (const fix of fixes) deps.units.update(fix);
  }

  function cameraStep(): void {
    const ids = deps.cameras.ids();
    if (ids.length === 0) return;
    const at = new Date(now()).toISOString();
    // Each round looks at ~1.5% of cameras: an online one fails rarely, a failed one is soon fixed,
    // so about 6% are down at any time and a change shows up every few seconds on a county's 600.
    const looks = Math.max(1, Math.round(ids.length * 0.015));
    for (let k = 0; k < looks; k++) {
      const id = ids[Math.floor(rng() * ids.length)]!;
      if (deps.cameras.state(id) === 'online') {
        if (rng() < 0.05) deps.cameras.set(id, rng() < 0.7 ? 'offline' : 'fault', at);
      } else if (rng() < 0.8) {
        deps.cameras.set(id, 'online', at);
      }
    }
  }

  return {
    async backfill() {
      if (o.backfillHours <= 0 || o.ratePerMinute <= 0 || (await deps.store.lastSeq()) > 0) return 0;
      const end = now();
      const startedMs = Date.now();
      // With the app's clock and a duty, the loop is back-filled too: the clock is held at the end
      // of each step, its incidents arrive then and the duty gives the moves due by then.
      const walk = duty ? deps.clock : undefined;
      // A high DEMO_RATE shortens the history instead of making the first start crawl.
      const t0 = historyStart(end, o.backfillHours, o.ratePerMinute, walk ? o.maxLoopBackfill : o.maxBackfill);
      const hours = (end - t0) / 3_600_000;
      const openByHour: number[] = [];
      let total = 0;
      try {
        for (let m = t0; m < end; m += o.backfillStepMs) {
          const stepEnd = Math.min(end, m + o.backfillStepMs);
          walk?.walkTo(stepEnd);
          const n = poisson(rng, ((stepEnd - m) / 60_000) * o.ratePerMinute * dayNightFactor(m));
          const times = Array.from({ length: n }, () => m + Math.floor(rng() * (stepEnd - m))).sort((a, b) => a - b);
          const batches: IncidentInput[][] = [];
          for (let k = 0; k < times.length; k += BATCH) batches.push(times.slice(k, k + BATCH).map((t) => incidents.next(t)));
          // The step's incidents and the duty's moves due by its end commit together (one group commit).
          await Promise.all([...batches.map(post), walk ? dutyStep() : undefined]);
          total += n;
          if (duty && Math.floor((stepEnd - t0) / 3_600_000) > openByHour.length - 1) openByHour.push(duty.figures().open);
        }
      } finally {
        walk?.release();
      }
      log(`[demo] backfilled ${total} demo incidents over the last ${Math.round(hours * 10) / 10} h`);
      if (duty && walk) {
        const f = duty.figures();
        commandsLogged = commandsOf(f);
        log(`[demo] backfilled their loop in ${Math.round((Date.now() - startedMs) / 1000)} s: ${describeFigures(f)}; open demo cases hour by hour: ${openByHour.join(', ')}`);
      }
      return total;
    },
    start() {
      if (timers.length > 0) return;
      lastIncidentMs = now();
      patrolStep();
      const guard = (step: () => unknown) => () => {
        try {
          void Promise.resolve(step()).catch(onError);
        } catch (err) {
          onError(err);
        }
      };
      if (o.ratePerMinute > 0) timers.push(setInterval(guard(incidentStep), o.incidentIntervalMs));
      if (duty) timers.push(setInterval(guard(dutyStep), o.incidentIntervalMs));
      if (duty && o.figuresIntervalMs > 0) timers.push(setInterval(guard(logFigures), o.figuresIntervalMs));
      timers.push(setInterval(guard(patrolStep), o.patrolIntervalMs));
      timers.push(setInterval(guard(cameraStep), o.cameraIntervalMs));
    },
    async step() {
      if (o.ratePerMinute > 0) await incidentStep();
      await dutyStep();
    },
    stop() {
      for (const t of timers.splice(0)) clearInterval(t);
    },
    duty,
    incidents,
  };
}
