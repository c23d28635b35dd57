import { tracked } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createEventEncoder } from './event-encoder.js';

const event = {
  type: 'message.created',
  message: { id: 'm1', content: 'Quote "this", and\nthat — ✓', seq: 3, tags: [1, null, true] },
};

/** tRPC's own handler: the message it builds for an item, through JSON.stringify. */
function trpcFrame(id: string | number, jsonrpc: '2.0' | undefined, value: unknown) {
  const [eventId, data] = Array.isArray(value) ? (value as [string, unknown]) : [];
  const result =
    eventId === undefined
      ? { type: 'data', data: value }
      : { type: 'data', data: { id: eventId, data }, id: eventId };
  return JSON.parse(JSON.stringify({ id, jsonrpc, result })) as unknown;
}

describe('WebSocket event encoder', () => {
  it('writes a data frame that parses to exactly what tRPC sends, for every socket it goes to', () => {
    const encoder = createEventEncoder();
    const cases: [string | number, '2.0' | undefined, unknown][] = [
      [1, '2.0', tracked('1700000000000-0', event)],
      [42, undefined, tracked('1700000000000-0', event)],
      ['s"7', '2.0', tracked('other"id', event)],
      [3, undefined, event],
      [4, '2.0', 'a string'],
      [5, undefined, undefined],
      [6, undefined, tracked('x', undefined)],
    ];
    for (const [id, jsonrpc, value] of cases)
      expect(JSON.parse(encoder.dataFrame(id, jsonrpc, value))).toEqual(
        trpcFrame(id, jsonrpc, value),
      );
  });

  it('serialises an event once however many frames carry it', () => {
    const encoder = createEventEncoder();
    let reads = 0;
    const counted = {
      get type() {
        reads++;
        return 'typing';
      },
    };
    encoder.dataFrame(1, '2.0', tracked('a', counted));
    encoder.dataFrame(2, undefined, tracked('a', counted));
    encoder.dataFrame(3, '2.0', tracked('b', counted));
    expect(reads).toBe(1);
  });

  it('writes anything else as plain JSON and reads only JSON text', () => {
    const encoder = createEventEncoder();
    const message = { id: 2, result: { type: 'started' } };
    expect(encoder.encode(message)).toBe(JSON.stringify(message));
    expect(encoder.decode('{"id":1}')).toEqual({ id: 1 });
    expect(() => encoder.decode(new Uint8Array([1]))).toThrow(/JSON text/);
  });

  it('builds one WebSocket frame per event and envelope, shared by the sockets it fits', () => {
    const encoder = createEventEncoder();
    const item = tracked('9-1', event);
    const a = encoder.wireFrame(1, '2.0', item)!;
    expect(encoder.wireFrame(1, '2.0', item)).toBe(a);
    const b = encoder.wireFrame(2, '2.0', item)!;
    expect(b).not.toBe(a);
    // A text frame (FIN, opcode 1, unmasked) whose payload is exactly the data frame.
    const payload = Buffer.concat(b).subarray(b[0]!.length);
    expect(b[0]![0]).toBe(0x81);
    expect(payload.toString('utf8')).toBe(encoder.dataFrame(2, '2.0', item));
    expect(encoder.wireFrame(3, undefined, 'not an event')).toBeUndefined();
  });
});
