// Passwords: scrypt (node:crypto) with a random salt, stored as
// scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64> so the cost can be raised later without breaking
// existing hashes. Generated one-time passwords are 20 characters from an unambiguous alphabet.
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, ~100 ms here: slow for a guesser, fine for a login). */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; node's default ceiling is exactly 32 MiB, so give it room. */
const MAX_MEM = 256 * 1024 * 1024;

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { N: 2 ** logN, r, p, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG_N, R, P);
  return `scrypt$${LOG_N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A hash that matches no password, to spend the same time on unknown usernames. */
const DUMMY = `scrypt$${LOG_N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;

/** True when `password` matches `stored`; a missing or malformed hash never matches (but costs the same). */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = (stored ?? DUMMY).split('$');
  const [scheme, logN, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt') {
    await derive(password, Buffer.alloc(16), LOG_N, R, P);
    return false;
  }
  const expected = Buffer.from(hash!, 'base64');
  const key = await derive(password, Buffer.from(salt!, 'base64'), Number(logN), Number(r), Number(p));
  return stored !== undefined && expected.length === key.length && timingSafeEqual(expected, key);
}

/** Why a new password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password must have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'the password must not contain the username';
  if (new Set(password).size < 5) return 'the password must not repeat a few characters';
  return undefined;
}

// No 0/O, 1/l/I: one-time passwords are read off a console and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A strong random one-time password (20 characters, ~115 bits). */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
