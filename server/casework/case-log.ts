// Between the store's log and the case domain: a stored incident is its case's `created` event, a
// stored event a later one; a case's state is the fold of both; and what the incident row keeps of
// a state (its projection) is read off the state, never computed anywhere else.
import { apply } from '../cases/index.ts';
import type { CaseProjection, StoredEvent } from '../store/types.ts';
import { isOpenStage } from '../wire/index.ts';
import type { CaseEvent, CaseEventDraft, CaseIncidentFacts, CaseState, Incident } from '../wire/index.ts';

/** The facts of an incident its case's rules need. */
export function factsOf(i: Incident): CaseIncidentFacts {
  return {
    incidentId: i.id,
    category: i.category,
    priority: i.priority,
    townshipCode: i.townshipCode,
    villageCode: i.villageCode,
    gridCode: i.gridCode,
    source: i.source,
    receivedAt: i.receivedAt,
    ...(i.reporterAccountId ? { reporterAccountId: i.reporterAccountId } : {}),
  };
}

/**
 * The `created` event of an incident's case: at the village level, with the due times stored with
 * the incident when it arrived (null for incidents stored before cases existed: no limit).
 */
export function createdEventOf(i: Incident): CaseEvent {
  return {
    type: 'created',
    seq: i.seq,
    caseId: i.id,
    version: 1,
    at: i.receivedAt,
    actor: { type: 'source', name: i.source },
    payload: { ...factsOf(i), level: 'village', centreCode: i.villageCode, stepDueAt: i.stepDueAt as string, caseDueAt: i.caseDueAt as string },
  };
}

/** A stored event of a case stream as the domain's event. */
export function toCaseEvent(e: StoredEvent): CaseEvent {
  return { seq: e.seq, caseId: e.streamId, version: e.version, type: e.type, at: e.at, actor: e.actor, payload: e.payload } as CaseEvent;
}

/** A case's state: its incident's created event, then its events in order. */
export function foldCase(incident: Incident, events: readonly StoredEvent[]): CaseState {
  let state = apply(undefined, createdEventOf(incident));
  for (const e of events) state = apply(state, toCaseEvent(e));
  return state;
}

/** The state after drafts that are about to be appended (numbered as the store will number them), to know the projection. */
export function stateAfter(state: CaseState, drafts: readonly CaseEventDraft[]): CaseState {
  let next = state;
  drafts.forEach((d, k) => {
    next = apply(next, { ...d, seq: state.lastSeq + k + 1, caseId: state.id, version: state.version + k + 1 } as CaseEvent);
  });
  return next;
}

/** What the incident row keeps of a case's state. */
export function projectionOf(state: CaseState): CaseProjection {
  return { stage: state.stage, open: isOpenStage(state.stage), stepDueAt: state.stepDueAt };
}
