// The demo feed (DEMO_FEED=on): incidents posted through the same ingest function as the HTTP API
// (source "demo"), patrol units moving along their routes, and the odd camera going offline and
// coming back. On a fresh database it first backfills the last day, so the map's heat and counts
// are meaningful from the first minute.
import seedrandom from 'seedrandom';
import type { CameraStates } from '../cameras/camera-states.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { IncidentStore } from '../store/types.ts';
import type { UnitState } from '../units/unit-state.ts';
import type { GridAssignment, IncidentInput } from '../wire/index.ts';
import { createIncidentGenerator, dayNightFactor, poisson } from './incident-generator.ts';
import { createPatrolSimulation } from './patrol.ts';

export interface DemoFeedDeps {
  ingest: Ingest;
  jurisdiction: Jurisdiction;
  assigner: { assign(lng: number, lat: number): GridAssignment | null };
  store: IncidentStore;
  units: UnitState;
  cameras: CameraStates;
  now?: () => number;
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
}

export const DEFAULT_DEMO_OPTIONS: DemoFeedOptions = {
  ratePerMinute: 30,
  incidentIntervalMs: 1000,
  patrolIntervalMs: 1000,
  cameraIntervalMs: 5000,
  backfillHours: 24,
  maxBackfill: 50_000,
};

export interface DemoFeed {
  /** On an empty store, posts the history of the last backfillHours (call before live ticks start). */
  backfill(): Promise<number>;
  start(): void;
  stop(): void;
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
  const timers: NodeJS.Timeout[] = [];
  let lastIncidentMs = startedAt;
  let posting = false;

  async function post(batch: IncidentInput[]): Promise<void> {
    const result = await deps.ingest(batch);
    // The generator only makes valid incidents inside the county; a rejection is a bug worth seeing.
    if (result.rejected.length > 0) onError(new Error(`demo incident rejected: ${JSON.stringify(result.rejected[0])}`));
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
    for (const fix of patrol.step(now())) deps.units.update(fix);
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
      // A high DEMO_RATE shortens the history instead of making the first start crawl.
      const hours = Math.min(o.backfillHours, o.maxBackfill / (o.ratePerMinute * 60));
      const t0 = end - hours * 3_600_000;
      const minuteMs = 60_000;
      let batch: IncidentInput[] = [];
      let total = 0;
      for (let m = t0; m < end; m += minuteMs) {
        const n = poisson(rng, o.ratePerMinute * dayNightFactor(m));
        for (let k = 0; k < n; k++) {
          batch.push(incidents.next(Math.min(end, m + Math.floor(rng() * minuteMs))));
          if (batch.length === BATCH) {
            await post(batch);
            total += batch.length;
            batch = [];
          }
        }
      }
      if (batch.length > 0) await post(batch);
      total += batch.length;
      log(`[demo] backfilled ${total} demo incidents over the last ${Math.round(hours * 10) / 10} h`);
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
      timers.push(setInterval(guard(patrolStep), o.patrolIntervalMs));
      timers.push(setInterval(guard(cameraStep), o.cameraIntervalMs));
    },
    stop() {
      for (const t of timers.splice(0)) clearInterval(t);
    },
  };
}
