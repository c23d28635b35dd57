// @vitest-environment node
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProxy } from './vite.config.js';

/**
 * A Vite dev server with this app's proxy table in front of a stand-in API: the paths the API
 * answers (`/trpc`, `/oauth/callback`) reach it; the rest is the SPA.
 */
const seen: string[] = [];
const api = createHttpServer((req: IncomingMessage, res) => {
  seen.push(req.url ?? '');
  res.writeHead(303, { location: 'http://localhost:4173/connections?connected=notes' }).end();
});
let vite: ViteDevServer;
let origin: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  vite = await createServer({
    configFile: false,
    root: import.meta.dirname,
    logLevel: 'silent',
    server: {
      port: 0,
      host: '127.0.0.1',
      hmr: false,
      proxy: apiProxy((api.address() as AddressInfo).port),
    },
  });
  await vite.listen();
  origin = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
});
afterAll(async () => {
  await vite?.close();
  await new Promise((resolve) => api.close(resolve));
});

describe('the Vite dev proxy', () => {
  it('forwards /oauth/callback to the API, query and all, and passes its redirect back', async () => {
    const response = await fetch(`${origin}/oauth/callback?code=c&state=s`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      'http://localhost:4173/connections?connected=notes',
    );
    expect(seen).toEqual(['/oauth/callback?code=c&state=s']);
  });

  it('serves the SPA for its own paths', async () => {
    const response = await fetch(`${origin}/connections`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(seen).not.toContain('/connections');
  });
});
