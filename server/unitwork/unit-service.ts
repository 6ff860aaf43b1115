// Acting on units' duty statuses: a command is decided by the unit domain (server/units) on the
// state the book holds, appended to the log only if the unit is still at the version it was decided
// on (the store checks it against what is committed), applied to the book in commit order, and
// audited with its before and after. A dispatch is two streams in one transaction: the case gets an
// `assigned` event (assignee kind unit) and the unit a `dispatched` one — both or neither — through
// the case service's joined append, so the case's own rules (stage, jurisdiction, version) decide
// the case side and this service the unit side (double booking).
import type { AuditInput } from '../audit/audit-log.ts';
import type { AuditBatch } from '../casework/audit-batch.ts';
import { caseActorOf } from '../casework/case-service.ts';
import type { CaseService } from '../casework/case-service.ts';
import { actorOf } from '../auth/principal.ts';
import type { SessionPrincipal } from '../auth/principal.ts';
import type { IncidentStore, StoredEvent } from '../store/types.ts';
import { decideUnit } from '../units/status.ts';
import type { UnitTimeLimits } from '../units/status.ts';
import type { CaseEvent, CaseView } from '../wire/index.ts';
import type { UnitActor, UnitCommand, UnitDutyState, UnitEvent, UnitEventDraft } from '../wire/unit-status.ts';
import type { UnitBook } from './unit-book.ts';
import { foldUnit, toUnitEvent } from './unit-log.ts';

export interface UnitServiceDeps {
  store: IncidentStore;
  book: UnitBook;
  cases: CaseService;
  limits: UnitTimeLimits;
  audit: AuditBatch;
  now(): number;
  /** A command was committed (the live channel cuts a tick soon). */
  committed?: () => void;
}

/** A refusal: the status, the reason and what the sender should look at now. */
export interface UnitRefused {
  ok: false;
  status: number;
  reason: string;
  field?: string;
  unit?: UnitDutyState;
  case?: CaseView;
}

export type UnitAnswer = { ok: true; unit: UnitDutyState; events: UnitEvent[] } | UnitRefused;
export type DispatchAnswer = { ok: true; case: CaseView; unit: UnitDutyState; caseEvents: CaseEvent[]; unitEvents: UnitEvent[] } | UnitRefused;

export interface DispatchRequest {
  caseId: string;
  unitId: string;
  /** The case's version the officer saw. */
  expectedVersion: number;
  /** Take a busy unit off its case (double booking by explicit choice). */
  override: boolean;
}

export interface UnitService {
  /** Runs one status command of a person on a unit (not a dispatch: that goes through the case). */
  execute(unitId: string, expectedVersion: number, command: UnitCommand, principal: SessionPrincipal, ip: string | null): Promise<UnitAnswer>;
  /** Dispatches a unit to a case: both streams in one commit. */
  dispatch(request: DispatchRequest, principal: SessionPrincipal, ip: string | null): Promise<DispatchAnswer>;
  /** Raises a flag the server owes a unit (no answer in time, too long in a status), as the system actor. */
  flag(unitId: string, type: 'flag-unanswered' | 'flag-overdue'): Promise<UnitAnswer>;
  /** Reads a unit back from the store into the book (the book is behind the log). */
  refresh(unitId: string): Promise<UnitDutyState | undefined>;
}

/** What the audit log keeps of a unit's state, before and after a command. */
function summary(s: UnitDutyState): Record<string, unknown> {
  return { version: s.version, status: s.status, caseId: s.assignment?.caseId ?? null };
}

