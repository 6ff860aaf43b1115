// Secrets handed to clients (session tokens, display link tokens, API keys) are random 256-bit
// strings; only their SHA-256 is stored, so a copy of the database lets nobody in. (A fast hash is
// enough for secrets this long: there is nothing to guess, unlike a password.)
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random secret: a prefix naming its kind, then 32 random bytes in base64url. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of a secret, hex: what is stored and looked up. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes of equal length. */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
