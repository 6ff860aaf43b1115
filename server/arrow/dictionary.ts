// A string dictionary that only grows: values get indexes in order of first sight, and each record
// batch carries the dictionary so far. New values become a new chunk of the same Vector, which the
// IPC writer sends as a delta dictionary batch — so an index means the same string in every batch.
import { Utf8, vectorFromArray, type Vector } from 'apache-arrow';

export class GrowingDictionary {
  private readonly ids = new Map<string, number>();
  private pending: string[] = [];
  private vector: Vector<Utf8> | undefined;

  /**
   * @param maxSize most values the index type holds (127 for Int8, 32767 for Int16 …)
   * @param seed values indexed first, in order (so their indexes are known without the dictionary)
   */
  constructor(
    private readonly name: string,
    private readonly maxSize: number,
    seed: readonly string[] = [],
  ) {
    for (const value of seed) this.index(value);
  }

  /** The index of a value, adding it when new. */
  index(value: string): number {
    let i = this.ids.get(value);
    if (i === undefined) {
      i = this.ids.size;
      if (i >= this.maxSize) throw new RangeError(`more than ${this.maxSize} distinct ${this.name} values in one Arrow stream`);
      this.ids.set(value, i);
      this.pending.push(value);
    }
    return i;
  }

  /** Every value indexed so far; values added since the last call form a new chunk. */
  current(): Vector<Utf8> {
    if (this.pending.length > 0 || this.vector === undefined) {
      const chunk = vectorFromArray(this.pending, new Utf8());
      this.vector = this.vector ? this.vector.concat(chunk) : chunk;
      this.pending = [];
    }
    return this.vector;
  }
}
