// What the layers draw on a GCJ-02 basemap: the demo county's real cameras, routes and grids go
// through the conversion step and into the real layer factories, and the positions the layers
// hand to deck.gl are checked against the reference WGS-84 → GCJ-02 transform (tiles/crs/gcj02,
// itself tested against published values).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Accessor, AccessorContext } from '@deck.gl/core';
import type { CameraCollection, Incident, JurisdictionResponse, RouteCollection } from '../../server/wire/index.ts';
import { wgs84ToGcj02 } from '../../tiles/crs/gcj02.ts';
import { fromDisplayFor, toDisplayFor } from './basemap-style.ts';
import { cameraPoints } from './derive.ts';
import { displayCameras, displayIncidents, displayJurisdiction, displayOffsets, displayPoints, displayRoutes, displayUnits } from './display-data.ts';
import { historyDots } from './history-data.ts';
import { incidentHistoryLayer, type HistoryDots } from '../layers/incident-history-layer.ts';
import { appendIncidents, columnsFromArrow } from '../history/columns.ts';
import { arrowColumns, liveIncident, ORIGIN } from '../history/test-columns.ts';
import { cameraLayer } from '../layers/camera-layer.ts';
import { routeLayer } from '../layers/route-layer.ts';
import { incidentLayer } from '../layers/incident-layer.ts';
import { overdueRingLayer } from '../layers/overdue-ring-layer.ts';
import { NO_CASE_VIEWS } from '../cases/case-views.ts';
import { unitLayer, type UnitMarker } from '../layers/unit-layer.ts';

const DEMO = path.resolve(import.meta.dirname, '../../data/demo');
const read = <T,>(name: string): T => JSON.parse(readFileSync(path.join(DEMO, name), 'utf8')) as T;
const cameras = read<CameraCollection>('cameras.geojson');
const routes = read<RouteCollection>('routes.geojson');
const jurisdiction: JurisdictionResponse = {
  county: read('county.geojson'),
  townships: read('townships.geojson'),
  villages: read('villages.geojson'),
  grids: read('grids.geojson'),
};

const gcj = toDisplayFor('gcj02');
const wgs = toDisplayFor('wgs84');

