// Builds the deck.gl layer list from the static data, the live store, the layer switches, the
// selection and the zoom band, and hands it to the overlay. Layers are recreated on each render
// (cheap, matched by id); their data arrays keep their references unless the data changed.
// Every input is first put into the basemap's coordinate system (display-data.ts), once per CRS.
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Feature } from 'geojson';
import type { AreaGeometry, JurisdictionResponse } from '../../server/wire/index.ts';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { useStatic } from '../api/static-context.ts';
import { useLive } from '../live/hooks.ts';
import { useSmallStore } from '../state/small-store.ts';
import { layerVisibilityStore } from '../state/layer-visibility.ts';
import { selectionStore, type Selection } from '../state/selection.ts';
import { PIN_WINDOW_MS, pinCutoff, pinWindowStore } from '../state/pin-window.ts';
import { incidentsSince } from '../live/recent.ts';
import { geometryBounds } from '../geo/bounds.ts';
import { setCountyBounds, zoomToCounty } from './map-handle.ts';
import { CAMERA_FOV_ZOOM, prominence, zoomBand } from './zoom-band.ts';
import { useMapView } from './use-map-view.ts';
import { areaLabels, gridLabels, nameCharacters, cameraPoints, cameraWedges, routeColors, unitInfoById, unitMarkers } from './derive.ts';
import { useSelectedPosition } from './use-selected-position.ts';
import type { ToDisplay } from './basemap-style.ts';
import { displayCameras, displayIncidents, displayJurisdiction, displayPoints, displayPositions, displayRoutes, displayUnits } from './display-data.ts';
import { areasNear, boxKey, cullBox, labelsNear } from './view-cull.ts';
import type { AreaLevel } from '../layers/area-boundary-layer.ts';
import { countyLayer } from '../layers/county-layer.ts';
import { townshipHeatLayer } from '../layers/township-heat-layer.ts';
import { incidentHeatmapLayer } from '../layers/incident-heatmap-layer.ts';
import { areaBoundaryLayer } from '../layers/area-boundary-layer.ts';
import { areaLabelLayer } from '../layers/area-label-layer.ts';
import { routeLayer } from '../layers/route-layer.ts';
import { cameraFovLayer } from '../layers/camera-fov-layer.ts';
import { cameraLayer } from '../layers/camera-layer.ts';
import { unitLayer } from '../layers/unit-layer.ts';
import { unitHeadingLayer } from '../layers/unit-heading-layer.ts';
import { incidentLayer } from '../layers/incident-layer.ts';
import { selectionLayer } from '../layers/selection-layer.ts';
import { selectedAreaLayer } from '../layers/selected-area-layer.ts';
import { incidentHistoryLayer } from '../layers/incident-history-layer.ts';
import { areaCountLayer } from '../layers/area-count-layer.ts';
import { useHistory } from '../history/hooks.ts';
import { useHeatSource } from '../history/heat.ts';
import { useAreaRollup } from '../history/use-area-rollup.ts';
import { areaCounts, heatCells, historyDots } from './history-data.ts';
import { hotspotLayers } from '../layers/hotspot-layer.ts';
import { hotspotRows } from '../layers/hotspot-rows.ts';
import { useHotspots } from '../hotspots/hotspots-api.ts';
import { useCases } from '../cases/hooks.ts';
import { overduePoints } from '../cases/case-pins.ts';
import { overdueRingLayer } from '../layers/overdue-ring-layer.ts';
import { stuckLayer } from '../layers/stuck-layer.ts';
import { stuckRows } from '../layers/stuck-rows.ts';
import { useT } from '../i18n/index.ts';
import type { CameraPoint } from '../layers/camera-layer.ts';
import type { CameraWedge } from '../layers/camera-fov-layer.ts';

const NO_CAMERAS: CameraPoint[] = [];
const NO_CHARACTERS: ReadonlySet<string> = new Set();

/** Pin size per zoom band: thousands of pins share the screen at county scale. */
const PIN_SCALE = { township: 0.55, village: 0.8, grid: 1 } as const;

/** The areas of one level of the hierarchy. */
function areasOf(j: JurisdictionResponse, level: AreaLevel) {
  return level === 'grid' ? j.grids : level === 'village' ? j.villages : j.townships;
}

/** The selected area's feature, if an area is selected. */
function selectedAreaOf(j: JurisdictionResponse | null, s: Selection | null): Feature<AreaGeometry>[] {
  if (!j || !s || (s.kind !== 'township' && s.kind !== 'village' && s.kind !== 'grid')) return [];
  const fc = s.kind === 'grid' ? j.grids : s.kind === 'village' ? j.villages : j.townships;
  const f = fc.features.find((x) => x.properties.code === s.id);
  return f ? [f] : [];
}

