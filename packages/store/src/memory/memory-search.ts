import type { MessageSearch, StoredHit } from '@salescoach/domain';
import { recentHitsPage } from '../search/recent-hits-page.js';
import { readSession } from './memory-conversations.js';
import { decodeRow } from './memory-messages.js';
import type { MemoryTables } from './memory-tables.js';

/** Scans the scope's conversations (the user's chat sessions and the given rooms). */
export function createMemorySearch(tables: MemoryTables): MessageSearch {
  return {
    async search(scope, terms, page) {
      const rooms = new Set(scope.groupIds);
      const candidates: StoredHit[] = [];
      for (const rows of tables.messages.values()) {
        const ref = rows[0]?.ref;
        if (!ref) continue;
        const inScope =
          ref.kind === 'session'
            ? ref.userId === scope.userId &&
              (readSession(tables, ref.sessionId)?.kind ?? 'chat') === 'chat'
            : rooms.has(ref.groupId);
        if (!inScope) continue;
        for (const row of rows) candidates.push({ ref, message: decodeRow(row) });
      }
      return recentHitsPage(candidates, terms, page);
    },
  };
}
