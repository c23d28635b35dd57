import type { McpServerConfig } from '@salescoach/config';
import type { ElicitationAnswer, ElicitationRequest, User } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpHub, type McpHub } from './mcp-hub.js';
import { ELICITATION_FORM, startTestMcpServer, type TestMcpServer } from './test-mcp-server.js';

const user: User = {
  id: 'alex',
  tenantId: 'dev',
  name: 'Alex Rivera',
  email: 'alex@salescoach.dev',
  roles: ['Sales'],
};

let server: TestMcpServer;
let hub: McpHub;
beforeAll(async () => {
  server = await startTestMcpServer();
  const config = {
    name: 'test',
    description: 'test server',
    transport: 'streamable-http',
    url: server.url,
    roles: ['Sales'],
    auth: 'none',
    timeoutMs: 5_000,
  } as McpServerConfig;
  hub = createMcpHub({ servers: [config] });
  hub.start();
  await hub.ready();
});
afterAll(async () => {
  await hub.close();
  await server.close();
});

const pick = (elicit?: (request: ElicitationRequest) => Promise<ElicitationAnswer>) =>
  hub.call(
    'test__pick_contact',
    { account: 'Contoso' },
    { user, role: 'Sales', ...(elicit ? { elicit } : {}) },
  );

describe('elicitation through the MCP hub', () => {
  it('passes a server’s request for input to the asker and their answer back', async () => {
    const asked: ElicitationRequest[] = [];
    const outcome = await pick(async (request) => {
      asked.push(request);
      return { action: 'accept', content: { contact: 'Dana Ross', notify: true } };
    });
    expect(asked).toEqual([
      {
        server: 'test',
        message: 'Two contacts at Contoso match. Which one?',
        requestedSchema: ELICITATION_FORM,
      },
    ]);
    expect(outcome).toMatchObject({
      ok: true,
      text: 'picked {"contact":"Dana Ross","notify":true}',
    });
  });

  it('passes a decline and a cancel on as they are', async () => {
    expect((await pick(async () => ({ action: 'decline' }))).text).toBe('decline');
    expect((await pick(async () => ({ action: 'cancel' }))).text).toBe('cancel');
  });

  it('declines for the server when the call has nobody to ask', async () => {
    const before = server.elicitations.length;
    const outcome = await pick();
    expect(outcome.text).toBe('decline');
    expect(server.elicitations.slice(before)).toEqual([{ action: 'decline' }]);
  });

  it('asks the asker of the call that caused the request, with calls in parallel', async () => {
    const answers = await Promise.all(
      ['Dana Reyes', 'Dana Ross'].map((contact) =>
        pick(async () => ({ action: 'accept', content: { contact } })),
      ),
    );
    expect(answers.map((a) => a.text)).toEqual([
      'picked {"contact":"Dana Reyes"}',
      'picked {"contact":"Dana Ross"}',
    ]);
  });
});
