// What the case API and the live channel carry of cases (defined once; server and web import it).
// A case's state (case.ts) is the fold of its log; a view adds what the server derives from it at
// the moment it is sent — overdue by the server's clock, suggested duplicates — and the incident's
// place and words, which every list and card shows.
import type { CaseCommandType, CaseEvent, CaseStage, CaseState } from './case.ts';

/** One open case that may report the same event (可能重复): a suggestion, merged only by an officer. */
export interface DuplicateCandidate {
  caseId: string;
  /** 0–1: higher is likelier the same event. */
  score: number;
  distanceM: number;
  secondsApart: number;
}

/** A case as lists, cards and ticks carry it. */
export interface CaseView extends CaseState {
  lng: number;
  lat: number;
  /** ISO 8601 UTC: when it happened. */
  occurredAt: string;
  description: string;
  /** Which limits have passed, by the server's clock when the view was made. */
  overdue: { step: boolean; case: boolean };
  /** Open cases it may duplicate, best first (empty for closed cases). */
  duplicates: DuplicateCandidate[];
}

/** Counts of one area's cases: open ones by stage, and how many of them are overdue. */
export interface CaseCount {
  open: number;
  overdue: number;
  stages: Partial<Record<CaseStage, number>>;
}

/** Case counts per township code (every township of the scope present). */
export type CaseCounts = Record<string, CaseCount>;

/** The queue tabs of the duty console: 待受理, 处置中, 超时, 待核查, 我的. */
export const CASE_TABS = ['new', 'open', 'overdue', 'verifying', 'mine'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

/** Answer of GET /api/v1/cases. */
export interface CaseListResponse {
  cases: CaseView[];
  /** How many cases of the caller's scope each tab holds (whatever the filters of this request). */
  tabs: Record<CaseTab, number>;
  /** True when more cases matched than `limit`. */
  truncated: boolean;
  /** The log position the answer is current to: poll again with changedAfterSeq = this. */
  lastSeq: number;
  asOf: string;
}

/** Answer of GET /api/v1/cases/{id}: the case, its timeline, and what the caller may do now. */
export interface CaseDetailResponse {
  case: CaseView;
  events: CaseEvent[];
  commands: CaseCommandType[];
  asOf: string;
}

/** Answer of a command that was applied. */
export interface CaseCommandResult {
  case: CaseView;
  events: CaseEvent[];
}

/** One item of POST /api/v1/cases/commands (a batch): applied, or refused with its status and reason. */
export type CaseBatchItemResult =
  | ({ index: number; caseId: string; ok: true } & CaseCommandResult)
  | { index: number; caseId: string; ok: false; status: number; reason: string; field?: string; case?: CaseView };

/** A case whose limit was just crossed (a live change: walls flash it, queues move it to 超时). */
export interface OverdueChange {
  caseId: string;
  limit: 'step' | 'case';
  dueAt: string;
}
