import * as wsModule from 'ws';
import type { WebSocket } from 'ws';

/** ws's own frame builder and writer (`Sender.frame`, `sender.sendFrame`); untyped in @types/ws. */
interface FrameBuilder {
  frame(
    data: Buffer,
    options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean },
  ): Buffer[];
}

export interface FrameWriter {
  sendFrame(frame: readonly Buffer[]): void;
}

const TEXT = 1;
const builder = (wsModule as unknown as { Sender?: FrameBuilder }).Sender;

/**
 * The socket's frame writer, when it can take a finished frame now: ws without compression
 * (the server never negotiates it) and nothing queued in its sender. This is how ws's
 * maintainers advise broadcasting one message to many sockets, and what Socket.IO does
 * (`wsPreEncodedFrame`): build the frame once, write it to each socket.
 */
export function frameWriterOf(ws: WebSocket): FrameWriter | undefined {
  const sender = (ws as unknown as { _sender?: FrameWriter & { _state?: number } })._sender;
  if (!builder || typeof sender?.sendFrame !== 'function') return undefined;
  return (sender._state ?? 0) === 0 ? sender : undefined;
}

/**
 * WebSocket frames of the event being delivered now, one per distinct text: every member
 * of a room whose subscription carries the same request id gets the very same bytes, built
 * once. One event at a time (the log delivers an event to all its followers in one pass),
 * so only the current event's frames are kept.
 */
export function createSharedFrames() {
  let current: object | undefined;
  let frames = new Map<string, readonly Buffer[]>();
  return {
    frameOf(event: object, key: string, text: () => string): readonly Buffer[] | undefined {
      if (!builder) return undefined;
      if (event !== current) {
        current = event;
        frames = new Map();
      }
      let frame = frames.get(key);
      if (!frame) {
        frame = builder.frame(Buffer.from(text()), {
          fin: true,
          rsv1: false,
          opcode: TEXT,
          mask: false,
          readOnly: false,
        });
        frames.set(key, frame);
      }
      return frame;
    },
  };
}
