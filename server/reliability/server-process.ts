// The real server as users run it (server/index.ts in its own process), for tests that must kill it.
// Started as `node --import tsx server/index.ts` rather than `npx tsx …`: npx and the tsx CLI each
// put a parent process in front of the server, and a SIGKILL sent to a parent leaves the server
// itself running. Here the child's pid is the server's, so SIGKILL hits the process holding the
// database.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { apiKeyEnv } from './client.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** Base URL it logged, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far. */
  output(): string;
}

/** Starts server/index.ts with `env` on top of the test defaults and waits until it logs its URL. */
export async function startServerProcess(env: Record<string, string>, startTimeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO_FEED: 'off', LOG_LEVEL: 'info', ...apiKeyEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not log its URL within ${startTimeoutMs} ms:\n${out}`));
    }, startTimeoutMs);
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  return { child, url, exited, output: () => out };
}

/** SIGKILL: no shutdown handler runs, nothing is flushed, exactly like a crash or the OOM killer. */
export async function killHard(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}

/** SIGTERM and wait; throws unless it exits 0. */
export async function stopGracefully(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  const { code, signal } = await server.exited;
  if (code !== 0) throw new Error(`server exited with ${code ?? signal} on SIGTERM:\n${server.output().slice(-2000)}`);
}
