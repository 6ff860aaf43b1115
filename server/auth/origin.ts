// Which web pages may use a session: the Origin header of a browser request must be one of the
// configured origins (ALLOWED_ORIGINS), or — with none configured — the very host the request was
// sent to. A cross-site page carrying a valid cookie is refused; a request without Origin (a
// same-origin GET, a non-browser client) cannot be one a foreign page forged.

/** True when a request with this Origin and Host header may proceed. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowlist: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowlist.length > 0) return allowlist.includes(origin);
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
}
