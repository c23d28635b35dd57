import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestStack, waitFor, type TestStack } from './testing/index.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ crm: false });
});
afterAll(async () => {
  await stack.close();
});

function openSocket(origin?: string): Promise<{ ws: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(stack.server.wsUrl, origin ? { origin } : {});
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode }));
    ws.once('error', () => undefined);
  });
}

function closeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('HTTP endpoints', () => {
  it('answers /healthz with ok', async () => {
    const res = await fetch(`${stack.server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the store and event log checked', async () => {
    const res = await fetch(`${stack.server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ready',
      failed: [],
      checks: { store: 'ok', eventLog: 'ok' },
    });
  });

  it('serves Prometheus metrics', async () => {
    const res = await fetch(`${stack.server.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('salescoach_ws_connections');
    expect(text).toContain('salescoach_answers_in_flight');
  });

  it('serves tRPC over HTTP with a bearer token, and refuses a forged one', async () => {
    const token = await stack.token('alex');
    const ok = await fetch(`${stack.server.url}/trpc/me.get`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    expect(
      ((await ok.json()) as { result: { data: { id: string; roles: string[] } } }).result.data,
    ).toMatchObject({
      id: 'dev:alex',
      roles: ['Sales'],
    });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['Admin'] })).toString('base64url')}.${signature}`;
    const refused = await fetch(`${stack.server.url}/trpc/me.get`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(refused.status).toBe(401);
    const anonymous = await fetch(`${stack.server.url}/trpc/me.get`);
    expect(anonymous.status).toBe(401);
  });
});

describe('WebSocket', () => {
  it('serves the typed client over the socket', async () => {
    const client = stack.client('morgan');
    const me = await client.api.me.get.query();
    expect(me).toMatchObject({ id: 'dev:morgan', name: 'Morgan Lee', roles: ['Manager'] });
  });

  it('refuses an upgrade from a foreign origin and accepts an allowed one', async () => {
    const foreign = await openSocket('https://evil.example');
    expect(foreign.status).toBe(403);
    const allowed = await openSocket('http://localhost:4173');
    expect(allowed.status).toBeUndefined();
    allowed.ws.close();
  });

  it('closes a socket that sends a frame over the payload limit, and stays healthy', async () => {
    const { ws } = await openSocket();
    const closed = closeOf(ws);
    ws.send('x'.repeat(stack.settings.WS_MAX_PAYLOAD_BYTES + 1));
    expect(await closed).toBe(1009);
    const health = await fetch(`${stack.server.url}/healthz`);
    expect(health.status).toBe(200);
    const me = await stack.client('alex').api.me.get.query();
    expect(me.id).toBe('dev:alex');
  });

  it('answers malformed frames with errors without dropping the server', async () => {
    const { ws } = await openSocket();
    const replies: string[] = [];
    ws.on('message', (data: Buffer) => replies.push(data.toString()));
    for (const frame of [
      'not json',
      '{"id":1}',
      '[]',
      '{"id":"x","method":"query","params":{"path":"nope"}}',
      '{"method":"subscription"}',
    ]) {
      ws.send(frame);
    }
    // The server answers what it can parse with errors (and nothing else takes it down).
    await waitFor(() => (replies.some((r) => r.includes('"error"')) ? true : undefined));
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.some((r) => r.includes('"error"'))).toBe(true);
    ws.close();
    const me = await stack.client('sam').api.me.get.query();
    expect(me.id).toBe('dev:sam');
  });

  it('refuses protected calls on a socket without a valid token', async () => {
    const { createSalesCoachClient } = await import('@salescoach/client');
    const client = createSalesCoachClient({ url: stack.server.wsUrl, token: 'not-a-token' });
    await expect(client.api.me.get.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    await client.close();
  });
});
