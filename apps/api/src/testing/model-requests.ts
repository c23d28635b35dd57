import type { RecordedRequest } from '@salescoach/llm/testing';

export interface ModelMessage {
  readonly role: string;
  readonly content: string;
}

/** The chat messages a request to the scripted model carried. */
export const messagesOf = (request: RecordedRequest): ModelMessage[] =>
  (request.body as { messages?: ModelMessage[] }).messages ?? [];

/** What the model was given besides its instructions, as `role: content` lines. */
export const conversationOf = (request: RecordedRequest): string[] =>
  messagesOf(request)
    .filter((m) => m.role !== 'system')
    .map((m) => `${m.role}: ${m.content}`);
