/** Turns text into an embedding vector (the LLM provider's embedding model). */
export interface TextEmbedder {
  embed(text: string): Promise<number[]>;
}
