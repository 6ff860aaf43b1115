// How long a unit may leave a dispatch unanswered, and stay in a status, before the server flags it
// (the "no answer → flagged in the queue" and "time in status" warnings). Limits are passed in, so a
// county can configure them; these are the defaults.
import type { UnitDutyState, UnitStatus } from '../wire/unit-status.ts';

export interface UnitTimeLimits {
  /** Milliseconds a dispatch may stay unacknowledged. */
  ackMs: number;
  /** Milliseconds a unit may stay in a status; statuses not listed have no limit. */
  statusMs: Partial<Record<UnitStatus, number>>;
}

const MIN = 60_000;

export const DEFAULT_UNIT_TIME_LIMITS: UnitTimeLimits = Object.freeze({
  ackMs: 2 * MIN,
  statusMs: Object.freeze({ dispatched: 5 * MIN, 'en-route': 30 * MIN, 'on-scene': 2 * 60 * MIN, returning: 60 * MIN }),
});

/** When (ms since epoch) each flag falls due for a unit as it is now: what the server's timer queue waits for. */
export function flagsDue(state: UnitDutyState, limits: UnitTimeLimits): { unanswered: number | null; overdue: number | null } {
  const m = state.assignment?.milestones;
  const unanswered = state.status === 'dispatched' && m && m.acknowledgedAt === null && !state.unanswered
    ? Date.parse(m.dispatchedAt) + limits.ackMs : null;
  const limit = limits.statusMs[state.status];
  const overdue = limit !== undefined && state.since !== null && !state.overdue ? Date.parse(state.since) + limit : null;
  return { unanswered, overdue };
}
