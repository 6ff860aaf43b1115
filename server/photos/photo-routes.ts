// The photo routes of a case: POST /cases/{id}/photos takes one photo as the raw body (image/jpeg,
// image/png or image/webp), GET /cases/{id}/photos/{photoId} serves it. Who may do what with a
// case is the case module's decision (`caseAccess`); these routes only ask. The image parsers live
// in this plugin's own context, so no other route accepts an image body; the case is asked before
// the body is read, so a refused upload costs no 8 MB of reading.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../auth/principal.ts';
import { HttpError } from '../http/errors.ts';
import { PHOTO_TYPES } from '../wire/index.ts';
import type { PhotoInfo, PhotoType, PhotoUploadResponse } from '../wire/index.ts';
import { PhotoError } from './photo-error.ts';
import type { PhotoStore, StoredPhoto } from './photo-store.ts';

/**
 * What the caller may do with a case: attach photos (and see them), only see them, nothing — or
 * 'unknown': no such case, or one the caller may not know exists (answered 404 alike).
 */
export type CaseAccess = 'attach' | 'read' | 'none' | 'unknown';

export interface PhotoRouteDeps {
  photos: PhotoStore;
  /** The caller's access to case `caseId` (the id exactly as the path gave it). */
  caseAccess(caseId: string, request: FastifyRequest): CaseAccess | Promise<CaseAccess>;
  /** Hears of each stored photo before the answer (e.g. to audit it); a throw fails the request, the file stays. */
  onStored?(photo: StoredPhoto, request: FastifyRequest): void | Promise<void>;
}

/** How long a browser may keep a photo: ids are never reused, so the bytes under one never change. */
export const PHOTO_CACHE_CONTROL = 'private, max-age=86400, immutable';

const TYPES = `${PHOTO_TYPES.slice(0, -1).join(', ')} or ${PHOTO_TYPES.at(-1)}`;

interface CaseParams {
  id: string;
}
interface PhotoParams extends CaseParams {
  photoId: string;
}

async function requireAccess(deps: PhotoRouteDeps, request: FastifyRequest, need: 'attach' | 'read'): Promise<void> {
  const { id } = request.params as CaseParams;
  // The guard's `report` admits API keys too (for POST /events): a photo is a person's evidence.
  if (need === 'attach' && request.principal?.kind !== 'account') throw new HttpError(403, 'forbidden: photos are added by a logged-in person, not with an API key');
  const access = await deps.caseAccess(id, request);
  if (access === 'unknown') throw new HttpError(404, `no case ${id.slice(0, 64)}`);
  if (access === 'attach' || (need === 'read' && access === 'read')) return;
  throw new HttpError(403, access === 'read' ? 'forbidden: you may see this case but not add photos to it' : 'forbidden: this case is not yours to see');
}

/** The media type of a Content-Type header, lower case, without parameters. */
const mediaType = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** Registers the photo routes in their own context under `api` (which carries the API prefix). */
export function registerPhotoRoutes(api: FastifyInstance, deps: PhotoRouteDeps): void {
  const { photos } = deps;
  api.register(async (scope) => {
    const urlOf = (p: StoredPhoto) => `${scope.prefix}/cases/${encodeURIComponent(p.caseId)}/photos/${p.id}`;
    const info = (p: StoredPhoto): PhotoInfo => ({ id: p.id, type: p.type, bytes: p.bytes, width: p.width, height: p.height, url: urlOf(p) });

    scope.removeAllContentTypeParsers(); // the app's JSON parser too: these routes take images only
    scope.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer', bodyLimit: photos.maxBytes }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('*', (_request, _payload, done) => done(new HttpError(415, `Content-Type must be ${TYPES}, with the photo's bytes as the body`), undefined));
    // Fastify's own body errors, said for photos; the rest goes on to the app's error handler.
    scope.setErrorHandler((err: FastifyError | PhotoError | Error) => {
      if (err instanceof PhotoError) throw new HttpError(err.statusCode, err.message);
      const code = (err as FastifyError).code;
      if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new HttpError(413, `the photo is larger than ${photos.maxBytes} bytes (PHOTO_MAX_BYTES): send a smaller one`);
      if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new HttpError(415, `Content-Type must be ${TYPES}`);
      throw err;
    });

    scope.post<{ Params: CaseParams }>(
      '/cases/:id/photos',
      {
        config: { access: 'report' },
        preParsing: async (request) => requireAccess(deps, request, 'attach'),
      },
      async (request, reply) => {
        const declared = mediaType(request.headers['content-type']);
        if (!Buffer.isBuffer(request.body) || !(PHOTO_TYPES as readonly string[]).includes(declared)) {
          throw new HttpError(415, `send the photo's bytes as the body, with Content-Type ${TYPES}`);
        }
        const photo = await photos.add({ caseId: request.params.id, declaredType: declared as PhotoType, bytes: request.body, uploadedBy: actorOf(request.principal) });
        await deps.onStored?.(photo, request);
        const body: PhotoUploadResponse = { photo: info(photo) };
        return reply.code(201).header('location', body.photo.url).send(body);
      },
    );

    scope.get<{ Params: PhotoParams }>('/cases/:id/photos/:photoId', { config: { access: 'read' } }, async (request, reply) => {
      await requireAccess(deps, request, 'read');
      const photo = await photos.get(request.params.id, request.params.photoId);
      const file = photo && (await photos.open(photo));
      if (!photo || !file) throw new HttpError(404, 'this case has no such photo');
      const etag = `"${photo.sha256}"`;
      reply.headers({
        'cache-control': PHOTO_CACHE_CONTROL,
        etag,
        'x-content-type-options': 'nosniff',
        'content-disposition': `inline; filename="${photo.id}.${photo.type.slice(6).replace('jpeg', 'jpg')}"`,
        // Opened on its own, the photo runs nothing (it is an image, but the header says so anyway).
        'content-security-policy': "default-src 'none'; sandbox",
      });
      if (request.headers['if-none-match'] === etag) {
        file.destroy();
        return reply.code(304).send();
      }
      return reply.type(photo.type).header('content-length', photo.bytes).send(file);
    });
  });
}
