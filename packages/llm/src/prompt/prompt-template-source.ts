import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  DomainError,
  DomainErrorCode,
  type Logger,
  type PromptTemplateSource,
} from '@salescoach/domain';

const CACHE_MS = 5 * 60_000;

export interface PromptTemplateSourceOptions {
  /** The template file (PROMPT_TEMPLATE_FILE). */
  readonly file: string;
  /** A blob URL with a SAS token (PROMPT_BLOB_URL); the file is the fallback. */
  readonly blobUrl?: string;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
}

/**
 * The coach's system prompt template: the repo file, or a blob URL (Azure Blob Storage with a
 * SAS token) when one is given. Cached for five minutes; a blob that cannot be read falls
 * back to the last good copy, then to the file.
 */
export function createPromptTemplateSource(
  options: PromptTemplateSourceOptions,
): PromptTemplateSource {
  const file = resolve(options.file);
  const { blobUrl, logger } = options;
  const fetchImpl = options.fetch ?? fetch;
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
