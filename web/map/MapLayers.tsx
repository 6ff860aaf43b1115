// Builds the deck.gl layer list from the static data, the live store, the layer switches, the
// selection and the zoom band, and hands it to the overlay. Layers are recreated on each render
// (cheap, matched by id); their data arrays keep their references unless the data changed.
import { useEffect, useMemo } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { useStatic } from '../api/static-context.ts';
import { useLive } from '../live/hooks.ts';
import { useSmallStore } from '../state/small-store.ts';
import { layerVisibilityStore } from '../state/layer-visibility.ts';
import { selectionStore } from '../state/selection.ts';
import { geometryBounds } from '../geo/bounds.ts';
import { setCountyBounds, zoomToCounty } from './map-handle.ts';
import { CAMERA_FOV_ZOOM, prominence, zoomBand } from './zoom-band.ts';
import { useMapView } from './use-map-view.ts';
import { areaLabels, cameraPoints, cameraWedges, routeColors, unitInfoById, unitMarkers } from './derive.ts';
import { useSelectedPosition } from './use-selected-position.ts';
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
import type { CameraPoint } from '../layers/camera-layer.ts';
import type { CameraWedge } from '../layers/camera-fov-layer.ts';

const NO_CAMERAS: CameraPoint[] = [];
const NO_WEDGES: CameraWedge[] = [];

export function MapLayers({ map, overlay }: { map: MapLibreMap; overlay: MapboxOverlay }) {
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const cameraCollection = useStatic((d) => d.cameras);
  const routes = useStatic((d) => d.routes);
  const unitInfo = useStatic((d) => d.units);

  const incidents = useLive((s) => s.incidents.newestFirst);
  const counts = useLive((s) => s.townshipCounts);
  const fixes = useLive((s) => s.units);
  const cameraStates = useLive((s) => s.cameraStates);

  const visible = useSmallStore(layerVisibilityStore, (v) => v);
  const selection = useSmallStore(selectionStore, (s) => s);
  const band = useMapView(map, (m) => zoomBand(m.getZoom()));
  const showFov = useMapView(map, (m) => m.getZoom() >= CAMERA_FOV_ZOOM);
  const selectedPositions = useSelectedPosition(selection);

  // First view: the whole county, as soon as its outline is known.
  useEffect(() => {
    if (!jurisdiction) return;
    setCountyBounds(geometryBounds(jurisdiction.county.geometry));
    zoomToCounty(false);
  }, [jurisdiction]);

  const cameras = cameraCollection ? cameraPoints(cameraCollection) : NO_CAMERAS;
  const wedges = cameraCollection ? cameraWedges(cameras) : NO_WEDGES;
  const units = useMemo(
    () => unitMarkers(fixes, unitInfo ? unitInfoById(unitInfo) : new Map(), routes ? routeColors(routes) : new Map()),
    [fixes, unitInfo, routes],
  );

  const layers = useMemo(() => {
    const j = jurisdiction;
    const selectedCode = (level: string) => (selection?.kind === level ? selection.id : null);
    return [
      countyLayer({ county: j?.county ?? null, visible: true }),
      townshipHeatLayer({ townships: j?.townships ?? null, counts, visible: visible.choropleth }),
      incidentHeatmapLayer({ incidents, visible: visible.heatmap }),
      ...(['grid', 'village', 'township'] as const).map((level) => areaBoundaryLayer({
        level,
        data: j ? j[level === 'grid' ? 'grids' : level === 'village' ? 'villages' : 'townships'] : null,
        visible: visible.grid,
        prominence: prominence(level, band),
        selectedCode: selectedCode(level),
      })),
      routeLayer({ routes, visible: visible.routes }),
      cameraFovLayer({ wedges, states: cameraStates, visible: visible.cameras && showFov }),
      ...(['township', 'village', 'grid'] as const).map((level) => areaLabelLayer({
        level,
        data: j ? areaLabels(j[level === 'grid' ? 'grids' : level === 'village' ? 'villages' : 'townships']) : [],
        visible: visible.grid && band === level,
      })),
      cameraLayer({ cameras, states: cameraStates, visible: visible.cameras }),
      unitLayer({ units, visible: visible.units }),
      unitHeadingLayer({ units, visible: visible.units }),
      incidentLayer({ incidents, visible: visible.incidents }),
      selectionLayer({ positions: selectedPositions }),
    ];
  }, [jurisdiction, counts, incidents, visible, band, selection, routes, wedges, cameraStates, showFov, cameras, units, selectedPositions]);

  useEffect(() => {
    overlay.setProps({ layers });
  }, [overlay, layers]);

  return null;
}
