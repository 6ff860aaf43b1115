// The audit key given by configuration (AUDIT_KEY_FILE): a key others could read, a key too short
// to be one, or a missing file stop the server's start with a message that says how to fix it; a
// good one seals the log, and no key is generated into the data directory beside it.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { AuditStartError } from './audit-error.ts';
import { AUDIT_KEY_FILE } from './audit-key.ts';
import { runAuditCli } from './cli.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dirs() {
  const data = tempDir('yzt-key-data-');
  const secrets = tempDir('yzt-key-secrets-');
  cleanups.push(data.remove, secrets.remove);
  return { dataDir: data.dir, keyFile: path.join(secrets.dir, 'audit.key') };
}

describe('AUDIT_KEY_FILE', () => {
  it('refuses at start a key file that group or others can read', async () => {
    const { dataDir, keyFile } = dirs();
    writeFileSync(keyFile, randomBytes(32).toString('hex'));
    chmodSync(keyFile, 0o644);
    const start = createFixtureApp(dataDir, { auditKeyFile: keyFile });
    await expect(start).rejects.toThrow(AuditStartError);
    await expect(createFixtureApp(dataDir, { auditKeyFile: keyFile })).rejects.toThrow(`AUDIT_KEY_FILE=${keyFile} has permissions 0644, wider than 0600`);
    await expect(createFixtureApp(dataDir, { auditKeyFile: keyFile })).rejects.toThrow(`chmod 600 ${keyFile}`);
  });

  it('refuses at start a key shorter than 32 bytes, and a key file that does not exist', async () => {
    const { dataDir, keyFile } = dirs();
    await expect(createFixtureApp(dataDir, { auditKeyFile: keyFile })).rejects.toThrow(`AUDIT_KEY_FILE=${keyFile} does not exist`);
    writeFileSync(keyFile, 'sixteen-bytes-ok\n', { mode: 0o600 });
    await expect(createFixtureApp(dataDir, { auditKeyFile: keyFile })).rejects.toThrow('holds 16 bytes; the audit key needs at least 32');
  });

  it('seals the log with a good key, generates none in the data directory, and verify needs the same key', async () => {
    const { dataDir, keyFile } = dirs();
    writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    const server = await createFixtureApp(dataDir, { auditKeyFile: keyFile });
    await server.close();
    expect(existsSync(path.join(dataDir, AUDIT_KEY_FILE))).toBe(false);
    const lines: string[] = [];
    expect(runAuditCli(['verify'], { dataDir, auditKeyFile: keyFile }, (l) => lines.push(l))).toBe(0);
    expect(lines[1]).toMatch(/^audit log OK: 1 entries/);
    lines.length = 0;
    expect(runAuditCli(['verify'], { dataDir }, (l) => lines.push(l))).toBe(2);
    expect(lines[1]).toContain(`no audit key at ${path.join(dataDir, AUDIT_KEY_FILE)}`);
  });
});
