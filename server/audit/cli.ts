// `npm run audit:verify` (tsx server/audit/cli.ts verify): recomputes the audit log's hash chain in
// DATA_DIR/access.sqlite and names the first entry that does not fit it; exit code 1 when broken.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ACCESS_DATABASE_FILE } from '../auth/access-db.ts';
import { createAuditLog } from './audit-log.ts';

/** Runs a command; returns the exit code. */
export function runAuditCli(args: string[], dataDir: string, print: (line: string) => void): number {
  const [command] = args;
  if (command !== 'verify') {
    print('usage: npm run audit:verify   (tsx server/audit/cli.ts verify; DATA_DIR selects the data directory)');
    return 2;
  }
  const file = path.join(dataDir, ACCESS_DATABASE_FILE);
  if (!existsSync(file)) {
    print(`no access database at ${file}: set DATA_DIR to the server's data directory`);
    return 2;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const verdict = createAuditLog(db, Date.now, { readonly: true }).verify();
    if (verdict.ok) {
      print(`audit log OK: ${verdict.entries} entries, chain intact; head hash ${verdict.headHash}`);
      print('(keep the head hash elsewhere: a log cut short at the end would still verify)');
      return 0;
    }
    const broken = verdict.firstBroken!;
    print(`audit log BROKEN at entry ${broken.seq}: ${broken.reason}`);
    print(`entries before ${broken.seq} verify; the chain up to them ends in ${verdict.headHash}`);
    return 1;
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dataDir = path.resolve(process.env.DATA_DIR?.trim() || './var');
  process.exit(runAuditCli(process.argv.slice(2), dataDir, (line) => console.log(line)));
}
