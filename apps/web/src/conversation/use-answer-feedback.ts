import type { FeedbackRating, MyFeedback } from '@salescoach/domain';
import { useCallback, useEffect, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import type { ConversationSource } from './conversation-source.js';

export interface AnswerFeedbackView {
  /** The user's verdict per answer id. */
  readonly byMessage: ReadonlyMap<string, MyFeedback>;
  /** Rates (or, with null, un-rates) an answer; shown at once, put back if the server refuses. */
  readonly rate: (messageId: string, rating: FeedbackRating | null, reason?: string) => void;
  readonly error: string | null;
}

/** The signed-in user's "Good answer" / "Bad answer" verdicts in one conversation. */
export function useAnswerFeedback(source: ConversationSource | null): AnswerFeedbackView {
  const [byMessage, setByMessage] = useState<ReadonlyMap<string, MyFeedback>>(new Map());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setByMessage(new Map());
    setError(null);
    if (!source) return;
    let live = true;
    source.myFeedback().then(
      (list) => live && setByMessage(new Map(list.map((f) => [f.messageId, f]))),
      () => undefined, // Verdicts are a nicety: the conversation works without them.
    );
    return () => {
      live = false;
    };
  }, [source]);

  const rate = useCallback(
    (messageId: string, rating: FeedbackRating | null, reason?: string) => {
      if (!source) return;
      let before: MyFeedback | undefined;
      const put = (value: MyFeedback | undefined) =>
        setByMessage((current) => {
          const next = new Map(current);
          if (value) next.set(messageId, value);
          else next.delete(messageId);
          return next;
        });
      setByMessage((current) => {
        before = current.get(messageId);
        return current;
      });
      put(rating ? { messageId, rating, ...(reason ? { reason } : {}) } : undefined);
      setError(null);
      source.rate(messageId, rating, reason).catch((err: unknown) => {
        put(before);
        setError(`Your feedback was not saved: ${readableError(err)}`);
      });
    },
    [source],
  );

  return { byMessage, rate, error };
}
