/**
 * A bounded FIFO: pushing onto a full buffer evicts the oldest item. Storage grows with use
 * up to `capacity`, so a stream that is only listened to costs an empty array, not a
 * `capacity`-slot one.
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.items = [];
  }

  get length(): number {
    return this.size;
  }

  /** Adds at the newest end; returns the evicted oldest item when the buffer was full. */
  push(item: T): T | undefined {
    if (this.size === this.capacity) {
      const evicted = this.shift();
      this.push(item);
      return evicted;
    }
    const index = (this.head + this.size) % this.capacity;
    if (index === this.items.length) this.items.push(item);
    else this.items[index] = item;
    this.size += 1;
    return undefined;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size -= 1;
    return item;
  }

  /** Item `index` counted from the oldest (0). */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.items[(this.head + index) % this.capacity];
  }

  oldest(): T | undefined {
    return this.at(0);
  }

  newest(): T | undefined {
    return this.at(this.size - 1);
  }

  /** The index of the first item for which `isAfter` holds, given it holds for a suffix of the buffer. */
  firstIndexWhere(isAfter: (item: T) => boolean): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (isAfter(this.at(mid) as T)) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  clear(): void {
    this.items.length = 0;
    this.head = 0;
    this.size = 0;
  }
}
