import { practiceSchema, type Practice } from '@salescoach/domain';
import { validateIncoming } from './stored-document.js';

/** A practice after `change`, validated; its id, rep and session never move. */
export function changedPractice(current: Practice, change: (p: Practice) => Practice): Practice {
  const { id, userId, sessionId } = current;
  return validateIncoming(
    practiceSchema,
    { ...change(current), id, userId, sessionId },
    'practice',
  );
}
