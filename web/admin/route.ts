// Where the admin page lives: the URL hash #/admin. A hash needs no server route (the SPA fallback
// is never asked), survives a reload, and the back button leaves the page as users expect.
import { useSyncExternalStore } from 'react';

export const ADMIN_HASH = '#/admin';

/** True when a location hash names the admin page (#/admin, #/admin/, #admin). */
export function isAdminHash(hash: string): boolean {
  return /^#\/?admin\/?$/.test(hash);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** Whether the admin page is open, following the URL. */
export function useAdminRoute(): boolean {
  return useSyncExternalStore(subscribe, () => isAdminHash(window.location.hash), () => false);
}

export function openAdmin(): void {
  window.location.hash = ADMIN_HASH;
}

/** Back to the map, without leaving an empty "#" in the address bar. */
export function closeAdmin(): void {
  history.pushState(null, '', window.location.pathname + window.location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
