// Per-row colour and size of the history dots, computed into typed arrays (never per-row objects):
// the category's colour, fading with age so the last days stand out from the month; size by priority.
import { INCIDENT_CATEGORIES } from '../../server/wire/index.ts';
import type { HistoryColumns } from '../history/columns.ts';
import { CATEGORY_COLORS } from './palette.ts';

/** Dot radius in pixels by priority index (urgent … low): small, a month of them shares the screen. */
const RADIUS = [3.2, 2.6, 2.1, 1.7];
/** Alpha of a dot that happened just now, and of one a month old. */
const ALPHA = { fresh: 235, old: 70 };
const MONTH_MS = 30 * 86_400_000;
/** Ages are recomputed for every row at most this often; new rows get theirs when they arrive. */
const REFADE_MS = 3_600_000;

const RGB = INCIDENT_CATEGORIES.map((c) => CATEGORY_COLORS[c]);

export interface HistoryStyle {
  /** RGBA, 4 per row. */
  color: Uint8Array;
  /** Pixels, 1 per row. */
  radius: Float32Array;
}

interface Cached {
  color: Uint8Array;
  radius: Float32Array;
  done: number;
  fadedAt: number;
}

const cache = new WeakMap<HistoryColumns, Cached>();

function fill(c: HistoryColumns, from: number, to: number, nowMs: number, out: Cached): void {
  for (let r = from; r < to; r++) {
    const rgb = RGB[c.category[r] as number] ?? RGB[RGB.length - 1]!;
    const age = Math.min(Math.max((nowMs - (c.occurredAt[r] as number)) / MONTH_MS, 0), 1);
    out.color[4 * r] = rgb[0];
    out.color[4 * r + 1] = rgb[1];
    out.color[4 * r + 2] = rgb[2];
    out.color[4 * r + 3] = Math.round(ALPHA.fresh + (ALPHA.old - ALPHA.fresh) * Math.sqrt(age));
    out.radius[r] = RADIUS[c.priority[r] as number] ?? RADIUS[2]!;
  }
}

/** Colour and radius of the first `rows` rows of `c`; extends its cache to rows appended since. */
export function historyStyle(c: HistoryColumns, rows: number, nowMs: number): HistoryStyle {
  let s = cache.get(c);
  if (!s || s.radius.length < rows) {
    const cap = Math.max(rows, c.seq.length);
    const next: Cached = { color: new Uint8Array(4 * cap), radius: new Float32Array(cap), done: s?.done ?? 0, fadedAt: s?.fadedAt ?? nowMs };
    if (s) {
      next.color.set(s.color.subarray(0, 4 * s.done));
      next.radius.set(s.radius.subarray(0, s.done));
    }
    s = next;
    cache.set(c, s);
  }
  if (nowMs - s.fadedAt > REFADE_MS) {
    s.done = 0;
    s.fadedAt = nowMs;
  }
  if (s.done < rows) fill(c, s.done, rows, nowMs, s);
  s.done = Math.max(s.done, rows);
  return { color: s.color.subarray(0, 4 * rows), radius: s.radius.subarray(0, rows) };
}
