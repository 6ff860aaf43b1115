// Cases (案件): an incident in its closed loop (闭环) — 受理 → 派遣 → 处置 → 反馈 → 核查 → 归档 —
// with time limits (限时办结), a first-responsible person (首问负责) and escalation between levels
// ("小事不出村、大事不出镇"). Defined once here: the server's rules (server/cases/) and the web both
// import these types, and the HTTP layer validates commands with the schemas below.
import { z } from 'zod';
import type { Role } from './access.ts';
import type { IncidentCategory, IncidentPriority } from './incident.ts';

/** Stages of a case. Open = neither archived nor merged. */
export const CASE_STAGES = [
  'intake', // 待受理
  'accepted', // 已受理
  'dispatched', // 已派遣
  'handling', // 处置中
  'verifying', // 待核查
  'verified', // 已核查（待归档）
  'archived', // 已归档
  'merged', // 已合并 (terminal)
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Chinese names of the stages, for reasons and labels. */
export const CASE_STAGE_NAMES: Record<CaseStage, string> = {
  intake: '待受理', accepted: '已受理', dispatched: '已派遣', handling: '处置中',
  verifying: '待核查', verified: '已核查', archived: '已归档', merged: '已合并',
};

/** True for a stage in which the loop is still running. */
export function isOpenStage(stage: CaseStage): boolean {
  return stage !== 'archived' && stage !== 'merged';
}

/** Levels a case moves between, lowest first: its responsible centre is the village's, the township's or the county's. */
export const CASE_LEVELS = ['village', 'township', 'county'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];

export const CASE_EVENT_TYPES = [
  'created', 'accepted', 'assigned', 'feedback', 'handled', 'verified', 'rejected',
  'archived', 'escalated', 'handed-down', 'merged', 'reopened', 'note',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export const CASE_COMMAND_TYPES = [
  'accept', 'assign', 'feedback', 'handle', 'verify', 'reject', 'archive', 'escalate', 'hand-down', 'merge', 'reopen', 'note',
] as const;
export type CaseCommandType = (typeof CASE_COMMAND_TYPES)[number];

/** 满意 / 基本满意 / 不满意. */
export const CASE_SATISFACTIONS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type CaseSatisfaction = (typeof CASE_SATISFACTIONS)[number];

/** How a case ended: 已解决 / 不属实 / 重复 / 已转办. */
export const CASE_DISPOSITIONS = ['resolved', 'unfounded', 'duplicate', 'transferred'] as const;
export type CaseDisposition = (typeof CASE_DISPOSITIONS)[number];

/** An account as a case remembers it (name as it was at the time). */
export interface AccountRef {
  id: number;
  name: string;
}

/** Who did something to a case: a signed-in account, the system that posted the incident, or the server itself. */
export type CaseActor =
  | { type: 'account'; id: number; name: string; role: Role; jurisdictionCode: string }
  | { type: 'source'; name: string }
  | { type: 'system' };

/** Whom a case is dispatched to: the worker of a grid, a named person, or a patrol unit. */
export type CaseAssignee =
  | { kind: 'grid'; gridCode: string }
  | { kind: 'account'; accountId: number; name: string }
  | { kind: 'unit'; unitId: string; name: string };

/** The evaluation recorded when a case is archived (评价归档). */
export interface CaseEvaluation {
  satisfaction: CaseSatisfaction;
  disposition: CaseDisposition;
  note: string;
  /** The account that archived it (null only for an event not made by an account, e.g. a migration). */
  by: AccountRef | null;
  at: string;
}

/** First time the case entered each stage (handledAt: verifying) — write-once: a reopen, a rejection or a transfer keeps them. ISO 8601 or null. */
export interface CaseMilestones {
  acceptedAt: string | null;
  dispatchedAt: string | null;
  handlingAt: string | null;
  handledAt: string | null;
  verifiedAt: string | null;
  archivedAt: string | null;
}

/** The facts of the incident behind a case that its rules need. */
export interface CaseIncidentFacts {
  incidentId: string;
  category: IncidentCategory;
  priority: IncidentPriority;
  townshipCode: string;
  villageCode: string;
  /** 15 digits: the village code + 3. */
  gridCode: string;
  source: string;
  /** ISO 8601: when the server committed the incident. */
  receivedAt: string;
  /** The account whose session reported it (发现上报 by a grid worker, a call taken at the console); absent for a source system's report. */
  reporterAccountId?: number | null;
}

/** A case as every client sees it: the fold of its events. */
export interface CaseState extends CaseIncidentFacts {
  id: string;
  /** The reporting account (it may add notes and photos to its own report while it is open), or null. */
  reporterAccountId: number | null;
  /** 1 after `created`, +1 per event; commands carry the version they saw. */
  version: number;
  /** Log position (seq) of the case's latest event. */
  lastSeq: number;
  stage: CaseStage;
  level: CaseLevel;
  /** Code of the responsible centre: the village (12 digits), township (9) or county (6). */
  centreCode: string;
  /** 首问负责: the first account that accepted it at its current level. */
  owner: AccountRef | null;
  assignee: CaseAssignee | null;
  /** Who recorded it handled (the verifier must be someone else); cleared by a rejection. */
  handledBy: AccountRef | null;
  evaluation: CaseEvaluation | null;
  mergedInto: string | null;
  /** When the current step is due (ISO 8601); null once closed. */
  stepDueAt: string | null;
  /** When the whole case is due (ISO 8601). */
  caseDueAt: string | null;
  milestones: CaseMilestones;
  createdAt: string;
  updatedAt: string;
}

/** What each event type records beyond who and when. Due times are computed when the event is decided, so replay needs no configuration. */
export interface CaseEventPayloads {
  created: CaseIncidentFacts & { level: CaseLevel; centreCode: string; stepDueAt: string; caseDueAt: string };
  /** stage: 'accepted' when an officer accepts at intake (受理), 'handling' when the assignee takes the task (接单). */
  accepted: { stage: 'accepted' | 'handling'; owner: AccountRef | null; stepDueAt: string | null };
  assigned: { assignee: CaseAssignee };
  /** stage: the stage after it ('handling' when an assignee's first feedback starts the work). */
  feedback: { note: string; photos: string[]; stage: CaseStage };
  handled: { note: string; photos: string[]; stepDueAt: string };
  verified: { note: string };
  rejected: { reason: string; stepDueAt: string };
  archived: { satisfaction: CaseSatisfaction; disposition: CaseDisposition; note: string };
  escalated: { reason: string; from: CaseLevel; to: CaseLevel; centreCode: string; stepDueAt: string };
  'handed-down': { reason: string; from: CaseLevel; to: CaseLevel; centreCode: string; stepDueAt: string };
  merged: { into: string };
  reopened: { reason: string; stepDueAt: string; caseDueAt: string };
  /** photos: absent on notes recorded before notes could carry them. */
  note: { text: string; photos?: string[] };
}

/** An event as the domain produces it; the store adds seq, caseId and version. */
export type CaseEventDraft = { [T in CaseEventType]: { type: T; at: string; actor: CaseActor; payload: CaseEventPayloads[T] } }[CaseEventType];

/** An event as stored: `seq` is its gapless position in the one log, `version` the case's version after it. */
export type CaseEvent = CaseEventDraft & { seq: number; caseId: string; version: number };

/** Why a command was refused: 403 who may not, 409 the stage (or level) does not allow it, 422 a bad payload. */
export interface CaseRefusal {
  status: 403 | 409 | 422;
  reason: string;
  /** The payload field at fault (422). */
  field?: string;
}

// ── Commands and their validation ────────────────────────────────────────────────────────────

/** Longest note, reason or text, in Unicode code points (a Chinese character is one). */
export const CASE_TEXT_MAX = 2000;
/** Most photos one event may carry. */
export const CASE_PHOTOS_MAX = 3;

const codePoints = (s: string) => [...s].length;
const optionalText = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .refine((s) => codePoints(s) <= CASE_TEXT_MAX, `must be at most ${CASE_TEXT_MAX} characters`);
const requiredText = optionalText.refine((s) => s.trim() !== '', 'must not be blank');
const photos = z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be a photo id (1-128 of A-Z a-z 0-9 . _ -)'), { error: 'must be a list of photo ids' })
  .max(CASE_PHOTOS_MAX, `must hold at most ${CASE_PHOTOS_MAX} photo ids per step`);

const assigneeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grid'), gridCode: z.string().regex(/^\d{15}$/, 'must be a 15-digit grid code') }),
  z.strictObject({ kind: z.literal('account'), accountId: z.int().positive(), name: requiredText }),
  z.strictObject({ kind: z.literal('unit'), unitId: z.string().min(1, 'must not be empty').max(128), name: requiredText }),
], { error: 'must be {kind: grid|account|unit, …}' });

