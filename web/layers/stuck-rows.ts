// Where cases are stuck (卡点): the townships with open cases past their limits, at the township's
// label point, from the server's per-township case counts.
import type { CaseCounts } from '../../server/wire/case-api.ts';
import type { AreaLabel } from './area-label-layer.ts';

export interface StuckRow {
  /** Township code (selecting the badge selects the township). */
  id: string;
  name: string;
  /** Display coordinates of the township's label point. */
  position: [number, number];
  overdue: number;
  open: number;
}

/** One row per township with overdue cases, most stuck first (drawn last, on top). */
export function stuckRows(counts: CaseCounts, townships: readonly AreaLabel[]): StuckRow[] {
  const rows: StuckRow[] = [];
  for (const t of townships) {
    const c = counts[t.code];
    if (c && c.overdue > 0) rows.push({ id: t.code, name: t.name, position: t.position, overdue: c.overdue, open: c.open });
  }
  return rows.sort((a, b) => a.overdue - b.overdue || a.id.localeCompare(b.id));
}
