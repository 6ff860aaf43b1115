// Unit status (巡逻力量的勤务状态): a patrol unit in its duty cycle — 在岗 → 已派遣 → 前往中 → 到场 →
// 返回中 → 在岗 — with off duty and out of service beside it. Defined once here: the server's rules
// (server/units/) and the web both import these types, and the HTTP layer validates commands with
// the schemas below. Unit events go to the same log as case events, so they carry a seq too.
import { z } from 'zod';
import type { AccountRef, CaseActor, CaseDisposition } from './case.ts';
import { CASE_DISPOSITIONS } from './case.ts';

/** Statuses of a unit. Busy = assigned to a case (dispatched, en route, on scene). */
export const UNIT_STATUSES = [
  'available', // 在岗 (on patrol, free to dispatch)
  'dispatched', // 已派遣 (assigned, not yet moving)
  'en-route', // 前往中
  'on-scene', // 到场
  'returning', // 返回中 (cleared, heading back; may be dispatched again)
  'off-duty', // 下班 / 离岗
  'out-of-service', // 停用 (breakdown, maintenance, sick)
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** Chinese names of the statuses, for reasons and labels. */
export const UNIT_STATUS_NAMES: Record<UnitStatus, string> = {
  available: '在岗', dispatched: '已派遣', 'en-route': '前往中', 'on-scene': '到场',
  returning: '返回中', 'off-duty': '下班', 'out-of-service': '停用',
};

/** True while the unit is assigned to a case: a new dispatch would double-book it. */
export function isBusyStatus(status: UnitStatus): boolean {
  return status === 'dispatched' || status === 'en-route' || status === 'on-scene';
}

export const UNIT_COMMAND_TYPES = [
  'dispatch', 'accept', 'decline', 'depart', 'arrive', 'clear', 'cancel', 'resume', 'sign-off', 'disable',
  'flag-unanswered', 'flag-overdue',
] as const;
export type UnitCommandType = (typeof UNIT_COMMAND_TYPES)[number];

export const UNIT_EVENT_TYPES = [
  'dispatched', 'accepted', 'declined', 'departed', 'arrived', 'cleared', 'cancelled', 'resumed', 'signed-off', 'disabled',
  'unanswered', 'overdue',
] as const;
export type UnitEventType = (typeof UNIT_EVENT_TYPES)[number];

/** Who changed a unit's status: a signed-in account (an officer), the unit itself (its phone page), or the server. */
export type UnitActor =
  | Extract<CaseActor, { type: 'account' }>
  | { type: 'unit'; unitId: string; name: string }
  | { type: 'system' };

/** Write-once times of one assignment (TicketsCAD's dispatched / responding / on scene / clear), ISO 8601 or null. */
export interface UnitAssignmentMilestones {
  dispatchedAt: string;
  acknowledgedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
  clearedAt: string | null;
}

/** The case a unit is (or was last) dispatched to. */
export interface UnitAssignment {
  caseId: string;
  dispatchedBy: AccountRef | null;
  /** True when it was dispatched over another assignment (double booking by explicit override). */
  override: boolean;
  milestones: UnitAssignmentMilestones;
  /** How the unit cleared it (null until cleared). */
  disposition: CaseDisposition | null;
}

/** A unit as every client sees it: the fold of its status events. */
export interface UnitDutyState {
  unitId: string;
  callsign: string;
  /** 9 digits: the township whose centre (and the county's) dispatches it. */
  townshipCode: string;
  /** 0 before its first status event, +1 per event; commands carry the version they saw. */
  version: number;
  /** Log position (seq) of its latest event (0: none yet). */
  lastSeq: number;
  status: UnitStatus;
  /** When it entered the status (ISO 8601); null for the starting status before any event. */
  since: string | null;
  /** The current assignment while busy; after clearing, the one just cleared (until resumed or dispatched again). */
  assignment: UnitAssignment | null;
  /** Raised by the server, cleared by the next status change: dispatched and not acknowledged in time; too long in the status. */
  unanswered: boolean;
  overdue: boolean;
  updatedAt: string | null;
}

/** What each event type records beyond who and when. */
export interface UnitEventPayloads {
  /** replaces: the case it was taken off by an override (null when it was free). */
  dispatched: { caseId: string; override: boolean; replaces: string | null };
  accepted: { caseId: string };
  declined: { caseId: string; reason: string };
  departed: { caseId: string };
  arrived: { caseId: string };
  cleared: { caseId: string; disposition: CaseDisposition; note: string };
  cancelled: { caseId: string; reason: string };
  resumed: Record<string, never>;
  'signed-off': Record<string, never>;
  /** releases: the case it was taken off (null when it was free). */
  disabled: { reason: string; releases: string | null };
  unanswered: { caseId: string };
  overdue: { status: UnitStatus };
}

/** An event as the domain produces it; the store adds seq, unitId and version. */
export type UnitEventDraft = { [T in UnitEventType]: { type: T; at: string; actor: UnitActor; payload: UnitEventPayloads[T] } }[UnitEventType];

/** An event as stored: `seq` is its gapless position in the one log, `version` the unit's version after it. */
export type UnitEvent = UnitEventDraft & { seq: number; unitId: string; version: number };

/** Why a unit command was refused: 403 who may not, 409 the status does not allow it, 422 a bad payload. */
export interface UnitRefusal {
  status: 403 | 409 | 422;
  reason: string;
  field?: string;
}

// ── Commands and their validation ────────────────────────────────────────────────────────────

/** Longest reason or note, in Unicode code points. */
export const UNIT_TEXT_MAX = 500;

const codePoints = (s: string) => [...s].length;
const optionalText = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .refine((s) => codePoints(s) <= UNIT_TEXT_MAX, `must be at most ${UNIT_TEXT_MAX} characters`);
const requiredText = optionalText.refine((s) => s.trim() !== '', 'must not be blank');
const caseId = z.string({ error: 'must name a case' }).min(1, 'must name a case').max(128);

/** A command on a unit's status, as POST /units/{id}/commands carries it (beside expectedVersion). */
export const unitCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dispatch'), caseId, override: z.boolean({ error: 'must be true or false' }).optional() }),
  z.strictObject({ type: z.literal('accept') }),
  z.strictObject({ type: z.literal('decline'), reason: requiredText }),
  z.strictObject({ type: z.literal('depart') }),
  z.strictObject({ type: z.literal('arrive') }),
  z.strictObject({
    type: z.literal('clear'),
    disposition: z.enum(CASE_DISPOSITIONS, { error: `must be one of ${CASE_DISPOSITIONS.join(', ')}` }),
    note: optionalText.optional(),
  }),
  z.strictObject({ type: z.literal('cancel'), reason: requiredText }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('sign-off') }),
  z.strictObject({ type: z.literal('disable'), reason: requiredText }),
  z.strictObject({ type: z.literal('flag-unanswered') }),
  z.strictObject({ type: z.literal('flag-overdue') }),
], { error: `type must be one of ${UNIT_COMMAND_TYPES.join(', ')}` });
export type UnitCommand = z.output<typeof unitCommandSchema>;

