// The OpenAPI paths of the photos of a case (现场照片), uploaded by grid workers from their phones.
import { DEFAULT_CONFIG } from '../config.ts';
import { MAX_PHOTO_SIDE_PX } from '../photos/photo-image.ts';
import { PHOTO_CACHE_CONTROL } from '../photos/photo-routes.ts';
import { PHOTO_TYPES } from '../wire/index.ts';

type Doc = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const binary = { type: 'string', format: 'binary' };
const images = Object.fromEntries(PHOTO_TYPES.map((t) => [t, { schema: binary }]));
const caseId = { name: 'id', in: 'path', required: true, description: 'the case (its incident id)', schema: { type: 'string' } };
const MiB = DEFAULT_CONFIG.photoMaxBytes / 1024 / 1024;

/** Paths under /api/v1 of the photo API. */
export const photoPaths: Record<string, Doc> = {
  '/cases/{id}/photos': {
    post: {
      summary: 'Add a photo to a case (处置反馈 / 发现上报 with photos)',
      description:
        `The body is the image itself, with Content-Type ${PHOTO_TYPES.join(', ')}; at most PHOTO_MAX_BYTES (default ${MiB} MiB). ` +
        'The type is decided by the bytes: the declared Content-Type must agree with them. The file is checked segment by segment ' +
        `(truncated or damaged files are refused) and may be at most ${MAX_PHOTO_SIDE_PX} px a side. Before it is stored its metadata ` +
        'is removed — EXIF (GPS position, time, device, thumbnail), XMP, IPTC, comments, PNG text chunks, anything after the image — ' +
        'except the EXIF orientation of a turned photo, kept as a one-tag EXIF so it shows upright. The image data is stored byte for byte. ' +
        'Answered after the photo is on disk (fsynced); a refused or failed upload stores nothing. A logged-in person who may report ' +
        '(not an API key, not a wall display), with access to add to the case; reference the returned id from the case\'s commands.',
      security: [{ session: [] }],
      parameters: [caseId],
      requestBody: { required: true, content: images },
      responses: {
        201: { description: 'stored; Location is its url', content: { 'application/json': { schema: ref('PhotoUpload') } } },
        400: error('the body is empty'),
        401: error('not logged in'),
        403: error('the role may not report, an API key, or the case may be seen but not added to (audited)'),
        404: error('no such case in your jurisdiction'),
        413: error('larger than PHOTO_MAX_BYTES'),
        415: error('not JPEG, PNG or WebP, or not the type Content-Type says'),
        422: error(`damaged or truncated, or larger than ${MAX_PHOTO_SIDE_PX} px a side`),
        429: error('rate limit: see Retry-After'),
        500: error('not stored; safe to retry'),
      },
    },
  },
  '/cases/{id}/photos/{photoId}': {
    get: {
      summary: 'One photo of a case',
      description: `The stored image, with \`Cache-Control: ${PHOTO_CACHE_CONTROL}\`, an ETag (its SHA-256; If-None-Match answers 304), \`X-Content-Type-Options: nosniff\` and \`Content-Disposition: inline\`. Needs read access to the case.`,
      parameters: [caseId, { name: 'photoId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        200: { description: 'the image', content: images },
        304: { description: 'unchanged (it never changes)' },
        401: error('not logged in'),
        403: error('the case is not yours to see (audited)'),
        404: error('no such case, or no such photo of this case'),
      },
    },
  },
};

/** Component schemas of the photo API's answers. */
export const photoSchemas: Record<string, Doc> = {
  PhotoUpload: {
    type: 'object',
    required: ['photo'],
    properties: {
      photo: {
        type: 'object',
        required: ['id', 'type', 'bytes', 'width', 'height', 'url'],
        properties: {
          id: { type: 'string', description: 'server-assigned (UUIDv7)' },
          type: { enum: [...PHOTO_TYPES] },
          bytes: { type: 'integer', description: 'size of the stored file (metadata removed)' },
          width: { type: 'integer' },
          height: { type: 'integer' },
          url: { type: 'string', description: 'where to GET it' },
        },
      },
    },
  },
};
