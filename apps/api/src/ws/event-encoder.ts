import { isTrackedEnvelope } from '@trpc/server/unstable-core-do-not-import';
import { createSharedFrames } from './shared-frames.js';

/**
 * The WebSocket message encoder: JSON, with each subscription event serialised once however
 * many sockets it goes to. A room event reaches every member as the same object (the event
 * log hands one decoded event to all of its local followers); its JSON text is kept beside
 * it (a WeakMap, so it goes when the event does) and spliced into each socket's small
 * envelope, tRPC's `data` frame: `{ id, jsonrpc?, result: { type: "data", id, data: { id,
 * data: <event> } } }` for a tracked item, `{ id, jsonrpc?, result: { type: "data", data } }`
 * for any other. The text parses to exactly what tRPC's own handler would send.
 */
export interface WsEncoder {
  encode(message: unknown): string;
  decode(data: string | ArrayBuffer | Uint8Array): unknown;
  /** The `data` frame of subscription `requestId` carrying `value` (tracked or plain). */
  dataFrame(requestId: string | number, jsonrpc: '2.0' | undefined, value: unknown): string;
  /**
   * The same `data` frame as a finished WebSocket frame, shared by every socket it goes to
   * with the same request id (undefined for a value that is not an event object).
   */
  wireFrame(
    requestId: string | number,
    jsonrpc: '2.0' | undefined,
    value: unknown,
  ): readonly Buffer[] | undefined;
}

export function createEventEncoder(): WsEncoder {
  const serialised = new WeakMap<object, string>();
  const once = (value: unknown): string | undefined => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    let text = serialised.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      serialised.set(value, text);
    }
    return text;
  };
  const shared = createSharedFrames();
  const encoder: WsEncoder = {
    encode: (message) => JSON.stringify(message),
    decode(data) {
      if (typeof data !== 'string')
        throw new Error('Binary WebSocket frames are not accepted; send JSON text');
      return JSON.parse(data) as unknown;
    },
    dataFrame(requestId, jsonrpc, value) {
      const head = `{"id":${JSON.stringify(requestId)}${jsonrpc === undefined ? '' : `,"jsonrpc":${JSON.stringify(jsonrpc)}`},"result":{"type":"data"`;
      if (isTrackedEnvelope(value)) {
        const id = JSON.stringify(value[0]);
        const data = once(value[1]);
        const inner = data === undefined ? `{"id":${id}}` : `{"id":${id},"data":${data}}`;
        return `${head},"id":${id},"data":${inner}}}`;
      }
      const data = once(value);
      return data === undefined ? `${head}}}` : `${head},"data":${data}}}`;
    },
    wireFrame(requestId, jsonrpc, value) {
      const tracked = isTrackedEnvelope(value);
      const event: unknown = tracked ? value[1] : value;
      if (typeof event !== 'object' || event === null) return undefined;
      const key = `${JSON.stringify(requestId)}|${jsonrpc ?? ''}|${tracked ? value[0] : ''}`;
      return shared.frameOf(event, key, () => encoder.dataFrame(requestId, jsonrpc, value));
    },
  };
  return encoder;
}
