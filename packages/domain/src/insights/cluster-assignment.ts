import type { StoredCluster } from '../ports/question-log.port.js';
import { addVectors, cosine, TERMS_SPACE, type QuestionPoint } from './question-vector.js';
import { questionTerms } from './question-terms.js';
import { questionPoint } from './question-vector.js';

export interface ClusterThresholds {
  /** Cosine at or above which a question joins a group, for term vectors (default 0.5). */
  readonly threshold: number;
  /** The same for embeddings (default 0.8). */
  readonly embeddingThreshold: number;
}

export const DEFAULT_THRESHOLDS: ClusterThresholds = { threshold: 0.5, embeddingThreshold: 0.8 };

/**
 * The one assignment rule, used when a question is recorded: the candidate cluster of the
 * same space whose centroid is most similar, if at least the threshold; ties go to the
 * older cluster. Undefined means "start a new cluster".
 */
export function chooseCluster(
  point: QuestionPoint,
  candidates: readonly StoredCluster[],
  thresholds: ClusterThresholds,
): StoredCluster | undefined {
  const threshold =
    point.space === TERMS_SPACE ? thresholds.threshold : thresholds.embeddingThreshold;
  let best: StoredCluster | undefined;
  let bestScore = 0;
  const ordered = [...candidates]
    .filter((c) => c.space === point.space)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const cluster of ordered) {
    const score = cosine(point.vector, cluster.sum);
    if (score > bestScore) {
      bestScore = score;
      best = cluster;
    }
  }
  return best && bestScore >= threshold ? best : undefined;
}

/** The cluster with the question added. */
export function joinCluster(cluster: StoredCluster, point: QuestionPoint): StoredCluster {
  return { ...cluster, sum: addVectors(cluster.sum, point.vector), size: cluster.size + 1 };
}

/**
 * Batch clustering of questions in the order given (oldest first), with the same rule as
 * recording: what the incremental assignment must equal. Returns, per input, the index of
 * its group (groups numbered in order of creation).
 */
export function clusterInOrder(
  questions: readonly { text: string; vector?: readonly number[] }[],
  thresholds: ClusterThresholds = DEFAULT_THRESHOLDS,
): number[] {
  const clusters: StoredCluster[] = [];
  return questions.map(({ text, vector }) => {
    const point = questionPoint(questionTerms(text), vector);
    const candidates = clusters.filter((c) =>
      point.keys.some((k) => k === '*' || c.sum[k] !== undefined),
    );
    const chosen = chooseCluster(point, candidates, thresholds);
    const index = chosen ? clusters.indexOf(chosen) : clusters.length;
    const base = chosen ?? {
      id: String(index).padStart(8, '0'),
      space: point.space,
      sum: {},
      size: 0,
      createdAt: String(index).padStart(8, '0'),
    };
    clusters[index] = joinCluster(base, point);
    return index;
  });
}
