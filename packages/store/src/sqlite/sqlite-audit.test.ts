import { newId } from '@salescoach/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.js';

describe('sqlite audit log (migration 11)', () => {
  it('refuses to change or delete an entry, even outside the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salescoach-audit-'));
    const file = join(dir, 'store.db');
    try {
      const store = openSqliteStore({ file });
      const entry = {
        id: newId(),
        server: 'crm',
        tool: 'update_stage',
        arguments: { stage: 'Negotiation' },
        askedBy: { id: 'dev:alex', name: 'Alex Rivera' },
        role: 'Sales',
        teamIds: ['west'],
        startedAt: '2026-05-01T09:00:00.000Z',
        finishedAt: '2026-05-01T09:00:01.000Z',
        durationMs: 1_000,
        outcome: 'ok' as const,
      };
      await store.audit.append(entry);
      await store.close();
      const db = new DatabaseSync(file);
      try {
        expect(() =>
          db.prepare("UPDATE audit_log SET doc = '{}' WHERE id = ?").run(entry.id),
        ).toThrow(/append-only/);
        expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(entry.id)).toThrow(
          /append-only/,
        );
      } finally {
        db.close();
      }
      const reopened = openSqliteStore({ file });
      expect(await reopened.audit.list({ limit: 10 })).toEqual([entry]);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
