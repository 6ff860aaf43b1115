// Who gets the duty console: the accounts that work cases at a centre (admin, leader, duty officer).
// A wall display only watches; a grid worker has the field page.
import type { Me } from '../auth/session.ts';

const CONSOLE_ROLES: ReadonlySet<string> = new Set(['admin', 'leader', 'duty-officer']);

export function isConsoleUser(me: Pick<Me, 'kind' | 'role'>): boolean {
  return me.kind === 'account' && CONSOLE_ROLES.has(me.role);
}
