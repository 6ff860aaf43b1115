// Shared benchmark plumbing: timing with warm-up, progress lines, and the result records that
// bench/index.ts prints and writes to docs/benchmarks.md.

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
