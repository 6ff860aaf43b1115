// A sorted, growable array of event times: the counter behind every windowed count.
//
// Why not fixed time buckets: a window of any length ending at any millisecond is answered exactly
// by two binary searches, out-of-order events are inserted in place (late events are near the end,
// so the shift is short), and expiry drops a prefix without looking at the events inside windows.
// A plain array of doubles, not a Float64Array: V8 grows it in place cheaply, whereas allocating
// and copying typed arrays dominated the cost of an add for the ~10⁵ small series of a county.

/** Event times in ascending order, with exact window counts. */
export class TimeSeries {
  private times: number[] = [];
  private start = 0;

  /** Number of retained events. */
  get length(): number {
    return this.times.length - this.start;
  }

  /** Records one event at time t (ms); any order. */
  add(t: number): void {
    const times = this.times;
    const n = times.length;
    if (n === this.start || t >= (times[n - 1] as number)) {
      times.push(t);
      return;
    }
    times.splice(this.upperBound(t), 0, t);
  }

  /** Events with from < t ≤ to. */
  count(from: number, to: number): number {
    if (to <= from || this.times.length === this.start) return 0;
    return this.upperBound(to) - this.upperBound(from);
  }

  /** Forgets every event with t ≤ cutoff. */
  expireThrough(cutoff: number): void {
    const times = this.times;
    if (times.length === this.start || (times[this.start] as number) > cutoff) return;
    this.start = this.upperBound(cutoff);
    // Reclaim the dead prefix once it is most of the array (amortised O(1) per event).
    if (this.start * 2 >= times.length) {
      times.splice(0, this.start);
      this.start = 0;
    }
  }

  /** Earliest retained time, or Infinity when empty. */
  first(): number {
    return this.times.length === this.start ? Infinity : (this.times[this.start] as number);
  }

  /** Index of the first retained event with time > t. */
  private upperBound(t: number): number {
    const times = this.times;
    let lo = this.start, hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
