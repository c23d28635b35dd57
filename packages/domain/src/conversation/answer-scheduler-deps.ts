import type { Message } from '../model/message.js';
import type { User } from '../model/user.js';
import type { AnswerLock } from '../ports/answer-lock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { AnswerRegistry } from './answer-registry.js';
import type { AnswerStopBus } from './answer-stop-bus.js';

/** A question addressed to the coach, waiting for its turn or being answered. */
export interface ScheduledQuestion {
  readonly message: Message;
  readonly asker: User;
  /** The asker's bearer token, kept in memory only while the question waits. */
  readonly token: string | undefined;
  /** Link the answer to its question explicitly (an edit, a regenerated answer, an earlier branch). */
  readonly linkAnswer?: boolean;
}

export interface QueuedEntry {
  readonly messageId: string;
  readonly askedBy: string;
}

/** What happens to a question while the coach is answering in its conversation. */
export type BusyPolicy = 'refuse' | 'queue';

export type StopOutcome = 'stopped' | 'nothing' | 'not-allowed';

export interface AnswerSchedulerDeps {
  readonly answers: AnswerRegistry;
  /** The conversation's answer turn across API instances. */
  readonly lock: AnswerLock;
  /** Carries stops to the instance that runs the answer. */
  readonly stops: AnswerStopBus;
  readonly policy: BusyPolicy;
  /** Questions that may wait per conversation (policy `queue`); more are refused with LIMIT_EXCEEDED. */
  readonly maxWaiting: number;
  /** How long a question whose turn is held on another instance waits before asking again (default 200 ms, plus jitter). */
  readonly lockRetryMs?: number;
  /** Answers one question; resolves when the answer has ended (in any status). */
  readonly answer: (
    conversationId: string,
    question: ScheduledQuestion,
    signal: AbortSignal,
  ) => Promise<unknown>;
  /** Called whenever the waiting list (every instance's) changes. */
  readonly queueChanged: (conversationId: string, queue: QueuedEntry[]) => void;
  readonly logger: Logger;
}
