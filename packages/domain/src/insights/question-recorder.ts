import type { AskedQuestion } from '../ports/question-sink.port.js';
import { newId } from '../model/ids.js';
import type { Clock } from '../ports/clock.port.js';
import type { QuestionLog } from '../ports/question-log.port.js';
import type { TextEmbedder } from '../ports/text-embedder.port.js';
import { questionTerms } from './question-terms.js';

/** The longest question text kept for insights (longer text is cut). */
export const MAX_QUESTION_TEXT = 4_000;

/**
 * The `onQuestion` hook ChatService and GroupService call when a question is saved: it
 * stores the question's fingerprint (its normalised terms) in the question log, so insights
 * never rescan messages. Messages with no meaningful term ("thanks!") are not kept. With an
 * embedder (an embedding model is configured) the question's embedding is kept too; when
 * the embedder fails, the terms alone are kept.
 */
export function createQuestionRecorder(
  questions: QuestionLog,
  clock: Clock,
  embedder?: TextEmbedder,
): (question: AskedQuestion) => Promise<void> {
  return async (question) => {
    const text = question.text.trim().slice(0, MAX_QUESTION_TEXT);
    const terms = questionTerms(text);
    if (terms.length === 0) return;
    const vector = embedder ? await embedder.embed(text).catch(() => undefined) : undefined;
    await questions.add({
      id: newId(),
      text,
      role: question.role,
      conversationKind: question.conversationKind,
      askedAt: question.askedAt || clock.now().toISOString(),
      terms,
      ...(vector && vector.length > 0 ? { vector } : {}),
    });
  };
}
