// Latest GPS fix of every patrol unit (群防群治队伍), and which ones moved since the live channel
// last looked: the live tick sends only those, the hello and GET /units send them all.
import type { UnitFix, UnitInfo } from '../wire/index.ts';

export interface UnitState {
  /** Records a fix; returns false (and ignores it) for an unknown unit or an older fix. */
  update(fix: UnitFix): boolean;
  /** Every unit's latest fix (units never heard from are absent). */
  latest(): UnitFix[];
  /** The fixes recorded since the previous call (one per unit, the latest), and forgets them. */
  drainChanged(): UnitFix[];
}

export function createUnitState(units: readonly UnitInfo[]): UnitState {
  const known = new Set(units.map((u) => u.id));
  const fixes = new Map<string, UnitFix>();
  const changed = new Set<string>();
  return {
    update(fix) {
      if (!known.has(fix.id)) return false;
      const previous = fixes.get(fix.id);
      // Trackers resend and reorder; an older fix must not move the unit back.
      if (previous && Date.parse(previous.at) > Date.parse(fix.at)) return false;
      fixes.set(fix.id, fix);
      changed.add(fix.id);
      return true;
    },
    latest: () => [...fixes.values()],
    drainChanged() {
      const out = [...changed].map((id) => fixes.get(id)!);
      changed.clear();
      return out;
    },
  };
}
