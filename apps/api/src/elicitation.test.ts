import type { SalesCoachClient } from '@salescoach/client';
import type { ConversationEvent } from '@salescoach/domain';
import {
  startScriptedOpenAiServer,
  textAnswer,
  toolCallAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { startTestMcpServer, type TestMcpServer } from '@salescoach/mcp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  followRoom,
  followSession,
  openRoom,
  startTestStack,
  type TestStack,
} from './testing/index.js';

/** A tool that asks the asker for input mid-call (the hub's test server), over real MCP HTTP. */
let model: ScriptedOpenAiServer;
let tools: TestMcpServer;
let stack: TestStack;
let quick: TestStack;

const testServer = () => ({
  name: 'test',
  description: 'Test tools',
  transport: 'streamable-http',
  url: tools.url,
  roles: ['Sales', 'Manager'],
  auth: 'none',
  timeoutMs: 10_000,
});

beforeAll(async () => {
  [model, tools] = await Promise.all([startScriptedOpenAiServer(), startTestMcpServer()]);
  stack = await startTestStack({
    openAiBaseUrl: model.url,
    crm: false,
    extraServers: [testServer()],
  });
  quick = await startTestStack({
    openAiBaseUrl: model.url,
    crm: false,
    extraServers: [testServer()],
    env: { ELICITATION_TIMEOUT: '1s' },
  });
  await Promise.all([stack.toolsReady(), quick.toolsReady()]);
});
afterAll(async () => {
  await stack?.close();
  await quick?.close();
  await tools?.close();
  await model?.close();
});

type Elicited = Extract<ConversationEvent, { type: 'tool.elicitation' }>;
type Closed = Extract<ConversationEvent, { type: 'tool.elicitation_closed' }>;
const elicitedIn = (events: { event: ConversationEvent }[]) =>
  events.map((e) => e.event).find((e): e is Elicited => e.type === 'tool.elicitation');
const closedIn = (events: { event: ConversationEvent }[]) =>
  events.map((e) => e.event).find((e): e is Closed => e.type === 'tool.elicitation_closed');
const completed = (events: { event: ConversationEvent }[]) =>
  events.some((e) => e.event.type === 'answer.completed');

/** The model calls pick_contact, then (unless the answer is stopped first) says what it got. */
function scriptPick(answers = true) {
  const call = toolCallAnswer([{ name: 'test__pick_contact', arguments: { account: 'Contoso' } }]);
  if (!answers) return model.script([call]);
  model.script([
    call,
    (request) => {
      const messages = (request.body as { messages: { role: string; content: string }[] }).messages;
      return textAnswer(
        `Tool said: ${messages.at(-1)?.content.includes('picked') ? 'picked' : 'no pick'}`,
      );
    },
  ]);
}

async function askInChat(on: TestStack, client: SalesCoachClient, answers = true) {
  const { id: sessionId } = await client.api.chat.sessions.create.mutate({ title: 'pick' });
  const seen = await followSession(client, sessionId);
  scriptPick(answers);
  await client.api.chat.send.mutate({
    sessionId,
    content: 'Which contact at Contoso?',
    clientMessageId: crypto.randomUUID(),
  });
  await seen.until((all) => elicitedIn(all) !== undefined);
  return { sessionId, seen, elicitation: elicitedIn(seen.events)!.elicitation, on };
}

describe('elicitation', () => {
  it('shows the asker the form and takes their answer back to the server', async () => {
    const alex = stack.client('alex');
    const { seen, elicitation } = await askInChat(stack, alex);
    expect(elicitation).toMatchObject({
      server: 'test',
      message: 'Two contacts at Contoso match. Which one?',
      askedBy: { id: 'dev:alex' },
      requestedSchema: {
        type: 'object',
        properties: { contact: { type: 'string', enum: ['Dana Reyes', 'Dana Ross'] } },
        required: ['contact'],
      },
    });
    const before = tools.elicitations.length;
    await alex.api.elicitations.respond.mutate({
      id: elicitation.id,
      action: 'accept',
      content: { contact: 'Dana Ross', seats: 12 },
    });
    await seen.until(completed);
    expect(closedIn(seen.events)).toMatchObject({
      elicitationId: elicitation.id,
      action: 'accept',
    });
    expect(tools.elicitations.slice(before)).toEqual([
      { action: 'accept', content: { contact: 'Dana Ross', seats: 12 } },
    ]);
    seen.stop();
  });

  it('refuses an answer that does not fit the form, and anyone but the asker', async () => {
    const alex = stack.client('alex');
    const sam = stack.client('sam');
    const { seen, elicitation } = await askInChat(stack, alex);
    const misfits: Record<string, string | number>[] = [
      { contact: 'Nobody' },
      { seats: 3 },
      { contact: 'Dana Ross', seats: 1.5 },
    ];
    for (const content of misfits)
      await expect(
        alex.api.elicitations.respond.mutate({ id: elicitation.id, action: 'accept', content }),
      ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(
      sam.api.elicitations.respond.mutate({ id: elicitation.id, action: 'decline' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const before = tools.elicitations.length;
    await alex.api.elicitations.respond.mutate({ id: elicitation.id, action: 'decline' });
    await seen.until(completed);
    expect(closedIn(seen.events)?.action).toBe('decline');
    expect(tools.elicitations.slice(before)).toEqual([{ action: 'decline' }]);
    await expect(
      alex.api.elicitations.respond.mutate({ id: elicitation.id, action: 'cancel' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    seen.stop();
  });

  it('cancels a request nobody answers in time (ELICITATION_TIMEOUT)', async () => {
    const before = tools.elicitations.length;
    const { seen, elicitation } = await askInChat(quick, quick.client('alex'));
    await seen.until(completed);
    expect(closedIn(seen.events)).toMatchObject({
      elicitationId: elicitation.id,
      action: 'cancel',
    });
    expect(tools.elicitations.slice(before)).toEqual([{ action: 'cancel' }]);
    seen.stop();
  });

  it('cancels the request when the answer is stopped', async () => {
    const alex = stack.client('alex');
    const { sessionId, seen, elicitation } = await askInChat(stack, alex, false);
    await alex.api.chat.stop.mutate({ sessionId });
    await seen.until((all) => closedIn(all) !== undefined);
    expect(closedIn(seen.events)).toMatchObject({
      elicitationId: elicitation.id,
      action: 'cancel',
    });
    await expect(
      alex.api.elicitations.respond.mutate({ id: elicitation.id, action: 'decline' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    seen.stop();
  });

  it('in a room, only the asker receives the form', async () => {
    const alex = stack.client('alex');
    const sam = stack.client('sam');
    const room = await openRoom(alex.api, { name: 'Pick room', role: 'Sales', aiMode: 'always' }, [
      'dev:sam',
    ]);
    const [mine, theirs] = [await followRoom(alex, room.id), await followRoom(sam, room.id)];
    scriptPick();
    await alex.api.groups.send.mutate({
      groupId: room.id,
      content: 'Which contact at Contoso?',
      clientMessageId: crypto.randomUUID(),
    });
    await mine.until((all) => elicitedIn(all) !== undefined);
    const { elicitation } = elicitedIn(mine.events)!;
    await alex.api.elicitations.respond.mutate({
      id: elicitation.id,
      action: 'accept',
      content: { contact: 'Dana Reyes' },
    });
    await Promise.all([mine.until(completed), theirs.until(completed)]);
    expect(elicitedIn(theirs.events)).toBeUndefined();
    expect(closedIn(theirs.events)?.action).toBe('accept');
    mine.stop();
    theirs.stop();
  });
});