function metres(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const rad = Math.PI / 180;
  const dLat = ((b[1] ?? 0) - (a[1] ?? 0)) * rad;
  const dLng = ((b[0] ?? 0) - (a[0] ?? 0)) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos((a[1] ?? 0) * rad) * Math.cos((b[1] ?? 0) * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/** What a layer's accessor yields for one datum, as deck.gl would call it. */
function drawn<D, T>(accessor: Accessor<D, T> | undefined, d: D): T {
  if (typeof accessor !== 'function') throw new Error('expected a function accessor');
  return (accessor as (d: D, c: AccessorContext<D>) => T)(d, { index: 0, data: [], target: [] });
}

describe('overlays on a GCJ-02 basemap', () => {
  it('draws a known camera at its GCJ-02 position: shifted by hundreds of metres, within 1 m of the reference', () => {
    const layer = cameraLayer({ cameras: cameraPoints(displayCameras(cameras, gcj)), states: new Map(), visible: true });
    const data = layer.props.data as ReturnType<typeof cameraPoints>;
    const cam = data.find((c) => c.id === 'cam-0001');
    const stored = cameras.features.find((f) => f.properties.id === 'cam-0001')!.geometry.coordinates;
    expect(cam).toBeDefined();
    const position = drawn(layer.props.getPosition, cam!) as [number, number];
    expect(metres(position, stored)).toBeGreaterThan(100);
    expect(metres(position, wgs84ToGcj02(stored[0]!, stored[1]!))).toBeLessThan(1);
    // and a click on it maps back to where it is stored
    expect(metres(fromDisplayFor('gcj02')(position[0], position[1]), stored)).toBeLessThan(0.01);
  });

  it('converts every camera, route vertex and grid vertex', () => {
    const points = cameraPoints(displayCameras(cameras, gcj));
    cameras.features.forEach((f, i) => {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      expect(metres(points[i]!.position, wgs84ToGcj02(lng, lat))).toBeLessThan(1);
    });
    const layer = routeLayer({ routes: displayRoutes(routes, gcj), visible: true });
    const paths = (layer.props.data as RouteCollection['features']).map((f) => drawn(layer.props.getPath, f) as unknown as number[][]);
    routes.features.forEach((f, i) => f.geometry.coordinates.forEach(([lng, lat], k) =>
      expect(metres(paths[i]![k]!, wgs84ToGcj02(lng!, lat!))).toBeLessThan(1)));
    const grid = displayJurisdiction(jurisdiction, gcj).grids.features[0]!.geometry;
    const original = jurisdiction.grids.features[0]!.geometry;
    const first = (g: typeof grid) => (g.type === 'Polygon' ? g.coordinates[0]![0]! : g.coordinates[0]![0]![0]!);
    expect(metres(first(grid), wgs84ToGcj02(first(original)[0]!, first(original)[1]!))).toBeLessThan(1);
  });

  it('draws incident pins and units at their GCJ-02 position, keeping their ids for picking', () => {
    const [lng, lat] = cameras.features[0]!.geometry.coordinates as [number, number];
    const incident = { id: 'i-1', lng, lat, priority: 'urgent', category: 'fire' } as Incident;
    const pins = incidentLayer({ incidents: displayIncidents([incident], gcj), visible: true, radiusScale: 1, views: NO_CASE_VIEWS });
    const pin = (pins.props.data as Incident[])[0]!;
    expect(pin.id).toBe('i-1');
    expect(metres(drawn(pins.props.getPosition, pin), wgs84ToGcj02(lng, lat))).toBeLessThan(1);
    const rings = overdueRingLayer({ points: displayPoints([incident], gcj), visible: true, radiusScale: 1 });
    expect(metres(drawn(rings.props.getPosition, (rings.props.data as Incident[])[0]!), wgs84ToGcj02(lng, lat))).toBeLessThan(1);
    const unit: UnitMarker = { id: 'u-1', position: [lng, lat], heading: 0, state: 'available', color: [1, 2, 3] };
    const units = unitLayer({ units: displayUnits([unit], gcj), visible: true });
    expect(metres(drawn(units.props.getPosition, (units.props.data as UnitMarker[])[0]!), wgs84ToGcj02(lng, lat))).toBeLessThan(1);
  });

  it('converts each input once per basemap CRS, so deck.gl keeps its data references', () => {
    expect(displayJurisdiction(jurisdiction, gcj)).toBe(displayJurisdiction(jurisdiction, gcj));
    expect(displayCameras(cameras, gcj)).toBe(displayCameras(cameras, gcj));
    const list = [{ id: 'a', lng: 120, lat: 32 } as Incident];
    const first = displayIncidents(list, gcj)[0];
    expect(displayIncidents([...list], gcj)[0]).toBe(first);
  });

  it('leaves everything as it is on a WGS-84 basemap', () => {
    expect(displayJurisdiction(jurisdiction, wgs)).toBe(jurisdiction);
    expect(displayCameras(cameras, wgs)).toBe(cameras);
    expect(displayRoutes(routes, wgs)).toBe(routes);
  });

  it('draws history dots (binary Float32 offsets) at their GCJ-02 position, converting appended rows once', () => {
    const stored = cameras.features.slice(0, 3).map((f) => f.geometry.coordinates as [number, number]);
    const rows = stored.map(([lng, lat], k) => ({ seq: k + 1, ms: k, grid: '321202001001001', lng, lat }));
    const columns = columnsFromArrow(arrowColumns(rows), rows.length);
    const layer = incidentHistoryLayer({ dots: historyDots(columns, columns.length, gcj, 0), origin: columns.origin, visible: true, radiusScale: 1 });
    expect(layer.props.coordinateSystem).toBe('lnglat-offsets');
    expect(layer.props.coordinateOrigin).toEqual([ORIGIN[0], ORIGIN[1], 0]);
    const value = (layer.props.data as unknown as HistoryDots).attributes.getPosition.value;
    const at = (k: number) => [ORIGIN[0] + value[2 * k]!, ORIGIN[1] + value[2 * k + 1]!];
    stored.forEach(([lng, lat], k) => {
      expect(metres(at(k), [lng, lat])).toBeGreaterThan(100);
      expect(metres(at(k), wgs84ToGcj02(lng, lat))).toBeLessThan(1);
    });
    // A live incident appended later: converted on its own; the rows before keep their values.
    const [lng, lat] = cameras.features[5]!.geometry.coordinates as [number, number];
    appendIncidents(columns, [liveIncident(4, 10, '321202001001001', { lng, lat })]);
    const before = Array.from(value);
    const next = displayOffsets(columns, columns.length, gcj);
    expect(Array.from(next.subarray(0, 6))).toEqual(before);
    expect(metres([ORIGIN[0] + next[6]!, ORIGIN[1] + next[7]!], wgs84ToGcj02(lng, lat))).toBeLessThan(1);
    // And a picked dot names its incident.
    expect((layer.props.data as unknown as HistoryDots).idAt(0)).toMatch(/^[0-9a-f]{8}-/);
  });

  it('hands the stored offsets to deck.gl unchanged on a WGS-84 basemap', () => {
    const columns = columnsFromArrow(arrowColumns([{ seq: 1, ms: 0, grid: 'g', lng: 119.95, lat: 32.45 }]), 1);
    expect(displayOffsets(columns, 1, wgs).buffer).toBe(columns.position.buffer);
  });
});
