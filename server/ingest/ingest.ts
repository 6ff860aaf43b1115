// The one ingest path (统一受理) for every source — the HTTP API and the demo feed alike:
// validate → assign to a grid → store (ack after commit) → tell the listeners what is new.
import type { AcceptedIncident, GridAssignment, Incident, IngestResult, RejectedIncident } from '../wire/index.ts';
import type { IncidentStore, NewIncident } from '../store/types.ts';
import { validateBatch } from './validate.ts';

export interface IngestDeps {
  /** Grid assignment (the geo stage); null = outside every grid. */
  assigner: { assign(lng: number, lat: number): GridAssignment | null };
  store: IncidentStore;
  /** How the county is named in the outside-jurisdiction reason, e.g. "321202 海陵区". */
  countyLabel: string;
  /** Called once per committed batch with the incidents that are new (duplicates excluded). */
  onCommitted?: (incidents: Incident[]) => void;
  now?: () => number;
  /** A listener failed after the commit; the incidents are stored and acknowledged regardless. */
  onListenerError?: (err: unknown) => void;
}

/** Ingests a parsed request body (one incident or an array); throws BatchError for unusable bodies. */
export type Ingest = (body: unknown) => Promise<IngestResult>;

export function createIngest(deps: IngestDeps): Ingest {
  const now = deps.now ?? Date.now;
  return async function ingest(body) {
    const { valid, rejected } = validateBatch(body, now());
    const toStore: NewIncident[] = [];
    const indexes: number[] = [];
    for (const { index, input } of valid) {
      const where = deps.assigner.assign(input.lng, input.lat);
      if (where === null) {
        rejected.push({
          index,
          field: 'lng,lat',
          reason: `(${input.lng}, ${input.lat}) is outside jurisdiction ${deps.countyLabel}: it lies in none of its grids`,
        });
        continue;
      }
      // Key by key rather than spread: a fixed shape keeps the store's property reads fast.
      toStore.push({
        source: input.source,
        sourceId: input.sourceId,
        category: input.category,
        priority: input.priority,
        lng: input.lng,
        lat: input.lat,
        occurredAt: input.occurredAt,
        description: input.description,
        townshipCode: where.townshipCode,
        villageCode: where.villageCode,
        gridCode: where.gridCode,
      });
      indexes.push(index);
    }
    const outcomes = await deps.store.appendBatch(toStore);
    const accepted: AcceptedIncident[] = outcomes.map(({ incident, duplicate }, k) => ({
      index: indexes[k]!,
      id: incident.id,
      seq: incident.seq,
      townshipCode: incident.townshipCode,
      villageCode: incident.villageCode,
      gridCode: incident.gridCode,
      duplicate,
    }));
    const fresh = outcomes.filter((o) => !o.duplicate).map((o) => o.incident);
    if (fresh.length > 0 && deps.onCommitted) {
      try {
        deps.onCommitted(fresh);
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
