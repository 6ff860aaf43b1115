// Answer of GET /api/v1/cases/{id}/cameras: the cameras whose field of view covers the case's scene.
import type { CameraState } from './jurisdiction.ts';

/** One camera that can see a scene (occlusion ignored). */
export interface CaseCamera {
  cameraId: string;
  name: string;
  state: CameraState;
  /** Camera to scene, metres. */
  distanceM: number;
  /** Angle between the camera's axis (bearing) and the scene, degrees (0 … fov/2). */
  offAxisDeg: number;
  /** The configured stream (HLS or a play URL); null when none is configured. */
  streamUrl: string | null;
}

export interface CaseCamerasResponse {
  caseId: string;
  scene: { lng: number; lat: number };
  cameras: CaseCamera[];
}
