import { DomainErrorCode, type ConversationRef, type Message } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { CorruptDocumentError } from '../validation/stored-document.js';
import type { ContractContext } from './contract-context.js';
import {
  groupFixture,
  groupRef,
  sessionFixture,
  sessionRef,
  userMessageFixture,
} from './store-fixtures.js';

export function registerValidationContract(ctx: ContractContext): void {
  describe('validation on the way in and out', () => {
    it('rejects malformed documents before writing anything', async () => {
      const session = await ctx.store().sessions.create(sessionFixture('alex'));
      const ref = sessionRef(session);
      const bad = { ...userMessageFixture(ref, 'x'), content: 42 } as unknown as Message;
      await expect(ctx.store().messages.append(ref, bad)).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
      const wrongConversation = userMessageFixture(
        { kind: 'session', userId: 'alex', sessionId: 'other-session' },
        'x',
      );
      await expect(ctx.store().messages.append(ref, wrongConversation)).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
      const badId = userMessageFixture(ref, 'x', { id: 'has spaces/and slashes' });
      await expect(ctx.store().messages.append(ref, badId)).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
      await expect(ctx.store().sessions.get('alex', session.id)).resolves.toMatchObject({
        lastSeq: 0,
      });
      await expect(ctx.store().messages.list(ref, { limit: 10 })).resolves.toEqual([]);

      await expect(
        ctx.store().sessions.create({ ...sessionFixture('alex'), title: 'x'.repeat(500) }),
      ).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
      await expect(
        ctx.store().groups.create({ ...groupFixture('morgan'), members: [] }),
      ).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
      await expect(
        ctx.store().sessions.rename('alex', session.id, 'y'.repeat(500)),
      ).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
      await expect(ctx.store().messages.list(ref, { limit: 0 })).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
    });

    it('rejects a bad patch and keeps the stored message', async () => {
      const group = await ctx.store().groups.create(groupFixture('morgan'));
      const ref: ConversationRef = groupRef(group);
      const { message } = await ctx
        .store()
        .messages.append(ref, userMessageFixture(ref, 'keep me'));
      await expect(
        ctx.store().messages.update(ref, message.id, { status: 'lost' as never }),
      ).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
      await expect(ctx.store().messages.get(ref, message.id)).resolves.toEqual(message);
    });

    it('refuses to return a damaged message or session', async () => {
      const session = await ctx.store().sessions.create(sessionFixture('alex'));
      const ref = sessionRef(session);
      const { message } = await ctx.store().messages.append(ref, userMessageFixture(ref, 'fine'));
      await ctx.harness().corrupt.message(ref, message.id);
      await expect(ctx.store().messages.get(ref, message.id)).rejects.toBeInstanceOf(
        CorruptDocumentError,
      );
      await expect(ctx.store().messages.list(ref, { limit: 10 })).rejects.toThrow(
        /Stored message .* is corrupt/,
      );

      const other = await ctx.store().sessions.create(sessionFixture('alex'));
      await ctx.harness().corrupt.session('alex', other.id);
      await expect(ctx.store().sessions.get('alex', other.id)).rejects.toBeInstanceOf(
        CorruptDocumentError,
      );
    });
  });

  describe('durability', () => {
    it('is reachable (ping)', async () => {
      await expect(ctx.store().ping()).resolves.toBeUndefined();
    });

    if (!ctx.options.durable) return;

    it('keeps sessions, groups, memberships and messages across a reopen', async () => {
      const session = await ctx.store().sessions.create(sessionFixture('reopen-user'));
      const ref = sessionRef(session);
      const group = await ctx.store().groups.create(groupFixture('morgan', ['reopen-user']));
      const a = await ctx
        .store()
        .messages.append(
          ref,
          userMessageFixture(ref, 'before restart', { clientMessageId: 'r-1' }),
        );
      await ctx
        .store()
        .messages.append(
          groupRef(group),
          userMessageFixture(groupRef(group), 'room before restart'),
        );

      const reopen = ctx.harness().reopen;
      if (!reopen) throw new Error('a durable store must provide reopen()');
      ctx.replaceStore(await reopen());

      await expect(ctx.store().sessions.get('reopen-user', session.id)).resolves.toMatchObject({
        lastSeq: 1,
      });
      await expect(ctx.store().messages.list(ref, { limit: 10 })).resolves.toEqual([a.message]);
      await expect(
        ctx
          .store()
          .messages.append(ref, userMessageFixture(ref, 'again', { clientMessageId: 'r-1' })),
      ).resolves.toEqual({
        message: a.message,
        created: false,
      });
      await expect(
        ctx.store().messages.append(ref, userMessageFixture(ref, 'after restart')),
      ).resolves.toMatchObject({
        message: { seq: 2 },
      });
      expect((await ctx.store().groups.listForUser('reopen-user')).map((g) => g.id)).toEqual([
        group.id,
      ]);
      await expect(ctx.store().messages.list(groupRef(group), { limit: 10 })).resolves.toHaveLength(
        1,
      );
    });
  });
}
