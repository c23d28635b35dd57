import { DomainError, DomainErrorCode } from '../errors/domain-error.js';
import type { ReleaseAnswerTurn, WaitingQuestion } from '../ports/answer-lock.port.js';
import type {
  AnswerSchedulerDeps,
  QueuedEntry,
  ScheduledQuestion,
  StopOutcome,
} from './answer-scheduler-deps.js';
import type { StopRequest } from './answer-stop-bus.js';

export type {
  AnswerSchedulerDeps,
  BusyPolicy,
  QueuedEntry,
  ScheduledQuestion,
  StopOutcome,
} from './answer-scheduler-deps.js';

interface Conversation {
  /** The question whose turn it is here: taking the lock, or being answered. */
  current: ScheduledQuestion | undefined;
  /** True once `current` holds the lock and its answer runs. */
  answering: boolean;
  /** True while `current` is shown as waiting (the turn is held elsewhere, or it came from the waiting list). */
  currentShown: boolean;
  retry: ReturnType<typeof setTimeout> | undefined;
  waiting: ScheduledQuestion[];
  /** The waiting list last published, to publish changes only. */
  shown: string;
}

const DEFAULT_LOCK_RETRY_MS = 200;
/** What this instance has waiting is written again this often, so other instances keep seeing it. */
const SHARE_REFRESH_MS = 5_000;

/**
 * One coach answer per conversation at a time, for every conversation kind. While one runs,
 * a new question is refused (`refuse`) or waits in order (`queue`) and starts when the
 * previous answer ends. A question starts only once it holds the conversation's
 * `AnswerLock`, so the rule holds across API instances; a stop reaches the instance that
 * runs the answer through the `AnswerStopBus`, and the waiting list shown is every
 * instance's. Answers run in the shared AnswerRegistry, so shutdown drains them.
 */
export class AnswerScheduler {
  private readonly conversations = new Map<string, Conversation>();
  private readonly unlisten: () => void;
  private refresh: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(private readonly deps: AnswerSchedulerDeps) {
    this.unlisten = deps.stops.listen((request) => this.applyStop(request));
  }

