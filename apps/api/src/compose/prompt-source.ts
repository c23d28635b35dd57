import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Settings } from '@salescoach/config';
import {
  DomainError,
  DomainErrorCode,
  type Logger,
  type PromptTemplateSource,
} from '@salescoach/domain';

const CACHE_MS = 5 * 60_000;

/**
 * The coach's system prompt template: the repo file, or a blob URL (Azure Blob Storage with a
 * SAS token) when PROMPT_BLOB_URL is set. Cached for five minutes; a blob that cannot be read
 * falls back to the last good copy, then to the file.
 */
export function createPromptSource(
  settings: Settings,
  logger: Logger,
  fetchImpl: typeof fetch = fetch,
): PromptTemplateSource {
  const file = resolve(settings.PROMPT_TEMPLATE_FILE);
  const blobUrl = settings.PROMPT_BLOB_URL;
  let cached: { text: string; at: number } | undefined;

  const readFileTemplate = async () => {
    try {
      return await readFile(file, 'utf8');
    } catch {
      throw new DomainError(
        DomainErrorCode.Unavailable,
        'The coach prompt template is missing on the server',
      );
    }
  };

  const readBlob = async (url: string) => {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`prompt blob answered ${response.status}`);
    return response.text();
  };

  return {
    async load() {
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.text;
      let text: string;
      if (blobUrl) {
        try {
          text = await readBlob(blobUrl);
        } catch (error) {
          logger.warn(
            { err: (error as Error).message },
            'prompt blob unreadable; using the last good template',
          );
          text = cached?.text ?? (await readFileTemplate());
        }
      } else {
        text = await readFileTemplate();
      }
      cached = { text, at: Date.now() };
      return text;
    },
  };
}
