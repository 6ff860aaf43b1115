// Roles (角色): defined once here so the server's permission matrix and the web's menus agree.

/** Roles an account can hold. */
export const ACCOUNT_ROLES = ['admin', 'leader', 'duty-officer', 'grid-worker'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Every role, including the read-only wall display (大屏), which is a display link, not an account. */
export const ROLES = [...ACCOUNT_ROLES, 'wall-display'] as const;
export type Role = (typeof ROLES)[number];
