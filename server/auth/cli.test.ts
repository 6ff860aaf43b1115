// The command-line tools on a directory without a database: `npm run admin` and `npm run
// audit:verify` started from the wrong place (no DATA_DIR) used to create an empty ./var database
// and then report "OK: 0 entries" on it. Both now refuse, and both always say which directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAuditCli } from '../audit/cli.ts';
import { DEFAULT_CONFIG } from '../config.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import { runAdminCli } from './cli.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function emptyDir(): string {
  const t = tempDir('yzt-cli-');
  cleanups.push(t.remove);
  return path.join(t.dir, 'var');
}

async function admin(dataDir: string, args: string[]) {
  const lines: string[] = [];
  const code = await runAdminCli(args, { ...DEFAULT_CONFIG, dataDir, jurisdictionDir: FIXTURE_JURISDICTION_DIR }, (l) => lines.push(l));
  return { code, lines };
}

describe('the command-line tools', () => {
  it('refuse a data directory without a database (exit 2), create nothing, and name the directory', async () => {
    const dataDir = emptyDir();
    const adminRun = await admin(dataDir, ['account', 'list']);
    expect(adminRun.code).toBe(2);
    expect(adminRun.lines[0]).toBe(`data directory: ${dataDir}`);
    expect(adminRun.lines[1]).toMatch(/^no access database \(access\.sqlite\) in .*: set DATA_DIR to the server's data directory/);
    expect(existsSync(dataDir)).toBe(false);

    const lines: string[] = [];
    expect(runAuditCli(['verify'], { dataDir }, (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual([`data directory: ${dataDir}`, expect.stringMatching(/^no access database \(access\.sqlite\) in /)]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('name the directory they used when it holds the server database', async () => {
    const dataDir = emptyDir();
    const server = await createFixtureApp(dataDir);
    await server.close();
    const { code, lines } = await admin(dataDir, ['account', 'list']);
    expect(code).toBe(0);
    expect(lines[0]).toBe(`data directory: ${dataDir}`);
    expect(lines[1]).toMatch(/^\d+\tadmin\tadmin\t/);
    const verified: string[] = [];
    expect(runAuditCli(['verify'], { dataDir }, (l) => verified.push(l))).toBe(0);
    expect(verified[0]).toBe(`data directory: ${dataDir}`);
  });
});
