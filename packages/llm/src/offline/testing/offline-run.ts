import type { LlmChunk, LlmRequest } from '@salescoach/domain';
import { expect } from 'vitest';
import { createOfflineModel } from '../offline-model.js';
import { TOOLS } from './crm-tool-descriptors.js';

export const clock = { now: () => new Date('2026-11-24T09:00:00Z') };
export const model = createOfflineModel({ clock, chunkSize: 16 });

export async function collect(stream: AsyncIterable<LlmChunk>): Promise<LlmChunk[]> {
  const chunks: LlmChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export const chat = (question: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
  purpose: 'chat',
  messages: [
    { role: 'system', content: 'You are a coach.' },
    { role: 'user', content: question },
  ],
  tools: TOOLS,
  user: { id: 'u-alex', name: 'Alex', email: 'alex@contoso.example' },
  ...extra,
});

export async function callsFor(question: string) {
  const chunks = await collect(model.stream(chat(question)));
  expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' });
  return chunks.flatMap((c) =>
    c.type === 'tool_call'
      ? [{ name: c.call.name, args: JSON.parse(c.call.arguments) as unknown }]
      : [],
  );
}

export const textOf = (chunks: LlmChunk[]) =>
  chunks.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');
