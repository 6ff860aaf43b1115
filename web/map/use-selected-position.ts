// Where the selected point object (incident, camera, unit) is now, for the selection ring.
import { useMemo } from 'react';
import { useStatic } from '../api/static-context.ts';
import { useLive } from '../live/hooks.ts';
import type { Selection } from '../state/selection.ts';
import { cameraPoints } from './derive.ts';

const NONE: [number, number][] = [];

/** One position when a point object is selected and known, else none; stable between renders. */
export function useSelectedPosition(selection: Selection | null): readonly [number, number][] {
  const incident = useLive((s) => (selection?.kind === 'incident' ? s.incidents.byId.get(selection.id) : undefined));
  const fix = useLive((s) => (selection?.kind === 'unit' ? s.units.get(selection.id) : undefined));
  const cameras = useStatic((d) => d.cameras);
  const camera = selection?.kind === 'camera' && cameras ? cameraPoints(cameras).find((c) => c.id === selection.id) : undefined;
  const lng = incident?.lng ?? fix?.lng ?? camera?.position[0];
  const lat = incident?.lat ?? fix?.lat ?? camera?.position[1];
  return useMemo(() => (lng === undefined || lat === undefined ? NONE : [[lng, lat] as [number, number]]), [lng, lat]);
}
