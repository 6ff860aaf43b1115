// The login throttle (登录限流): failed password attempts counted per (client address, username) —
// unknown usernames alike, so a refusal says nothing about whether an account exists — and per
// username across all addresses. It throttles the guesser, not the owner: five failures in a row
// from one address refuse that address for that username; the owner elsewhere is not affected.
// Only a distributed guess (many addresses, one username) reaches the per-username ceiling, which
// refuses every address for the rest of its window: what such an attack can still cost the owner.
//
// An attempt is counted when it is admitted, before the password is checked (so concurrent
// attempts cannot slip past the limit while scrypt runs), and uncounted when it succeeds.
// Rows are keyed by attacker-chosen usernames: the name is capped like the login schema caps it,
// refused attempts add nothing, and every row is forgotten a window after it last counted.
import type Database from 'better-sqlite3';
import type { LoginThrottleState } from '../wire/access.ts';
export type { LoginThrottleState };

export interface LoginThrottleOptions {
  /** Failures in a row from one address for one username before that pair is refused. */
  maxFailuresPerAddress: number;
  /** Failures of one username from all addresses within one window before every address is refused for its rest. */
  maxFailuresPerUsername: number;
  /** How long a refused pair waits, how long a failure is remembered, and the per-username window, ms. */
  windowMs: number;
}

/** Why an attempt is refused, and until when (ms since epoch). */
export interface ThrottleRefusal {
  scope: 'address' | 'username';
  until: number;
}

export type Admission =
  | { admitted: true; /** If this attempt fails, this refusal starts (audit it). */ failureStarts?: ThrottleRefusal }
  | { admitted: false; refusal: ThrottleRefusal };

export interface LoginThrottle {
  /** Admits an attempt (counting it as a failure until it succeeds), or refuses it. */
  admit(address: string, username: string): Admission;
  /** The admitted attempt was right: clears the (address, username) pair and uncounts it from the username's window. */
  succeeded(address: string, username: string): void;
  /** Forgets every count of a username (an admin reset its password or enabled it). */
  clearUsername(username: string): void;
  /** What the admin page shows of a username. */
  stateOf(username: string): LoginThrottleState;
  /** Forgets expired rows; returns how many. */
  purgeExpired(): number;
}

/** Longest username counted: the login schema refuses longer ones. */
export const MAX_THROTTLED_USERNAME = 64;

/** The address column of a username's all-address count (no client address is spelt so). */
const ALL = '*';

// A pair row's `until` moves with each counted attempt (failures in a row, forgotten after a quiet
// window; refused until a window after the last one); the username row's `until` is fixed when its
// window opens. A row whose `until` has passed counts as absent.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS login_throttle (
  username TEXT NOT NULL COLLATE NOCASE CHECK (length(username) <= ${MAX_THROTTLED_USERNAME}),
  address  TEXT NOT NULL,
  failures INTEGER NOT NULL,
  until    INTEGER NOT NULL,
  PRIMARY KEY (username, address)
);
CREATE INDEX IF NOT EXISTS login_throttle_until ON login_throttle (until);`;

interface Row {
  failures: number;
  until: number;
}

export function createLoginThrottle(db: Database.Database, options: LoginThrottleOptions, now: () => number = Date.now): LoginThrottle {
  db.exec(SCHEMA);
  const row = db.prepare<[string, string, number], Row>('SELECT failures, until FROM login_throttle WHERE username = ? AND address = ? AND until > ?');
  const put = db.prepare<[string, string, number, number]>(
    'INSERT INTO login_throttle (username, address, failures, until) VALUES (?, ?, ?, ?) ON CONFLICT (username, address) DO UPDATE SET failures = excluded.failures, until = excluded.until',
  );
  const removePair = db.prepare<[string, string]>('DELETE FROM login_throttle WHERE username = ? AND address = ?');
  const uncount = db.prepare<[string, string]>('UPDATE login_throttle SET failures = max(failures - 1, 0) WHERE username = ? AND address = ?');
  const removeUsername = db.prepare<[string]>('DELETE FROM login_throttle WHERE username = ?');
  const refusedPairs = db.prepare<[string, string, number, number], { n: number }>(
    'SELECT count(*) AS n FROM login_throttle WHERE username = ? AND address != ? AND failures >= ? AND until > ?',
  );
  const expired = db.prepare<[number]>('DELETE FROM login_throttle WHERE until <= ?');
  const { maxFailuresPerAddress: perAddress, maxFailuresPerUsername: perUsername, windowMs } = options;

  const admit = db.transaction((address: string, username: string): Admission => {
    const t = now();
    const pair = row.get(username, address, t);
    const all = row.get(username, ALL, t);
    if (pair && pair.failures >= perAddress) return { admitted: false, refusal: { scope: 'address', until: pair.until } };
    if (all && all.failures >= perUsername) return { admitted: false, refusal: { scope: 'username', until: all.until } };
    const pairFailures = (pair?.failures ?? 0) + 1;
    const allFailures = (all?.failures ?? 0) + 1;
    const allUntil = all?.until ?? t + windowMs;
    put.run(username, address, pairFailures, t + windowMs);
    put.run(username, ALL, allFailures, allUntil);
    if (pairFailures >= perAddress) return { admitted: true, failureStarts: { scope: 'address', until: t + windowMs } };
    if (allFailures >= perUsername) return { admitted: true, failureStarts: { scope: 'username', until: allUntil } };
    return { admitted: true };
  });

  return {
    admit: (address, username) => admit.immediate(address, username.slice(0, MAX_THROTTLED_USERNAME)),
    succeeded(address, username) {
      const name = username.slice(0, MAX_THROTTLED_USERNAME);
      db.transaction(() => {
        removePair.run(name, address);
        uncount.run(name, ALL);
      })();
    },
    clearUsername: (username) => void removeUsername.run(username),
    stateOf(username) {
      const t = now();
      const all = row.get(username, ALL, t);
      return {
        recentFailures: all?.failures ?? 0,
        throttledAddresses: refusedPairs.get(username, ALL, perAddress, t)!.n,
        allAddressesUntil: all && all.failures >= perUsername ? all.until : null,
      };
    },
    purgeExpired: () => expired.run(now()).changes,
  };
}
