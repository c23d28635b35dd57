// The peer baseline: Socket.IO in a process of its own, the way a room server is usually
// written with it: a client joins a room (`socket.join`), a publisher's payload goes to the
// room with `io.to(room).emit`, then is acknowledged. WebSocket transport only (no polling).
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveParent } from './child-ipc.js';

export interface SocketIoReady {
  readonly url: string;
}

let io: Server | undefined;

serveParent({
  async start() {
    const http = createServer();
    io = new Server(http, { transports: ['websocket'], serveClient: false });
    io.on('connection', (socket) => {
      socket.on('join', (room: string, ack: () => void) => {
        void socket.join(room);
        ack();
      });
      socket.on('publish', (message: { room: string; frame: unknown }, ack: () => void) => {
        io?.to(message.room).emit('event', message.frame);
        ack();
      });
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const { port } = http.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}` } satisfies SocketIoReady;
  },
  sockets: () => io?.engine.clientsCount ?? 0,
  async close() {
    io?.disconnectSockets(true);
    await new Promise<void>((resolve) => (io ? void io.close(() => resolve()) : resolve()));
    setImmediate(() => process.exit(0));
    return true;
  },
});
