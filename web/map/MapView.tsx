// The full-screen map: MapLibre (basemap, camera, controls) with deck.gl drawing every layer on top
// through MapboxOverlay. Created once; the layers component feeds the overlay.
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import { basemapStyle } from './basemap-style.ts';
import { registerMap } from './map-handle.ts';
import { MapLayers } from './MapLayers.tsx';
import { CursorReadout } from './CursorReadout.tsx';
import { ZoomToCountyButton } from './ZoomToCountyButton.tsx';
import { select, type SelectionKind } from '../state/selection.ts';

// Served from our own origin by Vite's asset pipeline (air-gapped: no CDN).
setWorkerUrl(workerUrl);

/** Which selection a click on each pickable layer makes, and how to read the id of what was hit. */
const PICKS: Record<string, { kind: SelectionKind; id: (o: unknown) => string }> = {
  incidents: { kind: 'incident', id: (o) => (o as { id: string }).id },
  cameras: { kind: 'camera', id: (o) => (o as { id: string }).id },
  units: { kind: 'unit', id: (o) => (o as { id: string }).id },
  'area-township': { kind: 'township', id: (o) => (o as { properties: { code: string } }).properties.code },
  'area-village': { kind: 'village', id: (o) => (o as { properties: { code: string } }).properties.code },
  'area-grid': { kind: 'grid', id: (o) => (o as { properties: { code: string } }).properties.code },
};
const POINT_LAYERS = new Set(['incidents', 'cameras', 'units']);

function onPick(info: PickingInfo): void {
  const pick = info.layer ? PICKS[info.layer.id] : undefined;
  select(pick && info.object ? { kind: pick.kind, id: pick.id(info.object) } : null);
}

/** The map and its overlay, filling its container. */
export function MapView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<{ map: MapLibreMap; overlay: MapboxOverlay } | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: basemapStyle('dark'),
      center: [119.91, 32.49],
      zoom: 11.5,
      attributionControl: false,
      maxPitch: 0,
      dragRotate: true,
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: onPick,
      onHover: (info) => {
        const hit = info.layer && info.object && POINT_LAYERS.has(info.layer.id);
        map.getCanvas().style.cursor = hit ? 'pointer' : '';
      },
    });
    map.addControl(overlay);
    map.addControl(new NavigationControl({ showCompass: true, showZoom: true, visualizePitch: false }), 'bottom-right');
    map.addControl(new ScaleControl({ maxWidth: 140, unit: 'metric' }), 'bottom-right');
    registerMap({ map, deck: overlay });
    setHandle({ map, overlay });
    return () => {
      registerMap(null);
      setHandle(null);
      map.remove();
    };
  }, []);

  return (
    <div className="map-shell">
      <div className="map-root" ref={containerRef} data-testid="map" />
      {handle && <MapLayers map={handle.map} overlay={handle.overlay} />}
      {handle && <CursorReadout map={handle.map} />}
      {handle && <ZoomToCountyButton />}
    </div>
  );
}
