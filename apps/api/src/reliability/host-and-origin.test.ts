import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '../testing/index.js';

/**
 * DNS rebinding onto the dev sign-in: a page on evil.example whose name resolves to the
 * API's address sends `Host: evil.example` (and, on a POST, `Origin: http://evil.example`).
 * The API refuses both on HTTP and on the WebSocket upgrade, while the ways the product is
 * really reached keep working: the CLI and typed client (loopback Host, no Origin), the
 * `pnpm start` preview on localhost:4173, nginx on 8080 (`Host $host`), a name in
 * ALLOWED_HOSTS.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ crm: false, env: { ALLOWED_HOSTS: 'salescoach-api.internal' } });
});
afterAll(async () => {
  await stack.close();
});

interface Reply {
  readonly status: number;
  readonly body: string;
}

function call(path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const { port } = stack.server;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const devLogin = (headers: Record<string, string>) =>
  call('/trpc/auth.devLogin', headers, JSON.stringify({ user: 'admin' }));

function upgrade(headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${stack.server.port}/trpc`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

describe('Host and Origin on /trpc', () => {
  const port = () => stack.server.port;

  it('refuses the dev sign-in on a rebound host name, with or without an Origin', async () => {
    const rebound = await devLogin({ host: `evil.example:${port()}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('token');
    const withOrigin = await devLogin({
      host: `evil.example:${port()}`,
      origin: `http://evil.example:${port()}`,
    });
    expect(withOrigin.status).toBe(421);
  });

  it('refuses a foreign Origin on HTTP even with an allowed Host', async () => {
    const reply = await devLogin({ host: `127.0.0.1:${port()}`, origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('token');
  });

  it('refuses reading the directory with a valid token through a rebound host name', async () => {
    const token = await stack.token('alex');
    const reply = await call('/trpc/groups.directory', {
      host: 'evil.example',
      authorization: `Bearer ${token}`,
    });
    expect(reply.status).toBe(421);
    expect(reply.body).not.toContain('Morgan');
  });

  it('refuses a WebSocket upgrade on a rebound host name', async () => {
    expect(await upgrade({ host: `evil.example:${port()}` })).toBe(421);
    expect(await upgrade({ host: `127.0.0.1:${port()}`, origin: 'http://evil.example' })).toBe(403);
  });

  it('keeps every real way in working: CLI, pnpm start, nginx, an internal name', async () => {
    const ways: Record<string, Record<string, string>> = {
      'CLI / typed client (no Origin)': { host: `127.0.0.1:${port()}` },
      'pnpm start preview on 4173': { host: 'localhost:4173', origin: 'http://localhost:4173' },
      'nginx on 8080 (Host $host)': { host: 'localhost', origin: 'http://localhost:8080' },
      'nginx on 8080 by address': { host: '127.0.0.1', origin: 'http://127.0.0.1:8080' },
      'a name in ALLOWED_HOSTS': { host: `salescoach-api.internal:${port()}` },
    };
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries(ways).map(async ([way, headers]) => [way, (await devLogin(headers)).status]),
      ),
    );
    expect(statuses).toEqual(Object.fromEntries(Object.keys(ways).map((way) => [way, 200])));
    expect(await upgrade({ host: 'localhost:4173', origin: 'http://localhost:4173' })).toBe('open');
    expect(await upgrade({ host: `127.0.0.1:${port()}` })).toBe('open');
  });

  it('leaves the health endpoints to any Host (load balancers and probes)', async () => {
    expect((await call('/healthz', { host: '10.1.2.3:3000' })).status).toBe(200);
  });
});
