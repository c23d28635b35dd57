import { randomBytes } from 'node:crypto';
import {
  startScriptedOpenAiServer,
  textAnswer,
  toolCallAnswer,
  type RecordedRequest,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import type { OAuthAuthorizationServer, OAuthProtectedMcpServer } from '@salescoach/mcp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait, propose } from './testing/approval-flow.js';
import { startOAuthStack, type OAuthStack, type TestStack } from './testing/index.js';

/**
 * `auth: "oauth"` through the real API: tRPC `connections.*`, the real `GET /oauth/callback`,
 * a real oidc-provider and a protected MCP server, the real SQLite store, a scripted model.
 */
let oauth: OAuthStack;
let as: OAuthAuthorizationServer;
let notes: OAuthProtectedMcpServer;
let model: ScriptedOpenAiServer;
let stack: TestStack;

beforeAll(async () => {
  model = await startScriptedOpenAiServer();
  oauth = await startOAuthStack({ openAiBaseUrl: model.url });
  ({ as, notes, stack } = oauth);
});
afterAll(async () => {
  await oauth?.close();
  await model?.close();
});

/** The coach's requests (not the title writer's), newest last. */
const coachRequests = (): RecordedRequest[] =>
  model.requests.filter((r) => systemOf(r).includes('You are **SalesCoach**'));
const systemOf = (request: RecordedRequest | undefined): string =>
  (request?.body as { messages: { role: string; content: string }[] }).messages[0]!.content;
const toolNamesOf = (request: RecordedRequest | undefined): string[] =>
  ((request?.body as { tools?: { function: { name: string } }[] }).tools ?? []).map(
    (t) => t.function.name,
  );

/** Every code and state that went by, to look for in the logs. */
const seen: string[] = [];
const remember = (back: URL): URL => {
  for (const name of ['code', 'state']) {
    const value = back.searchParams.get(name);
    if (value) seen.push(value);
  }
  return back;
};

/** Connect in the SPA's way: the mutation, the authorization server's pages, the callback. */
async function connectAs(devUser: string): Promise<Response> {
  const { authorizationUrl } = await stack
    .client(devUser)
    .api.connections.connect.mutate({ server: 'notes' });
  const back = remember(await as.authorize(authorizationUrl, { login: devUser }));
  expect(back.origin + back.pathname).toBe(`${stack.server.url}/oauth/callback`);
  return fetch(back, { redirect: 'manual' });
}

describe('connections: per-user OAuth for an MCP server through the API', () => {
  it('lists the oauth servers a role may use, not connected yet', async () => {
    expect(await stack.client('alex').api.connections.list.query()).toEqual([
      { server: 'notes', description: 'Team notes', status: 'not_connected' },
    ]);
    expect(await stack.client('riley').api.connections.list.query()).toEqual([]);
    await expect(
      stack.client('riley').api.connections.connect.mutate({ server: 'notes' }),
    ).rejects.toThrow(/No server notes/);
  });

  it('the coach is told the source is "not connected" and what to say', async () => {
    model.script([textAnswer('Connect notes to use its tools.')]);
    const answer = await askAndWait(stack.client('sam'), { kind: 'chat' }, 'What do my notes say?');
    const asked = coachRequests().at(-1);
    expect(systemOf(asked)).toContain('- **notes** (not connected): Team notes.');
    expect(systemOf(asked)).toContain('say "Connect notes to use its tools"');
    expect(toolNamesOf(asked)).not.toContain('notes__whoami');
    expect(answer.content).toContain('Connect notes to use its tools');
    expect(model.pending).toBe(0);
  });

  it('connect → consent → callback: the browser goes back to the SPA, and the tools appear for alex only', async () => {
    const callback = await connectAs('alex');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(
      'http://localhost:4173/connections?connected=notes',
    );
    expect(callback.headers.get('cache-control')).toBe('no-store');
    expect(await stack.client('alex').api.connections.list.query()).toEqual([
      expect.objectContaining({ server: 'notes', status: 'connected', scope: 'mcp:tools' }),
    ]);

    model.script([
      toolCallAnswer([{ name: 'notes__whoami', arguments: {} }]),
      textAnswer('Your notes know you.'),
    ]);
    const answer = await askAndWait(stack.client('alex'), { kind: 'chat' }, 'Who am I to notes?');
    expect(toolNamesOf(coachRequests().at(-2))).toContain('notes__whoami');
    expect(systemOf(coachRequests().at(-2))).not.toContain('not connected');
    expect(answer.toolCalls).toEqual([
      expect.objectContaining({ server: 'notes', tool: 'whoami', status: 'ok' }),
    ]);
    expect(notes.calls.at(-1)).toMatchObject({ subject: 'alex', audience: notes.url });

    model.script([textAnswer('Not for you.')]);
    await askAndWait(stack.client('sam'), { kind: 'chat' }, 'Who am I to notes?');
    expect(toolNamesOf(coachRequests().at(-1))).not.toContain('notes__whoami');
  });

  it("a write to it waits for alex's approval and then runs on alex's own connection", async () => {
    const alex = stack.client('alex');
    const { approval } = await propose(
      model,
      alex,
      { kind: 'chat' },
      {
        name: 'notes__note',
        arguments: { text: 'call back Friday' },
      },
    );
    expect(approval).toMatchObject({ server: 'notes', tool: 'note', policy: 'self' });
    // The edit form gets the tool's schema: the asker is offered the tool.
    expect(approval.inputSchema).toMatchObject({ properties: { text: { type: 'string' } } });
    const decided = await alex.api.approvals.decide.mutate({
      id: approval.id,
      decision: 'approve',
    });
    expect(decided).toMatchObject({ status: 'approved', result: { ok: true } });
    expect(notes.calls.at(-1)).toMatchObject({ tool: 'note', subject: 'alex' });
  });

  it('a replayed or forged callback is sent back with an error and connects nobody', async () => {
    const { authorizationUrl } = await stack
      .client('sam')
      .api.connections.connect.mutate({ server: 'notes' });
    const back = remember(await as.authorize(authorizationUrl, { login: 'sam' }));
    expect((await fetch(back, { redirect: 'manual' })).headers.get('location')).toContain(
      'connected=notes',
    );
    const replay = await fetch(back, { redirect: 'manual' });
    const location = new URL(replay.headers.get('location')!);
    expect(location.pathname).toBe('/connections');
    expect(location.searchParams.get('error')).toMatch(/expired or was already used/);
    const forged = await fetch(
      `${stack.server.url}/oauth/callback?code=x&state=${randomBytes(32).toString('base64url')}`,
      { redirect: 'manual' },
    );
    expect(new URL(forged.headers.get('location')!).searchParams.get('error')).toMatch(/expired/);
  });

  it('a refused consent comes back with the server named', async () => {
    const { authorizationUrl } = await stack
      .client('morgan')
      .api.connections.connect.mutate({ server: 'notes' });
    const back = remember(
      await as.authorize(authorizationUrl, { login: 'morgan', consent: false }),
    );
    const location = new URL((await fetch(back, { redirect: 'manual' })).headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('Access was not granted');
    expect(location.searchParams.get('server')).toBe('notes');
    expect((await stack.client('morgan').api.connections.list.query())[0]?.status).toBe(
      'not_connected',
    );
  });

  it('disconnect revokes and deletes; the tools go away', async () => {
    expect(
      await stack.client('alex').api.connections.disconnect.mutate({ server: 'notes' }),
    ).toEqual({ disconnected: true, revoked: true });
    expect((await stack.client('alex').api.connections.list.query())[0]?.status).toBe(
      'not_connected',
    );
    model.script([textAnswer('Gone.')]);
    await askAndWait(stack.client('alex'), { kind: 'chat' }, 'Who am I to notes?');
    expect(toolNamesOf(coachRequests().at(-1))).not.toContain('notes__whoami');
  });

  it('never logs a code, a state or a token', async () => {
    await connectAs('sam');
    const tokens = await stack.server.composition.oauth.oauth.accessToken('dev:sam', 'notes');
    const text = stack.logLines.join('\n');
    expect(text).toContain('MCP server connected for a user');
    expect(seen.length).toBeGreaterThanOrEqual(6);
    for (const value of [...seen, tokens]) expect(text).not.toContain(value);
  });
});
