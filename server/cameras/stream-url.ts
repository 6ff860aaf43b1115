// Where a camera's picture can be played: a `streamUrl` property of the camera in cameras.geojson
// (HLS .m3u8, or a play URL of a video platform such as wvp-GB28181), else the configured template
// (CAMERA_STREAM_TEMPLATE, "{id}" replaced by the camera id), else none. Only http(s) URLs and
// paths on this host are passed on: a `javascript:` or `file:` URL from a data file never reaches
// a player.

/** True for a URL a browser player may be given: http(s), or a path on this host. */
export function isPlayableUrl(url: string): boolean {
  if (url.length === 0 || url.length > 2048) return false;
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  return /^https?:\/\/[^\s/?#]+/i.test(url) && !/\s/.test(url);
}

/** The stream of one camera: its own URL if it carries a playable one, else the template's, else null. */
export function streamUrlOf(id: string, own: unknown, template: string | undefined): string | null {
  if (typeof own === 'string' && isPlayableUrl(own)) return own;
  if (template === undefined) return null;
  const url = template.replaceAll('{id}', encodeURIComponent(id));
  return isPlayableUrl(url) ? url : null;
}
