// Real SQLite stores in throwaway directories for tests: each test file gets its own registry, and
// after every test the stores are closed (their writer threads end) and the directories removed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openSqliteStore, type SqliteStoreOptions } from '../store/sqlite-store.ts';
import type { IncidentStore } from '../store/types.ts';

export interface TempStores {
  /** A new empty directory, removed after the test. */
  tempDir(): string;
  /** Opens a store in `dataDir` (a new temporary one by default), closed after the test. */
  open(dataDir?: string, over?: Partial<SqliteStoreOptions>): IncidentStore;
}

/** Call once at the top of a test file. */
export function useTempStores(prefix: string): TempStores {
  const dirs: string[] = [];
  const stores: IncidentStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
    dirs.push(d);
    return d;
  };
  return {
    tempDir,
    open(dataDir = tempDir(), over = {}) {
      const s = openSqliteStore({ ...over, dataDir });
      stores.push(s);
      return s;
    },
  };
}
