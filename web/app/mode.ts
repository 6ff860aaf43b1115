// Which mode a signed-in page shows: the field page (phone) or the console app (which also draws
// the wall and briefing pages). Read from the URL and the role, so a shared link keeps its mode.
import type { Me } from '../auth/session.ts';

export type Mode = 'console' | 'field';

/** The field page's path (an app page the server serves, see server/wire/pages.ts). */
export const FIELD_PATH = '/field';

/** The mode for a path: /field is the field page; a grid worker landing on / gets it too. */
export function modeFor(pathname: string, me: Pick<Me, 'kind' | 'role'>): Mode {
  // A wall display only watches: it has no tasks and posts nothing.
  if (me.kind !== 'account') return 'console';
  if (pathname === FIELD_PATH || pathname.startsWith(`${FIELD_PATH}/`)) return 'field';
  return pathname === '/' && me.role === 'grid-worker' ? 'field' : 'console';
}
