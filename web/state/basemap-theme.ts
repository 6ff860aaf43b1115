// Which basemap style is shown: day for the duty console, dark for the wall display. Remembered
// per browser, since each screen in a command centre has its own job.
import { createSmallStore } from './small-store.ts';
import type { BasemapTheme } from '../map/basemap-style.ts';

export const BASEMAP_THEMES = ['day', 'dark'] as const satisfies readonly BasemapTheme[];

const STORAGE_KEY = 'yizhangtu.basemap';

function initial(): BasemapTheme {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'day' || saved === 'dark') return saved;
  } catch {
    // Unreadable or blocked storage: the wall-display default.
  }
  return 'dark';
}

export const basemapThemeStore = createSmallStore<BasemapTheme>(initial());

/** Switches the basemap style and remembers the choice. */
export function setBasemapTheme(theme: BasemapTheme): void {
  basemapThemeStore.set(theme);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, theme);
  } catch {
    // Not remembering is fine.
  }
}
