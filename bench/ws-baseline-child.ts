// The baseline: a plain `ws` server in a process of its own, doing the least a real-time
// server can do: a subscriber says which topic it follows; a publisher's frame is parsed,
// serialised once and sent to every subscriber, then acknowledged.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveParent } from './child-ipc.js';
import { frameText } from './ws-text.js';

export interface BaselineReady {
  readonly url: string;
}

interface Publish {
  readonly kind: 'publish';
  readonly seq: number;
  readonly frame: unknown;
}

interface Subscribe {
  readonly kind: 'subscribe';
  readonly topic: string;
}

let wss: WebSocketServer | undefined;
const subscribers = new Map<WebSocket, { topic: string }>();

serveParent({
  async start() {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 65_536 });
    await once(wss, 'listening');
    wss.on('connection', (ws) => {
      ws.on('error', () => undefined);
      ws.on('close', () => subscribers.delete(ws));
      ws.on('message', (data) => {
        const message = JSON.parse(frameText(data)) as Publish | Subscribe;
        if (message.kind === 'subscribe') {
          subscribers.set(ws, { topic: message.topic });
          ws.send('{"kind":"subscribed"}');
          return;
        }
        const text = JSON.stringify(message.frame);
        for (const subscriber of subscribers.keys()) subscriber.send(text);
        ws.send(JSON.stringify({ kind: 'ack', seq: message.seq }));
      });
    });
    const { port } = wss.address() as AddressInfo;
    return { url: `ws://127.0.0.1:${port}` } satisfies BaselineReady;
  },
  sockets: () => wss?.clients.size ?? 0,
  async close() {
    for (const ws of wss?.clients ?? []) ws.terminate();
    await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
    setImmediate(() => process.exit(0));
    return true;
  },
});
