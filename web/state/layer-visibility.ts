// Which map layers the user has switched on, remembered between visits.
import { createSmallStore } from './small-store.ts';

export const LAYER_TOGGLES = ['grid', 'cameras', 'routes', 'units', 'incidents', 'choropleth', 'heatmap', 'hotspots', 'stuck'] as const;
export type LayerToggle = (typeof LAYER_TOGGLES)[number];
export type LayerVisibility = Record<LayerToggle, boolean>;

const DEFAULTS: LayerVisibility = {
  grid: true, cameras: true, routes: true, units: true, incidents: true, choropleth: true, heatmap: false,
  // Off by default: a leader or duty officer switches the ranked hotspots on when touring them.
  hotspots: false,
  // 卡点: where overdue cases pile up, by township.
  stuck: true,
};
const STORAGE_KEY = 'yizhangtu.layers';

function initial(): LayerVisibility {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null') as Partial<LayerVisibility> | null;
    if (saved && typeof saved === 'object') {
      const v = { ...DEFAULTS };
      for (const k of LAYER_TOGGLES) if (typeof saved[k] === 'boolean') v[k] = saved[k];
      return v;
    }
  } catch {
    // Unreadable or blocked storage: start from the defaults.
  }
  return DEFAULTS;
}

export const layerVisibilityStore = createSmallStore<LayerVisibility>(initial());

/** Switches one layer on or off. */
export function setLayerVisible(layer: LayerToggle, visible: boolean): void {
  layerVisibilityStore.set((v) => (v[layer] === visible ? v : { ...v, [layer]: visible }));
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(layerVisibilityStore.get()));
  } catch {
    // Not remembering is fine.
  }
}
