import { join, resolve } from 'node:path';
import type { Settings } from '@salescoach/config';
import { type McpServerConfig, readMcpServersFile, resolveBearerSecret } from '@salescoach/config';
import type {
  EventLog,
  LlmClient,
  Logger,
  PresenceTracker,
  AnswerLock,
  RunningAnswers,
  Store,
  TextEmbedder,
} from '@salescoach/domain';
import type { DelegatedTokens, McpHub } from '@salescoach/mcp';
import { createMcpHub, type McpOAuth } from '@salescoach/mcp';
import type { PerMinuteLimits } from '@salescoach/realtime';
import type { ApiMetrics } from '../observability/metrics.js';

/**
 * Picks the adapters named by the settings. This is the only place that knows which
 * store, event log, model and identity provider run; heavy adapters load on demand.
 */
export async function openStore(settings: Settings, metrics: ApiMetrics): Promise<Store> {
  if (settings.STORE === 'cosmos') {
    const { openCosmosStore } = await import('@salescoach/store/cosmos');
    return openCosmosStore({
      endpoint: settings.COSMOS_ENDPOINT ?? '',
      key: settings.COSMOS_KEY,
      database: settings.COSMOS_DATABASE,
      allowSelfSigned: settings.COSMOS_ALLOW_SELF_SIGNED,
      maxRetries: settings.COSMOS_MAX_RETRIES,
      maxRetryWaitMs: settings.COSMOS_MAX_RETRY_WAIT_MS,
      onRequestCharge: (operation, units) => metrics.storeCharge.inc({ operation }, units),
    });
  }
  const { openSqliteStore } = await import('@salescoach/store/sqlite');
  return openSqliteStore({ file: join(resolve(settings.DATA_DIR), 'salescoach.db') });
}

export async function openEventLog(settings: Settings, logger: Logger): Promise<EventLog> {
  if (settings.BUS === 'redis') {
    const { createRedisEventLog } = await import('@salescoach/realtime/redis');
    return createRedisEventLog({
      url: settings.REDIS_URL ?? '',
      maxEvents: settings.EVENT_LOG_MAX_EVENTS,
      logger,
    });
  }
  const { createMemoryEventLog } = await import('@salescoach/realtime/memory');
  return createMemoryEventLog({
    maxEvents: settings.EVENT_LOG_MAX_EVENTS,
    maxAgeMs: settings.EVENT_LOG_MAX_AGE_MS,
  });
}

export interface RoomCoordination {
  readonly presence: PresenceTracker;
  readonly answerLock: AnswerLock;
  /** Rate limits: one allowance per user across instances. */
  readonly limits: PerMinuteLimits;
  /** Every instance's running answers (BUS=redis only): one MAX_CONCURRENT_ANSWERS per user. */
  readonly runningAnswers?: RunningAnswers;
  close(): Promise<void>;
}

/**
 * What conversations share between API instances: who is online in a room, whose turn it
 * is to answer, and how much of each user's rate limits is spent.
 * In this process only with BUS=memory; in Redis, next to the event log, with BUS=redis.
 */
export async function openRoomCoordination(
  settings: Settings,
  logger: Logger,
): Promise<RoomCoordination> {
  if (settings.BUS === 'redis') {
    const {
      createRedisPresenceTracker,
      createRedisAnswerLock,
      createRedisRateLimits,
      createRedisRunningAnswers,
    } = await import('@salescoach/realtime/redis');
    const url = settings.REDIS_URL ?? '';
    const opened: { close(): Promise<void> }[] = [];
    const open = async <T extends { close(): Promise<void> }>(part: Promise<T>): Promise<T> => {
      const value = await part;
      opened.push(value);
      return value;
    };
    const closeAll = async () => {
      await Promise.allSettled(opened.map((part) => part.close()));
    };
    try {
      return {
        presence: await open(createRedisPresenceTracker({ url, logger })),
        answerLock: await open(createRedisAnswerLock({ url, logger })),
        limits: await open(createRedisRateLimits({ url, logger })),
        runningAnswers: await open(createRedisRunningAnswers({ url, logger })),
        close: closeAll,
      };
    } catch (error) {
      await closeAll();
      throw error;
    }
  }
  const { createMemoryRateLimits, MemoryAnswerLock, MemoryPresenceTracker } =
    await import('@salescoach/realtime/memory');
  return {
    presence: new MemoryPresenceTracker(),
    answerLock: new MemoryAnswerLock(),
    limits: createMemoryRateLimits(),
    close: async () => undefined,
  };
}

/** How to reach OpenAI (or a compatible server): shared by the chat client and the embedder. */
const openAiConnection = (settings: Settings) => ({
  apiKey: settings.OPENAI_API_KEY ?? '',
  baseURL: settings.OPENAI_BASE_URL,
  timeoutMs: settings.LLM_TIMEOUT_MS,
  maxRetries: settings.LLM_MAX_RETRIES,
});

/** How to reach Azure OpenAI: shared by the chat client and the embedder. */
const azureConnection = (settings: Settings) => ({
  endpoint: settings.AZURE_OPENAI_ENDPOINT ?? '',
  apiKey: settings.AZURE_OPENAI_API_KEY,
  apiVersion: settings.AZURE_OPENAI_API_VERSION,
  timeoutMs: settings.LLM_TIMEOUT_MS,
  maxRetries: settings.LLM_MAX_RETRIES,
});

export async function createLlm(settings: Settings): Promise<LlmClient> {
  const { models } = settings;
  switch (settings.LLM_PROVIDER) {
    case 'openai': {
      const { createOpenAiClient } = await import('@salescoach/llm/openai');
      return createOpenAiClient({
        ...openAiConnection(settings),
        models: { chat: models.chat.name, utility: models.utility.name },
      });
    }
    case 'azure-openai': {
      const { createAzureOpenAiClient } = await import('@salescoach/llm/azure-openai');
      return createAzureOpenAiClient({
        ...azureConnection(settings),
        deployments: { chat: models.chat.name, utility: models.utility.name },
      });
    }
    case 'offline': {
      const { createOfflineModel } = await import('@salescoach/llm/offline');
      return createOfflineModel();
    }
  }
}

/** The embedding model for insights, when one is configured (OPENAI_/AZURE_OPENAI_EMBEDDING_MODEL). */
export async function createEmbedder(settings: Settings): Promise<TextEmbedder | undefined> {
  const model = settings.models.embedding;
  if (!model) return undefined;
  if (model.provider === 'azure-openai') {
    const { createAzureOpenAiEmbedder } = await import('@salescoach/llm/azure-openai');
    return createAzureOpenAiEmbedder({ ...azureConnection(settings), deployment: model.name });
  }
  const { createOpenAiEmbedder } = await import('@salescoach/llm/openai');
  return createOpenAiEmbedder({ ...openAiConnection(settings), model: model.name });
}

export const readToolServers = async (settings: Settings): Promise<McpServerConfig[]> =>
  (await readMcpServersFile(resolve(settings.MCP_SERVERS_FILE))).servers;

/** The hub, not yet started: the server starts it once it listens (its dev token endpoint is on it). */
export function createToolHub(
  settings: Settings,
  logger: Logger,
  servers: readonly McpServerConfig[],
  delegatedTokens: DelegatedTokens | undefined,
  oauth: McpOAuth,
): McpHub {
  return createMcpHub({
    oauth,
    servers,
    logger: logger.child({ component: 'mcp' }),
    resolveSecret: resolveBearerSecret,
    maxResultChars: settings.TOOL_RESULT_MAX_CHARS,
    ...(delegatedTokens ? { delegatedTokens } : {}),
  });
}
