import type { ContainerRequest, IndexingPolicy } from '@azure/cosmos';
import type { Store } from '@salescoach/domain';
import { createCosmosAudit } from './cosmos-audit.js';
import { createCosmosClient, type CosmosConnectionOptions } from './cosmos-client.js';
import type { CosmosContext } from './cosmos-context.js';
import { createCosmosFeedback } from './cosmos-feedback.js';
import { createCosmosGroups } from './cosmos-groups.js';
import { createCosmosMessages } from './cosmos-messages.js';
import { CosmosOperations, type ChargeReporter } from './cosmos-operations.js';
import { createCosmosPractices } from './cosmos-practices.js';
import { createCosmosAssignments, createCosmosTeamScenarios } from './cosmos-coaching.js';
import { createCosmosApprovals } from './cosmos-approvals.js';
import { createCosmosMcpCredentials } from './cosmos-mcp-credentials.js';
import { createCosmosPins } from './cosmos-pins.js';
import { createCosmosQuestions } from './cosmos-questions.js';
import { createCosmosSearch } from './cosmos-search.js';
import { createCosmosRoomPractices } from './cosmos-room-practices.js';
import { createCosmosSessions } from './cosmos-sessions.js';

export interface CosmosStoreOptions extends CosmosConnectionOptions {
  readonly database: string;
  /** Called with every operation's request charge (RU), for metrics. */
  readonly onRequestCharge?: ChargeReporter;
}

/** Message bodies are never filtered on: leaving them out of the index makes writes cheaper. */
const indexingPolicy: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: [{ path: '/*' }],
  excludedPaths: [
    { path: '/message/*' },
    { path: '/recentClientIds/*' },
    { path: '/members/*' },
    { path: '/practice/*' },
    { path: '/entry/*' },
    { path: '/whisper/*' },
    { path: '/record/*' },
    { path: '/"_etag"/?' },
  ],
};

const containers: Record<
  'sessions' | 'groups' | 'questions' | 'audit' | 'mcpCredentials',
  ContainerRequest
> = {
  sessions: { id: 'sessions', partitionKey: { paths: ['/userId'] }, indexingPolicy },
  groups: { id: 'groups', partitionKey: { paths: ['/groupId'] }, indexingPolicy },
  questions: { id: 'questions', partitionKey: { paths: ['/day'] } },
  /** Tool calls, append-only, by the UTC day they started (see cosmos-audit.ts). */
  audit: { id: 'audit', partitionKey: { paths: ['/day'] }, indexingPolicy },
  /** Users' tokens for oauth MCP servers, sealed (see cosmos-mcp-credentials.ts); `ttl` per item. */
  mcpCredentials: { id: 'mcpCredentials', partitionKey: { paths: ['/pk'] }, defaultTtl: -1 },
};

/** Connects to Cosmos DB, creating the database and containers when missing. */
export async function openCosmosStore(options: CosmosStoreOptions): Promise<Store> {
  const client = createCosmosClient(options);
  const report: ChargeReporter = options.onRequestCharge ?? (() => undefined);
  try {
    const db = await client.databases.createIfNotExists({ id: options.database });
    report('store.open', db.requestCharge);
    const opened = await Promise.all(
      Object.values(containers).map(async (request) => {
        const response = await db.database.containers.createIfNotExists(request);
        report('store.open', response.requestCharge);
        return response.container;
      }),
    );
    const [sessions, groups, questions, audit, mcpCredentials] = opened as [
      (typeof opened)[0],
      (typeof opened)[0],
      (typeof opened)[0],
      (typeof opened)[0],
      (typeof opened)[0],
    ];
    const ctx: CosmosContext = { sessions, groups, questions, ops: new CosmosOperations(report) };
    const auditLog = createCosmosAudit(ctx.ops, audit);
    return {
      kind: 'cosmos',
      sessions: createCosmosSessions(ctx),
      groups: createCosmosGroups(ctx),
      messages: createCosmosMessages(ctx),
      questions: createCosmosQuestions(ctx),
      practices: createCosmosPractices(ctx),
      pins: createCosmosPins(ctx),
      feedback: createCosmosFeedback(ctx),
      teamScenarios: createCosmosTeamScenarios(ctx),
      assignments: createCosmosAssignments(ctx),
      search: createCosmosSearch(ctx),
      roomPractices: createCosmosRoomPractices(ctx),
      audit: auditLog,
      approvals: createCosmosApprovals(ctx),
      mcpCredentials: createCosmosMcpCredentials(ctx.ops, mcpCredentials),
      async ping() {
        const response = await db.database.read();
        report('store.ping', response.requestCharge);
      },
      async close() {
        client.dispose();
      },
    };
  } catch (error) {
    client.dispose();
    throw error;
  }
}
