// The full-screen map: MapLibre (basemap, camera, controls) with deck.gl drawing every layer on top
// through MapboxOverlay. Created once; the layers component feeds the overlay. Switching the
// basemap style only swaps MapLibre's style: the overlay draws in its own canvas and carries on.
import { useContext, useEffect, useRef, useState } from 'react';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import { BASEMAP_MAP_OPTIONS, basemapCrs, basemapStyle, fromDisplayFor, toDisplayFor, type BasemapCrs } from './basemap-style.ts';
import { basemapThemeStore } from '../state/basemap-theme.ts';
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
import { HistoryNotice } from '../panels/HistoryNotice.tsx';

// Served from our own origin by Vite's asset pipeline (air-gapped: no CDN).
setWorkerUrl(workerUrl);

/** The map and its overlay, filling its container. */
export function MapView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<{ map: MapLibreMap; overlay: MapboxOverlay } | null>(null);
  // The basemap's coordinate system, known once its style has loaded (wgs84 until then).
  const [crs, setCrs] = useState<BasemapCrs>('wgs84');
  const staticData = useContext(StaticDataContext);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let styleUrl = basemapStyle(basemapThemeStore.get());
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
        map.setStyle(FALLBACK_STYLE);
      }
    };
    map.on('error', onError);
    const unsubscribeTheme = basemapThemeStore.subscribe(() => {
      styleUrl = basemapStyle(basemapThemeStore.get());
      map.setStyle(styleUrl);
    });
    // Both themes of a deployment share one CRS (it is a server setting), so reading it when a
    // style first loads is enough; clicks are converted back to WGS-84 with it.
    let fromDisplay = fromDisplayFor('wgs84');
    map.on('style.load', () => {
      const c = basemapCrs(map);
      fromDisplay = fromDisplayFor(c);
      setCrs(c);
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      // Multisampling is free on a GPU and four times the work in a software renderer.
      deviceProps: { webgl: { antialias: !isSoftwareRenderer() } },
      layers: [],
      onClick: (info: PickingInfo) => select(selectionForClick({
        layerId: info.layer?.id ?? null,
        object: info.object,
        coordinate: info.coordinate ? fromDisplay(info.coordinate[0] ?? 0, info.coordinate[1] ?? 0) : null,
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
    // The basemap provider's attribution (from its TileJSON or raster source), kept small, in the
    // corner under the layer panel where it covers nothing.
    map.addControl(new AttributionControl({ compact: true }), 'bottom-left');
    registerMap({ map, deck: overlay });
    setHandle({ map, overlay });
    return () => {
      unsubscribeTheme();
      registerMap(null);
      setHandle(null);
      map.remove();
    };
  }, [staticData]);

  return (
    <div className="map-shell">
      <div className="map-root" ref={containerRef} data-testid="map" />
      {handle && <MapLayers map={handle.map} overlay={handle.overlay} toDisplay={toDisplayFor(crs)} />}
      {handle && <CursorReadout map={handle.map} fromDisplay={fromDisplayFor(crs)} />}
      {handle && <ZoomToCountyButton />}
      <HistoryNotice />
    </div>
  );
}