/** Server time for the overdue rings, in 5 s steps so heartbeats do not rebuild their data each time (crossings arrive as case changes). */
function dueClock(asOf: string | null): number {
  const t = asOf ? Date.parse(asOf) : Number.NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : Math.floor(t / 5000) * 5000;
}

/** Choropleth opacity per zoom band: the county picture fades as the grid comes into view. */
const HEAT_OPACITY = { township: 0.75, village: 0.45, grid: 0.18 } as const;

const NO_WEDGES: CameraWedge[] = [];
const NO_ORIGIN: readonly [number, number] = [0, 0];

/** `toDisplay`: the loaded basemap's WGS-84 → display transform (a stable function per CRS). */
export function MapLayers({ map, overlay, toDisplay }: { map: MapLibreMap; overlay: MapboxOverlay; toDisplay: ToDisplay }) {
  const wgsJurisdiction = useStatic((d) => d.jurisdiction);
  const jurisdiction = wgsJurisdiction && displayJurisdiction(wgsJurisdiction, toDisplay);
  const wgsCameras = useStatic((d) => d.cameras);
  const cameraCollection = wgsCameras && displayCameras(wgsCameras, toDisplay);
  const wgsRoutes = useStatic((d) => d.routes);
  const routes = wgsRoutes && displayRoutes(wgsRoutes, toDisplay);
  const unitInfo = useStatic((d) => d.units);

  const incidents = displayIncidents(useLive((s) => s.incidents.newestFirst), toDisplay);
  const pinWindow = useSmallStore(pinWindowStore, (w) => w);
  const pinsSinceMs = useLive((s) => pinCutoff(s.asOf, PIN_WINDOW_MS[pinWindow]));
  const pins = incidentsSince(incidents, pinsSinceMs);
  const counts = useLive((s) => s.townshipCounts);
  const fixes = useLive((s) => s.units);
  const cameraStates = useLive((s) => s.cameraStates);
  const caseViews = useCases((s) => s.views);
  const dueNowMs = useLive((s) => dueClock(s.asOf));
  const liveIncidents = useLive((s) => s.incidents.newestFirst);
  const overdue = useMemo(
    () => displayPoints(overduePoints(liveIncidents, caseViews, dueNowMs), toDisplay),
    [liveIncidents, caseViews, dueNowMs, toDisplay],
  );
  const caseCounts = useLive((s) => s.caseCounts);
  const stuck = useMemo(() => (jurisdiction ? stuckRows(caseCounts, areaLabels(jurisdiction.townships)) : []), [jurisdiction, caseCounts]);
  const { t } = useT();
  const stuckText = useCallback((n: number) => t('stuck.badge', { n }), [t]);

  const visible = useSmallStore(layerVisibilityStore, (v) => v);
  const selection = useSmallStore(selectionStore, (s) => s);
  const band = useMapView(map, (m) => zoomBand(m.getZoom()));
  const showFov = useMapView(map, (m) => m.getZoom() >= CAMERA_FOV_ZOOM);
  const near = useMapView(map, (m) => {
    const b = m.getBounds();
    return boxKey(cullBox(b.getWest(), b.getSouth(), b.getEast(), b.getNorth()));
  });
  const selectedPositions = displayPositions(useSelectedPosition(selection), toDisplay);
  const heatmapUsed = useLatch(visible.heatmap);

  // The 30-day history (binary columns): dots, and counts per area for the pin window (24 h for "all").
  const historyColumns = useHistory((h) => h.columns);
  const historyRows = useHistory((h) => h.rows);
  const dots = useMemo(
    () => (historyColumns ? historyDots(historyColumns, historyRows, toDisplay, Date.now()) : null),
    [historyColumns, historyRows, toDisplay],
  );
  const rollup = useAreaRollup();
  // The choropleth is filled by the same pin-window counts as the labels drawn on it, so a dark
  // township never carries a small number; the server's window counts only until the history loads.
  const townshipFill = useMemo(() => (rollup ? Object.fromEntries(rollup.township) : counts), [rollup, counts]);
  const countLabels = useMemo(() => {
    if (!jurisdiction || !rollup) return [];
    const labels = band === 'grid' ? gridLabels(jurisdiction) : areaLabels(areasOf(jurisdiction, band));
    return areaCounts(labelsNear(labels, near), rollup, band);
  }, [jurisdiction, rollup, band, near]);
  const heatSource = useHeatSource(heatmapUsed && visible.heatmap);
  const heat = useMemo(() => (heatSource ? heatCells(heatSource, toDisplay) : null), [heatSource, toDisplay]);
  const selectedArea = useMemo(() => selectedAreaOf(jurisdiction, selection), [jurisdiction, selection]);
  const hotspots = useHotspots(visible.hotspots);
  const hotspotData = useMemo(() => hotspotRows(hotspots, jurisdiction?.grids.features ?? [], toDisplay), [hotspots, jurisdiction, toDisplay]);

  // First view: the whole county, as soon as its outline is known, and again where it is drawn
  // when the basemap's coordinate system turns out to be GCJ-02 (its style loads after the outline).
  useEffect(() => {
    if (!wgsJurisdiction) return;
    setCountyBounds(geometryBounds(wgsJurisdiction.county.geometry));
    zoomToCounty(false);
  }, [wgsJurisdiction, toDisplay]);

  const cameras = cameraCollection ? cameraPoints(cameraCollection) : NO_CAMERAS;
  const wedges = cameraCollection ? cameraWedges(cameras) : NO_WEDGES;
  const units = useMemo(
    () => displayUnits(unitMarkers(fixes, unitInfo ? unitInfoById(unitInfo) : new Map(), routes ? routeColors(routes) : new Map()), toDisplay),
    [fixes, unitInfo, routes, toDisplay],
  );

  const layers = useMemo(() => {
    const j = jurisdiction;
    return [
      countyLayer({ county: j?.county ?? null, visible: true }),
      townshipHeatLayer({ townships: j?.townships ?? null, counts: townshipFill, visible: visible.choropleth, opacity: HEAT_OPACITY[band] }),
      // Built only once first switched on: its GPU aggregation is costly to set up for nothing.
      ...(heatmapUsed ? [incidentHeatmapLayer({ cells: heat, origin: heatSource?.heat.origin ?? NO_ORIGIN, visible: visible.heatmap })] : []),
      ...(['grid', 'village', 'township'] as const).map((level) => areaBoundaryLayer({
        level,
        data: j ? areasNear(areasOf(j, level), near) : null,
        visible: visible.grid,
        prominence: prominence(level, band),
      })),
      selectedAreaLayer({ areas: selectedArea }),
      // Under everything clickable: a month of dots must not steal clicks from cameras, units or pins.
      incidentHistoryLayer({ dots, origin: historyColumns?.origin ?? NO_ORIGIN, visible: visible.incidents, radiusScale: PIN_SCALE[band] }),
      // Under routes, cameras, units and pins: those stay clickable inside a hotspot.
      ...hotspotLayers({ rows: hotspotData, visible: visible.hotspots }),
      routeLayer({ routes, visible: visible.routes }),
      cameraFovLayer({ wedges, states: cameraStates, visible: visible.cameras && showFov }),
      cameraLayer({ cameras, states: cameraStates, visible: visible.cameras }),
      unitLayer({ units, visible: visible.units }),
      unitHeadingLayer({ units, visible: visible.units }),
      incidentLayer({ incidents: pins, visible: visible.incidents, radiusScale: PIN_SCALE[band], views: caseViews }),
      overdueRingLayer({ points: overdue, visible: visible.incidents, radiusScale: PIN_SCALE[band] }),
      selectionLayer({ positions: selectedPositions }),
      // Names on top: a busy area must not hide which area it is.
      ...(['township', 'village', 'grid'] as const).map((level) => areaLabelLayer({
        level,
        data: j ? labelsNear(level === 'grid' ? gridLabels(j) : areaLabels(areasOf(j, level)), near) : [],
        // At street scale the village names stay, so the short grid names (第2网格) read in context.
        visible: visible.grid && (band === level || (band === 'grid' && level === 'village')),
        characters: j ? nameCharacters(j) : NO_CHARACTERS,
      })),
      // Counts of the zoom band's level under its names: they roll up from grid to township.
      ...(['township', 'village', 'grid'] as const).map((level) => areaCountLayer({
        level,
        data: level === band ? countLabels : [],
        visible: visible.choropleth && level === band,
      })),
      // 卡点 over everything: where cases are stuck must not hide under a name or a count.
      stuckLayer({ rows: stuck, visible: visible.stuck, text: stuckText }),
    ];
  }, [caseViews, overdue, stuck, stuckText, jurisdiction, townshipFill, pins, visible, band, near, routes, wedges, cameraStates, showFov, cameras, units, selectedPositions, heatmapUsed, selectedArea, hotspotData, heat, heatSource, dots, historyColumns, countLabels]);

  // At commit, like a DOM change: a passive effect would wait for the next paint, which a busy GPU
  // can delay by seconds, and a new incident must be on the map (and clickable) at once.
  useLayoutEffect(() => {
    overlay.setProps({ layers });
  }, [overlay, layers]);

  return null;
}

/** True from the first render where `on` was true, for good. */
function useLatch(on: boolean): boolean {
  const [latched, setLatched] = useState(on);
  if (on && !latched) setLatched(true);
  return latched || on;
}
