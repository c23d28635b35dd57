import type { ConversationEvent, StoredEvent } from '@salescoach/domain';
import type { RawStreamEntry } from './stream-reader.js';

/** The one field of a stream entry: the event as JSON. */
export const EVENT_FIELD = 'e';

export function encodeEvent(event: ConversationEvent): string {
  return JSON.stringify(event);
}

/** The stored event of one entry, or undefined when the entry is not one of ours. */
export function decodeEntry(stream: string, [id, fields]: RawStreamEntry): StoredEvent | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] !== EVENT_FIELD) continue;
    try {
      const event = JSON.parse(fields[i + 1]!) as unknown;
      if (
        typeof event !== 'object' ||
        event === null ||
        typeof (event as { type?: unknown }).type !== 'string'
      ) {
        return undefined;
      }
      return Object.freeze({ id, stream, event: event as ConversationEvent });
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Pub/sub message of an ephemeral event: the sending instance and the event. */
export interface EphemeralMessage {
  readonly origin: string;
  readonly event: ConversationEvent;
}

export function decodeEphemeral(message: string): EphemeralMessage | undefined {
  try {
    const parsed = JSON.parse(message) as Partial<EphemeralMessage>;
    if (typeof parsed.origin !== 'string' || typeof parsed.event?.type !== 'string')
      return undefined;
    return { origin: parsed.origin, event: parsed.event };
  } catch {
    return undefined;
  }
}
