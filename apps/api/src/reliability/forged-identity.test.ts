import { startJwksServer, type JwksServer } from '@salescoach/auth/testing';
import { createSalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor, type TestStack } from '../testing/index.js';
import {
  devTokenSet,
  ENTRA_AUDIENCE,
  ENTRA_TENANT,
  entraTokenSet,
  type TokenSet,
} from './forged-tokens.js';
import { watchForLeaks, type LeakWatch } from './log-leak-check.js';

/**
 * Identity at the API, for both verifiers: every forged token is refused with UNAUTHORIZED
 * on me.get over the WebSocket (connectionParams) and over HTTP (Authorization: Bearer),
 * while a genuine token of the same shape is accepted. A socket opened with a token that
 * then expires is closed, and its client, reconnecting with that token, gets UNAUTHORIZED.
 */
interface Mode {
  readonly name: 'dev' | 'entra';
  stack?: TestStack;
  tokens?: TokenSet;
  readonly secrets: LeakWatch;
}

let jwks: JwksServer;
const modes: Mode[] = [
  { name: 'dev', secrets: watchForLeaks('identitydev') },
  { name: 'entra', secrets: watchForLeaks('identityentra') },
];

beforeAll(async () => {
  jwks = await startJwksServer();
  const [dev, entra] = modes as [Mode, Mode];
  dev.stack = await startTestStack({ crm: false });
  dev.tokens = await devTokenSet(dev.stack.dataDir);
  entra.stack = await startTestStack({
    crm: false,
    env: {
      AUTH_MODE: 'entra',
      ENTRA_TENANT_ID: ENTRA_TENANT,
      ENTRA_AUDIENCE,
      ENTRA_JWKS_URI: jwks.url,
      ENTRA_ISSUER: `https://login.microsoftonline.com/${ENTRA_TENANT}/v2.0`,
    },
  });
  entra.tokens = await entraTokenSet(jwks);
  for (const mode of modes) {
    mode.secrets.track(mode.tokens?.valid ?? '');
    for (const { token } of mode.tokens?.forged ?? []) mode.secrets.track(token);
  }
});
afterAll(async () => {
  for (const mode of modes) await mode.stack?.close();
  await jwks.close();
  for (const mode of modes) if (mode.stack) mode.secrets.expectAbsentFrom(mode.stack.logLines);
});

function ready(mode: Mode): { stack: TestStack; tokens: TokenSet } {
  if (!mode.stack || !mode.tokens) throw new Error(`${mode.name} stack not started`);
  return { stack: mode.stack, tokens: mode.tokens };
}

async function meOverSocket(stack: TestStack, token: string) {
  const client = createSalesCoachClient({ url: stack.server.wsUrl, token });
  try {
    return await client.api.me.get.query();
  } finally {
    await client.close();
  }
}

async function meOverHttp(stack: TestStack, token: string) {
  const response = await fetch(`${stack.server.url}/trpc/me.get`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      error?: { data?: { code?: string } };
      result?: { data: { id: string } };
    },
  };
}

describe.each(modes)('identity at the API, $name verifier', (mode) => {
  it('accepts the genuine token (the control) over both transports', async () => {
    const { stack, tokens } = ready(mode);
    await expect(meOverSocket(stack, tokens.valid)).resolves.toMatchObject({ roles: ['Sales'] });
    const http = await meOverHttp(stack, tokens.valid);
    expect(http.status).toBe(200);
    expect(http.body.result?.data.id).toMatch(/alex$/);
  });

  it(
    'refuses every forged token with UNAUTHORIZED over the WebSocket and over HTTP',
    { timeout: 60_000 },
    async () => {
      const { stack, tokens } = ready(mode);
      expect(tokens.forged.length).toBeGreaterThanOrEqual(20);
      const accepted: string[] = [];
      for (const { attack, token } of tokens.forged) {
        const socket = await meOverSocket(stack, token).then(
          () => 'accepted',
          (error: { data?: { code?: string } }) => error.data?.code ?? 'no code',
        );
        const http = await meOverHttp(stack, token);
        if (socket !== 'UNAUTHORIZED') accepted.push(`${attack} over the socket: ${socket}`);
        if (http.status !== 401 || http.body.error?.data?.code !== 'UNAUTHORIZED')
          accepted.push(`${attack} over HTTP: ${http.status}`);
      }
      expect(accepted).toEqual([]);
    },
  );

  it(
    'gives UNAUTHORIZED to a call on an open socket once its token has expired',
    { timeout: 30_000 },
    async () => {
      const { stack, tokens } = ready(mode);
      const token = await tokens.shortLived(2);
      mode.secrets.track(token);
      const client = createSalesCoachClient({ url: stack.server.wsUrl, token });
      try {
        const me = await client.api.me.get.query();
        expect(me.roles).toEqual(['Sales']);
        // The server closes the socket at expiry; once the client has reconnected (with the
        // same, expired, token) its calls are refused.
        const refusal = await waitFor(() =>
          client.api.me.get.query().then(
            () => undefined,
            (error: { data?: { code?: string } }) => error.data?.code,
          ),
        );
        expect(refusal).toBe('UNAUTHORIZED');
        await expect(client.api.chat.sessions.list.query()).rejects.toMatchObject({
          data: { code: 'UNAUTHORIZED' },
        });
      } finally {
        await client.close();
      }
    },
  );
});

describe('identity at the API, dev mode', () => {
  it('refuses dev sign-in for an unknown user as NOT_FOUND, not as an internal error', async () => {
    const { stack } = ready(modes[0] as Mode);
    const response = await fetch(`${stack.server.url}/trpc/auth.devLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'mallory' }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'Unknown dev user',
    );
  });
});

describe('identity at the API, entra mode', () => {
  it('has no dev sign-in', async () => {
    const { stack } = ready(modes[1] as Mode);
    const response = await fetch(`${stack.server.url}/trpc/auth.devLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin' }),
    });
    expect(response.status).toBe(404);
  });
});
