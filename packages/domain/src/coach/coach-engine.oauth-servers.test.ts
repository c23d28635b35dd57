import { describe, expect, it } from 'vitest';
import type { ConversationRef } from '../model/message.js';
import { createCoachEngine } from './coach-engine.js';
import { limits, servers, TEMPLATE } from './coach-engine.fixture.js';
import {
  alex,
  eventSink,
  finish,
  memoryMessages,
  recordingHub,
  scriptedLlm,
  text,
  toolCall,
  userMessage,
} from './testing/engine-fakes.js';

describe('coach engine and per-user (oauth) servers', () => {
  it('offers a connected user their tools, and names the server "not connected" to others', async () => {
    const notesTool = {
      name: 'notes__whoami',
      server: 'notes',
      tool: 'whoami',
      description: 'Who you are to notes',
      inputSchema: { type: 'object' },
      approval: 'none' as const,
    };
    const notes = { name: 'notes', description: 'Team notes' };
    const base = recordingHub(servers);
    const hub = {
      ...base,
      offerFor: async (role: string, userId: string) => {
        const offer = await base.offerFor(role, userId);
        return userId === 'sam'
          ? { ...offer, tools: [...offer.tools, notesTool], servers: [...offer.servers, notes] }
          : { ...offer, unconnected: [notes] };
      },
    };
    const ref: ConversationRef = { kind: 'session', userId: 'alex', sessionId: 's-oauth' };
    const messages = memoryMessages();
    const { seq: _seq, ...q } = userMessage(ref, 1, 'What do my notes say?');
    const { message: question } = await messages.append(ref, q);
    const llm = scriptedLlm([
      [toolCall('c1', 'notes__whoami', {}), finish('tool_calls')],
      [text('Connect notes to use its tools.'), finish()],
      [text('ok'), finish()],
    ]);
    const engine = createCoachEngine({
      messages,
      llm,
      tools: hub,
      prompt: { load: async () => TEMPLATE },
      limits,
    });
    const answers = [];
    for (const user of [alex, { ...alex, id: 'sam', name: 'Sam' }])
      answers.push(
        await engine.answer({
          ref,
          user,
          role: 'Sales',
          question,
          signal: new AbortController().signal,
          emit: eventSink().emit,
        }),
      );
    const [forAlex, , forSam] = llm.requests;
    // The model named the server's tool anyway: the call says how to connect it.
    expect(answers[0]!.toolCalls).toEqual([
      expect.objectContaining({
        server: 'notes',
        status: 'refused',
        error: 'Connect notes to use its tools',
      }),
    ]);
    const system = (r: typeof forAlex) => r?.messages[0]?.content ?? '';
    expect(system(forAlex)).toContain('- **notes** (not connected): Team notes.');
    expect(system(forAlex)).toContain('say "Connect notes to use its tools"');
    expect(forAlex!.tools?.map((t) => t.name)).not.toContain('notes__whoami');
    expect(system(forSam)).toContain('- **notes**: Team notes');
    expect(system(forSam)).not.toContain('not connected');
    expect(forSam!.tools?.map((t) => t.name)).toContain('notes__whoami');
  });
});
