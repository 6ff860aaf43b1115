// The cameras that can see a case (视频联动): GET /cases/{id}/cameras — the cameras of the county
// whose field of view covers the case's scene (occlusion ignored), online first, then by how
// squarely and how close they look at it, each with its stream URL when one is configured. Read
// access, cut to the caller's jurisdiction by the case: a case outside it is a 404.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CameraStates } from '../cameras/camera-states.ts';
import { camerasCovering } from '../cameras/coverage.ts';
import type { CameraSight } from '../cameras/coverage.ts';
import { streamUrlOf } from '../cameras/stream-url.ts';
import type { CaseService } from '../casework/case-service.ts';
import type { CameraCollection } from '../wire/index.ts';
import type { CaseCamerasResponse } from '../wire/case-cameras.ts';
import { errorBody, HttpError } from './errors.ts';

export interface CameraRouteDeps {
  cameras: CameraStates;
  cases: Pick<CaseService, 'read'>;
  /** CAMERA_STREAM_TEMPLATE, "{id}" replaced by the camera id. */
  streamTemplate?: string;
}

interface Sight extends CameraSight {
  streamUrl: string | null;
}

/** Metres and degrees to a tenth: the answer carries no false precision. */
const tenth = (x: number) => Math.round(x * 10) / 10;

export function registerCameraRoutes(api: FastifyInstance, deps: CameraRouteDeps): void {
  // The collection object changes only when a camera's state does: the sights are rebuilt then.
  let built: { from: CameraCollection; sights: Sight[] } | undefined;
  const sights = (): Sight[] => {
    const from = deps.cameras.collection();
    if (built?.from !== from) {
      built = {
        from,
        sights: from.features.map((f) => {
          const p = f.properties;
          const [lng, lat] = f.geometry.coordinates;
          return { id: p.id, name: p.name, state: p.state, lng: lng!, lat: lat!, bearing: p.bearing, fov: p.fov, range: p.range, streamUrl: streamUrlOf(p.id, (p as { streamUrl?: unknown }).streamUrl, deps.streamTemplate) };
        }),
      };
    }
    return built.sights;
  };

  api.get<{ Params: { id: string } }>('/cases/:id/cameras', { config: { access: 'read' } }, async (request, reply): Promise<CaseCamerasResponse | FastifyReply> => {
    const p = request.principal;
    if (!p || p.kind === 'api-key') throw new HttpError(403, 'cameras of a case are for people: this needs a login session, not an API key');
    const record = await deps.cases.read(request.params.id, p.scope);
    if (!record) return reply.code(404).send(errorBody(404, `no case with id ${request.params.id}`));
    const cameras = camerasCovering(sights(), record.lng, record.lat).map(({ camera, distanceM, offAxisDeg }) => ({
      cameraId: camera.id, name: camera.name, state: camera.state, distanceM: tenth(distanceM), offAxisDeg: tenth(offAxisDeg), streamUrl: camera.streamUrl,
    }));
    return { caseId: record.state.id, scene: { lng: record.lng, lat: record.lat }, cameras };
  });
}
