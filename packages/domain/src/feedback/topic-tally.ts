import type { AnswerFeedback } from './answer-feedback.js';

/** Feedback on the answers to one topic: counts only. */
export interface TopicFeedback {
  /** The insights cluster; null for answers whose question has no topic. */
  readonly clusterId: string | null;
  /** The topic's phrasing, when insights show one (enough different people asked). */
  readonly label: string | null;
  readonly good: number;
  readonly bad: number;
}

/** Counts per topic, most rated first; each record once however many teams it counts for. */
export function tallyTopics(
  records: readonly AnswerFeedback[],
  labelOf: (clusterId: string) => string | null,
): TopicFeedback[] {
  const byTopic = new Map<string | null, { good: number; bad: number }>();
  for (const r of records) {
    const counts = byTopic.get(r.clusterId) ?? { good: 0, bad: 0 };
    counts[r.rating] += 1;
    byTopic.set(r.clusterId, counts);
  }
  return [...byTopic]
    .map(([clusterId, c]) => ({
      clusterId,
      label: clusterId === null ? null : labelOf(clusterId),
      good: c.good,
      bad: c.bad,
    }))
    .sort((a, b) => b.good + b.bad - (a.good + a.bad) || b.bad - a.bad);
}
