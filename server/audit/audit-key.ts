// The key that seals the audit chain (HMAC-SHA-256). It lives outside the database, so someone who
// can edit access.sqlite but cannot read the key cannot recompute the chain after an edit. By default
// it is generated on the first start into DATA_DIR/audit.key (0600); AUDIT_KEY_FILE names a key kept
// elsewhere (another mount, another owner), which is stronger: a copy of the data directory alone
// then cannot forge entries.
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AuditStartError } from './audit-error.ts';

/** File name of the generated key inside DATA_DIR. */
export const AUDIT_KEY_FILE = 'audit.key';
/** Fewest key bytes accepted (the HMAC-SHA-256 block of security). */
export const MIN_AUDIT_KEY_BYTES = 32;

export interface AuditKeyLocation {
  dataDir: string;
  /** AUDIT_KEY_FILE: a key kept outside the data directory; never created, only read. */
  keyFile?: string | undefined;
  /** Generate DATA_DIR/audit.key when it is missing (the server and the admin command; not verify). */
  create: boolean;
}

/** A loaded key, the file it came from, and whether this call generated it. */
export interface AuditKey {
  key: Buffer;
  file: string;
  created: boolean;
}

/** Reads (or on a first start generates) the audit key; throws AuditStartError naming the file and the fix. */
export function loadAuditKey(where: AuditKeyLocation): AuditKey {
  const configured = where.keyFile !== undefined;
  const file = where.keyFile ?? path.join(where.dataDir, AUDIT_KEY_FILE);
  const label = configured ? `AUDIT_KEY_FILE=${file}` : `the audit key ${file}`;
  let created = false;
  if (!exists(file)) {
    if (configured) throw new AuditStartError(`${label} does not exist: create it with \`openssl rand -hex 32 > ${file} && chmod 600 ${file}\`, or unset AUDIT_KEY_FILE to keep a generated key in the data directory`);
    if (!where.create) throw new AuditStartError(`no audit key at ${file}: start the server once on this data directory (it generates the key), or set AUDIT_KEY_FILE to where the key is kept`);
    created = generate(file);
  }
  const stat = statSync(file);
  if (!stat.isFile()) throw new AuditStartError(`${label} is not a regular file`);
  // Group or others able to read it could forge the chain; able to write it, could swap it.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new AuditStartError(`${label} has permissions ${mode}, wider than 0600: other users could read or replace the key that seals the audit log. Run \`chmod 600 ${file}\``);
  }
  // Trailing whitespace is not key: an editor's final newline must not change the seal.
  const key = Buffer.from(readFileSync(file).toString('latin1').replace(/\s+$/, ''), 'latin1');
  if (key.length < MIN_AUDIT_KEY_BYTES) {
    throw new AuditStartError(`${label} holds ${key.length} bytes; the audit key needs at least ${MIN_AUDIT_KEY_BYTES} (e.g. \`openssl rand -hex 32 > ${file}\`)`);
  }
  return { key, file, created };
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * Writes a new random key: complete and on disk before it appears under its name (link fails when
 * another process got there first, and then that key is the key). Losing the key would leave every
 * sealed entry unverifiable, so the directory is synced too. Returns whether this call created it.
 */
function generate(file: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${randomBytes(MIN_AUDIT_KEY_BYTES).toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    unlinkSync(tmp);
  }
  syncDirectory(path.dirname(file));
  return true;
}

/** fsync of a directory, so a new name in it survives a power cut (not possible on every platform). */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; the rename itself is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