/** A command on a case, as POST /cases/{id}/commands carries it. */
export const caseCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('accept') }),
  z.strictObject({ type: z.literal('assign'), assignee: assigneeSchema }),
  z.strictObject({ type: z.literal('feedback'), note: requiredText, photos: photos.optional() }),
  z.strictObject({ type: z.literal('handle'), note: requiredText, photos: photos.optional() }),
  z.strictObject({ type: z.literal('verify'), note: optionalText.optional() }),
  z.strictObject({ type: z.literal('reject'), reason: requiredText }),
  z.strictObject({
    type: z.literal('archive'),
    satisfaction: z.enum(CASE_SATISFACTIONS, { error: `must be one of ${CASE_SATISFACTIONS.join(', ')}` }),
    disposition: z.enum(CASE_DISPOSITIONS, { error: `must be one of ${CASE_DISPOSITIONS.join(', ')}` }),
    note: optionalText.optional(),
  }),
  z.strictObject({ type: z.literal('escalate'), reason: requiredText }),
  z.strictObject({ type: z.literal('hand-down'), to: z.enum(['township', 'village'], { error: 'must be township or village' }), reason: optionalText.optional() }),
  z.strictObject({ type: z.literal('merge'), into: z.string().min(1, 'must name the surviving case').max(128) }),
  z.strictObject({ type: z.literal('reopen'), reason: requiredText }),
  z.strictObject({ type: z.literal('note'), text: requiredText, photos: photos.optional() }),
], { error: `type must be one of ${CASE_COMMAND_TYPES.join(', ')}` });
export type CaseCommand = z.output<typeof caseCommandSchema>;

/** Body of POST /cases/{id}/commands: the command and the case version the sender saw (optimistic concurrency). */
export const caseCommandRequestSchema = z.strictObject({
  expectedVersion: z.int({ error: 'expectedVersion must be the case version you saw (an integer ≥ 1)' }).min(1),
  command: caseCommandSchema,
});
export type CaseCommandRequest = z.output<typeof caseCommandRequestSchema>;

/** Validates a command: the command, or a 422 refusal naming the field (dotted path, e.g. "assignee.gridCode"). */
export function parseCaseCommand(input: unknown): { command: CaseCommand } | { refusal: CaseRefusal } {
  const parsed = caseCommandSchema.safeParse(input);
  if (parsed.success) return { command: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0]].join('.');
    return { refusal: { status: 422, field, reason: `${field} is not a field of this command` } };
  }
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'type';
  const message = issue?.message ?? 'invalid command';
  return { refusal: { status: 422, field, reason: message.startsWith(field) ? message : `${field} ${message}` } };
}
