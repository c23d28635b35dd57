import { describe, expect, it } from 'vitest';
import { createEventEncoder } from './event-encoder.js';

const event = {
  type: 'message.created',
  message: { id: 'm1', content: 'Quote "this", and\nthat — ✓', seq: 3, tags: [1, null, true] },
};
/** What tRPC's WebSocket handler hands the encoder for a tracked subscription item. */
const tracked = (requestId: number, eventId: string, data: object = event) => ({
  id: requestId,
  jsonrpc: '2.0' as const,
  result: { type: 'data' as const, data: { id: eventId, data }, id: eventId },
});

describe('WebSocket event encoder', () => {
  it('writes a tracked item that parses to exactly the message, for every socket it goes to', () => {
    const encoder = createEventEncoder();
    for (const [requestId, eventId] of [
      [1, '1700000000000-0'],
      [42, '1700000000000-0'],
      [7, 'other"id'],
    ] as const) {
      const message = tracked(requestId, eventId);
      expect(JSON.parse(encoder.encode(message))).toEqual(message);
    }
  });

  it('serialises an event once however many envelopes carry it', () => {
    const encoder = createEventEncoder();
    let reads = 0;
    const counted = {
      get type() {
        reads++;
        return 'typing';
      },
    };
    encoder.encode(tracked(1, 'a', counted));
    encoder.encode(tracked(2, 'a', counted));
    encoder.encode(tracked(3, 'b', counted));
    expect(reads).toBe(1);
  });

  it('writes anything else as plain JSON', () => {
    const encoder = createEventEncoder();
    const others = [
      { id: 1, jsonrpc: '2.0', result: { type: 'data', data: { ok: true } } },
      { id: 2, result: { type: 'started' } },
      { id: 3, error: { message: 'no', code: -32600 } },
      { id: 4, result: { type: 'data', data: { id: 'x', data: 'a string' }, id: 'x' } },
      { id: 5, result: { type: 'data', data: { id: 'x', data: { a: 1 }, extra: 1 }, id: 'x' } },
    ];
    for (const message of others) expect(encoder.encode(message)).toBe(JSON.stringify(message));
    expect(encoder.decode('{"id":1}')).toEqual({ id: 1 });
    expect(() => encoder.decode(new Uint8Array([1]))).toThrow(/JSON text/);
  });
});
