// Layer inputs derived from the history columns, the heat grid and the roll-up counts: binary
// attribute objects (positions in the basemap's CRS, per-row styles) and the count labels.
import { uuidAt } from '../../server/wire/index.ts';
import type { HistoryColumns } from '../history/columns.ts';
import type { HeatSource } from '../history/heat.ts';
import type { RollupCounts } from '../history/rollup.ts';
import type { AreaLabel } from '../layers/area-label-layer.ts';
import type { AreaLevel } from '../layers/area-boundary-layer.ts';
import type { AreaCount } from '../layers/area-count-layer.ts';
import type { HeatCellsData } from '../layers/incident-heatmap-layer.ts';
import type { HistoryDots } from '../layers/incident-history-layer.ts';
import { historyStyle } from '../layers/incident-history-style.ts';
import type { ToDisplay } from './basemap-style.ts';
import { displayOffsets } from './display-data.ts';

/** The first `rows` history rows as binary data for the dots layer (call once per published version). */
export function historyDots(c: HistoryColumns, rows: number, toDisplay: ToDisplay, nowMs: number): HistoryDots {
  const style = historyStyle(c, rows, nowMs);
  return {
    length: rows,
    attributes: {
      getPosition: { value: displayOffsets(c, rows, toDisplay), size: 2 },
      getFillColor: { value: style.color, size: 4, normalized: true },
      getRadius: { value: style.radius, size: 1 },
    },
    // The id column may be reallocated by appends: read it at pick time, not now.
    idAt: (row) => uuidAt(c.id, row),
  };
}

/** The heat grid's cells as binary data for the heatmap (call once per published version). */
export function heatCells(h: HeatSource, toDisplay: ToDisplay): HeatCellsData {
  return {
    length: h.rows,
    attributes: {
      // Rows never move within one loaded grid: only cells new since the last version are converted.
      getPosition: { value: displayOffsets(h.heat, h.rows, toDisplay), size: 2 },
      getWeight: { value: h.weights, size: 1 },
    },
  };
}

/** Counts of `level`'s areas at their label points, for the areas with incidents. */
export function areaCounts(labels: readonly AreaLabel[], counts: RollupCounts, level: AreaLevel): AreaCount[] {
  const byCode = counts[level];
  const out: AreaCount[] = [];
  for (const l of labels) {
    const n = byCode.get(l.code);
    if (n) out.push({ id: l.code, position: l.position, count: n, text: String(n) });
  }
  return out;
}
