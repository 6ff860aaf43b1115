// Shared benchmark plumbing: timing with warm-up, progress lines, and the result records that
// bench/index.ts prints and writes to docs/benchmarks.md.
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One benchmark's outcome: ours against a baseline measured in the same run. */
export interface BenchResult {
  name: string;
  baselineLabel: string;
  oursLabel: string;
  /** Higher is better for both (e.g. operations per second). */
  baselineRate: number;
  oursRate: number;
  unit: string;
  /** ours / baseline. */
  ratio: number;
  goal: string;
  met: boolean;
  /** Absolute figures for the record (label → formatted value). */
  figures: Record<string, string>;
  /** What bounds the result, written to the record when the goal is not met. */
  bound?: string;
}

export function progress(message: string): void {
  process.stdout.write(`  · ${message}\n`);
}

/**
 * Milliseconds fn took on a core: the smaller of wall-clock time (inflated when the shared machine
 * makes us wait for a CPU) and process CPU time (inflated by GC helper threads). Both are upper
 * bounds of the main thread's own work.
 */
export function timeOnCore(fn: () => void): number {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return Math.max(Math.min(wall, (cpu.user + cpu.system) / 1000), 1e-3);
}

/**
 * Runs fn (which performs `ops` operations) repeatedly for at least minMs and returns the best
 * rate in operations per second: the machines are shared, and the best run is the least disturbed.
 */
export function bestRate(fn: () => void, ops: number, minMs = 1000, minRuns = 3): number {
  fn(); // warm-up: let V8 optimise before timing
  let best = 0;
  const started = performance.now();
  for (let run = 0; run < minRuns || performance.now() - started < minMs; run++) {
    best = Math.max(best, (ops / timeOnCore(fn)) * 1000);
  }
  return best;
}

/**
 * CPU time of the calling thread alone, ms (Linux: /proc/thread-self; NaN elsewhere). A server
 * runs its commits on a writer thread, so the process's CPU time no longer says what the event
 * loop spent.
 */
export function mainThreadCpuMs(): number {
  try {
    // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
/** CPU time of every thread of this process, ms, by thread id (Linux; empty elsewhere): to tell a writer thread's share. */
export function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND);
    }
  } catch {
    // not Linux, or a thread ended while read: what was read is enough
  }
  return out;
}

/** CPU ms of the busiest thread other than the main one between two threadCpuMs readings. */
export function busiestOtherThreadMs(before: Map<string, number>, after: Map<string, number>): number {
  let most = 0;
  for (const [tid, ms] of after) if (tid !== String(process.pid)) most = Math.max(most, ms - (before.get(tid) ?? 0));
  return most;
}

/** USER_HZ, 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** Runs a client module (which answers one IPC message with {ok, result | error}) in its own process: its CPU is not the server's. */
export function runChild<J, R>(module: URL, job: J): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(module, { execArgv: ['--import', 'tsx'] });
    child.once('message', (m: { ok: boolean; result?: R; error?: string }) => (m.ok ? resolve(m.result!) : reject(new Error(m.error))));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${module.pathname} exited with ${code}`)));
    child.send(job as object);
  });
}

export const fmt = {
  rate: (perSecond: number) => (perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M/s` : perSecond >= 1e3 ? `${(perSecond / 1e3).toFixed(1)} k/s` : `${perSecond.toFixed(1)} /s`),
  ns: (ns: number) => `${ns.toFixed(0)} ns`,
  ms: (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`,
  ratio: (r: number) => `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}×`,
};

/** Keeps results alive so V8 cannot drop the measured work. */
export let sink = 0;
export function consume(value: unknown): void {
  sink = (sink + (value === null ? 1 : typeof value === 'number' ? value : 2)) | 0;
}
