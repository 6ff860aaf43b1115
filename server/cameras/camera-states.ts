// Current state (online / offline / fault) of every camera, over the static camera file, and which
// ones changed since the live channel last looked.
import type { CameraCollection, CameraState, CameraStateChange } from '../wire/index.ts';

export interface CameraStates {
  /** Records a state change; false for an unknown camera or no change. */
  set(id: string, state: CameraState, at: string): boolean;
  /** The camera collection with every camera's current state. */
  collection(): CameraCollection;
  /** Ids of all cameras, in file order. */
  ids(): string[];
  state(id: string): CameraState | undefined;
  /** Changes since the previous call (the latest per camera), and forgets them. */
  drainChanged(): CameraStateChange[];
}

export function createCameraStates(cameras: CameraCollection): CameraStates {
  const states = new Map(cameras.features.map((f) => [f.properties.id, f.properties.state]));
  const changed = new Map<string, CameraStateChange>();
  let cached: CameraCollection | undefined = cameras;
  return {
    set(id, state, at) {
      const current = states.get(id);
      if (current === undefined || current === state) return false;
      states.set(id, state);
      changed.set(id, { id, state, at });
      cached = undefined;
      return true;
    },
    collection() {
      // Rebuilt only after a change, so repeated GETs share one object.
      cached ??= {
        ...cameras,
        features: cameras.features.map((f) => ({ ...f, properties: { ...f.properties, state: states.get(f.properties.id)! } })),
      };
      return cached;
    },
    ids: () => [...states.keys()],
    state: (id) => states.get(id),
    drainChanged() {
      const out = [...changed.values()];
      changed.clear();
      return out;
    },
  };
}
