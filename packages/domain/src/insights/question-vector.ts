/** A sparse vector keyed by term (or by dimension index for embeddings). */
export type Vector = Readonly<Record<string, number>>;

/** Where a question lives for clustering: the space it is compared in and its index keys. */
export interface QuestionPoint {
  readonly space: string;
  /** Index keys: its terms, or `*` for an embedding (every cluster of the space is a candidate). */
  readonly keys: readonly string[];
  /** Unit length. */
  readonly vector: Vector;
}

export const TERMS_SPACE = 'terms';
export const ALL_KEY = '*';

/**
 * The question as a unit vector: its embedding when it has one (compared only with
 * embeddings of the same size), else its distinct terms, each weighing the same.
 */
export function questionPoint(
  terms: readonly string[],
  embedding?: readonly number[],
): QuestionPoint {
  if (embedding && embedding.length > 0) {
    const raw: Record<string, number> = {};
    embedding.forEach((value, i) => {
      if (value !== 0) raw[String(i)] = value;
    });
    return { space: `embedding:${embedding.length}`, keys: [ALL_KEY], vector: normalize(raw) };
  }
  const distinct = [...new Set(terms)];
  const weight = 1 / Math.sqrt(distinct.length || 1);
  return {
    space: TERMS_SPACE,
    keys: distinct,
    vector: Object.fromEntries(distinct.map((t) => [t, weight])),
  };
}

function normalize(vector: Record<string, number>): Vector {
  const length = norm(vector);
  if (length === 0) return vector;
  return Object.fromEntries(Object.entries(vector).map(([k, v]) => [k, v / length]));
}

export function norm(vector: Vector): number {
  let sum = 0;
  for (const weight of Object.values(vector)) sum += weight * weight;
  return Math.sqrt(sum);
}

/** Cosine of a unit vector with any vector (0 for an empty one). */
export function cosine(unit: Vector, other: Vector): number {
  const length = norm(other);
  if (length === 0) return 0;
  let dot = 0;
  for (const [key, weight] of Object.entries(unit)) dot += weight * (other[key] ?? 0);
  return dot / length;
}

export function addVectors(sum: Vector, add: Vector): Record<string, number> {
  const out: Record<string, number> = { ...sum };
  for (const [key, weight] of Object.entries(add)) out[key] = (out[key] ?? 0) + weight;
  return out;
}
