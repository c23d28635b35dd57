import type { ServerResponse } from 'node:http';

/** Turns a text into a vector; the scripted server's default hashes words into 64 buckets. */
export type EmbeddingFunction = (text: string) => number[];

export const EMBEDDINGS_PATH = /^\/(?:v1|openai\/deployments\/[^/]+)\/embeddings$/;

/** A bag-of-words vector: similar wording, similar vector. Deterministic, for tests only. */
export function hashedWordsEmbedding(text: string, size = 64): number[] {
  const vector = new Array<number>(size).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 0;
    for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    vector[hash % size] = (vector[hash % size] ?? 0) + 1;
  }
  return vector;
}

/** Answers an OpenAI `embeddings.create` request (one input or several). */
export function sendEmbeddings(res: ServerResponse, body: unknown, embed: EmbeddingFunction): void {
  const { input, model } = (body ?? {}) as { input?: unknown; model?: unknown };
  const inputs = Array.isArray(input) ? input : [input];
  const data = inputs.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: embed(String(text)),
  }));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      object: 'list',
      data,
      model: typeof model === 'string' ? model : 'scripted-embedding',
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    }),
  );
}
