import { createMemoryQuestionTables, type MemoryQuestionTables } from './memory-questions.js';
import type { ConversationRef } from '@salescoach/domain';
import {
  createMemoryRoomPracticeTables,
  type MemoryRoomPracticeTables,
} from './memory-room-practices.js';

/** One stored message: index fields kept beside the raw document (validated on every read). */
export interface MemoryMessageRow {
  readonly id: string;
  readonly seq: number;
  /** Author and clientMessageId (validation/idempotency-key.ts). */
  readonly idempotencyKey: string | undefined;
  readonly ref: ConversationRef;
  doc: unknown;
}

/**
 * The memory store's state. Documents are kept as untyped clones so reads validate them
 * exactly as the other adapters do (and tests can damage one on purpose).
 */
export interface MemoryTables {
  readonly sessions: Map<string, unknown>;
  readonly groups: Map<string, unknown>;
  /** By conversation key, ascending by seq. */
  readonly messages: Map<string, MemoryMessageRow[]>;
  readonly insights: MemoryQuestionTables;
  readonly practices: Map<string, unknown>;
  readonly pins: Map<string, unknown>;
  /** By feedback key (validation/feedback-key.ts). */
  readonly feedback: Map<string, unknown>;
  readonly teamScenarios: Map<string, unknown>;
  readonly assignments: Map<string, unknown>;
  readonly completions: Map<string, unknown>;
  readonly roomPractices: MemoryRoomPracticeTables;
}

export function createMemoryTables(): MemoryTables {
  return {
    sessions: new Map(),
    groups: new Map(),
    messages: new Map(),
    insights: createMemoryQuestionTables(),
    practices: new Map(),
    pins: new Map(),
    feedback: new Map(),
    teamScenarios: new Map(),
    assignments: new Map(),
    completions: new Map(),
    roomPractices: createMemoryRoomPracticeTables(),
  };
}
