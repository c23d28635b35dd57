import type { Message } from '@salescoach/domain';
import type { SalesCoachClient } from './client.js';
import { unwrapEvent } from './events.js';

export interface AskOptions {
  readonly question: string;
  /** Continue this session; a new one is created when absent. */
  readonly sessionId?: string;
  readonly onDelta?: (text: string) => void;
  readonly onTool?: (phase: 'started' | 'finished', call: Message['toolCalls'][number]) => void;
  readonly signal?: AbortSignal;
}

export interface AskResult {
  readonly sessionId: string;
  readonly answer: Message;
}

/**
 * Asks the coach and waits for the answer: subscribes FIRST (from the page's event id, so
 * nothing is missed), then sends, then follows events until the answer to this question
 * ends. The answer is the first assistant message after the question's seq; events may
 * arrive before the send's reply, so they are kept until the question's seq is known.
 */
export async function askQuestion(
  client: SalesCoachClient,
  options: AskOptions,
): Promise<AskResult> {
  const sessionId = options.sessionId ?? (await client.api.chat.sessions.create.mutate({})).id;
  const page = await client.api.chat.messages.list.query({ sessionId, limit: 1 });
  const clientMessageId = globalThis.crypto.randomUUID();

  return new Promise<AskResult>((resolve, reject) => {
    let questionSeq: number | undefined;
    const assistant = new Map<string, { seq: number; final?: Message }>();
    const pendingDeltas: { messageId: string; text: string }[] = [];
    let settled = false;

    const answerId = (): string | undefined => {
      if (questionSeq === undefined) return undefined;
      let best: { id: string; seq: number } | undefined;
      for (const [id, entry] of assistant)
        if (entry.seq > questionSeq && (!best || entry.seq < best.seq))
          best = { id, seq: entry.seq };
      return best?.id;
    };
    const settle = (error?: Error) => {
      if (settled) return;
      const id = answerId();
      const final = id ? assistant.get(id)?.final : undefined;
      if (!error && !final) return;
      settled = true;
      subscription.unsubscribe();
      if (error) reject(error);
      else if (final) resolve({ sessionId, answer: final });
    };
    const flushDeltas = () => {
      const id = answerId();
      if (!id) return;
      for (const delta of pendingDeltas.splice(0))
        if (delta.messageId === id) options.onDelta?.(delta.text);
    };

    const subscription = client.api.chat.events.subscribe(
      { sessionId, lastEventId: page.lastEventId },
      {
        onData(item) {
          const { event } = unwrapEvent(item);
          switch (event.type) {
            case 'answer.started':
              assistant.set(event.message.id, { seq: event.message.seq });
              break;
            case 'answer.delta':
              pendingDeltas.push(event);
              flushDeltas();
              break;
            case 'tool.started':
            case 'tool.finished':
              if (event.messageId === answerId())
                options.onTool?.(
                  event.type === 'tool.started' ? 'started' : 'finished',
                  event.call,
                );
              break;
            case 'answer.completed':
            case 'answer.failed':
              assistant.set(event.message.id, { seq: event.message.seq, final: event.message });
              settle();
              break;
            default:
              break;
          }
        },
        onError: (error) => settle(error instanceof Error ? error : new Error(String(error))),
        // Send only once the server listens, so no event of the answer can be missed.
        onStarted: () => send(),
      },
    );
    options.signal?.addEventListener('abort', () => {
      void client.api.chat.stop.mutate({ sessionId });
    });

    let sending = false;
    function send(): void {
      if (sending) return;
      sending = true;
      client.api.chat.send
        .mutate({ sessionId, content: options.question, clientMessageId })
        .then((sent) => {
          questionSeq = sent.seq;
          flushDeltas();
          settle();
        })
        .catch((error: unknown) =>
          settle(error instanceof Error ? error : new Error(String(error))),
        );
    }
  });
}
