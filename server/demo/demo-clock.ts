// The clock of an app with the demo feed: the real clock, except while the feed back-fills the last
// day. Then it is held at each step of the back-fill in turn, walking forward, so that everything
// the back-fill does through the real paths — incidents received, case commands decided, audit
// entries — happens at the time it is meant to have happened. The back-fill runs before the server
// listens or ticks, so nothing else reads the held time.

export interface DemoClock {
  /** The held time during a back-fill, the real time otherwise (ms since epoch). */
  now(): number;
  /** Holds the clock at `ms` (never backwards, never past the real time). */
  walkTo(ms: number): void;
  /** Back to the real clock, for good. */
  release(): void;
  readonly walking: boolean;
}

export function createDemoClock(real: () => number): DemoClock {
  let held: number | null = null;
  let released = false;
  return {
    now: () => held ?? real(),
    walkTo(ms) {
      if (released) throw new Error('the demo clock was released: the back-fill is over');
      held = Math.min(Math.max(ms, held ?? -Infinity), real());
    },
    release() {
      held = null;
      released = true;
    },
    get walking() {
      return held !== null;
    },
  };
}
