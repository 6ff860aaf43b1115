// Requests refused for want of a credential (401: none, an expired session, an unknown or revoked
// API key) go on record too — a scan, or a source still posting with a revoked key, shows in the
// audit log — but at most one entry per client address and kind per window, so that a flood of
// them cannot flood the log: the next entry says how many were left out since the previous one.
import type { Access } from '../auth/access.ts';

/** The kinds of anonymous refusal on record. */
export type UnauthenticatedAction = 'access.unauthenticated' | 'access.bad-api-key' | 'display.refused';

/** One refused request, as the guard saw it. */
export interface Refusal {
  action: UnauthenticatedAction;
  method: string;
  /** The path as sent (without the query). */
  path: string;
  reason: string;
  ip: string;
}

export interface RefusalAuditOptions {
  /** At most one entry per (address, kind) in this many ms. */
  windowMs: number;
  /** Addresses tracked at once; beyond, the refusals of further addresses share one entry. */
  maxAddresses: number;
}

const DEFAULTS: RefusalAuditOptions = { windowMs: 60_000, maxAddresses: 1000 };
/** A path is evidence, not storage: a 16 kB request line is cut. */
const MAX_PATH = 300;
/** The shared bucket of the addresses beyond maxAddresses. */
const OVERFLOW = '*';

interface Seen {
  action: UnauthenticatedAction;
  ip: string;
  at: number;
  suppressed: number;
}

/** Returns the function that records an anonymous refusal, throttled per address and kind. */
export function createRefusalAudit(append: Access['audit']['append'], now: () => number, options: Partial<RefusalAuditOptions> = {}): (r: Refusal) => void {
  const { windowMs, maxAddresses } = { ...DEFAULTS, ...options };
  const seen = new Map<string, Seen>();
  const ipOf = (s: Seen) => (s.ip === OVERFLOW ? null : s.ip);

  // Frees the addresses whose window has passed; what they left out is written down first.
  const sweep = (t: number) => {
    for (const [key, s] of seen) {
      if (t - s.at < windowMs) continue;
      if (s.suppressed > 0) append({ actor: { type: 'anonymous' }, action: s.action, details: { reason: 'refusals left out since the previous entry', suppressed: s.suppressed }, ip: ipOf(s) });
      seen.delete(key);
    }
  };

  return (r) => {
    const t = now();
    let ip = r.ip;
    if (!seen.has(`${r.action} ${ip}`) && seen.size >= maxAddresses) {
      sweep(t);
      if (seen.size >= maxAddresses) ip = OVERFLOW;
    }
    const key = `${r.action} ${ip}`;
    const last = seen.get(key);
    if (last && t - last.at < windowMs) {
      last.suppressed += 1;
      return;
    }
    const s: Seen = { action: r.action, ip, at: t, suppressed: 0 };
    append({
      actor: { type: 'anonymous' },
      action: r.action,
      details: {
        method: r.method,
        path: r.path.length > MAX_PATH ? `${r.path.slice(0, MAX_PATH)}…` : r.path,
        reason: r.reason,
        suppressed: last?.suppressed ?? 0,
        ...(s.ip === OVERFLOW ? { from: `one of more than ${maxAddresses} addresses refused within ${windowMs / 1000} s` } : {}),
      },
      ip: ipOf(s),
    });
    seen.set(key, s);
  };
}
