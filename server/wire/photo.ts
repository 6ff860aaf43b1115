// Photos of a case (现场照片): what a phone uploads and what the server answers.

/** The image types a photo may have; anything else is refused (415). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** A stored photo as the API shows it; a case's events reference it by `id`. */
export interface PhotoInfo {
  /** Server-assigned (UUIDv7). */
  id: string;
  type: PhotoType;
  /** Size of the stored file (metadata stripped), bytes. */
  bytes: number;
  width: number;
  height: number;
  /** Where to GET it (same origin, needs read access to the case). */
  url: string;
}

/** Answer of POST /api/v1/cases/{id}/photos. */
export interface PhotoUploadResponse {
  photo: PhotoInfo;
}
