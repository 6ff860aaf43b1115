// The access database (access.sqlite in DATA_DIR): accounts, sessions, display links, API keys and
// the audit log, apart from the incident log so access data can be backed up and kept on its own
// terms. Each module creates its own table on the open handle.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** File name of the access database inside DATA_DIR. */
export const ACCESS_DATABASE_FILE = 'access.sqlite';

/** Opens (creating when missing) the access database of a data directory; ':memory:' for throwaway use. */
export function openAccessDb(dataDir: string): Database.Database {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, ACCESS_DATABASE_FILE);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A login, a revocation or an audit entry is on disk before it is answered.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
