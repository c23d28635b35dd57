import { newId, type ApprovalRecord } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';

/** A pending request as the engine stores it. */
export function approvalFixture(
  createdAt: string,
  overrides: Partial<ApprovalRecord> = {},
): ApprovalRecord {
  const args = { opportunityId: 'opp-0562', stage: 'Negotiation' };
  return {
    id: newId(),
    server: 'crm',
    tool: 'update_stage',
    name: 'crm__update_stage',
    arguments: args,
    proposedArguments: args,
    askedBy: { id: 'dev:alex', name: 'Alex Rivera' },
    asker: {
      id: 'dev:alex',
      tenantId: 'dev',
      name: 'Alex Rivera',
      email: 'alex@salescoach.dev',
      roles: ['Sales'],
    },
    role: 'Sales',
    conversation: { kind: 'chat', id: newId() },
    messageId: newId(),
    callId: 'call-1',
    status: 'pending',
    policy: { role: 'Manager' },
    createdAt,
    expiresAt: new Date(Date.parse(createdAt) + 86_400_000).toISOString(),
    version: 1,
    ...overrides,
  };
}

export function registerApprovalContract(ctx: ContractContext): void {
  describe('approvals', () => {
    const mine = (records: ApprovalRecord[], ids: string[]) =>
      records.filter((r) => ids.includes(r.id)).map((r) => r.id);

    it('keeps a request exactly as given and lists newest first, by status, up to the limit', async () => {
      const approvals = ctx.store().approvals;
      const older = await approvals.create(approvalFixture('2026-03-01T09:00:00.000Z'));
      const newer = await approvals.create(
        approvalFixture('2026-03-01T10:00:00.000Z', {
          policy: 'self',
          conversation: { kind: 'group', id: newId() },
          arguments: { nested: { list: [1, 'two', null] }, text: 'a "quoted" value' },
        }),
      );
      const done = await approvals.create(
        approvalFixture('2026-03-01T11:00:00.000Z', { status: 'rejected', reason: 'not yet' }),
      );
      const ids = [older.id, newer.id, done.id];
      await expect(approvals.get(newer.id)).resolves.toEqual(newer);
      await expect(approvals.get(newId())).resolves.toBeNull();
      expect(mine(await approvals.list({ limit: 200 }), ids)).toEqual([
        done.id,
        newer.id,
        older.id,
      ]);
      expect(mine(await approvals.list({ status: 'pending', limit: 200 }), ids)).toEqual([
        newer.id,
        older.id,
      ]);
      expect(mine(await approvals.list({ status: 'rejected', limit: 200 }), ids)).toEqual([
        done.id,
      ]);
      expect(await approvals.list({ limit: 1 })).toHaveLength(1);
    });

    it('replaces only from the expected version: of two deciders at once exactly one wins', async () => {
      const approvals = ctx.store().approvals;
      const pending = await approvals.create(approvalFixture('2026-03-02T09:00:00.000Z'));
      const decide = (name: string, status: 'approved' | 'rejected') =>
        approvals.replace(
          {
            ...pending,
            status,
            decidedBy: { id: `dev:${name}`, name },
            decidedAt: '2026-03-02T09:05:00.000Z',
            version: 2,
          },
          1,
        );
      const outcomes = await Promise.all([
        decide('morgan', 'approved'),
        decide('other', 'rejected'),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const stored = await approvals.get(pending.id);
      expect(stored?.version).toBe(2);
      expect(stored?.status).toBe(outcomes[0] ? 'approved' : 'rejected');
      expect(stored?.decidedBy?.id).toBe(outcomes[0] ? 'dev:morgan' : 'dev:other');

      // A stale version, a version that skips, or a missing request change nothing.
      await expect(
        approvals.replace({ ...stored!, status: 'expired', version: 2 }, 1),
      ).resolves.toBe(false);
      await expect(
        approvals.replace({ ...stored!, status: 'expired', version: 4 }, 2),
      ).resolves.toBe(false);
      await expect(approvals.replace({ ...stored!, id: newId(), version: 3 }, 2)).resolves.toBe(
        false,
      );
      await expect(approvals.get(pending.id)).resolves.toEqual(stored);
      const result = { ok: true, summary: 'Stage moved to Negotiation', durationMs: 12 };
      await expect(approvals.replace({ ...stored!, result, version: 3 }, 2)).resolves.toBe(true);
      await expect(approvals.get(pending.id)).resolves.toMatchObject({ version: 3, result });
    });

    it('refuses a record that does not fit the schema, storing nothing', async () => {
      const approvals = ctx.store().approvals;
      const bad = approvalFixture('2026-03-03T09:00:00.000Z', { status: 'maybe' as 'pending' });
      await expect(approvals.create(bad)).rejects.toThrow();
      await expect(approvals.get(bad.id)).resolves.toBeNull();
    });

    if (!ctx.options.durable) return;

    it('keeps pending requests across a reopen, still decidable once', async () => {
      const pending = await ctx
        .store()
        .approvals.create(approvalFixture('2026-03-04T09:00:00.000Z'));
      const reopen = ctx.harness().reopen;
      if (!reopen) throw new Error('a durable store must provide reopen()');
      ctx.replaceStore(await reopen());
      const approvals = ctx.store().approvals;
      await expect(approvals.get(pending.id)).resolves.toEqual(pending);
      const approved = { ...pending, status: 'approved' as const, version: 2 };
      await expect(approvals.replace(approved, 1)).resolves.toBe(true);
      await expect(approvals.replace(approved, 1)).resolves.toBe(false);
    });
  });
}
