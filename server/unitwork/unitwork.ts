// The unit subsystem put together for the app: the unit book folded from the log (every unit of
// units.json starts available at version 0), the command service (status commands and dispatch
// from a case), the road router for recommendations (built on first use), what the live channel
// asks of the book, and the sweep that raises the server's flags (no answer in time, too long in a
// status) as the system actor — flags only: arriving on scene is offered to the unit, never applied.
import type { Access } from '../auth/access.ts';
import { createAuditBatch } from '../casework/audit-batch.ts';
import type { Casework } from '../casework/casework.ts';
import { createDispatchRouter } from '../dispatch/router.ts';
import type { DispatchRouter } from '../dispatch/router.ts';
import { loadUnitSpeeds } from '../dispatch/unit-speeds.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { LiveUnitStatuses } from '../live/log-reader.ts';
import type { IncidentStore } from '../store/types.ts';
import { DEFAULT_UNIT_TIME_LIMITS, flagsDue } from '../units/status.ts';
import type { UnitTimeLimits } from '../units/status.ts';
import type { UnitDutyState } from '../wire/unit-status.ts';
import { createUnitBook } from './unit-book.ts';
import type { UnitBook } from './unit-book.ts';
import { foldUnit } from './unit-log.ts';
import { createUnitService } from './unit-service.ts';
import type { UnitService } from './unit-service.ts';

export interface UnitworkDeps {
  store: IncidentStore;
  access: Access;
  jurisdiction: Jurisdiction;
  casework: Pick<Casework, 'service'>;
  now(): number;
  /** Unit speeds file (default: data/unit-speeds.json). */
  unitSpeedsFile?: string;
  limits?: UnitTimeLimits;
  committed?: () => void;
  /** A background sweep failed. */
  onError?: (err: unknown) => void;
}

export interface Unitwork {
  book: UnitBook;
  service: UnitService;
  /** The county's road router, built on first use. */
  router(): DispatchRouter;
  live: LiveUnitStatuses;
  /** Raises the flags that have fallen due by now (the sweep calls it; tests call it with their clock); returns how many. */
  flagDue(): Promise<number>;
  close(): void;
}

/** How often the server looks for dispatches left unanswered and units too long in a status. */
export const FLAG_SWEEP_MS = 5_000;

/** Opens the unit subsystem: folds every unit's events from the log into the book. */
export async function openUnitwork(deps: UnitworkDeps): Promise<Unitwork> {
  const book = createUnitBook(deps.jurisdiction.units);
  for (const u of deps.jurisdiction.units) book.put(foldUnit(book.start(u.id)!, await deps.store.eventsOf('unit', u.id)));
  const service = createUnitService({
    store: deps.store,
    book,
    cases: deps.casework.service,
    limits: deps.limits ?? DEFAULT_UNIT_TIME_LIMITS,
    audit: createAuditBatch(deps.access.audit),
    now: deps.now,
    ...(deps.committed ? { committed: deps.committed } : {}),
  });
  let router: DispatchRouter | undefined;
  const limits = deps.limits ?? DEFAULT_UNIT_TIME_LIMITS;
  let sweeping = false;
  // A scan of every unit: a county has hundreds, not millions; a timer queue can replace it when that changes.
  async function flagDue(): Promise<number> {
    if (sweeping) return 0;
    sweeping = true;
    let raised = 0;
    try {
      const now = deps.now();
      for (const s of book.all()) {
        const due = flagsDue(s, limits);
        if (due.unanswered !== null && due.unanswered <= now && (await service.flag(s.unitId, 'flag-unanswered')).ok) raised += 1;
        const again = flagsDue(book.get(s.unitId)!, limits);
        if (again.overdue !== null && again.overdue <= now && (await service.flag(s.unitId, 'flag-overdue')).ok) raised += 1;
      }
    } finally {
      sweeping = false;
    }
    return raised;
  }
  const sweeper = setInterval(() => void flagDue().catch(deps.onError ?? (() => undefined)), FLAG_SWEEP_MS);
  sweeper.unref();
  return {
    flagDue,
    close: () => clearInterval(sweeper),
    book,
    service,
    router() {
      router ??= createDispatchRouter(deps.jurisdiction.roads.features, loadUnitSpeeds(deps.unitSpeedsFile));
      return router;
    },
    live: {
      versionOf: (id) => book.versionOf(id),
      refresh: async (id) => void (await service.refresh(id)),
      views(ids) {
        const out: UnitDutyState[] = [];
        for (const id of ids) {
          const s = book.get(id);
          if (s) out.push(s);
        }
        return out;
      },
    },
  };
}