  /** Throws when the conversation cannot take a question now (check before storing it). */
  async assertAccepting(conversationId: string): Promise<void> {
    const here = this.conversations.get(conversationId);
    if (this.deps.policy === 'refuse') {
      if (here?.current || (await this.deps.lock.holder(conversationId))) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          'The coach is still answering; stop it or wait before sending again',
        );
      }
      return;
    }
    const waiting = here ? visible(here).length : 0;
    if (waiting >= this.deps.maxWaiting) {
      throw new DomainError(
        DomainErrorCode.LimitExceeded,
        `The coach already has ${waiting} questions waiting here; try again when it has answered them`,
      );
    }
  }

  /** Takes the turn now when the conversation is idle here, else puts the question at the end of the waiting list. */
  request(conversationId: string, question: ScheduledQuestion): 'started' | 'queued' {
    if (this.closed)
      throw new DomainError(DomainErrorCode.Unavailable, 'The server is shutting down');
    const c = this.conversation(conversationId);
    if (c.current) {
      c.waiting.push(question);
      this.publishQueue(conversationId, c);
      return 'queued';
    }
    this.take(conversationId, c, question, false);
    return 'started';
  }

  /** What waits here (this instance's part of the list). */
  waiting(conversationId: string): QueuedEntry[] {
    const c = this.conversations.get(conversationId);
    return c ? visible(c).map(waitingQuestion).map(entry) : [];
  }

  /**
   * Someone who may stop `everything` stops the running answer and clears the waiting list;
   * anyone else stops the running answer only if they asked it, and withdraws their own
   * waiting questions. Works from any instance: what runs or waits elsewhere is stopped there.
   */
  async stop(
    conversationId: string,
    by: { userId: string; everything: boolean },
  ): Promise<StopOutcome> {
    const mayStop = (askedBy: string) => by.everything || askedBy === by.userId;
    const [holder, shared] = await Promise.all([
      this.deps.lock.holder(conversationId).catch(() => undefined),
      this.deps.lock
        .share(conversationId, this.deps.stops.instance, this.localWaiting(conversationId))
        .catch(() => [] as WaitingQuestion[]),
    ]);
    const c = this.conversations.get(conversationId);
    const runningHere = c?.answering ? c.current?.message.id : undefined;
    const here = this.stopHere(conversationId, { ...by, messageId: holder?.messageId });
    const remoteRunning =
      holder && holder.messageId !== runningHere && mayStop(holder.askedBy) ? holder : undefined;
    const remoteWaiting = shared.some((q) => mayStop(q.askedBy));
    if (here === 'stopped' || remoteRunning || remoteWaiting) {
      await this.deps.stops
        .send({
          conversationId,
          userId: by.userId,
          everything: by.everything,
          messageId: remoteRunning?.messageId,
        })
        .catch((error: unknown) =>
          this.deps.logger.warn(
            { conversationId, err: (error as Error).message },
            'stop not sent to other instances',
          ),
        );
      return 'stopped';
    }
    return here === 'not-allowed' || holder || shared.length > 0 ? 'not-allowed' : 'nothing';
  }

  /** Removes someone's waiting questions (they left); their running answer finishes. */
  withdraw(conversationId: string, userId: string): void {
    const c = this.conversations.get(conversationId);
    if (!c) return;
    c.waiting = c.waiting.filter((q) => q.asker.id !== userId);
    if (c.current && !c.answering && c.current.asker.id === userId)
      this.abandonCurrent(conversationId, c);
    else this.publishQueue(conversationId, c);
  }

  /** Forgets the waiting questions and stops the answer (the conversation was deleted). */
  clear(conversationId: string): void {
    const c = this.conversations.get(conversationId);
    if (c) {
      c.waiting = [];
      if (c.current && !c.answering) this.abandonCurrent(conversationId, c);
    }
    this.deps.answers.stop(conversationId);
  }

  /** Drops every waiting question and accepts no more (shutdown); running answers are the registry's to drain. */
  close(): void {
    this.closed = true;
    this.unlisten();
    clearInterval(this.refresh);
    for (const [conversationId, c] of this.conversations) {
      c.waiting = [];
      if (c.current && !c.answering) {
        clearTimeout(c.retry);
        c.retry = undefined;
        c.current = undefined;
      }
      void this.deps.lock.share(conversationId, this.deps.stops.instance, []).catch(() => []);
    }
  }

  /** A stop another instance received: applied to what runs or waits here. */
  private applyStop(request: StopRequest): void {
    const c = this.conversations.get(request.conversationId);
    if (!c) return;
    this.stopHere(request.conversationId, request);
  }

  private stopHere(
    conversationId: string,
    by: { userId: string; everything: boolean; messageId?: string },
  ): StopOutcome {
    const c = this.conversations.get(conversationId);
    if (!c) return 'nothing';
    const mayStop = (q: ScheduledQuestion) => by.everything || q.asker.id === by.userId;
    const before = c.waiting.length;
    c.waiting = c.waiting.filter((q) => !mayStop(q));
    const withdrew = c.waiting.length !== before;
    const current = c.current;
    if (current && mayStop(current)) {
      if (!c.answering) {
        // Still waiting for the turn: it never starts.
        this.abandonCurrent(conversationId, c);
        return 'stopped';
      }
      if (!by.messageId || by.messageId === current.message.id) {
        this.publishQueue(conversationId, c);
        this.deps.answers.stop(conversationId);
        return 'stopped';
      }
    }
    if (withdrew) {
      this.publishQueue(conversationId, c);
      return 'stopped';
    }
    return current ? 'not-allowed' : 'nothing';
  }

  private conversation(conversationId: string): Conversation {
    let c = this.conversations.get(conversationId);
    if (!c) {
      c = {
        current: undefined,
        answering: false,
        currentShown: false,
        retry: undefined,
        waiting: [],
        shown: '',
      };
      this.conversations.set(conversationId, c);
    }
    return c;
  }

  /** Gives `question` the turn here; it starts once it holds the lock. */
  private take(conversationId: string, c: Conversation, q: ScheduledQuestion, shown: boolean) {
    c.current = q;
    c.answering = false;
    c.currentShown = shown;
    void this.attempt(conversationId, c, q);
  }

  private async attempt(conversationId: string, c: Conversation, q: ScheduledQuestion) {
    c.retry = undefined;
    let release: ReleaseAnswerTurn | undefined;
    try {
      release = await this.deps.lock.acquire(conversationId, {
        messageId: q.message.id,
        askedBy: q.asker.id,
      });
    } catch (error) {
      this.deps.logger.warn(
        { conversationId, err: (error as Error).message },
        'answer lock unavailable; retrying',
      );
    }
    if (c.current !== q || this.closed) {
      // Stopped, withdrawn or shut down meanwhile.
      if (release) await this.release(conversationId, release);
      if (c.current === q) c.current = undefined;
      this.forgetIfIdle(conversationId, c);
      return;
    }
    if (!release) {
      c.currentShown = true;
      this.publishQueue(conversationId, c);
      const base = this.deps.lockRetryMs ?? DEFAULT_LOCK_RETRY_MS;
      c.retry = setTimeout(
        () => void this.attempt(conversationId, c, q),
        base + Math.random() * base * 0.5,
      );
      return;
    }
    c.currentShown = false;
    this.publishQueue(conversationId, c);
    this.run(conversationId, c, q, release);
  }

  private run(
    conversationId: string,
    c: Conversation,
    q: ScheduledQuestion,
    release: ReleaseAnswerTurn,
  ): void {
    const log = this.deps.logger.child({ conversationId, questionId: q.message.id });
    let done: Promise<unknown>;
    try {
      done = this.deps.answers.start(conversationId, q.asker.id, (signal) =>
        this.deps.answer(conversationId, q, signal),
      );
    } catch (error) {
      log.error({ err: (error as Error).message }, 'answer could not start');
      void this.release(conversationId, release).finally(() => this.next(conversationId, c));
      return;
    }
    c.answering = true;
    void done
      .catch((error: unknown) =>
        log.error({ err: (error as Error).message }, 'answer ended with an unexpected error'),
      )
      .then(() => this.release(conversationId, release))
      .finally(() => this.next(conversationId, c));
  }

  private async release(conversationId: string, release: ReleaseAnswerTurn): Promise<void> {
    try {
      await release();
    } catch (error) {
      // The lock expires on its own.
      this.deps.logger.warn(
        { conversationId, err: (error as Error).message },
        'answer lock not released',
      );
    }
  }

  private next(conversationId: string, c: Conversation): void {
    c.current = undefined;
    c.answering = false;
    c.currentShown = false;
    const q = this.closed ? undefined : c.waiting.shift();
    if (!q) {
      this.publishQueue(conversationId, c);
      this.forgetIfIdle(conversationId, c);
      return;
    }
    // It stays shown as waiting until it holds the lock.
    this.take(conversationId, c, q, true);
  }

  /** Drops a current question that has not started (it was waiting for the lock) and moves on. */
  private abandonCurrent(conversationId: string, c: Conversation): void {
    clearTimeout(c.retry);
    c.retry = undefined;
    c.current = undefined;
    c.currentShown = false;
    this.publishQueue(conversationId, c);
    this.next(conversationId, c);
  }

  private forgetIfIdle(conversationId: string, c: Conversation): void {
    if (!c.current && c.waiting.length === 0 && this.conversations.get(conversationId) === c)
      this.conversations.delete(conversationId);
  }

  private localWaiting(conversationId: string): WaitingQuestion[] {
    const c = this.conversations.get(conversationId);
    return c ? visible(c).map(waitingQuestion) : [];
  }

  /** Shares what waits here and publishes every instance's list when it changed. */
  private publishQueue(conversationId: string, c: Conversation): void {
    const local = visible(c).map(waitingQuestion);
    if (local.length > 0) this.keepSharing();
    void this.deps.lock
      .share(conversationId, this.deps.stops.instance, local)
      .catch((error: unknown) => {
        this.deps.logger.warn(
          { conversationId, err: (error as Error).message },
          'waiting list not shared',
        );
        return local;
      })
      .then((all) => {
        const queue = all.map(entry);
        const key = queue.map((q) => q.messageId).join(',');
        if (key === c.shown) return;
        c.shown = key;
        this.deps.queueChanged(conversationId, queue);
      });
  }

  private keepSharing(): void {
    if (this.refresh || this.closed) return;
    this.refresh = setInterval(() => {
      let any = false;
      for (const [conversationId, c] of this.conversations) {
        if (visible(c).length === 0) continue;
        any = true;
        this.publishQueue(conversationId, c);
      }
      if (!any) {
        clearInterval(this.refresh);
        this.refresh = undefined;
      }
    }, SHARE_REFRESH_MS);
    this.refresh.unref?.();
  }
}

/** The questions seen waiting here: the current one while it waits for the lock, then the rest. */
const visible = (c: Conversation): ScheduledQuestion[] =>
  c.current && c.currentShown ? [c.current, ...c.waiting] : c.waiting;

const entry = (q: WaitingQuestion): QueuedEntry => ({ messageId: q.messageId, askedBy: q.askedBy });

const waitingQuestion = (q: ScheduledQuestion): WaitingQuestion => ({
  messageId: q.message.id,
  askedBy: q.asker.id,
  seq: q.message.seq,
});
