// Surveillance cameras (天网/雪亮工程) as points coloured by their live state.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { CameraProps, CameraState, CameraStateChange } from '../../server/wire/index.ts';
import { CAMERA_COLORS } from './palette.ts';

/** A camera flattened from its GeoJSON feature, ready to draw. */
export type CameraPoint = CameraProps & { position: [number, number] };

export interface CameraInput {
  cameras: readonly CameraPoint[];
  /** Live state changes since the camera list was loaded, by camera id. */
  states: ReadonlyMap<string, CameraStateChange>;
  visible: boolean;
}

/** The state to show: the live one when a change arrived, else the loaded one. */
export function cameraState(camera: CameraPoint, states: ReadonlyMap<string, CameraStateChange>): CameraState {
  return states.get(camera.id)?.state ?? camera.state;
}

/** Camera points; colours follow live state changes without touching the data. */
export function cameraLayer({ cameras, states, visible }: CameraInput) {
  return new ScatterplotLayer<CameraPoint>({
    id: 'cameras',
    data: cameras as CameraPoint[],
    visible,
    pickable: true,
    filled: true,
    stroked: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (d) => d.position,
    getRadius: 3.5,
    radiusMinPixels: 2,
    getFillColor: (d) => CAMERA_COLORS[cameraState(d, states)],
    getLineColor: [8, 13, 26, 220],
    getLineWidth: 1,
    updateTriggers: { getFillColor: states },
  });
}
