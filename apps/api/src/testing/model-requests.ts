import type { RecordedRequest, ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { waitFor } from './event-collector.js';

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

/** Waits for the latest request to the scripted model that carried a message `carries` accepts. */
export const requestCarrying = (
  model: ScriptedOpenAiServer,
  carries: (content: string) => boolean,
): Promise<RecordedRequest> =>
  waitFor(() => model.requests.findLast((r) => messagesOf(r).some((m) => carries(m.content))));
