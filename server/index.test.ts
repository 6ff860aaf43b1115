// The entry point as users run it: reads the environment, logs its URL, closes cleanly on SIGTERM,
// and refuses a bad configuration with a message naming the variable.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './test-fixtures/app.ts';
import { FIXTURE_JURISDICTION_DIR } from './test-fixtures/index.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function run(env: Record<string, string>) {
  const t = tempDir('yzt-index-');
  cleanups.push(t.remove);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: t.dir, JURISDICTION_DIR: FIXTURE_JURISDICTION_DIR, DEMO_FEED: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`exited before listening:\n${out}`)));
  });
  listening.catch(() => undefined); // awaited only by the tests that expect it to listen
  return { child, listening, exited, output: () => out };
}

describe('server/index.ts', () => {
  it('logs its URL, serves, and exits 0 on SIGTERM', async () => {
    const { child, listening, exited, output } = await run({ ADMIN_PASSWORD: '' });
    const url = await listening;
    // First start, no ADMIN_PASSWORD: the admin's one-time password is printed once.
    expect(output()).toMatch(/user admin {3}one-time password [A-Za-z0-9]{20}/);
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad variable with a message naming it', async () => {
    const { exited, output } = run({ TICK_MS: 'fast' });
    expect(await exited).toBe(1);
    expect(output()).toContain('cannot start: TICK_MS=fast');
  });

  it('says how to get a missing jurisdiction', async () => {
    const { exited, output } = run({ JURISDICTION_DIR: '/nonexistent/county' });
    expect(await exited).toBe(1);
    expect(output()).toContain('npm run data');
  });
});
