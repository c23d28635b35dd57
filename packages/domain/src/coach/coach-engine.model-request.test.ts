import { describe, expect, it } from 'vitest';
import { ref, setup } from './coach-engine.fixture.js';
import { finish, text, userMessage } from './testing/engine-fakes.js';

describe('coach engine', () => {
  it('sends the question as the last message and not the answer being written', async () => {
    const t = await setup([[text('ok'), finish()]], {
      history: ['first question', 'first answer'],
    });
    await t.run();
    const sent = t.llm.requests[0]!.messages;
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(sent.at(-1)).toMatchObject({
      role: 'user',
      content: 'How is my pipeline this quarter?',
    });
  });

  it('builds the system prompt with the date, the user and only the role’s servers', async () => {
    const t = await setup([
      [text('ok'), finish()],
      [text('ok'), finish()],
    ]);
    await t.run('Sales');
    await t.run('HR');
    const [sales, hr] = t.llm.requests.map((r) =>
      r.messages[0]?.role === 'system' ? r.messages[0].content : '',
    );
    expect(sales).toContain('2025-08-14');
    expect(sales).toContain('Alex Rivera (Sales)');
    expect(sales).toContain('- **crm**: Sales CRM: accounts, opportunities, pipeline');
    expect(sales).not.toContain('hr');
    expect(hr).toContain('- **hr**: People records');
    expect(hr).not.toContain('crm');
  });
});

describe('history for a question that waited', () => {
  it('answers with the conversation up to the question, not what was written after it', async () => {
    const t = await setup([[text('Answer.'), finish()]], {
      history: ['earlier one', 'earlier two'],
    });
    for (const later of ['written while it waited', 'and more']) {
      const { seq: _seq, ...m } = userMessage(ref, 0, later);
      await t.messages.append(ref, m);
    }
    await t.run();
    const sent = t.llm.requests[0]!.messages.map((m) => m.content);
    expect(sent.some((c) => c.includes('How is my pipeline this quarter?'))).toBe(true);
    expect(sent.some((c) => c.includes('earlier two'))).toBe(true);
    expect(sent.some((c) => c.includes('written while it waited') || c.includes('and more'))).toBe(
      false,
    );
  });
});
