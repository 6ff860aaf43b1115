// When the live channel cuts a tick: as soon as something was committed (woken), a few ms later so
// that the commits of one burst share a tick, but never sooner than minGapMs after the previous
// tick began (a busy feed gets a steady cadence, not a tick per commit); and otherwise every
// periodMs (TICK_MS), which carries unit fixes, camera changes, the sliding counts and the
// heartbeat clients use for "as of". One tick at a time: a wake during a tick is served right after.

export interface TickScheduleOptions {
  /** Longest time between ticks with nothing committed (TICK_MS). */
  periodMs: number;
  /** How long a woken tick waits for the rest of a burst. */
  coalesceMs: number;
  /** Shortest time from one tick's start to the next one's. */
  minGapMs: number;
}

export interface TickSchedule {
  /** Starts the periodic ticks. */
  start(): void;
  /** Something was committed: tick soon. */
  wake(): void;
  /** No more ticks; resolves once the one running (if any) has ended. */
  stop(): Promise<void>;
}

export function createTickSchedule(run: () => Promise<void>, o: TickScheduleOptions, now: () => number = () => performance.now()): TickSchedule {
  let timer: NodeJS.Timeout | undefined;
  let dueAt = Infinity;
  let running: Promise<void> | undefined;
  let woken = false;
  let lastStart = -Infinity;
  let stopped = false;

  function at(when: number): void {
    if (stopped || running || when >= dueAt) return;
    clearTimeout(timer);
    dueAt = when;
    timer = setTimeout(fire, Math.max(0, when - now()));
  }

  function fire(): void {
    dueAt = Infinity;
    timer = undefined;
    woken = false;
    lastStart = now();
    running = run().finally(() => {
      running = undefined;
      const t = now();
      if (woken) at(Math.max(t + o.coalesceMs, lastStart + o.minGapMs));
      else at(t + o.periodMs);
      // A wake after the period was set still moves the tick forward (at() keeps the earlier).
    });
  }

  return {
    start() {
      at(now() + o.periodMs);
    },
    wake() {
      if (stopped) return;
      if (running) {
        woken = true;
        return;
      }
      at(Math.max(now() + o.coalesceMs, lastStart + o.minGapMs));
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
