// Roles (角色): defined once here so the server's permission matrix and the web's menus agree.

/** Roles an account can hold. */
export const ACCOUNT_ROLES = ['admin', 'leader', 'duty-officer', 'grid-worker'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Every role, including the read-only wall display (大屏), which is a display link, not an account. */
export const ROLES = [...ACCOUNT_ROLES, 'wall-display'] as const;
export type Role = (typeof ROLES)[number];

/** How deep a jurisdiction code reaches: county (6 digits), township (9) or village (12). */
export type ScopeLevel = 'county' | 'township' | 'village';

/** Where an account or display link may look. */
export interface Scope {
  code: string;
  level: ScopeLevel;
  /** Name of the area, e.g. 城东街道. */
  name: string;
  /** Names from the county down, e.g. ["海陵区", "城东街道", "东安居委会"]. */
  path: string[];
}

/** Answer of GET /api/v1/auth/me and POST /api/v1/auth/login: who the session belongs to and what it may see. */
export interface MeResponse {
  kind: 'account' | 'display';
  /** The account (null for a wall display). */
  user: { id: number; username: string } | null;
  /** The display link (null for an account). */
  displayLink: { id: number; label: string } | null;
  role: Role;
  jurisdiction: Scope;
  mustChangePassword: boolean;
  sessionExpiresAt: string;
}

// What the admin API answers (accounts, display links, API keys, the audit log).

/** An account as the server and the admin API see it (never the password hash). */
export interface Account {
  id: number;
  username: string;
  role: AccountRole;
  jurisdictionCode: string;
  mustChangePassword: boolean;
  disabled: boolean;
  /** Failed password attempts for this username and who is refused for it now. */
  loginThrottle: LoginThrottleState;
  createdAt: string;
  updatedAt: string;
}

/** The login throttle of a username (known or not): failures are counted per client address and across all of them. */
export interface LoginThrottleState {
  /** Failed logins and wrong current passwords for this username in its current window (15 minutes), from any address. */
  recentFailures: number;
  /** Client addresses refused for this username now (5 failures in a row each); other addresses still log in. */
  throttledAddresses: number;
  /** ms since epoch: every address is refused until then (the per-username ceiling was reached); null when not. */
  allAddressesUntil: number | null;
}

export interface DisplayLink {
  id: number;
  label: string;
  jurisdictionCode: string;
  createdBy: string;
  createdAt: string;
  /** ms since epoch, or null for a link that lasts until revoked. */
  expiresAt: number | null;
  revokedAt: string | null;
}

export interface ApiKey {
  /** Number as text for issued keys; "config:<source>" for configured ones. */
  id: string;
  source: string;
  label: string;
  origin: 'issued' | 'config';
  createdBy: string | null;
  createdAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Who did something: an account, a display link, an API key, the command line or the server itself. */
export interface AuditActor {
  type: 'account' | 'display' | 'api-key' | 'cli' | 'system' | 'anonymous';
  /** Account id, display link id, API key id, OS user … */
  id?: string;
  /** Username or label, as it was at the time. */
  name?: string;
}

/** A stored entry. */
export interface AuditEntry {
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  actor: AuditActor;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  ip: string | null;
  prevHash: string;
  hash: string;
}

/**
 * How the end of the audit log compared with its checkpoint: the last entry's seq and hash, sealed
 * with the audit key and kept outside the database, rewritten after every append.
 */
export interface CheckpointCheck {
  /**
   * ok: the log ends at the checkpointed entry. behind: the log has entries after it (a crash
   * between commit and checkpoint, or another process appending): still fine. missing: there is no
   * checkpoint, so entries removed from the end cannot be detected. invalid: it does not verify with
   * the key (forged, damaged, or another key). truncated: the log ends before the checkpointed
   * entry. mismatch: the checkpointed entry was rewritten.
   */
  status: 'ok' | 'behind' | 'missing' | 'invalid' | 'truncated' | 'mismatch';
  /** The checkpointed entry (when the checkpoint verifies). */
  seq?: number;
  hash?: string;
  /** Entries at which a start found the checkpoint missing and began a new one: removals from the end before each went unchecked. */
  reestablishedAt: number[];
}

export interface ChainVerdict {
  /** Every entry fits the chain and the log's end matches a checkpoint that verifies. */
  ok: boolean;
  /** Entries checked. */
  entries: number;
  /** Hash of the last entry that verifies (GENESIS_HASH for an empty log): note it elsewhere to detect truncation later. */
  headHash: string;
  /** The first entry that does not fit the chain (or the first one missing from its end), and why. */
  firstBroken?: { seq: number; reason: string };
  /** The first entry sealed with the audit key; entries before it are legacy (plain SHA-256, which anyone can recompute). null: none is sealed. */
  keyedSince: number | null;
  checkpoint: CheckpointCheck;
}
