// Hotspots per jurisdiction: the engine's hotspot service computed on the caller's grids and
// counts only, so a township's ranking neither shows nor is shaped by incidents outside it. The
// engine's route plugin is handed no request, so the caller comes from the request context.
import { createHotspotService } from '../aggregate/hotspot-service.ts';
import type { HotspotService } from '../aggregate/hotspot-service.ts';
import type { WindowCounts } from '../aggregate/window-counts.ts';
import type { GridCollection } from '../wire/index.ts';
import { AccessError } from './access-error.ts';
import { currentPrincipal } from './request-context.ts';
import { inScope } from './scope.ts';
import type { Scope } from './scope.ts';

/** The window counts as one scope sees them: every count and breakdown limited to its units. */
export function scopedWindowCounts(counts: WindowCounts, scope: Scope): WindowCounts {
  const only = (all: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const [code, n] of Object.entries(all)) if (inScope(scope, code)) out[code] = n;
    return out;
  };
  const level = scope.level === 'township' ? 'township' : 'village';
  return {
    add: (i) => counts.add(i),
    addIndexed: (g, c, s, t) => counts.addIndexed(g, c, s, t),
    expire: (t) => counts.expire(t),
    townshipCounts: (w, t) => only(counts.townshipCounts(w, t)),
    counts: (l, w, t, f) => only(counts.counts(l, w, t, f)),
    total: (w, t, f) => Object.values(only(counts.counts('grid', w, t, f))).reduce((a, b) => a + b, 0),
    breakdown: (d, w, t, unit) => (unit ? (inScope(scope, unit.code) ? counts.breakdown(d, w, t, unit) : {}) : counts.breakdown(d, w, t, { level, code: scope.code })),
    unitCount: (l, code, w, t, f) => (inScope(scope, code) ? counts.unitCount(l, code, w, t, f) : 0),
    get size() {
      return counts.size;
    },
  };
}

/** A hotspot service that answers each request for the caller's own jurisdiction. */
export function createScopedHotspotService(grids: GridCollection, counts: WindowCounts, countyCode: string): HotspotService {
  const services = new Map<string, HotspotService>();
  return {
    hotspots(windowMs, nowMs, options) {
      const p = currentPrincipal();
      if (!p || p.kind === 'api-key') throw new AccessError(403, 'hotspots need a login session');
      let service = services.get(p.scope.code);
      if (!service) {
        const scope = p.scope;
        service =
          scope.code === countyCode
            ? createHotspotService(grids, counts)
            : createHotspotService({ ...grids, features: grids.features.filter((f) => inScope(scope, f.properties.code)) }, scopedWindowCounts(counts, scope));
        services.set(scope.code, service);
      }
      return service.hotspots(windowMs, nowMs, options);
    },
  };
}
