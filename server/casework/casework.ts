// The case subsystem put together for the app: the time limits, the book filled from the open cases
// of the log, the command service, and the answers other stages ask of it — the due times of a new
// incident (ingest), the cases of committed incidents (ingest), what a request may do with a case's
// photos (photos), and the periodic sweep of closed cases out of memory.
import type { FastifyRequest } from 'fastify';
import type { Access } from '../auth/access.ts';
import { apply, loadTimeLimits } from '../cases/index.ts';
import type { TimeLimits } from '../cases/index.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { CaseAccess } from '../photos/photo-routes.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import type { IncidentStore } from '../store/types.ts';
import type { LiveCases } from '../live/log-reader.ts';
import type { CaseView, Incident, IncidentCategory, IncidentPriority } from '../wire/index.ts';
import { createAuditBatch } from './audit-batch.ts';
import { createCaseBook } from './case-book.ts';
import type { CaseBook, StartingCase } from './case-book.ts';
import { createdEventOf, foldCase } from './case-log.ts';
import { createCaseService } from './case-service.ts';
import type { CaseService } from './case-service.ts';

/** How long a closed case stays in memory: the day's lists and counts. */
export const RETAIN_CLOSED_MS = 24 * 3_600_000;
const SWEEP_MS = 10 * 60_000;

export interface CaseworkDeps {
  store: IncidentStore;
  access: Access;
  jurisdiction: Jurisdiction;
  photos: PhotoStore;
  timeLimitsFile: string;
  now(): number;
  /** A command was committed. */
  committed?: () => void;
}

export interface Casework {
  limits: TimeLimits;
  book: CaseBook;
  service: CaseService;
  /** The due times of a new case's first step and of the whole case (for ingest). */
  dueOf(category: IncidentCategory, priority: IncidentPriority, atMs: number): { stepMs: number; caseMs: number };
  /** Ingest committed these incidents: their cases join the book. */
  committed(incidents: readonly Incident[]): void;
  /** What the live channel asks of the book. */
  live: LiveCases;
  /** What a request may do with a case's photos. */
  photoAccess(caseId: string, request: FastifyRequest): Promise<CaseAccess>;
  close(): void;
}

/** The live channel's view of a book: changed cases, deadlines, counts. */
export function liveCasesOf(book: CaseBook, refresh: (id: string) => Promise<void>): LiveCases {
  return {
    versionOf: (id) => book.versionOf(id),
    refresh,
    views(ids, nowMs) {
      const out: CaseView[] = [];
      for (const id of ids) {
        const r = book.get(id);
        if (r) out.push(book.view(r, nowMs));
      }
      return out;
    },
    popDue: (nowMs) => book.popDue(nowMs).map((c) => ({ caseId: c.caseId, limit: c.limit, dueAt: c.dueAt })),
    counts: () => ({ counts: Object.fromEntries(book.counts()), version: book.countsVersion }),
  };
}

/** Opens the case subsystem: reads the open cases of the log into the book (folded, with their events). */
export async function openCasework(deps: CaseworkDeps): Promise<Casework> {
  const limits = loadTimeLimits(deps.timeLimitsFile);
  const starting: StartingCase[] = [];
  await deps.store.forEachOpenCase((incident, events) => starting.push({ incident, state: foldCase(incident, events) }));
  const book = createCaseBook({ retainClosedMs: RETAIN_CLOSED_MS }, deps.now(), starting);
  const units = new Map(deps.jurisdiction.units.map((u) => [u.id, u.callsign]));
  const grids = new Set(deps.jurisdiction.grids.features.map((g) => g.properties.code));
  const service = createCaseService({
    store: deps.store,
    book,
    limits,
    audit: createAuditBatch(deps.access.audit),
    now: deps.now,
    ...(deps.committed ? { committed: deps.committed } : {}),
    world: {
      accountName(id) {
        const a = deps.access.accounts.get(id);
        return a && !a.disabled ? a.username : undefined;
      },
      unitName: (id) => units.get(id),
      gridExists: (code) => grids.has(code),
      photoOfCase: async (caseId, photoId) => (await deps.photos.get(caseId, photoId)) !== undefined,
    },
  });
  const sweeper = setInterval(() => book.sweep(deps.now()), SWEEP_MS);
  sweeper.unref();

  return {
    limits,
    book,
    service,
    dueOf(category, priority, atMs) {
      const l = limits.limitsFor(category, priority);
      return { stepMs: atMs + l.accept, caseMs: atMs + l.total };
    },
    committed(incidents) {
      service.created(incidents, (i) => apply(undefined, createdEventOf(i)));
    },
    async photoAccess(caseId, request) {
      const p = request.principal;
      if (!p || p.kind === 'api-key') return 'none';
      const record = await service.read(caseId, p.scope);
      if (!record) return 'unknown';
      return p.kind === 'account' ? 'attach' : 'read';
    },
    live: liveCasesOf(book, (id) => service.refresh(id)),
    close: () => clearInterval(sweeper),
  };
}
