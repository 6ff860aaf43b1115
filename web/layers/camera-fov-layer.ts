// Cameras' fields of view (viewing direction, angle and range) as translucent wedges.
import { SolidPolygonLayer } from '@deck.gl/layers';
import type { CameraStateChange } from '../../server/wire/index.ts';
import { cameraState, type CameraPoint } from './camera-layer.ts';
import { CAMERA_COLORS } from './palette.ts';

/** A camera with its precomputed wedge polygon. */
export interface CameraWedge {
  camera: CameraPoint;
  polygon: [number, number][];
}

export interface CameraFovInput {
  wedges: readonly CameraWedge[];
  states: ReadonlyMap<string, CameraStateChange>;
  /** Wedges only make sense once a camera's range is more than a few pixels. */
  visible: boolean;
}

/** Field-of-view wedges coloured like their camera. */
export function cameraFovLayer({ wedges, states, visible }: CameraFovInput) {
  return new SolidPolygonLayer<CameraWedge>({
    id: 'camera-fov',
    data: wedges as CameraWedge[],
    visible,
    pickable: false,
    getPolygon: (d) => d.polygon,
    getFillColor: (d) => {
      const [r, g, b] = CAMERA_COLORS[cameraState(d.camera, states)];
      return [r, g, b, 55];
    },
    updateTriggers: { getFillColor: states },
  });
}
