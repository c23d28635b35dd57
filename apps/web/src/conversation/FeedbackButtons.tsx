import type { FeedbackRating, MyFeedback } from '@salescoach/domain';
import { useId, useState, type FormEvent } from 'react';

interface FeedbackButtonsProps {
  readonly current: MyFeedback | undefined;
  readonly onRate: (rating: FeedbackRating | null, reason?: string) => void;
}

const REASON_MAX = 500;

/**
 * "Good answer" / "Bad answer" toggles under a coach answer. Choosing one offers an optional
 * reason; pressing the chosen one again takes the verdict back.
 */
export function FeedbackButtons({ current, onRate }: FeedbackButtonsProps) {
  const [asking, setAsking] = useState<FeedbackRating | null>(null);
  const [reason, setReason] = useState('');
  const reasonId = useId();

  const choose = (rating: FeedbackRating) => {
    if (current?.rating === rating) {
      setAsking(null);
      onRate(null);
      return;
    }
    onRate(rating);
    setReason('');
    setAsking(rating);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (asking && reason.trim()) onRate(asking, reason.trim());
    setAsking(null);
  };

  return (
    <>
      {(['good', 'bad'] as const).map((rating) => (
        <button
          key={rating}
          type="button"
          className="ghost small feedback-button"
          aria-pressed={current?.rating === rating}
          title={rating === 'good' ? 'Good answer' : 'Bad answer'}
          onClick={() => choose(rating)}
        >
          <span aria-hidden="true">{rating === 'good' ? '👍' : '👎'}</span>
          <span className="visually-hidden">
            {rating === 'good' ? 'Good answer' : 'Bad answer'}
          </span>
        </button>
      ))}
      {asking && (
        <form className="feedback-reason" onSubmit={submit}>
          <label htmlFor={reasonId}>
            {asking === 'good' ? 'What was good?' : 'What was wrong?'} (optional)
          </label>
          <input
            id={reasonId}
            value={reason}
            maxLength={REASON_MAX}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setAsking(null);
            }}
          />
          <button type="submit" className="small">
            {reason.trim() ? 'Send' : 'Skip'}
          </button>
        </form>
      )}
      {current && !asking && <span className="muted small">Thanks for the feedback</span>}
    </>
  );
}
