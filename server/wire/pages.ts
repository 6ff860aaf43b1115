// The pages of the web app: the paths the server answers with the app itself (index.html), and
// that the shell reads to pick its mode. Every other path that names neither a file of the build
// nor a route is answered 404: /.env, /wp-login.php or /x/../etc/passwd get no page.

/** The modes' top-level paths; each also takes plain sub-paths (/wall/tour). `/` is the console. */
export const APP_PAGES = ['/wall', '/briefing', '/field'] as const;

/** A plain path segment: no dot (a file, a dot segment), no percent-encoding, not empty. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** True when a request path, exactly as sent (undecoded, without the query), is a page of the app. */
export function isAppPage(path: string): boolean {
  if (path === '/') return true;
  const segments = path.split('/').slice(1);
  return (APP_PAGES as readonly string[]).includes(`/${segments[0]}`) && segments.every((s) => SEGMENT.test(s));
}
