import {
  auditSortKey,
  DomainErrorCode,
  newId,
  type AuditEntry,
  type AuditQuery,
} from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: newId(),
    server: 'crm',
    tool: 'update_stage',
    arguments: { opportunityId: 'opp-1', stage: 'Negotiation', notes: ['a, "b"', { n: 1 }] },
    askedBy: { id: 'dev:alex', name: 'Alex Rivera' },
    role: 'Sales',
    teamIds: ['west'],
    conversation: { kind: 'group', id: 'team-west' },
    approval: { id: 'ap-1', decidedBy: { id: 'dev:morgan', name: 'Morgan Lee' } },
    startedAt: '2026-05-01T09:00:00.000Z',
    finishedAt: '2026-05-01T09:00:00.250Z',
    durationMs: 250,
    outcome: 'ok',
    ...overrides,
  };
}

const at = (minute: number) => `2026-05-01T09:${String(minute).padStart(2, '0')}:00.000Z`;

export function registerAuditContract(ctx: ContractContext): void {
  describe('audit log', () => {
    const list = (query: Omit<AuditQuery, 'limit'> & { limit?: number }) =>
      ctx.store().audit.list({ limit: 100, ...query });

    it('keeps every field of an entry as it was appended', async () => {
      const server = `s-${newId()}`;
      const full = entry({ server, outcome: 'failed', error: 'CRM said no' });
      const bare = entry({
        server,
        startedAt: at(1),
        outcome: 'awaiting_approval',
        approval: { id: 'ap-2' },
        arguments: {},
        teamIds: [],
      });
      const { conversation: _c, approval: _a, ...noWhere } = entry({ server, startedAt: at(2) });
      for (const e of [full, bare, noWhere]) await ctx.store().audit.append(e);
      expect(await list({ server })).toEqual([noWhere, bare, full]);
    });

    it('lists newest first, ties by id, and pages on without gaps or repeats', async () => {
      const server = `s-${newId()}`;
      const entries = [0, 1, 1, 1, 2, 3, 4].map((m) => entry({ server, startedAt: at(m) }));
      for (const e of entries) await ctx.store().audit.append(e);
      const expected = [...entries]
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
        .map((e) => e.id);
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page++) {
        const found = await list({ server, limit: 2, ...(after ? { after } : {}) });
        seen.push(...found.map((e) => e.id));
        const last = found.at(-1);
        if (found.length < 2 || !last) break;
        after = auditSortKey(last);
      }
      expect(seen).toEqual(expected);
    });

    it('filters by time (since inclusive, until exclusive), server, tool and asker', async () => {
      const server = `s-${newId()}`;
      const other = `s-${newId()}`;
      const early = entry({ server, startedAt: at(10) });
      const middle = entry({ server, startedAt: at(20), tool: 'log_activity' });
      const late = entry({
        server,
        startedAt: at(30),
        askedBy: { id: 'dev:sam', name: 'Sam Patel' },
      });
      const elsewhere = entry({ server: other, startedAt: at(20) });
      for (const e of [early, middle, late, elsewhere]) await ctx.store().audit.append(e);
      const ids = async (q: Omit<AuditQuery, 'limit'>) => (await list(q)).map((e) => e.id);
      expect(await ids({ server, since: at(20) })).toEqual([late.id, middle.id]);
      expect(await ids({ server, until: at(20) })).toEqual([early.id]);
      expect(await ids({ server, since: at(20), until: at(30) })).toEqual([middle.id]);
      expect(await ids({ server, tool: 'log_activity' })).toEqual([middle.id]);
      expect(await ids({ server, userId: 'dev:sam' })).toEqual([late.id]);
      expect(await ids({ server: other })).toEqual([elsewhere.id]);
    });

    it('reads only the scope it is given: its users, or members of its teams', async () => {
      const server = `s-${newId()}`;
      const mine = entry({ server, askedBy: { id: 'u-manager', name: 'M' }, teamIds: [] });
      const member = entry({ server, askedBy: { id: 'u-rep', name: 'R' }, teamIds: ['t-1'] });
      const byTeam = entry({
        server,
        askedBy: { id: 'u-new', name: 'N' },
        teamIds: ['t-2', 't-1'],
      });
      const outsider = entry({ server, askedBy: { id: 'u-out', name: 'O' }, teamIds: ['t-9'] });
      for (const e of [mine, member, byTeam, outsider]) await ctx.store().audit.append(e);
      const ids = async (scope: AuditQuery['scope']) =>
        (await list({ server, ...(scope ? { scope } : {}) })).map((e) => e.id).sort();
      expect(await ids({ userIds: ['u-manager', 'u-rep'], teamIds: [] })).toEqual(
        [mine.id, member.id].sort(),
      );
      expect(await ids({ userIds: [], teamIds: ['t-1'] })).toEqual([member.id, byTeam.id].sort());
      expect(await ids({ userIds: [], teamIds: [] })).toEqual([]);
      expect(await ids(undefined)).toEqual([mine.id, member.id, byTeam.id, outsider.id].sort());
    });

    it('is append-only: an entry with an existing id is refused and the first one stays', async () => {
      const server = `s-${newId()}`;
      const first = entry({ server });
      await ctx.store().audit.append(first);
      await expect(
        ctx.store().audit.append({ ...first, outcome: 'refused', arguments: { forged: true } }),
      ).rejects.toMatchObject({ code: DomainErrorCode.Conflict });
      expect(await list({ server })).toEqual([first]);
    });

    it('refuses an entry that does not match the schema', async () => {
      const bad = { ...entry(), outcome: 'maybe' } as unknown as AuditEntry;
      await expect(ctx.store().audit.append(bad)).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
    });

    it('keeps entries across a reopen', async (test) => {
      const reopen = ctx.harness().reopen;
      if (!ctx.options.durable || !reopen) return test.skip();
      const server = `s-${newId()}`;
      const kept = entry({ server });
      await ctx.store().audit.append(kept);
      ctx.replaceStore(await reopen());
      expect(await list({ server })).toEqual([kept]);
    });
  });
}
