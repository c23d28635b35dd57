import type { Message, PracticeView } from '@salescoach/domain';
import type { SalesCoachClient } from './client.js';
import { unwrapEvent } from './events.js';

export interface PracticeRunOptions {
  readonly start: { readonly scenarioId: string } | { readonly opportunityId: string };
  /** The rep's lines, each sent after the buyer's reply to the previous one. */
  readonly turns: readonly string[];
}

export interface PracticeRunResult {
  readonly practice: PracticeView;
  readonly messages: readonly Message[];
}

/**
 * Plays a whole practice: starts it, subscribes FIRST, then sends each rep line once the
 * buyer has answered the one before, ends and scores it, and reads the transcript.
 */
export async function runPractice(
  client: SalesCoachClient,
  options: PracticeRunOptions,
): Promise<PracticeRunResult> {
  const started = await client.api.practice.start.mutate(options.start);
  const practiceId = started.id;
  const page = await client.api.practice.messages.query({ practiceId, limit: 1 });
  /** seq of every finished buyer reply. */
  const replies: number[] = [];
  const waiters: { afterSeq: number; resolve: (m: number) => void; reject: (e: Error) => void }[] =
    [];
  let failure: Error | undefined;

  const wake = () => {
    for (const waiter of waiters.splice(0)) {
      if (failure) waiter.reject(failure);
      else if (replies.some((seq) => seq > waiter.afterSeq)) waiter.resolve(waiter.afterSeq);
      else waiters.push(waiter);
    }
  };
  const replyAfter = (afterSeq: number) =>
    new Promise<number>((resolve, reject) => {
      waiters.push({ afterSeq, resolve, reject });
      wake();
    });

  let listening: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const subscription = client.api.practice.events.subscribe(
    { practiceId, lastEventId: page.lastEventId },
    {
      onData(item) {
        const { event } = unwrapEvent(item);
        if (event.type === 'answer.completed') replies.push(event.message.seq);
        if (event.type === 'answer.failed')
          failure = new Error(`The buyer could not answer: ${event.reason}`);
        wake();
      },
      onError(error) {
        failure = error instanceof Error ? error : new Error(String(error));
        wake();
      },
      onStarted: () => listening(),
    },
  );
  try {
    await ready;
    for (const content of options.turns) {
      const sent = await client.api.practice.send.mutate({
        practiceId,
        content,
        clientMessageId: globalThis.crypto.randomUUID(),
      });
      await replyAfter(sent.seq);
    }
  } finally {
    subscription.unsubscribe();
  }
  const practice = await client.api.practice.end.mutate({ practiceId });
  const messages: Message[] = [];
  let before: number | undefined;
  for (let n = 0; n < 100; n++) {
    const result = await client.api.practice.messages.query({ practiceId, before, limit: 200 });
    messages.unshift(...result.messages);
    if (!result.hasMore || result.messages.length === 0) break;
    before = result.messages[0]?.seq;
  }
  return { practice, messages };
}

/** The `practice run --json` object (DESIGN §8). */
export function practiceRunJson({ practice, messages }: PracticeRunResult): unknown {
  const card = practice.scorecard;
  return {
    practiceId: practice.id,
    sessionId: practice.sessionId,
    scenario: practice.scenario,
    transcript: messages
      .filter((m) => m.author.kind === 'user' || (m.status !== 'failed' && m.content !== ''))
      .map((m) => ({ speaker: m.author.kind === 'user' ? 'rep' : 'buyer', content: m.content })),
    scorecard: card
      ? {
          score: card.score,
          checks: card.checks,
          strengths: card.strengths,
          improvements: card.improvements,
        }
      : null,
  };
}
