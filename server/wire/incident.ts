// Incident (事件) wire types and the schema every incoming incident is validated against.
// Defined once here; the server and the web both import this file.
import { z } from 'zod';
import { CASE_STAGES } from './case.ts';
import type { CaseStage } from './case.ts';

/** Incident categories (事件类别) with their Chinese names. */
export const INCIDENT_CATEGORIES = [
  'dispute', // 矛盾纠纷
  'public-order', // 治安
  'fire', // 消防
  'traffic', // 交通
  'work-safety', // 安全生产
  'environment', // 环境
  'public-service', // 民生服务
  'other', // 其他
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** Priorities, most urgent first (紧急 / 高 / 一般 / 低). */
export const INCIDENT_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

/** An incident's stage is its case's (闭环: 受理 → 派遣 → 处置 → 反馈 → 核查 → 归档; see case.ts). */
export const INCIDENT_STAGES = CASE_STAGES;
export type IncidentStage = CaseStage;

/** Well-known sources; any lower-case slug is accepted so new systems can be connected. */
export const KNOWN_SOURCES = ['hotline-12345', 'alarm-110', 'grid-report', 'console', 'camera-ai', 'sensor', 'demo'] as const;

/** The source a grid worker's own reports (发现上报) are stored under. */
export const GRID_REPORT_SOURCE = 'grid-report';
/** The source of incidents a duty officer, leader or admin enters by hand at the console (值班录入). */
export const CONSOLE_SOURCE = 'console';
/**
 * Sources no API key can be issued or configured for: people's reports (posted with a session,
 * under their account) and the in-process demo feed. So nobody but their own principal can ever
 * post under them, or consume their idempotency keys.
 */
export const RESERVED_SOURCES = [GRID_REPORT_SOURCE, CONSOLE_SOURCE, 'demo'] as const;

export const isReservedSource = (source: string): boolean => (RESERVED_SOURCES as readonly string[]).includes(source);

/** Why no API key may be had for a reserved source. */
export const reservedSourceReason = (source: string): string =>
  `source "${source}" is reserved (${RESERVED_SOURCES.join(', ')}): people post under it with their own session, the demo feed in-process; no API key can be issued for it`;

/** Number of Unicode code points (what JSON Schema's maxLength counts as characters). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) k += 1;
    }
    n += 1;
  }
  return n;
}

/** Most characters (code points) of an incident's description and of a sourceId. */
export const MAX_DESCRIPTION_CHARS = 2000;
export const MAX_SOURCE_ID_CHARS = 128;
/** Control characters (C0, DEL, C1): never part of an id. */
const CONTROL = /\p{Cc}/u;

/** Why a sourceId is not usable as an idempotency key, or undefined when it is. */
export function sourceIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'sourceId must not be empty';
  if (id.trim() === '') return 'sourceId must not be blank';
  if (CONTROL.test(id)) return 'sourceId must not contain control characters';
  if (codePointLength(id) > MAX_SOURCE_ID_CHARS) return `sourceId must be at most ${MAX_SOURCE_ID_CHARS} characters`;
  return undefined;
}

/** What a source posts to POST /api/v1/events (one object or an array of them). */
export const incidentInputSchema = z.strictObject({
  source: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'source must be a lower-case slug of 1-64 characters (a-z, 0-9, . _ -)'),
  sourceId: z
    .string()
    .superRefine((id, ctx) => {
      const problem = sourceIdProblem(id);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ minLength: 1, maxLength: MAX_SOURCE_ID_CHARS, description: 'The source\'s own id: with source the idempotency key. Non-blank, no control characters, at most 128 characters (Unicode code points).' }),
  category: z.enum(INCIDENT_CATEGORIES, { error: `category must be one of ${INCIDENT_CATEGORIES.join(', ')}` }),
  priority: z.enum(INCIDENT_PRIORITIES, { error: `priority must be one of ${INCIDENT_PRIORITIES.join(', ')}` }),
  lng: z.number({ error: 'lng must be a finite number (WGS-84 longitude)' }).min(-180, 'lng must be within [-180, 180]').max(180, 'lng must be within [-180, 180]'),
  lat: z.number({ error: 'lat must be a finite number (WGS-84 latitude)' }).min(-90, 'lat must be within [-90, 90]').max(90, 'lat must be within [-90, 90]'),
  occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T08:30:00+08:00' }),
  description: z
    .string()
    .refine((d) => codePointLength(d) <= MAX_DESCRIPTION_CHARS, `description must be at most ${MAX_DESCRIPTION_CHARS} characters (Unicode code points)`)
    .meta({ maxLength: MAX_DESCRIPTION_CHARS, description: 'Any text, stored as given (escaped wherever shown or exported); at most 2000 characters (Unicode code points).' })
    .default(''),
});
export type IncidentInput = z.input<typeof incidentInputSchema>;
export type ValidIncidentInput = z.output<typeof incidentInputSchema>;

/** Where an incident lies in the grid hierarchy (乡镇/街道 → 村/社区 → 网格). */
export interface GridAssignment {
  townshipCode: string;
  villageCode: string;
  gridCode: string;
}

/** A stored incident as every client sees it. */
export interface Incident extends GridAssignment {
  /** Server-assigned stable id. */
  id: string;
  /** Gapless server-assigned sequence number (1, 2, 3 …). */
  seq: number;
  source: string;
  sourceId: string;
  category: IncidentCategory;
  priority: IncidentPriority;
  lng: number;
  lat: number;
  /** ISO 8601, UTC. */
  occurredAt: string;
  /** ISO 8601, UTC: when the server committed it. */
  receivedAt: string;
  description: string;
  /** Its case's current stage in the closed loop (闭环). */
  stage: IncidentStage;
  /** Its case's current version: 1 when created, one more with each change (commands name the version they saw). */
  version: number;
  /** When the case's current step must be done (限时办结), ISO 8601 UTC; null: no limit. */
  stepDueAt: string | null;
  /** When the whole case must be closed, ISO 8601 UTC; null: no limit. */
  caseDueAt: string | null;
  /** The account whose session reported it (grid-report, console); absent when a source system did. */
  reporterAccountId?: number;
}

/** Answer of GET /api/v1/incidents: the newest incidents in the caller's jurisdiction. */
export interface IncidentsResponse {
  incidents: Incident[];
  /** Highest incident sequence number the server has committed. */
  lastSeq: number;
  asOf: string;
}

/** One accepted item in the answer to POST /api/v1/events. */
export interface AcceptedIncident {
  index: number;
  id: string;
  seq: number;
  townshipCode: string;
  villageCode: string;
  gridCode: string;
  /** True when (source, sourceId) was already known and the stored incident is returned. */
  duplicate: boolean;
}

/** One rejected item: which field, and why. */
export interface RejectedIncident {
  index: number;
  field: string;
  reason: string;
}

/** Body of the answer to POST /api/v1/events. */
export interface IngestResult {
  accepted: AcceptedIncident[];
  rejected: RejectedIncident[];
}
