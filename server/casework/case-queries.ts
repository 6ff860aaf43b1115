// The duty console's queue: the book's cases inside the caller's scope, by tab (待受理, 处置中, 超时,
// 待核查, 我的) and filters, sorted by due time; and, for systems that follow cases from outside
// (the 12345 platform), the cases that changed after a log position, read from the log itself.
import { inScope } from '../auth/scope.ts';
import type { IncidentStore } from '../store/types.ts';
import { isOpenStage } from '../wire/index.ts';
import type { CaseActor, CaseListResponse, CaseStage, CaseState, CaseTab, CaseView, IncidentCategory } from '../wire/index.ts';
import type { CaseBook, CaseRecord } from './case-book.ts';
import type { CaseService } from './case-service.ts';

export interface CaseQuery {
  tab?: CaseTab;
  stage?: CaseStage;
  /** Only cases with a passed limit (true) or none (false). */
  overdue?: boolean;
  /** 'me': cases the caller owns or is assigned (我的). */
  assignee?: 'me';
  township?: string;
  category?: IncidentCategory;
  source?: string;
  /** Only cases changed after this log position, read from the log (for external systems). */
  changedAfterSeq?: number;
  sort: 'due' | 'newest';
  limit: number;
}

/** Who is asking: their scope and, for 我的, who they are. */
export interface Asker {
  scopeCode: string;
  actor: Extract<CaseActor, { type: 'account' }>;
}

const OPEN_STAGES: ReadonlySet<CaseStage> = new Set(['accepted', 'dispatched', 'handling']);
const VERIFY_STAGES: ReadonlySet<CaseStage> = new Set(['verifying', 'verified']);

/** True when the case is the asker's own: they own it (首问负责) or it is assigned to them or to a grid of theirs (a grid worker). */
export function isMine(s: CaseState, a: Asker): boolean {
  if (!isOpenStage(s.stage)) return false;
  if (s.owner?.id === a.actor.id && a.actor.role !== 'wall-display') return true;
  const x = s.assignee;
  if (!x) return false;
  if (x.kind === 'account') return x.accountId === a.actor.id;
  return x.kind === 'grid' && a.actor.role === 'grid-worker' && x.gridCode.startsWith(a.scopeCode);
}

/** True when a view belongs under a tab. */
export function inTab(v: CaseView, tab: CaseTab, a: Asker): boolean {
  switch (tab) {
    case 'new':
      return v.stage === 'intake';
    case 'open':
      return OPEN_STAGES.has(v.stage);
    case 'overdue':
      return isOpenStage(v.stage) && (v.overdue.step || v.overdue.case);
    case 'verifying':
      return VERIFY_STAGES.has(v.stage);
    case 'mine':
      return isMine(v, a);
  }
}

function matches(v: CaseView, q: CaseQuery, a: Asker): boolean {
  if (q.tab && !inTab(v, q.tab, a)) return false;
  if (q.stage && v.stage !== q.stage) return false;
  if (q.overdue !== undefined && (v.overdue.step || v.overdue.case) !== q.overdue) return false;
  if (q.assignee === 'me' && !isMine(v, a)) return false;
  if (q.township && v.townshipCode !== q.township) return false;
  if (q.category && v.category !== q.category) return false;
  if (q.source && v.source !== q.source) return false;
  return true;
}

const dueOf = (v: CaseView) => (v.stepDueAt === null ? Infinity : Date.parse(v.stepDueAt));

/** The queue of the book for an asker: every tab counted, the matching cases sorted and cut to the limit. */
export function listCases(book: CaseBook, q: CaseQuery, a: Asker, nowMs: number, lastSeq: number): CaseListResponse {
  const tabs: Record<CaseTab, number> = { new: 0, open: 0, overdue: 0, verifying: 0, mine: 0 };
  const found: CaseView[] = [];
  for (const r of book.records()) {
    if (!inScope({ code: a.scopeCode }, r.state.gridCode)) continue;
    const v = viewLight(book, r, nowMs);
    for (const t of Object.keys(tabs) as CaseTab[]) if (inTab(v, t, a)) tabs[t] += 1;
    if (matches(v, q, a)) found.push(v);
  }
  found.sort(q.sort === 'due' ? (x, y) => dueOf(x) - dueOf(y) || x.lastSeq - y.lastSeq : (x, y) => y.lastSeq - x.lastSeq);
  const cases = found.slice(0, q.limit).map((v) => book.view(book.get(v.id)!, nowMs));
  return { cases, tabs, truncated: found.length > q.limit, lastSeq, asOf: new Date(nowMs).toISOString() };
}

/** A view without the duplicate search (only the cases that are sent get it). */
function viewLight(book: CaseBook, r: CaseRecord, nowMs: number): CaseView {
  const s = r.state;
  const open = isOpenStage(s.stage);
  return {
    ...s,
    lng: r.lng,
    lat: r.lat,
    occurredAt: r.occurredAt,
    description: r.description,
    overdue: { step: open && s.stepDueAt !== null && Date.parse(s.stepDueAt) <= nowMs, case: open && s.caseDueAt !== null && Date.parse(s.caseDueAt) <= nowMs },
    duplicates: [],
  };
}

/** Log entries read per page while looking for changed cases. */
const LOG_PAGE = 2000;

/**
 * The cases inside the scope that changed after `afterSeq`, read from the log (every created
 * incident and every event counts), in the order of their first change, at most `limit`; lastSeq
 * is how far the log was read: poll again from it. Tabs are not counted on this path (all 0).
 */
export async function casesChangedAfter(
  store: IncidentStore,
  service: CaseService,
  book: CaseBook,
  afterSeq: number,
  q: CaseQuery,
  a: Asker,
  nowMs: number,
): Promise<CaseListResponse> {
  const ids: string[] = [];
  const seen = new Set<string>();
  let cursor = afterSeq;
  let truncated = false;
  for (;;) {
    const page = await store.logAfter(cursor, LOG_PAGE);
    for (const entry of page) {
      if (entry.kind === 'event' && entry.event.stream !== 'case') {
        cursor = entry.seq; // a unit's status, not a case
        continue;
      }
      const id = entry.kind === 'created' ? entry.incident.id : entry.event.streamId;
      if (!seen.has(id)) {
        if (ids.length === q.limit) {
          truncated = true;
          break;
        }
        seen.add(id);
        ids.push(id);
      }
      cursor = entry.seq;
    }
    if (truncated || page.length < LOG_PAGE) break;
  }
  const cases: CaseView[] = [];
  for (const id of ids) {
    const r = await service.read(id, { code: a.scopeCode });
    if (!r) continue;
    const v = book.view(r, nowMs);
    if (matches(v, q, a)) cases.push(v);
  }
  const tabs: Record<CaseTab, number> = { new: 0, open: 0, overdue: 0, verifying: 0, mine: 0 };
  return { cases, tabs, truncated, lastSeq: cursor, asOf: new Date(nowMs).toISOString() };
}
