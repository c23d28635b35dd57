import type { Store } from '@salescoach/domain';
import { createMemoryAudit } from './memory-audit.js';
import { createMemoryFeedback } from './memory-feedback.js';
import { createMemoryGroups, createMemorySessions } from './memory-conversations.js';
import { createMemoryMessages } from './memory-messages.js';
import { createMemoryPractices } from './memory-practices.js';
import { createMemoryAssignments, createMemoryTeamScenarios } from './memory-coaching.js';
import { createMemoryApprovals } from './memory-approvals.js';
import {
  createMemoryCredentialTables,
  createMemoryMcpCredentials,
  type MemoryCredentialTables,
} from './memory-mcp-credentials.js';
import { createMemoryPins } from './memory-pins.js';
import { createMemorySearch } from './memory-search.js';
import { createMemoryQuestions } from './memory-questions.js';
import { createMemoryRoomPractices } from './memory-room-practices.js';
import { createMemoryTables, type MemoryTables } from './memory-tables.js';

/** A `Store` in plain maps; `tables` is exposed for tests that damage a document on purpose. */
export interface MemoryStore extends Store {
  readonly tables: MemoryTables;
  readonly credentialTables: MemoryCredentialTables;
}

/** The in-process store: same contract as SQLite and Cosmos, nothing survives the process. */
export function createMemoryStore(): MemoryStore {
  const tables = createMemoryTables();
  const credentialTables = createMemoryCredentialTables();
  let closed = false;
  return {
    kind: 'memory',
    tables,
    credentialTables,
    sessions: createMemorySessions(tables),
    groups: createMemoryGroups(tables),
    messages: createMemoryMessages(tables),
    questions: createMemoryQuestions(tables.insights),
    practices: createMemoryPractices(tables.practices),
    pins: createMemoryPins(tables.pins),
    approvals: createMemoryApprovals(new Map()),
    mcpCredentials: createMemoryMcpCredentials(credentialTables),
    feedback: createMemoryFeedback(tables.feedback),
    teamScenarios: createMemoryTeamScenarios(tables.teamScenarios),
    assignments: createMemoryAssignments(tables.assignments, tables.completions),
    search: createMemorySearch(tables),
    roomPractices: createMemoryRoomPractices(tables.roomPractices),
    audit: createMemoryAudit(),
    async ping() {
      if (closed) throw new Error('memory store is closed');
    },
    async close() {
      closed = true;
    },
  };
}
