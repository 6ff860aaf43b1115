// The incidents that occurred since a time, as a stable array per (incident list, cut-off), so
// pins keep their data reference between renders when nothing changed.
import type { Incident } from '../../server/wire/index.ts';

const cache = new WeakMap<readonly Incident[], { sinceMs: number; result: readonly Incident[] }>();

/** Incidents of `list` (newest first) that occurred at or after `sinceMs`, in the same order. */
export function incidentsSince(list: readonly Incident[], sinceMs: number): readonly Incident[] {
  if (!Number.isFinite(sinceMs)) return list;
  const hit = cache.get(list);
  if (hit && hit.sinceMs === sinceMs) return hit.result;
  const result = list.filter((i) => {
    const t = Date.parse(i.occurredAt);
    return Number.isNaN(t) || t >= sinceMs;
  });
  cache.set(list, { sinceMs, result });
  return result;
}
