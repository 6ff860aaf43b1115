// The limits a GPS fix is checked against. Code constants, not data/unit-speeds.json: that file
// holds travel speeds for routing (its schema is strict and read by the router), these are the
// physical bounds past which a fix is a tracker fault.
import type { UnitKind } from '../wire/index.ts';

/** Fastest plausible movement per unit kind, km/h: a jump faster than this between two fixes is refused. */
export const MAX_KMH: Record<UnitKind, number> = { foot: 15, ebike: 45, car: 150 };

/** A fix may be at most this far ahead of the server's clock (trackers' clocks drift a little). */
export const FUTURE_SLACK_MS = 30_000;

/** GPS error allowed on top of the speed limit, metres: two noisy fixes a second apart are not a jump. */
export const GPS_SLACK_M = 50;

/** How far outside the jurisdiction's bounding box a fix may lie, metres (units cross the county line). */
export const AREA_MARGIN_M = 5_000;
