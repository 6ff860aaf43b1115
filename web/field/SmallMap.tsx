// A small map of a few places (a task, the phone, a picked point) on the app's own offline basemap
// (no request leaves the server; without a basemap style it draws on a plain background). Places
// are WGS-84 and are shown in the basemap's coordinate system; a tap answers WGS-84 again.
import { useContext, useEffect, useRef, useState } from 'react';
import { AttributionControl, LngLatBounds, Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { BASEMAP_MAP_OPTIONS, basemapCrs, basemapStyle, fromDisplayFor, toDisplayFor, type BasemapCrs } from '../map/basemap-style.ts';
import { FALLBACK_STYLE } from '../map/fallback-style.ts';
import { geometryToDisplay } from '../../tiles/crs/display.ts';
import { HomeAreaContext, type HomeArea } from './home-area.ts';
import type { Place } from './geo-nav.ts';

setWorkerUrl(workerUrl);

export interface MapPlace extends Place {
  id: string;
  kind: 'case' | 'me' | 'pick';
  label?: string;
}

interface Props {
  places: readonly MapPlace[];
  /** The map frames the places again whenever this changes (not on every move of the phone). */
  focusKey: string;
  onTap?: (p: Place) => void;
  testId?: string;
  label: string;
}

const FOCUS_ZOOM = 15;
const OUTLINE_SOURCE = 'field-grids';

/** Draws the home area's grid outlines (again after every style load: a style swap drops them). */
function drawOutlines(map: MapLibreMap, area: HomeArea): void {
  const toDisplay = toDisplayFor(basemapCrs(map));
  const data = { ...area.grids, features: area.grids.features.map((f) => ({ ...f, geometry: geometryToDisplay(f.geometry, toDisplay) })) };
  const source = map.getSource(OUTLINE_SOURCE) as { setData?: (d: unknown) => void } | undefined;
  if (source?.setData) {
    source.setData(data);
    return;
  }
  map.addSource(OUTLINE_SOURCE, { type: 'geojson', data });
  map.addLayer({ id: 'field-grid-line', type: 'line', source: OUTLINE_SOURCE, paint: { 'line-color': '#0ea5e9', 'line-width': 1.5, 'line-dasharray': [3, 2] } });
}

/** The small map; places are drawn as markers, the view frames them when `focusKey` changes. */
export function SmallMap({ places, focusKey, onTap, testId, label }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [crs, setCrs] = useState<BasemapCrs>('wgs84');
  const area = useContext(HomeAreaContext);
  const tapRef = useRef(onTap);
  useEffect(() => {
    tapRef.current = onTap;
  }, [onTap]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const styleUrl = basemapStyle('day');
    const m = new MapLibreMap({
      ...BASEMAP_MAP_OPTIONS, container, style: styleUrl, center: [119.91, 32.49], zoom: 12,
      attributionControl: false, dragRotate: false, pitchWithRotate: false, maxPitch: 0,
    });
    m.touchZoomRotate.disableRotation();
    m.on('error', (e: { error: unknown }) => {
      if ((e.error as { url?: string } | null)?.url === styleUrl) m.setStyle(FALLBACK_STYLE);
    });
    m.on('style.load', () => setCrs(basemapCrs(m)));
    m.on('click', (e) => {
      const [lng, lat] = fromDisplayFor(basemapCrs(m))(e.lngLat.lng, e.lngLat.lat);
      tapRef.current?.({ lng, lat });
    });
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new AttributionControl({ compact: true }), 'bottom-left');
    setMap(m);
    return () => {
      setMap(null);
      m.remove();
    };
  }, []);

  useEffect(() => {
    if (!map || !area) return;
    const draw = () => drawOutlines(map, area);
    if (map.isStyleLoaded()) draw();
    map.on('style.load', draw);
    return () => {
      map.off('style.load', draw);
    };
  }, [map, area]);

  // Markers follow the places; they are few, so they are simply made anew.
  useEffect(() => {
    if (!map) return;
    const toDisplay = toDisplayFor(crs);
    const markers = places.map((p) => {
      const el = document.createElement('div');
      el.className = `field-marker field-marker-${p.kind}`;
      el.dataset.testid = `marker-${p.kind}`; // the pin's sharp corner (bottom left) is the place
      if (p.label) el.textContent = p.label;
      return new Marker({ element: el, anchor: p.kind === 'me' ? 'center' : 'bottom-left' }).setLngLat(toDisplay(p.lng, p.lat)).addTo(map);
    });
    return () => markers.forEach((mk) => mk.remove());
  }, [map, places, crs]);

  // Frame the places when asked to (the ref keeps the latest places without refitting on each fix).
  const placesRef = useRef(places);
  useEffect(() => {
    placesRef.current = places;
  }, [places]);
  useEffect(() => {
    if (!map) return;
    const toDisplay = toDisplayFor(crs);
    const ps = placesRef.current.map((p) => toDisplay(p.lng, p.lat));
    if (ps.length === 0) {
      // Nothing to frame: the worker's own area, where a tap will most likely go.
      if (area) map.fitBounds([toDisplay(...area.bounds[0]), toDisplay(...area.bounds[1])], { padding: 12, animate: false });
      return;
    }
    if (ps.length === 1) {
      map.jumpTo({ center: ps[0]!, zoom: FOCUS_ZOOM });
      return;
    }
    const bounds = ps.reduce((b, p) => b.extend(p), new LngLatBounds(ps[0]!, ps[0]!));
    map.fitBounds(bounds, { padding: 36, maxZoom: FOCUS_ZOOM, animate: false });
  }, [map, crs, focusKey, area]);

  return <div className="field-map" ref={containerRef} data-testid={testId} role="region" aria-label={label} />;
}
