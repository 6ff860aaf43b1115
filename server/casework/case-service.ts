// Acting on cases: a command is decided by the domain (server/cases) on the state the book holds,
// appended to the log only if the case is still at the version the sender saw (the store checks it
// against what is committed), applied to the book in commit order, and audited with its before and
// after. Reads come from the book, or — for a case closed long ago — are folded from the store.
import type { AuditInput } from '../audit/audit-log.ts';
import { actorOf } from '../auth/principal.ts';
import type { SessionPrincipal } from '../auth/principal.ts';
import { inScope } from '../auth/scope.ts';
import type { Scope } from '../auth/scope.ts';
import { decide } from '../cases/index.ts';
import type { TimeLimits } from '../cases/index.ts';
import type { IncidentStore, StoredEvent, StreamAppend } from '../store/types.ts';
import type { CaseActor, CaseCommand, CaseCommandResult, CaseState, CaseView, Incident } from '../wire/index.ts';
import type { AuditBatch } from './audit-batch.ts';
import type { CaseBook, CaseRecord } from './case-book.ts';
import { foldCase, projectionOf, stateAfter, toCaseEvent } from './case-log.ts';

/** What a command needs to know of the world beyond its case. */
export interface CaseWorld {
  /** A person a case may be assigned to, by account id: their name, or undefined when there is no such (enabled) account. */
  accountName(id: number): string | undefined;
  /** A patrol unit's name, or undefined when the county has no such unit. */
  unitName(id: string): string | undefined;
  /** True when the jurisdiction has this grid. */
  gridExists(code: string): boolean;
  /** True when this photo was uploaded to this case. */
  photoOfCase(caseId: string, photoId: string): Promise<boolean>;
}

export interface CaseServiceDeps {
  store: IncidentStore;
  book: CaseBook;
  limits: TimeLimits;
  audit: AuditBatch;
  world: CaseWorld;
  now(): number;
  /** A command was committed (the live channel cuts a tick soon). */
  committed?: () => void;
}

/**
 * Another stream appended in the same transaction as a case command — a unit dispatched with its
 * case — decided by its own service on the state it holds: both are written or neither.
 */
export interface JoinedAppend {
  append: StreamAppend;
  /** The refusal to give when that stream had moved on by the commit (its version then). */
  moved(version: number | null): Promise<{ status: number; reason: string }>;
}

/** The answer to a command: applied, or refused with the status, the reason and (409) the current state. */
export type CommandAnswer =
  | ({ ok: true; joined?: StoredEvent[] } & CaseCommandResult)
  | { ok: false; status: number; reason: string; field?: string; case?: CaseView };

export interface CaseService {
  /** The cases of incidents just committed (ingest calls this after each commit). */
  created(incidents: readonly Incident[], stateOf: (i: Incident) => CaseState): void;
  /** A case inside the scope, from the book or the store; undefined when unknown or outside. */
  read(id: string, scope: Pick<Scope, 'code'>): Promise<CaseRecord | undefined>;
  /** Reads a case back from the store into the book (when the book is behind the log). */
  refresh(id: string): Promise<void>;
  /** Runs one command of a person on a case; `joined` is written in the same transaction, and its stored events come back as `joined`. */
  execute(id: string, expectedVersion: number, command: CaseCommand, principal: SessionPrincipal, ip: string | null, joined?: JoinedAppend): Promise<CommandAnswer>;
}

/** The case domain's actor for a session: an account with its role and jurisdiction (a wall display has the wall-display role, which may do nothing). */
export function caseActorOf(p: SessionPrincipal): CaseActor {
  if (p.kind === 'account') return { type: 'account', id: p.accountId, name: p.username, role: p.role, jurisdictionCode: p.scope.code };
  return { type: 'account', id: p.linkId, name: p.label, role: 'wall-display', jurisdictionCode: p.scope.code };
}

/** What the audit log keeps of a state, before and after a command. */
function summary(s: CaseState): Record<string, unknown> {
  return { version: s.version, stage: s.stage, level: s.level, centreCode: s.centreCode, owner: s.owner, assignee: s.assignee, stepDueAt: s.stepDueAt };
}

