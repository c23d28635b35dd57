import type { TextEmbedder } from '@salescoach/domain';
import type { OpenAI } from 'openai';
import { mapSdkError } from '../chat-completions/error-mapping.js';

/** Embeddings through the SDK's `embeddings.create` (OpenAI, Azure OpenAI, compatible servers). */
export function createSdkEmbedder(sdk: OpenAI, model: string): TextEmbedder {
  return {
    async embed(text) {
      try {
        const response = await sdk.embeddings.create({
          model,
          input: text,
          encoding_format: 'float',
        });
        const vector = response.data[0]?.embedding;
        if (!vector || vector.length === 0) throw new Error('the embedding response had no vector');
        return vector;
      } catch (error) {
        throw mapSdkError(error);
      }
    },
  };
}
