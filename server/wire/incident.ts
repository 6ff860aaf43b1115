// Incident (事件) wire types and the schema every incoming incident is validated against.
// Defined once here; the server and the web both import this file.
import { z } from 'zod';

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

/** Stages of the closed loop (闭环): 统一受理 → 发现上报 → 指挥派遣 → 处置反馈 → 任务核查 → 评价归档. */
export const INCIDENT_STAGES = ['intake', 'reported', 'dispatched', 'handling', 'verifying', 'archived'] as const;
export type IncidentStage = (typeof INCIDENT_STAGES)[number];

/** Well-known sources; any lower-case slug is accepted so new systems can be connected. */
export const KNOWN_SOURCES = ['hotline-12345', 'alarm-110', 'grid-report', 'camera-ai', 'sensor', 'demo'] as const;

/** What a source posts to POST /api/v1/events (one object or an array of them). */
export const incidentInputSchema = z.strictObject({
  source: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'source must be a lower-case slug of 1-64 characters (a-z, 0-9, . _ -)'),
  sourceId: z.string().min(1, 'sourceId must not be empty').max(128, 'sourceId must be at most 128 characters'),
  category: z.enum(INCIDENT_CATEGORIES, { error: `category must be one of ${INCIDENT_CATEGORIES.join(', ')}` }),
  priority: z.enum(INCIDENT_PRIORITIES, { error: `priority must be one of ${INCIDENT_PRIORITIES.join(', ')}` }),
  lng: z.number({ error: 'lng must be a finite number (WGS-84 longitude)' }).min(-180, 'lng must be within [-180, 180]').max(180, 'lng must be within [-180, 180]'),
  lat: z.number({ error: 'lat must be a finite number (WGS-84 latitude)' }).min(-90, 'lat must be within [-90, 90]').max(90, 'lat must be within [-90, 90]'),
  occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T08:30:00+08:00' }),
  description: z.string().max(2000, 'description must be at most 2000 characters').default(''),
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
  stage: IncidentStage;
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
