// How long a wall display's session (大屏会话) lasts: at most a week and never past its link's
// expiry, renewed (sliding) while the wall keeps using it and its link stays usable. A wall that
// stays on keeps its session; a cookie copied off a wall and left unused ends within a week; a
// revoked or expired link ends its sessions at once (they are checked on every request).
import type { AccessCore } from './core.ts';
import type { DisplayPrincipal } from './principal.ts';

/** The longest a display session lasts without being used. */
export const DISPLAY_SESSION_MAX_MS = 7 * 24 * 3_600_000;

/** The expiry of a display session started or renewed at t: the cap, or the link's expiry when sooner. */
export function displaySessionExpiry(link: { expiresAt: number | null }, t: number): number {
  return Math.min(link.expiresAt ?? Infinity, t + DISPLAY_SESSION_MAX_MS);
}

/**
 * Extends a display session once less than half its life remains and its link is still usable;
 * returns the new expiry (the caller sends a fresh cookie), or undefined when nothing changed.
 */
export function renewDisplaySession(core: AccessCore, p: DisplayPrincipal): number | undefined {
  const t = core.now();
  if (p.expiresAt - t >= DISPLAY_SESSION_MAX_MS / 2) return undefined;
  const link = core.displayLinks.usable(p.linkId) ? core.displayLinks.get(p.linkId) : undefined;
  if (!link) return undefined;
  const expiresAt = displaySessionExpiry(link, t);
  if (expiresAt <= p.expiresAt) return undefined;
  return core.sessions.extend(p.sessionId, expiresAt) ? expiresAt : undefined;
}