export function createUnitService(deps: UnitServiceDeps): UnitService {
  const { store, book } = deps;
  const actorFor = (p: SessionPrincipal): UnitActor => caseActorOf(p) as UnitActor;

  async function refresh(unitId: string): Promise<UnitDutyState | undefined> {
    const start = book.start(unitId);
    if (!start) return undefined;
    book.put(foldUnit(start, await store.eventsOf('unit', unitId)));
    return book.get(unitId);
  }

  /** Applies a unit's committed events; a book that missed one in between reads the unit back. */
  async function applyCommitted(unitId: string, events: UnitEvent[]): Promise<UnitDutyState> {
    const first = events[0];
    if (first && book.versionOf(unitId) !== first.version - 1) await refresh(unitId);
    else book.applyEvents(events);
    return book.get(unitId)!;
  }

  async function audit(principal: SessionPrincipal | 'system', ip: string | null, action: string, unitId: string, before: UnitDutyState, after: UnitDutyState, details: Record<string, unknown>): Promise<void> {
    const entry: AuditInput = { actor: principal === 'system' ? { type: 'system' } : actorOf(principal), action: `unit.${action}`, target: `unit:${unitId}`, before: summary(before), after: summary(after), details, ip };
    await deps.audit.add(entry);
  }

  const decide = (state: UnitDutyState, command: UnitCommand, principal: SessionPrincipal | 'system') =>
    decideUnit(state, command, principal === 'system' ? { type: 'system' } : actorFor(principal), { now: deps.now(), limits: deps.limits });

  const unitAppend = (state: UnitDutyState, events: UnitEventDraft[]) => ({ stream: 'unit' as const, streamId: state.unitId, expectedVersion: state.version, events });

  /** One command on one unit, decided on the book's state, appended if the unit is still at that version. */
  async function run(unitId: string, expectedVersion: number, command: UnitCommand, principal: SessionPrincipal | 'system', ip: string | null): Promise<UnitAnswer> {
    const before = book.get(unitId);
    if (!before) return { ok: false, status: 404, reason: `no patrol unit with id ${unitId}` };
    if (before.version !== expectedVersion) {
      return { ok: false, status: 409, reason: `unit ${before.callsign} is at version ${before.version}, not ${expectedVersion}: its status changed — see its current state`, unit: before };
    }
    const decision = decide(before, command, principal);
    if ('refusal' in decision) return { ok: false, ...decision.refusal, ...(decision.refusal.status === 409 ? { unit: before } : {}) };
    const outcome = await store.appendCommand([unitAppend(before, decision.events)]);
    if (!outcome.ok) {
      const current = await refresh(unitId);
      return { ok: false, status: 409, reason: `unit ${before.callsign} changed while this command was decided (now version ${outcome.conflict.version ?? 'unknown'}): see its current state`, ...(current ? { unit: current } : {}) };
    }
    const events = outcome.events.map(toUnitEvent);
    const after = await applyCommitted(unitId, events);
    deps.committed?.();
    await audit(principal, ip, command.type, unitId, before, after, { command, expectedVersion, seqs: events.map((e) => e.seq) });
    return { ok: true, unit: after, events };
  }

  return {
    refresh,
    execute(unitId, expectedVersion, command, principal, ip) {
      if (command.type === 'dispatch') {
        return Promise.resolve({ ok: false, status: 422, field: 'type', reason: `a unit is dispatched from its case: POST /api/v1/cases/${command.caseId}/dispatch {unitId, expectedVersion}` });
      }
      return run(unitId, expectedVersion, command, principal, ip);
    },
    flag(unitId, type) {
      return run(unitId, book.versionOf(unitId), { type }, 'system', null);
    },
    async dispatch({ caseId, unitId, expectedVersion, override }, principal, ip) {
      const before = book.get(unitId);
      if (!before) return { ok: false, status: 422, field: 'unitId', reason: `unitId ${unitId}: no such patrol unit` };
      const command: UnitCommand = { type: 'dispatch', caseId, override };
      const decision = decide(before, command, principal);
      if ('refusal' in decision) return { ok: false, ...decision.refusal, ...(decision.refusal.status === 409 ? { unit: before } : {}) };
      const answer = await deps.cases.execute(caseId, expectedVersion, { type: 'assign', assignee: { kind: 'unit', unitId, name: before.callsign } }, principal, ip, {
        append: unitAppend(before, decision.events),
        // Another dispatch (or status change) of this unit committed first: decided again on what
        // it is now, the officer hears why — usually that it is already dispatched (double booking).
        async moved(version) {
          const current = (await refresh(unitId)) ?? before;
          const again = decide(current, command, principal);
          if ('refusal' in again) return { status: again.refusal.status, reason: again.refusal.reason };
          return { status: 409, reason: `unit ${before.callsign} changed while this dispatch was decided (now version ${version ?? 'unknown'}): look again and retry` };
        },
      });
      if (!answer.ok) {
        const unit = book.get(unitId);
        return { ok: false, status: answer.status, reason: answer.reason, ...(answer.field ? { field: answer.field } : {}), ...(answer.case ? { case: answer.case } : {}), ...(unit ? { unit } : {}) };
      }
      const unitEvents = (answer.joined ?? []).filter((e: StoredEvent) => e.stream === 'unit').map(toUnitEvent);
      const after = await applyCommitted(unitId, unitEvents);
      deps.committed?.();
      await audit(principal, ip, 'dispatch', unitId, before, after, { command, caseVersion: expectedVersion, seqs: unitEvents.map((e) => e.seq) });
      return { ok: true, case: answer.case, unit: after, caseEvents: answer.events, unitEvents };
    },
  };
}
