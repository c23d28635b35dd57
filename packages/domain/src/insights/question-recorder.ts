import type { AskedQuestion } from '../ports/question-sink.port.js';
import { newId } from '../model/ids.js';
import type { Clock } from '../ports/clock.port.js';
import type { QuestionLog } from '../ports/question-log.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { TextEmbedder } from '../ports/text-embedder.port.js';
import {
  chooseCluster,
  DEFAULT_THRESHOLDS,
  joinCluster,
  type ClusterThresholds,
} from './cluster-assignment.js';
import { questionTerms } from './question-terms.js';
import { questionPoint } from './question-vector.js';

/** The longest question text kept for insights (longer text is cut). */
export const MAX_QUESTION_TEXT = 4_000;

export interface QuestionRecorderDeps {
  readonly questions: QuestionLog;
  readonly clock: Clock;
  readonly teams: TeamDirectory;
  readonly embedder?: TextEmbedder;
  readonly thresholds?: ClusterThresholds;
  /** Whether a session is private now (re-read after storing, to close a race with the toggle). */
  readonly isPrivateSession?: (ownerId: string, sessionId: string) => Promise<boolean>;
}

export interface QuestionRecorder {
  /** The `onQuestion` hook ChatService and GroupService call when a question is saved. */
  readonly record: (question: AskedQuestion) => Promise<void>;
  /** Moves a session's questions in or out of insights (after the session itself changed). */
  readonly setPrivate: (conversationId: string, isPrivate: boolean) => Promise<number>;
  /** The stored cluster a question joins (read only, nothing stored); null when none is near. */
  readonly topicOf: (text: string) => Promise<string | null>;
}

/**
 * Stores each question with the cluster it belongs to, assigned as it is recorded: the
 * question's unit vector (its embedding, or its terms) joins the most similar stored
 * cluster at or above the threshold, else starts one. Assignments here run one at a time,
 * in order, so the result equals `clusterInOrder` over the same questions. Messages with no
 * meaningful term ("thanks!") are not kept. The asker's teams are the teams of the
 * conversation's role they belong to now.
 */
export function createQuestionRecorder(deps: QuestionRecorderDeps): QuestionRecorder {
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  let tail: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };

  /** A question's terms, embedding and point in its cluster space; null for no meaningful term. */
  const fingerprintOf = async (text: string) => {
    const terms = questionTerms(text);
    if (terms.length === 0) return null;
    const vector = deps.embedder
      ? await deps.embedder.embed(text).catch(() => undefined)
      : undefined;
    return { terms, vector, point: questionPoint(terms, vector) };
  };

  return {
    record: async (question) => {
      const text = question.text.trim().slice(0, MAX_QUESTION_TEXT);
      const fingerprint = await fingerprintOf(text);
      if (!fingerprint) return;
      const { terms, vector } = fingerprint;
      const teamIds = deps.teams
        .teamsOf(question.asker)
        .filter((t) => t.relation === 'member' && t.role === question.role)
        .map((t) => t.id);
      const askedAt = question.askedAt || deps.clock.now().toISOString();
      await serially(async () => {
        const point = fingerprint.point;
        const candidates = await deps.questions.clusterCandidates(point.space, point.keys);
        const chosen = chooseCluster(point, candidates, thresholds);
        const cluster = joinCluster(
          chosen ?? { id: newId(), space: point.space, sum: {}, size: 0, createdAt: askedAt },
          point,
        );
        await deps.questions.saveCluster(cluster, point.keys);
        await deps.questions.add({
          id: newId(),
          text,
          role: question.role,
          conversationKind: question.conversationKind,
          conversationId: question.conversationId,
          askerId: question.asker.id,
          teamIds,
          private: question.private,
          askedAt,
          terms,
          ...(vector && vector.length > 0 ? { vector } : {}),
          clusterId: cluster.id,
        });
      });
      // The owner may have marked the session private while this was being stored.
      if (
        question.conversationKind === 'session' &&
        !question.private &&
        deps.isPrivateSession &&
        (await deps.isPrivateSession(question.asker.id, question.conversationId))
      ) {
        await serially(() => deps.questions.setPrivate(question.conversationId, true));
      }
    },
    setPrivate: (conversationId, isPrivate) =>
      serially(() => deps.questions.setPrivate(conversationId, isPrivate)),
    topicOf: async (text) => {
      const fingerprint = await fingerprintOf(text.trim().slice(0, MAX_QUESTION_TEXT));
      if (!fingerprint) return null;
      const point = fingerprint.point;
      const candidates = await deps.questions.clusterCandidates(point.space, point.keys);
      return chooseCluster(point, candidates, thresholds)?.id ?? null;
    },
  };
}
