import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf, startOAuthStack, type OAuthStack } from './testing/index.js';

/**
 * `OAUTH_CONNECTS_PER_MINUTE` through the real API: `connections.connect` against a real
 * authorization server and protected MCP server, the limit set to 2.
 */
let oauth: OAuthStack;
beforeAll(async () => {
  oauth = await startOAuthStack({ env: { OAUTH_CONNECTS_PER_MINUTE: '2' } });
});
afterAll(async () => {
  await oauth?.close();
});

describe('connections.connect per minute', () => {
  it('refuses the third connect of a minute with TOO_MANY_REQUESTS; the link already given still works, and sam has his own allowance', async () => {
    const { as, stack } = oauth;
    const alex = stack.client('alex').api.connections;
    const first = await alex.connect.mutate({ server: 'notes' });
    const second = await alex.connect.mutate({ server: 'notes' });
    expect(new URL(second.authorizationUrl).origin).toBe(as.issuer);

    const refusal = await refusalOf(alex.connect.mutate({ server: 'notes' }));
    expect(refusal.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(
      /^You are connecting too fast \(limit 2 per minute\); try again in \d+ s$/,
    );
    expect(refusal.data?.retryAfterMs).toBeGreaterThan(0);

    // The refusal started nothing: the newest link (it replaced the first) still connects.
    expect(first.authorizationUrl).not.toBe(second.authorizationUrl);
    const back = await as.authorize(second.authorizationUrl, { login: 'alex' });
    const callback = await fetch(back, { redirect: 'manual' });
    expect(callback.headers.get('location')).toBe(
      'http://localhost:4173/connections?connected=notes',
    );
    expect((await alex.list.query())[0]?.status).toBe('connected');
    // Listing and disconnecting are not counted.
    expect(await alex.disconnect.mutate({ server: 'notes' })).toMatchObject({
      disconnected: true,
    });

    const sam = await stack.client('sam').api.connections.connect.mutate({ server: 'notes' });
    expect(new URL(sam.authorizationUrl).origin).toBe(as.issuer);
  });
});
