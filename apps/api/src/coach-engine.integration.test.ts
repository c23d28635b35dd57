import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCoachEngine,
  newId,
  type ConversationEvent,
  type ConversationRef,
  type Message,
  type MessageRepository,
  type User,
} from '@salescoach/domain';
import { createOfflineModel } from '@salescoach/llm/offline';
import type { McpHub } from '@salescoach/mcp';
import { startCrmHub, type CrmHub } from '@salescoach/mcp/testing';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { createMemoryStore } from '@salescoach/store/memory';

// The coach engine end to end with the offline model, the real CRM MCP server over
// Streamable HTTP and the real MCP hub.

const NOW = new Date('2026-11-15T12:00:00Z');
const QUESTION = 'How is my pipeline this quarter?';
const TEMPLATE =
  'You coach {{USER_NAME}} ({{USER_ROLE}}) on {{TODAY_DATE}}. Data sources:\n{{MCP_SERVERS}}';

const alex: User = {
  id: 'alex',
  tenantId: 'dev',
  name: 'Alex Rivera',
  email: 'alex@salescoach.dev',
  roles: ['Sales'],
};
const riley: User = {
  id: 'riley',
  tenantId: 'dev',
  name: 'Riley Chen',
  email: 'riley@salescoach.dev',
  roles: ['HR'],
};

let hub: McpHub;
let crmHub: CrmHub;
let authority: DevAuthority;

/** The user's API token from the dev issuer: the hub exchanges it for one issued for the CRM. */
const devToken = (user: User): Promise<string> => authority.token(user.id);

beforeAll(async () => {
  authority = await startDevAuthority();
  crmHub = await startCrmHub({
    authority,
    now: NOW,
    description:
      'Sales CRM: accounts, opportunities, pipeline, forecast, rep scorecards and deal risks',
  });
  hub = crmHub.hub;
});

afterAll(async () => {
  await crmHub?.close();
  await authority?.close();
});

async function ask(user: User, role: string) {
  const store = createMemoryStore();
  const messages: MessageRepository = store.messages;
  const sessionId = newId();
  const now = NOW.toISOString();
  await store.sessions.create({
    id: sessionId,
    userId: user.id,
    title: 'New conversation',
    role,
    createdAt: now,
    updatedAt: now,
    lastSeq: 0,
    private: false,
  });
  const ref: ConversationRef = { kind: 'session', userId: user.id, sessionId };
  const { message: question } = await messages.append(ref, {
    id: newId(),
    conversationId: sessionId,
    conversationKind: 'session',
    author: { kind: 'user', userId: user.id, name: user.name },
    content: QUESTION,
    attachments: { tables: [], charts: [] },
    toolCalls: [],
    status: 'complete',
    createdAt: now,
    updatedAt: now,
  });
  const engine = createCoachEngine({
    messages,
    llm: createOfflineModel({ clock: { now: () => NOW } }),
    tools: hub,
    prompt: { load: async () => TEMPLATE },
    clock: { now: () => NOW },
    limits: { maxToolRounds: 3, toolResultMaxChars: 20_000, historyTokenBudget: 4_000 },
  });
  const events: ConversationEvent[] = [];
  const answer = await engine.answer({
    ref,
    user,
    role,
    token: await devToken(user),
    question,
    signal: new AbortController().signal,
    emit: (event) => events.push(event),
  });
  const persisted = (await messages.get(ref, answer.id)) as Message;
  return { answer, persisted, events, question: await messages.get(ref, question.id) };
}

describe('coach engine with the offline model and the CRM server', () => {
  it('answers a rep’s pipeline question with a CRM tool, a table and a chart', async () => {
    const { answer, persisted, events } = await ask(alex, 'Sales');

    expect(hub.toolsFor('Sales').some((t) => t.server === 'crm')).toBe(true);
    const crmCalls = persisted.toolCalls.filter((c) => c.server === 'crm');
    expect(crmCalls.length).toBeGreaterThanOrEqual(1);
    expect(crmCalls.every((c) => c.status === 'ok')).toBe(true);

    expect(persisted.status).toBe('complete');
    expect(persisted).toEqual(answer);
    expect(persisted.model).toEqual({ provider: 'offline', name: 'offline-coach' });
    expect(persisted.content).toContain('Offline model');
    expect(persisted.attachments.tables.length).toBeGreaterThanOrEqual(1);
    expect(persisted.attachments.charts.length).toBeGreaterThanOrEqual(1);
    expect(persisted.attachments.charts[0]?.data.length).toBeGreaterThanOrEqual(1);

    const types = events.map((e) => e.type);
    expect(types[0]).toBe('answer.started');
    expect(types.at(-1)).toBe('answer.completed');
    expect(types.indexOf('tool.started')).toBeLessThan(types.indexOf('tool.finished'));
    expect(types.indexOf('tool.finished')).toBeLessThan(types.lastIndexOf('answer.delta'));
    const streamed = events.flatMap((e) => (e.type === 'answer.delta' ? [e.text] : [])).join('');
    expect(streamed).toBe(persisted.content);
  });

  it('runs no CRM tool for an HR user asking the same question', async () => {
    const { persisted, events, question } = await ask(riley, 'HR');

    expect(hub.toolsFor('HR').some((t) => t.server === 'crm')).toBe(false);
    expect(persisted.toolCalls.filter((c) => c.server === 'crm')).toEqual([]);
    expect(
      events.some(
        (e) => (e.type === 'tool.started' || e.type === 'tool.finished') && e.call.server === 'crm',
      ),
    ).toBe(false);
    expect(persisted.status).toBe('complete');
    expect(persisted.attachments.tables).toEqual([]);
    expect(question?.content).toBe(QUESTION);
  });
});