export function createCaseService(deps: CaseServiceDeps): CaseService {
  const { store, book, world } = deps;

  /** The case from the store, folded, and put into the book (it may be acted on next). */
  async function load(id: string): Promise<CaseRecord | undefined> {
    const incident = await store.getById(id);
    if (!incident) return undefined;
    const state = foldCase(incident, await store.eventsOf('case', id));
    // A command may have been applied meanwhile: keep the newer.
    if (book.versionOf(id) < state.version) book.put(incident, state);
    return book.get(id);
  }

  async function read(id: string, scope: Pick<Scope, 'code'>): Promise<CaseRecord | undefined> {
    const record = book.get(id) ?? (await load(id));
    return record && inScope(scope, record.state.gridCode) ? record : undefined;
  }

  /** The command with every name and reference checked against the server's own records (never the client's). */
  async function resolve(caseId: string, command: CaseCommand): Promise<{ command: CaseCommand } | { status: number; reason: string; field: string }> {
    if (command.type === 'assign') {
      const a = command.assignee;
      if (a.kind === 'account') {
        const name = world.accountName(a.accountId);
        if (name === undefined) return { status: 422, reason: `assignee.accountId ${a.accountId}: no such enabled account`, field: 'assignee.accountId' };
        return { command: { ...command, assignee: { ...a, name } } };
      }
      if (a.kind === 'unit') {
        const name = world.unitName(a.unitId);
        if (name === undefined) return { status: 422, reason: `assignee.unitId ${a.unitId}: no such patrol unit`, field: 'assignee.unitId' };
        return { command: { ...command, assignee: { ...a, name } } };
      }
      if (!world.gridExists(a.gridCode)) return { status: 422, reason: `assignee.gridCode ${a.gridCode}: no such grid`, field: 'assignee.gridCode' };
    }
    if ((command.type === 'feedback' || command.type === 'handle') && command.photos) {
      const known = await Promise.all(command.photos.map((id) => world.photoOfCase(caseId, id)));
      const unknown = command.photos.find((_, k) => !known[k]);
      if (unknown !== undefined) return { status: 422, reason: `photos: ${unknown} is not a photo of this case (upload it first: POST /cases/${caseId}/photos)`, field: 'photos' };
    }
    return { command };
  }

  return {
    created(incidents, stateOf) {
      for (const i of incidents) book.put(i, stateOf(i));
    },
    read,
    async refresh(id) {
      await load(id);
    },
    async execute(id, expectedVersion, raw, principal, ip, joined) {
      const record = await read(id, principal.scope);
      if (!record) return { ok: false, status: 404, reason: `no case with id ${id}` };
      const now = deps.now();
      if (record.state.version !== expectedVersion) {
        return { ok: false, status: 409, reason: `the case is at version ${record.state.version}, not ${expectedVersion}: someone changed it — see its current state`, case: book.view(record, now) };
      }
      const resolved = await resolve(id, raw);
      if ('status' in resolved) return { ok: false, ...resolved };
      const { command } = resolved;
      const survivor = command.type === 'merge' ? await read(command.into, principal.scope) : undefined;
      const decision = decide(record.state, command, caseActorOf(principal), { now, limits: deps.limits, ...(survivor ? { survivor: survivor.state } : {}) });
      if ('refusal' in decision) return { ok: false, status: decision.refusal.status, reason: decision.refusal.reason, ...(decision.refusal.field ? { field: decision.refusal.field } : {}) };

      const before = record.state;
      const appends: StreamAppend[] = [{ stream: 'case', streamId: id, expectedVersion, events: decision.events, projection: projectionOf(stateAfter(before, decision.events)) }];
      // A merge also needs its survivor still as it was decided on (open): checked in the same commit.
      if (survivor) appends.push({ stream: 'case', streamId: survivor.state.id, expectedVersion: survivor.state.version, events: [], projection: projectionOf(survivor.state) });
      if (joined) appends.push(joined.append);
      const outcome = await store.appendCommand(appends);
      if (!outcome.ok && joined && outcome.conflict.streamId === joined.append.streamId) return { ok: false, ...(await joined.moved(outcome.conflict.version)) };
      if (!outcome.ok) {
        const current = await load(outcome.conflict.streamId);
        const which = outcome.conflict.streamId === id ? 'the case' : `the case it merges into (${outcome.conflict.streamId})`;
        const mine = outcome.conflict.streamId === id ? current : await load(id);
        return { ok: false, status: 409, reason: `${which} changed while this command was decided (now version ${outcome.conflict.version ?? 'unknown'}): see its current state`, ...(mine ? { case: book.view(mine, now) } : {}) };
      }
      const events = outcome.events.filter((e) => e.stream === 'case').map(toCaseEvent);
      const others = outcome.events.filter((e) => e.stream !== 'case');
      book.applyEvents(events);
      deps.committed?.();
      const after = book.get(id)!;
      const entry: AuditInput = {
        actor: actorOf(principal),
        action: `case.${command.type}`,
        target: `case:${id}`,
        before: summary(before),
        after: summary(after.state),
        details: { command, expectedVersion, seqs: events.map((e) => e.seq) },
        ip,
      };
      await deps.audit.add(entry);
      return { ok: true, case: book.view(after, deps.now()), events, ...(joined ? { joined: others } : {}) };
    },
  };
}
