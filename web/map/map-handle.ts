// The one map on the page, for the panels that move it (fly to an incident, zoom to the county) and
// for the read-only test/diagnostics handle `window.__yizhangtu`.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Bounds } from '../geo/bounds.ts';
import { basemapToDisplay } from './basemap-style.ts';

let current: { map: MapLibreMap; deck: MapboxOverlay } | null = null;
let countyBounds: Bounds | null = null;

/** Room the floating panels take, so fitted views are centred in what stays visible. */
export const PANEL_PADDING = { top: 90, bottom: 60, left: 300, right: 420 };

declare global {
  interface Window {
    /**
     * Read-only handle for end-to-end tests and diagnostics (project coordinates, read layer
     * state from the console). Not an API: the app never reads it.
     */
    __yizhangtu?: { map: MapLibreMap; deck: MapboxOverlay };
  }
}

/** Registers the map when it is created; pass null when it is removed. */
export function registerMap(handle: { map: MapLibreMap; deck: MapboxOverlay } | null): void {
  current = handle;
  if (handle) window.__yizhangtu = handle;
  else delete window.__yizhangtu;
}

/** Remembers the county's WGS-84 bounds for "zoom to county". */
export function setCountyBounds(bounds: Bounds | null): void {
  countyBounds = bounds;
}

/** Flies the map to a WGS-84 point (drawn shifted on a GCJ-02 basemap), close enough to see the street around it. */
export function flyToPoint(lng: number, lat: number): void {
  const map = current?.map;
  if (!map) return;
  map.flyTo({ center: basemapToDisplay(map)(lng, lat), zoom: Math.max(map.getZoom(), 15), padding: PANEL_PADDING, speed: 1.6, essential: true });
}

/** Fits a WGS-84 extent [west, south, east, north] in view (drawn shifted on a GCJ-02 basemap), not closer than street scale. */
export function flyToExtent([west, south, east, north]: [number, number, number, number]): void {
  const map = current?.map;
  if (!map) return;
  const toDisplay = basemapToDisplay(map);
  map.fitBounds([toDisplay(west, south), toDisplay(east, north)], { padding: PANEL_PADDING, maxZoom: 15.5, duration: 1200, essential: true });
}

/** Fits the whole county in view (drawn shifted on a GCJ-02 basemap, as its outline is); `animate` false for the first view. */
export function zoomToCounty(animate = true): void {
  const map = current?.map;
  if (!map || !countyBounds) return;
  const toDisplay = basemapToDisplay(map);
  const [[west, south], [east, north]] = countyBounds;
  map.fitBounds([toDisplay(west, south), toDisplay(east, north)], { padding: PANEL_PADDING, bearing: 0, pitch: 0, duration: animate ? 900 : 0 });
}