/** The unit version the sender of a command saw (optimistic concurrency). */
const expectedUnitVersionSchema = z.int({ error: 'expectedVersion must be the unit version you saw (an integer ≥ 0)' })
  .min(0, 'expectedVersion must be the unit version you saw (an integer ≥ 0)');

/**
 * Validates a body {type, expectedVersion, …fields} (POST /units/{id}/commands): the version and the
 * command, or a 422 refusal naming the field. The body is split by object rest, which keeps every
 * own key (a `__proto__` key included), so the strict command schema sees each field it was sent.
 */
export function parseUnitCommandBody(body: unknown): { expectedVersion: number; command: UnitCommand } | { refusal: UnitRefusal } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { refusal: { status: 422, field: '(body)', reason: 'the body must be a JSON object {type, expectedVersion, …}' } };
  const { expectedVersion, ...rest } = body as Record<string, unknown>;
  const version = expectedUnitVersionSchema.safeParse(expectedVersion);
  if (!version.success) return { refusal: { status: 422, field: 'expectedVersion', reason: expectedVersion === undefined ? 'expectedVersion is required: the unit version you saw (an integer ≥ 0)' : version.error.issues[0]!.message } };
  const parsed = parseUnitCommand(rest);
  return 'refusal' in parsed ? parsed : { expectedVersion: version.data, command: parsed.command };
}

/** GET /api/v1/units/status: the duty status of every unit in the caller's jurisdiction. */
export interface UnitStatusListResponse {
  units: UnitDutyState[];
  /** Highest committed seq: a live tick after it carries the changes since. */
  lastSeq: number;
  asOf: string;
}

/** POST /api/v1/units/{id}/commands → 200: the unit as it is now and the events the command appended. */
export interface UnitCommandResult {
  unit: UnitDutyState;
  events: UnitEvent[];
}

/** Validates a command: the command, or a 422 refusal naming the field. */
export function parseUnitCommand(input: unknown): { command: UnitCommand } | { refusal: UnitRefusal } {
  const parsed = unitCommandSchema.safeParse(input);
  return parsed.success ? { command: parsed.data } : { refusal: commandRefusal(parsed.error.issues[0]) };
}

/**
 * The 422 refusal for the first issue of a command schema (any command: cases could use it too),
 * naming the field as a dotted path ("type" when the command has no known type).
 */
export function commandRefusal(issue: z.core.$ZodIssue | undefined): { status: 422; field: string; reason: string } {
  const unknownKey = issue?.code === 'unrecognized_keys';
  const path = issue ? (unknownKey ? [...issue.path, issue.keys[0]] : issue.path) : [];
  const field = path.length > 0 ? path.join('.') : 'type';
  if (unknownKey) return { status: 422, field, reason: `${field} is not a field of this command` };
  const message = issue?.message ?? 'invalid command';
  return { status: 422, field, reason: message.startsWith(field) ? message : `${field} ${message}` };
}
