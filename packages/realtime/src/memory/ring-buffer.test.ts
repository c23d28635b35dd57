import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

const contents = <T>(ring: RingBuffer<T>) =>
  Array.from({ length: ring.length }, (_, i) => ring.at(i));

describe('RingBuffer', () => {
  it('evicts the oldest item when full and keeps order across wrap-around', () => {
    const ring = new RingBuffer<number>(3);
    expect([ring.push(1), ring.push(2), ring.push(3)]).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.push(5)).toBe(2);
    expect(contents(ring)).toEqual([3, 4, 5]);
    expect([ring.oldest(), ring.newest(), ring.at(3)]).toEqual([3, 5, undefined]);
    expect(ring.shift()).toBe(3);
    expect(contents(ring)).toEqual([4, 5]);
  });

  it('finds the first item after a point by binary search', () => {
    const ring = new RingBuffer<number>(5);
    for (const n of [10, 20, 30, 40, 50, 60, 70]) ring.push(n);
    expect(ring.firstIndexWhere((n) => n > 35)).toBe(1);
    expect(ring.firstIndexWhere((n) => n > 5)).toBe(0);
    expect(ring.firstIndexWhere((n) => n > 70)).toBe(5);
  });

  it('clears and refuses a capacity below one', () => {
    const ring = new RingBuffer<string>(2);
    ring.push('a');
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.shift()).toBeUndefined();
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
