export { createMemoryStore, type MemoryStore } from './memory-store.js';
export type { MemoryTables, MemoryMessageRow } from './memory-tables.js';
