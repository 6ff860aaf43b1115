// The session cookie: httpOnly (no script reads it), SameSite=Strict (no other site's page sends
// it), Path=/ (the API and the live channel), Secure when the request came over HTTPS.

export const SESSION_COOKIE = 'yzt_session';

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** Set-Cookie value for a session token that lasts until expiresAt (ms since epoch). */
export function sessionCookie(token: string, expiresAt: number, nowMs: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - nowMs) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
