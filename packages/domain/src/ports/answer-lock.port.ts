/** Ends a turn taken with `AnswerLock.acquire`; idempotent. */
export type ReleaseAnswerTurn = () => Promise<void>;

/** The question whose answer holds a conversation's turn. */
export interface TurnHolder {
  readonly messageId: string;
  readonly askedBy: string;
}

/** A question waiting for the coach, on some instance. */
export interface WaitingQuestion {
  readonly messageId: string;
  readonly askedBy: string;
  /** The question's seq in the conversation: the waiting list is shown in this order. */
  readonly seq: number;
}

/**
 * A conversation's answer turn, shared by every API instance: whoever holds it may run the
 * conversation's one coach answer. An instance that does not get it keeps its question
 * waiting and asks again. The lock also keeps who holds the turn and what every instance
 * has waiting, so a stop or a waiting list is right whichever instance is asked.
 */
export interface AnswerLock {
  /** Takes the turn; resolves with its release, or undefined while someone else holds it. */
  acquire(conversationId: string, holder: TurnHolder): Promise<ReleaseAnswerTurn | undefined>;
  /** Who holds the turn now, on any instance. */
  holder(conversationId: string): Promise<TurnHolder | undefined>;
  /**
   * Replaces what `instance` has waiting in the conversation and returns what every live
   * instance has waiting, by seq.
   */
  share(
    conversationId: string,
    instance: string,
    waiting: readonly WaitingQuestion[],
  ): Promise<WaitingQuestion[]>;
}
