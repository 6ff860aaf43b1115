// What every load client of the benchmarks does around its own requests: time the run (wall, its
// own CPU, latency percentiles) and serve one job from its parent process.

/** The timing fields every client result carries. */
export interface ClientTiming {
  wallMs: number;
  p50: number;
  p99: number;
  clientCpuMs: number;
}

/** A run's clock: started now; `finish` fills the timing fields of `result` from the request latencies. */
export function startClientClock(): { finish(result: ClientTiming, latencies: number[]): void } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    finish(result, latencies) {
      result.wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      result.clientCpuMs = (cpu.user + cpu.system) / 1000;
      latencies.sort((a, b) => a - b);
      result.p50 = latencies[Math.floor(latencies.length * 0.5)] ?? 0;
      result.p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    },
  };
}

/** Run as a child process: one job in, one result out. */
export function serveOneJob<J, R>(run: (job: J) => Promise<R>): void {
  process.once('message', (job: J) => {
    run(job).then(
      (r) => process.send?.({ ok: true, result: r }, () => process.exit(0)),
      (err: unknown) => process.send?.({ ok: false, error: String((err as Error)?.stack ?? err) }, () => process.exit(1)),
    );
  });
}
