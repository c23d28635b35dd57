import WebSocket from 'ws';
import type { Frame } from './fuzz-arbitraries.js';

interface Reply {
  id?: unknown;
  error?: { data?: { code?: string } };
}

/**
 * A raw WebSocket speaking (or not) the tRPC protocol, signed in through connectionParams.
 * It counts replies and internal errors; `probe()` proves the server handled everything
 * sent before it.
 */
export class RawTrpcSocket {
  replies = 0;
  readonly internalErrors: string[] = [];
  closeCode: number | undefined;
  private probes = 0;
  private readonly waiting = new Map<string, (answered: boolean) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.onMessage(data.toString('utf8')));
    ws.once('close', (code) => {
      this.closeCode = code;
      for (const resolve of this.waiting.values()) resolve(false);
      this.waiting.clear();
    });
    ws.on('error', () => undefined);
  }

  static open(wsUrl: string, token: string): Promise<RawTrpcSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${wsUrl}?connectionParams=1`);
      const socket = new RawTrpcSocket(ws);
      ws.once('open', () => {
        ws.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
        resolve(socket);
      });
      ws.once('error', reject);
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: Frame): void {
    if (!this.open) return;
    this.ws.send(frame.data, { binary: frame.kind === 'binary' });
  }

  /** Resolves true once a ping sent now is answered, false if the socket closes first. */
  probe(): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    const id = `\u0001probe-${++this.probes}`;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method: 'query', params: { path: 'ping' } }));
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.terminate();
    });
  }

  private onMessage(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    for (const reply of (Array.isArray(parsed) ? parsed : [parsed]) as Reply[]) {
      this.replies += 1;
      if (reply.error?.data?.code === 'INTERNAL_SERVER_ERROR')
        this.internalErrors.push(text.slice(0, 500));
      const resolve = typeof reply.id === 'string' ? this.waiting.get(reply.id) : undefined;
      if (resolve && typeof reply.id === 'string') {
        this.waiting.delete(reply.id);
        resolve(true);
      }
    }
  }
}
