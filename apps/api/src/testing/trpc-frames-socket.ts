import WebSocket from 'ws';

/** A frame the server sent, as parsed JSON (tRPC's response message shape). */
export interface ServerFrame {
  readonly id: string | number | null;
  readonly result?: {
    readonly type: 'started' | 'data' | 'stopped';
    readonly id?: string;
    readonly data?: unknown;
  };
  readonly error?: { readonly message: string; readonly data?: { readonly code?: string } };
}

export interface FrameItem {
  readonly id: string | undefined;
  readonly event: { readonly type: string; readonly [key: string]: unknown };
}

/**
 * A raw WebSocket that speaks tRPC's protocol by hand and keeps every frame the server
 * sent, in arrival order: for tests that check exactly what reaches each socket.
 */
export class TrpcFramesSocket {
  readonly frames: ServerFrame[] = [];
  private nextId = 1;
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text === 'PING') return ws.send('PONG');
      this.frames.push(JSON.parse(text) as ServerFrame);
      for (const waiter of [...this.waiters]) {
        if (!waiter.check()) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    ws.on('error', () => undefined);
  }

  /** Opens a socket signed in with `token` through connectionParams. */
  static open(wsUrl: string, token: string): Promise<TrpcFramesSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${wsUrl}?connectionParams=1`);
      ws.once('open', () => {
        ws.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
        resolve(new TrpcFramesSocket(ws));
      });
      ws.once('error', reject);
    });
  }

  /** Starts a subscription; resolves with its request id once the server says `started`. */
  async subscribe(path: string, input: unknown): Promise<number> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method: 'subscription', params: { path, input } }));
    await this.until(() => this.of(id).some((f) => f.result?.type === 'started' || f.error));
    const failed = this.of(id).find((f) => f.error);
    if (failed) throw new Error(failed.error?.message);
    return id;
  }

  stop(id: number): void {
    this.ws.send(JSON.stringify({ id, method: 'subscription.stop' }));
  }

  /** A `ping` query: its answer comes after every frame the server wrote before it. */
  async roundTrip(): Promise<void> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method: 'query', params: { path: 'ping' } }));
    await this.until(() => this.of(id).length > 0);
  }

  /** Frames of request `id`. */
  of(id: number): ServerFrame[] {
    return this.frames.filter((f) => f.id === id);
  }

  /** The `data` items of subscription `id`: the tracked id (if any) and the event. */
  items(id: number): FrameItem[] {
    return this.of(id).flatMap((f): FrameItem[] => {
      if (f.result?.type !== 'data') return [];
      const data = f.result.data as { id?: string; data?: unknown };
      return f.result.id === undefined
        ? [{ id: undefined, event: data as FrameItem['event'] }]
        : [{ id: f.result.id, event: data.data as FrameItem['event'] }];
    });
  }

  until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(
          this.waiters.findIndex((w) => w.check === check),
          1,
        );
        reject(new Error(`frames never matched; got ${this.frames.length}`));
      }, timeoutMs);
      this.waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.terminate();
    });
  }
}
