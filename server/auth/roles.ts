// Roles (角色) and what each may do. Accounts hold one of the account roles; a wall display is not
// an account but a display link, with the read-only wall-display role.
import { z } from 'zod';
import { ACCOUNT_ROLES } from '../wire/access.ts';
import type { Role } from '../wire/access.ts';

export { ACCOUNT_ROLES, ROLES } from '../wire/access.ts';
export type { AccountRole, Role } from '../wire/access.ts';

export const accountRoleSchema = z.enum(ACCOUNT_ROLES, { error: `role must be one of ${ACCOUNT_ROLES.join(', ')}` });

/**
 * Actions a route may require. Reads are further cut to the jurisdiction; `manage` covers accounts,
 * display links, API keys and the audit log.
 */
export type Action = 'read' | 'report' | 'export' | 'dispatch' | 'manage';

const MATRIX: Record<Role, readonly Action[]> = {
  admin: ['read', 'report', 'export', 'dispatch', 'manage'],
  leader: ['read', 'report', 'export', 'dispatch'],
  'duty-officer': ['read', 'report', 'export', 'dispatch'],
  // A grid worker reports (发现上报) and reads within their own jurisdiction.
  'grid-worker': ['read', 'report'],
  // A wall display changes nothing.
  'wall-display': ['read'],
};

/** True when `role` may perform `action`. */
export function can(role: Role, action: Action): boolean {
  return MATRIX[role].includes(action);
}
