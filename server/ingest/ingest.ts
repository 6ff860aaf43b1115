// The one ingest path (统一受理) for every source — the HTTP API and the demo feed alike:
// validate → assign to a grid → store (ack after commit) → tell the listeners what is new.
import type { GridAssigner } from '../geo/assigner.ts';
import type { AcceptedIncident, GridAssignment, Incident, IncidentCategory, IncidentPriority, IngestResult, RejectedIncident } from '../wire/index.ts';
import type { IncidentStore, NewIncident } from '../store/types.ts';
import { validateBatch } from './validate.ts';

/**
 * What ingest already worked out for each new incident of a committed batch, in the batch's
 * order, so listeners need not work it out again: the assigner's grid index (into
 * `assigner.catalogue`) and occurredAt in ms.
 */
export interface CommittedFacts {
  gridIndex: Int32Array;
  occurredAtMs: Float64Array;
}

export interface IngestDeps {
  /** Grid assignment (the geo stage), by index into its catalogue; −1 = outside every grid. */
  assigner: Pick<GridAssigner, 'assignIndex' | 'catalogue'>;
  store: IncidentStore;
  /** How the county is named in the outside-jurisdiction reason, e.g. "321202 海陵区". */
  countyLabel: string;
  /** Called once per committed batch with the incidents that are new (duplicates excluded). */
  onCommitted?: (incidents: Incident[], facts: CommittedFacts) => void;
  now?: () => number;
  /** A listener failed after the commit; the incidents are stored and acknowledged regardless. */
  onListenerError?: (err: unknown) => void;
  /** When a new case of this kind, arriving at atMs, must be accepted and closed (限时办结); absent: no limits. */
  dueOf?: (category: IncidentCategory, priority: IncidentPriority, atMs: number) => { stepMs: number; caseMs: number };
}

export interface IngestOptions {
  /**
   * Prefix of every stored sourceId: a person's reports live in their account's own namespace of
   * idempotency keys (the items are validated as sent, the prefix added after).
   */
  sourceIdNamespace?: string;
  /** The account whose session posted them (a person's report). */
  reporterAccountId?: number;
}

/** Ingests a parsed request body (one incident or an array); throws BatchError for unusable bodies. */
export type Ingest = (body: unknown, options?: IngestOptions) => Promise<IngestResult>;

export function createIngest(deps: IngestDeps): Ingest {
  const now = deps.now ?? Date.now;
  return async function ingest(body, options = {}) {
    const namespace = options.sourceIdNamespace ?? '';
    const arrivedMs = now();
    const { dueOf } = deps;
    const { valid, rejected } = validateBatch(body, now());
    const toStore: NewIncident[] = [];
    const indexes: number[] = [];
    const gridIndexes: number[] = [];
    const times: number[] = [];
    const { grids } = deps.assigner.catalogue;
    for (const { index, input, occurredAtMs } of valid) {
      const gridIndex = deps.assigner.assignIndex(input.lng, input.lat);
      if (gridIndex < 0) {
        rejected.push({
          index,
          field: 'lng,lat',
          reason: `(${input.lng}, ${input.lat}) is outside jurisdiction ${deps.countyLabel}: it lies in none of its grids`,
        });
        continue;
      }
      const where = grids[gridIndex] as GridAssignment;
      // Key by key rather than spread: a fixed shape keeps the store's property reads fast.
      toStore.push({
        source: input.source,
        sourceId: namespace + input.sourceId,
        category: input.category,
        priority: input.priority,
        lng: input.lng,
        lat: input.lat,
        occurredAt: input.occurredAt,
        description: input.description,
        townshipCode: where.townshipCode,
        villageCode: where.villageCode,
        gridCode: where.gridCode,
        due: dueOf === undefined ? undefined : dueOf(input.category, input.priority, arrivedMs),
        reporterAccountId: options.reporterAccountId,
      });
      indexes.push(index);
      gridIndexes.push(gridIndex);
      times.push(occurredAtMs);
    }
    const outcomes = await deps.store.appendBatch(toStore, arrivedMs);
    const accepted: AcceptedIncident[] = outcomes.map(({ incident, duplicate }, k) => ({
      index: indexes[k]!,
      id: incident.id,
      seq: incident.seq,
      townshipCode: incident.townshipCode,
      villageCode: incident.villageCode,
      gridCode: incident.gridCode,
      duplicate,
    }));
    const fresh: Incident[] = [];
    const freshGrids = new Int32Array(outcomes.length), freshTimes = new Float64Array(outcomes.length);
    outcomes.forEach(({ incident, duplicate }, k) => {
      if (duplicate) return;
      freshGrids[fresh.length] = gridIndexes[k] as number;
      freshTimes[fresh.length] = times[k] as number;
      fresh.push(incident);
    });
    if (fresh.length > 0 && deps.onCommitted) {
      try {
        deps.onCommitted(fresh, { gridIndex: freshGrids.subarray(0, fresh.length), occurredAtMs: freshTimes.subarray(0, fresh.length) });
      } catch (err) {
        (deps.onListenerError ?? console.error)(err);
      }
    }
    return { accepted, rejected: sortByIndex(rejected) };
  };
}

function sortByIndex(rejected: RejectedIncident[]): RejectedIncident[] {
  return rejected.sort((a, b) => a.index - b.index);
}
