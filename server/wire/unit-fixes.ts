// GPS fixes of a patrol unit (定位上报): the batch a tracker or the unit's phone posts to
// POST /api/v1/units/{id}/fixes, the per-item answer, and a stored track (GET /units/{id}/track).
import { z } from 'zod';

/** Most fixes in one batch. */
export const MAX_FIX_BATCH = 1000;

/** One fix as sent: WGS-84, the time it was taken; speed in m/s, heading in degrees clockwise from north. */
export const fixInputSchema = z.strictObject({
  at: z.iso.datetime({ offset: true, error: 'at must be an ISO 8601 date-time with a zone (2026-12-03T08:00:00Z)' }),
  lng: z.number({ error: 'lng must be a finite number' }).finite().min(-180, 'lng must be -180 … 180').max(180, 'lng must be -180 … 180'),
  lat: z.number({ error: 'lat must be a finite number' }).finite().min(-90, 'lat must be -90 … 90').max(90, 'lat must be -90 … 90'),
  speed: z.number({ error: 'speed must be a finite number (m/s)' }).finite().min(0, 'speed must be ≥ 0 m/s').max(150, 'speed must be ≤ 150 m/s').optional(),
  heading: z.number({ error: 'heading must be a finite number (degrees)' }).finite().min(0, 'heading must be 0 … 360').max(360, 'heading must be 0 … 360').optional(),
});
export type FixInput = z.infer<typeof fixInputSchema>;

/** Why a fix was not stored. */
export const FIX_REJECTIONS = ['malformed', 'future', 'too-fast', 'outside-area'] as const;
export type FixRejectionCode = (typeof FIX_REJECTIONS)[number];

export interface FixRejection {
  /** Position of the fix in the batch. */
  index: number;
  code: FixRejectionCode;
  reason: string;
}

/** Answer of POST /units/{id}/fixes: every fix not rejected is stored (accepted now, or a duplicate of one stored before). */
export interface FixBatchResult {
  unitId: string;
  accepted: number;
  duplicates: number;
  rejected: FixRejection[];
}

/** One stored fix of a track. */
export interface TrackFix {
  at: string;
  lng: number;
  lat: number;
  speed: number | null;
  heading: number | null;
}

/** Answer of GET /units/{id}/track: the fixes from since to until, oldest first. */
export interface UnitTrack {
  unitId: string;
  since: string;
  until: string;
  fixes: TrackFix[];
  /** More fixes lie in the window: ask again from the last one's time. */
  truncated: boolean;
}
