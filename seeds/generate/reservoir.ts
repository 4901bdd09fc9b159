// A fixed-size uniform sample of a stream (reservoir sampling): lets a city or province pick
// enterprises for its own records without holding all of its enterprises in memory.
import type { Rng } from './prng.js';

export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;

  constructor(private readonly size: number) {}

  offer(rng: Rng, item: T): void {
    this.seen++;
    if (this.items.length < this.size) this.items.push(item);
    else {
      const j = Math.floor(rng.next() * this.seen);
      if (j < this.size) this.items[j] = item;
    }
  }
}
