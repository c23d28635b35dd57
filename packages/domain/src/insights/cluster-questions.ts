import type { QuestionRecord } from '../ports/question-log.port.js';

/** A group of similar questions, as managers see it: counts and phrasings, never who asked. */
export interface QuestionCluster {
  /** The most central phrasing. */
  readonly label: string;
  readonly count: number;
  /** Up to `maxExamples` other phrasings, most central first. */
  readonly examples: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The roles of the people who asked, most frequent first. */
  readonly roles: readonly string[];
}

export interface ClusterOptions {
  /** TF-IDF cosine similarity at or above which a question joins a group (0..1). */
  readonly threshold: number;
  /** The same for embeddings, used when every question has one of the same size (default 0.8). */
  readonly embeddingThreshold?: number;
  readonly maxExamples: number;
}

type Vector = Map<string, number>;

interface Doc {
  readonly record: QuestionRecord;
  /** Unit-length TF-IDF vector. */
  readonly vector: Vector;
}

interface Cluster {
  readonly docs: Doc[];
  /** Sum of the members' vectors: its direction is the centroid. */
  readonly sum: Vector;
}

/**
 * Groups questions by TF-IDF cosine similarity over their stored terms: questions are
 * taken oldest first and each joins the group whose centroid it is most similar to (at
 * least `threshold`), else starts a new group. Ranked by count, then most recent.
 */
export function clusterQuestions(
  records: readonly QuestionRecord[],
  options: ClusterOptions,
): QuestionCluster[] {
  const kept = records.filter((r) => r.terms.length > 0);
  const embedded = haveEmbeddings(kept);
  const docs = embedded ? embeddingDocs(kept) : vectorize(kept);
  const threshold = embedded ? (options.embeddingThreshold ?? 0.8) : options.threshold;
  docs.sort((a, b) => Date.parse(a.record.askedAt) - Date.parse(b.record.askedAt));

  const clusters: Cluster[] = [];
  const byTerm = new Map<string, Set<number>>();
  for (const doc of docs) {
    let best = -1;
    let bestScore = 0;
    const candidates = new Set<number>();
    for (const term of doc.vector.keys())
      for (const index of byTerm.get(term) ?? []) candidates.add(index);
    for (const index of candidates) {
      const cluster = clusters[index];
      if (!cluster) continue;
      const score = cosine(doc.vector, cluster.sum);
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    }
    let index = best;
    if (best < 0 || bestScore < threshold) {
      index = clusters.length;
      clusters.push({ docs: [], sum: new Map() });
    }
    const cluster = clusters[index]!;
    cluster.docs.push(doc);
    for (const [term, weight] of doc.vector) {
      cluster.sum.set(term, (cluster.sum.get(term) ?? 0) + weight);
      let set = byTerm.get(term);
      if (!set) byTerm.set(term, (set = new Set()));
      set.add(index);
    }
  }
  return clusters.map((c) => describe(c, options.maxExamples)).sort(byRank);
}

function byRank(a: QuestionCluster, b: QuestionCluster): number {
  return (
    b.count - a.count ||
    Date.parse(b.lastSeen) - Date.parse(a.lastSeen) ||
    a.label.localeCompare(b.label)
  );
}

/** Embeddings are used only when every question has one, all of one model (same size). */
function haveEmbeddings(records: readonly QuestionRecord[]): boolean {
  const size = records[0]?.vector?.length ?? 0;
  return size > 0 && records.every((r) => r.vector?.length === size);
}

/** Dense embeddings as unit vectors keyed by dimension, so the same clustering applies. */
function embeddingDocs(records: readonly QuestionRecord[]): Doc[] {
  return records.map((record) => ({
    record,
    vector: normalize(new Map((record.vector ?? []).map((value, i) => [String(i), value]))),
  }));
}

/** Smoothed inverse document frequency over this set of questions; each term counted once per question. */
function vectorize(records: readonly QuestionRecord[]): Doc[] {
  const df = new Map<string, number>();
  for (const record of records)
    for (const term of new Set(record.terms)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = records.length;
  return records.map((record) => {
    const vector: Vector = new Map();
    for (const term of new Set(record.terms))
      vector.set(term, Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1);
    return { record, vector: normalize(vector) };
  });
}

function normalize(vector: Vector): Vector {
  const length = norm(vector);
  if (length === 0) return vector;
  for (const [term, weight] of vector) vector.set(term, weight / length);
  return vector;
}

function norm(vector: Vector): number {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

/** Cosine of a unit vector with any vector. */
function cosine(unit: Vector, other: Vector): number {
  const length = norm(other);
  if (length === 0) return 0;
  let dot = 0;
  for (const [term, weight] of unit) dot += weight * (other.get(term) ?? 0);
  return dot / length;
}

const phrasingKey = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

function describe(cluster: Cluster, maxExamples: number): QuestionCluster {
  // Distinct phrasings, each with how often it was asked and its closeness to the centroid.
  const phrasings = new Map<string, { text: string; score: number; count: number }>();
  for (const doc of cluster.docs) {
    const key = phrasingKey(doc.record.text);
    const current = phrasings.get(key);
    if (current) current.count++;
    else
      phrasings.set(key, {
        text: doc.record.text.trim(),
        score: cosine(doc.vector, cluster.sum),
        count: 1,
      });
  }
  const ranked = [...phrasings.values()].sort(
    (a, b) =>
      b.score - a.score ||
      b.count - a.count ||
      a.text.length - b.text.length ||
      a.text.localeCompare(b.text),
  );
  const roleCounts = new Map<string, number>();
  let firstSeen = cluster.docs[0]!.record.askedAt;
  let lastSeen = firstSeen;
  for (const { record } of cluster.docs) {
    roleCounts.set(record.role, (roleCounts.get(record.role) ?? 0) + 1);
    if (Date.parse(record.askedAt) < Date.parse(firstSeen)) firstSeen = record.askedAt;
    if (Date.parse(record.askedAt) > Date.parse(lastSeen)) lastSeen = record.askedAt;
  }
  return {
    label: ranked[0]!.text,
    count: cluster.docs.length,
    examples: ranked.slice(1, 1 + maxExamples).map((p) => p.text),
    firstSeen,
    lastSeen,
    roles: [...roleCounts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([role]) => role),
  };
}
