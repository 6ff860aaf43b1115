// A sorted, growable array of event times: the counter behind every windowed count.
//
// Why not fixed time buckets: a window of any length ending at any millisecond is answered exactly
// by two binary searches, out-of-order events are inserted in place (late events are near the end,
// so the shift is short), and expiry drops a prefix without looking at the events inside windows.

/** Event times in ascending order, with exact window counts. */
export class TimeSeries {
  private times = new Float64Array(4);
  private start = 0;
  private end = 0;

  /** Number of retained events. */
  get length(): number {
    return this.end - this.start;
  }

  /** Records one event at time t (ms); any order. */
  add(t: number): void {
    if (this.end === this.times.length) this.makeRoom();
    const times = this.times;
    if (this.end === this.start || t >= (times[this.end - 1] as number)) {
      times[this.end++] = t;
      return;
    }
    const at = this.upperBound(t);
    times.copyWithin(at + 1, at, this.end);
    times[at] = t;
    this.end++;
  }

  /** Events with from < t ≤ to. */
  count(from: number, to: number): number {
    if (to <= from || this.end === this.start) return 0;
    return this.upperBound(to) - this.upperBound(from);
  }

  /** Forgets every event with t ≤ cutoff. */
  expireThrough(cutoff: number): void {
    if (this.end === this.start || (this.times[this.start] as number) > cutoff) return;
    this.start = this.upperBound(cutoff);
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** Earliest retained time, or Infinity when empty. */
  first(): number {
    return this.end === this.start ? Infinity : (this.times[this.start] as number);
  }

  /** Index of the first retained event with time > t. */
  private upperBound(t: number): number {
    const times = this.times;
    let lo = this.start, hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Compacts expired space away, or doubles the capacity when mostly live. */
  private makeRoom(): void {
    const live = this.end - this.start;
    const capacity = live * 2 > this.times.length ? this.times.length * 2 : this.times.length;
    const next = capacity === this.times.length ? this.times : new Float64Array(capacity);
    if (next === this.times) this.times.copyWithin(0, this.start, this.end);
    else next.set(this.times.subarray(this.start, this.end));
    this.times = next;
    this.start = 0;
    this.end = live;
  }
}
