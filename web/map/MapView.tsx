// The full-screen map: MapLibre (basemap, camera, controls) with deck.gl drawing every layer on top
// through MapboxOverlay. Created once; the layers component feeds the overlay.
import { useContext, useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import { BASEMAP_MAP_OPTIONS, basemapStyle } from './basemap-style.ts';
import { FALLBACK_STYLE } from './fallback-style.ts';
import { registerMap } from './map-handle.ts';
import { MapLayers } from './MapLayers.tsx';
import { CursorReadout } from './CursorReadout.tsx';
import { ZoomToCountyButton } from './ZoomToCountyButton.tsx';
import { select } from '../state/selection.ts';
import { layerVisibilityStore } from '../state/layer-visibility.ts';
import { StaticDataContext } from '../api/static-context.ts';
import { isPointLayer, selectionForClick } from './pick.ts';
import { zoomBand } from './zoom-band.ts';
import { isSoftwareRenderer } from './renderer.ts';

// Served from our own origin by Vite's asset pipeline (air-gapped: no CDN).
setWorkerUrl(workerUrl);

/** The map and its overlay, filling its container. */
export function MapView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<{ map: MapLibreMap; overlay: MapboxOverlay } | null>(null);
  const staticData = useContext(StaticDataContext);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const styleUrl = basemapStyle('dark');
    const map = new MapLibreMap({
      ...BASEMAP_MAP_OPTIONS,
      container,
      style: styleUrl,
      center: [119.91, 32.49],
      zoom: 11.5,
      attributionControl: false,
      maxPitch: 0,
      dragRotate: true,
    });
    // No basemap style (not built, or the tile service is down): carry on without one.
    const onError = (e: { error: unknown }) => {
      if ((e.error as { url?: string } | null)?.url === styleUrl) {
        console.warn(`basemap style ${styleUrl} could not be loaded: drawing without a basemap`);
        map.off('error', onError);
        map.setStyle(FALLBACK_STYLE);
      }
    };
    map.on('error', onError);
    const overlay = new MapboxOverlay({
      interleaved: false,
      // Multisampling is free on a GPU and four times the work in a software renderer.
      deviceProps: { webgl: { antialias: !isSoftwareRenderer() } },
      layers: [],
      onClick: (info: PickingInfo) => select(selectionForClick({
        layerId: info.layer?.id ?? null,
        object: info.object,
        coordinate: info.coordinate ?? null,
        jurisdiction: staticData?.get().jurisdiction ?? null,
        areasVisible: layerVisibilityStore.get().grid,
        band: zoomBand(map.getZoom()),
      })),
      onHover: (info: PickingInfo) => {
        map.getCanvas().style.cursor = info.object && isPointLayer(info.layer?.id) ? 'pointer' : '';
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
  }, [staticData]);

  return (
    <div className="map-shell">
      <div className="map-root" ref={containerRef} data-testid="map" />
      {handle && <MapLayers map={handle.map} overlay={handle.overlay} />}
      {handle && <CursorReadout map={handle.map} />}
      {handle && <ZoomToCountyButton />}
    </div>
  );
}
