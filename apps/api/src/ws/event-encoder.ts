/**
 * The WebSocket message encoder: JSON, with each subscription event serialised once however
 * many sockets it goes to. A room event reaches every member as the same object (the event
 * log hands one decoded event to all of its local followers); its JSON text is kept beside
 * it (a WeakMap, so it goes when the event does) and spliced into each socket's small
 * envelope (`{ id, jsonrpc, result: { type: "data", id, data: { id, data: <event> } } }`).
 * The text parses to exactly what `JSON.stringify` of the whole message would give.
 */

interface TrackedData {
  readonly id: string | number | null;
  readonly jsonrpc?: '2.0';
  readonly result: {
    readonly type: 'data';
    readonly id: string;
    readonly data: { readonly id: string; readonly data: object };
  };
}

const ENVELOPE_KEYS = new Set(['id', 'jsonrpc', 'result']);
const sameKeys = (value: object, keys: readonly string[]) => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
};

/** A tracked subscription item in the shape tRPC's WebSocket handler sends, and nothing more. */
function isTrackedData(message: unknown): message is TrackedData {
  if (typeof message !== 'object' || message === null) return false;
  if (!Object.keys(message).every((k) => ENVELOPE_KEYS.has(k))) return false;
  const result = (message as { result?: unknown }).result;
  if (typeof result !== 'object' || result === null) return false;
  if (!sameKeys(result, ['type', 'data', 'id'])) return false;
  const r = result as { type: unknown; id: unknown; data: unknown };
  if (r.type !== 'data' || typeof r.id !== 'string') return false;
  if (typeof r.data !== 'object' || r.data === null || !sameKeys(r.data, ['id', 'data']))
    return false;
  const inner = (r.data as { data: unknown }).data;
  return typeof inner === 'object' && inner !== null;
}

/** The envelope with `null` for the event: the event is its last value at every level. */
const PLACEHOLDER_TAIL = 'null}}}';

export interface WsEncoder {
  encode(message: unknown): string;
  decode(data: string | ArrayBuffer | Uint8Array): unknown;
}

export function createEventEncoder(): WsEncoder {
  const serialised = new WeakMap<object, string>();
  const once = (event: object): string => {
    let text = serialised.get(event);
    if (text === undefined) {
      text = JSON.stringify(event);
      serialised.set(event, text);
    }
    return text;
  };
  return {
    encode(message) {
      if (!isTrackedData(message)) return JSON.stringify(message);
      const { result } = message;
      const envelope = JSON.stringify({
        id: message.id,
        ...(message.jsonrpc !== undefined ? { jsonrpc: message.jsonrpc } : {}),
        result: { type: 'data', id: result.id, data: { id: result.data.id, data: null } },
      });
      return envelope.slice(0, -PLACEHOLDER_TAIL.length) + once(result.data.data) + '}}}';
    },
    decode(data) {
      if (typeof data !== 'string')
        throw new Error('Binary WebSocket frames are not accepted; send JSON text');
      return JSON.parse(data) as unknown;
    },
  };
}
