import type { ConversationEvent } from '@salescoach/domain';
import {
  startScriptedOpenAiServer,
  textAnswer,
  toolCallAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { startTestMcpServer, type TestMcpServer } from '@salescoach/mcp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followSession, type TestStack } from './testing/index.js';
import { startInstancePair, type InstancePair } from './testing/instance-pair.js';

/**
 * Two API instances on one Redis (BUS=redis): the call that asks for input runs on A, the
 * asker's answer reaches B, and travels over the event bus to A.
 */
let model: ScriptedOpenAiServer;
let tools: TestMcpServer;
let pair: InstancePair;
let a: TestStack;
let b: TestStack;

beforeAll(async () => {
  [model, tools] = await Promise.all([startScriptedOpenAiServer(), startTestMcpServer()]);
  pair = await startInstancePair({
    crm: false,
    openAiBaseUrl: model.url,
    extraServers: [
      {
        name: 'test',
        description: 'Test tools',
        transport: 'streamable-http',
        url: tools.url,
        roles: ['Sales'],
        auth: 'none',
        timeoutMs: 10_000,
      },
    ],
  });
  ({ a, b } = pair);
  await pair.toolsReady();
});
afterAll(async () => {
  await pair?.close();
  await Promise.allSettled([tools?.close(), model?.close()]);
});

type Elicited = Extract<ConversationEvent, { type: 'tool.elicitation' }>;

describe('elicitation across instances', () => {
  it('takes the asker’s answer on another instance to the one running the call', async () => {
    const onA = a.client('alex');
    const onB = b.client('alex');
    const samOnB = b.client('sam');
    const { id: sessionId } = await onA.api.chat.sessions.create.mutate({ title: 'pick' });
    const seen = await followSession(onB, sessionId);
    model.script([
      toolCallAnswer([{ name: 'test__pick_contact', arguments: { account: 'Contoso' } }]),
      textAnswer('Done.'),
    ]);
    await onA.api.chat.send.mutate({
      sessionId,
      content: 'Which contact at Contoso?',
      clientMessageId: crypto.randomUUID(),
    });
    await seen.until((all) => all.some((e) => e.event.type === 'tool.elicitation'));
    const { elicitation } = seen.events
      .map((e) => e.event)
      .find((e): e is Elicited => e.type === 'tool.elicitation')!;

    await expect(
      onB.api.elicitations.respond.mutate({
        id: elicitation.id,
        action: 'accept',
        content: { contact: 'Nobody' },
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(
      samOnB.api.elicitations.respond.mutate({ id: elicitation.id, action: 'decline' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const before = tools.elicitations.length;
    await onB.api.elicitations.respond.mutate({
      id: elicitation.id,
      action: 'accept',
      content: { contact: 'Dana Ross' },
    });
    await seen.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    expect(tools.elicitations.slice(before)).toEqual([
      { action: 'accept', content: { contact: 'Dana Ross' } },
    ]);
    expect(
      seen.events.some(
        (e) => e.event.type === 'tool.elicitation_closed' && e.event.action === 'accept',
      ),
    ).toBe(true);
    seen.stop();
  });
});
