import type { SalesCoachClient } from '@salescoach/client';
import type { ConversationEvent, Message } from '@salescoach/domain';
import { collectEvents } from '../testing/index.js';

export type AnswerEnd = Extract<ConversationEvent, { type: 'answer.completed' | 'answer.failed' }>;

export interface AnswerProbe {
  readonly sessionId: string;
  readonly sent: { messageId: string; seq: number; created: boolean };
  readonly seen: ReturnType<typeof collectEvents>;
  /** The answer to this question ending (completed or failed); the subscription is closed then. */
  ended(timeoutMs?: number): Promise<AnswerEnd>;
  /** The persisted history of the session. */
  history(): Promise<Message[]>;
}

const isEnd = (event: ConversationEvent): event is AnswerEnd =>
  event.type === 'answer.completed' || event.type === 'answer.failed';

/**
 * Subscribes to a session (a new one, titled so no title is written), sends one question,
 * and gives back how its answer ended. The session is titled so the utility model is not
 * asked for a title (a scripted model answers only what a test scripts).
 */
export async function askAndFollow(
  client: SalesCoachClient,
  content: string,
  sessionId?: string,
): Promise<AnswerProbe> {
  const id =
    sessionId ?? (await client.api.chat.sessions.create.mutate({ title: 'reliability' })).id;
  const seen = collectEvents();
  const sub = client.api.chat.events.subscribe(
    { sessionId: id, lastEventId: null },
    { onData: seen.onData, onStarted: seen.onStarted },
  );
  await seen.started;
  const sent = await client.api.chat.send.mutate({
    sessionId: id,
    content,
    clientMessageId: crypto.randomUUID(),
  });
  const ends = () =>
    seen.events
      .map((e) => e.event)
      .filter((e): e is AnswerEnd => isEnd(e) && e.message.seq > sent.seq);
  return {
    sessionId: id,
    sent,
    seen,
    async ended(timeoutMs = 20_000) {
      try {
        await seen.until(() => ends().length > 0, timeoutMs);
      } finally {
        sub.unsubscribe();
      }
      const end = ends()[0];
      if (!end) throw new Error('the answer did not end');
      return end;
    },
    async history() {
      return (await client.api.chat.messages.list.query({ sessionId: id })).messages;
    },
  };
}
