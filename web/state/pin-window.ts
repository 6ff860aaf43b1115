// How far back incident pins go, and so the area counts and the township choropleth drawn with
// them (the heatmap and the header's totals cover the whole counting window): a day of a busy
// county as pins is noise, the last hour is the live picture.
import { createSmallStore } from './small-store.ts';

export const PIN_WINDOWS = ['1h', '6h', 'all'] as const;
export type PinWindow = (typeof PIN_WINDOWS)[number];

/** Length of each pin window in ms (null: the whole counting window). */
export const PIN_WINDOW_MS: Record<PinWindow, number | null> = { '1h': 3600_000, '6h': 6 * 3600_000, all: null };

export const pinWindowStore = createSmallStore<PinWindow>('1h');

/** Cut-off of a pin window at server time `asOf`, in 30 s steps so idle heartbeats do not rebuild pin data; −∞ for no window. */
export function pinCutoff(asOf: string | null, windowMs: number | null): number {
  const now = asOf ? Date.parse(asOf) : Number.NaN;
  if (windowMs === null || Number.isNaN(now)) return Number.NEGATIVE_INFINITY;
  return Math.floor((now - windowMs) / 30_000) * 30_000;
}
