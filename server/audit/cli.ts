// `npm run audit:verify` (tsx server/audit/cli.ts verify): recomputes the audit log's chain in
// DATA_DIR/access.sqlite with the audit key (DATA_DIR/audit.key or AUDIT_KEY_FILE), checks its end
// against DATA_DIR/audit-checkpoint.json, and names the first entry that does not fit; exit code 1
// when broken or when the end cannot be checked, 2 when there is nothing to verify.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ACCESS_DATABASE_FILE } from '../auth/access-db.ts';
import type { AppConfig } from '../config.ts';
import type { ChainVerdict } from '../wire/access.ts';
import { AuditStartError } from './audit-error.ts';
import { createAuditLog } from './audit-log.ts';
import { AUDIT_CHECKPOINT_FILE } from './checkpoint.ts';

/** Runs a command on a configuration's data directory; returns the exit code. */
export function runAuditCli(args: string[], config: Pick<AppConfig, 'dataDir' | 'auditKeyFile'>, print: (line: string) => void): number {
  const [command] = args;
  if (command !== 'verify') {
    print('usage: npm run audit:verify   (tsx server/audit/cli.ts verify; DATA_DIR selects the data directory, AUDIT_KEY_FILE the key)');
    return 2;
  }
  // Said first, every time: verifying the wrong directory is the easy mistake.
  print(`data directory: ${config.dataDir}`);
  const file = path.join(config.dataDir, ACCESS_DATABASE_FILE);
  if (!existsSync(file)) {
    print(`no access database (${ACCESS_DATABASE_FILE}) in ${config.dataDir}: set DATA_DIR to the server's data directory`);
    return 2;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get()) {
      print(`${file} holds no audit log: set DATA_DIR to the server's data directory`);
      return 2;
    }
    const verdict = createAuditLog(db, Date.now, { readonly: true, keyFile: config.auditKeyFile }).verify();
    report(verdict, path.join(config.dataDir, AUDIT_CHECKPOINT_FILE), print);
    return verdict.ok ? 0 : 1;
  } catch (err) {
    if (!(err instanceof AuditStartError)) throw err;
    print(`cannot verify: ${err.message}`);
    return 2;
  } finally {
    db.close();
  }
}

function report(v: ChainVerdict, checkpointFile: string, print: (line: string) => void): void {
  const cp = v.checkpoint;
  if (v.firstBroken) {
    print(`audit log BROKEN at entry ${v.firstBroken.seq}: ${v.firstBroken.reason}`);
    print(`entries before ${v.firstBroken.seq} verify; the chain up to them ends in ${v.headHash}`);
  } else if (cp.status === 'missing') {
    print(`audit log NOT VERIFIED: the chain of ${v.entries} entries is intact, but there is NO CHECKPOINT at ${checkpointFile}, so entries removed from the end cannot be detected`);
    print('compare the head hash below with a copy kept elsewhere; starting the server records the missing checkpoint in the log and begins a new one');
  } else if (cp.status === 'invalid') {
    print(`audit log NOT VERIFIED: the chain of ${v.entries} entries is intact, but the CHECKPOINT ${checkpointFile} IS NOT VALID with this key: forged, damaged, or another key (AUDIT_KEY_FILE?)`);
  } else {
    const behind = cp.status === 'behind' ? `; the log continues after checkpointed entry ${cp.seq} (a crash between commit and checkpoint, or another process appending)` : '';
    print(`audit log OK: ${v.entries} entries, chain intact, end matches the checkpoint${behind}`);
  }
  if (v.keyedSince === null) {
    if (v.entries > 0) print('note: no entry is sealed with the audit key: anyone with the database file could rewrite them and recompute the chain (starting the server seals it from there on)');
  } else if (v.keyedSince > 1) {
    print(`note: entries 1–${v.keyedSince - 1} predate the audit key (legacy, plain SHA-256); sealed with the key since entry ${v.keyedSince}`);
  }
  if (cp.reestablishedAt.length > 0) {
    print(`note: a start found the checkpoint missing (recorded at entr${cp.reestablishedAt.length > 1 ? 'ies' : 'y'} ${cp.reestablishedAt.join(', ')}): entries removed from the end before then went undetected`);
  }
  print(`head hash ${v.headHash}`);
  print('(keep a copy of the head hash elsewhere — printed, or on another system: it still detects a log cut short when the database and its checkpoint were both rolled back)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ConfigError, loadConfig } = await import('../config.ts');
  try {
    process.exit(runAuditCli(process.argv.slice(2), loadConfig(process.env), (line) => console.log(line)));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`[audit] ${err.message}`);
    process.exit(2);
  }
}
