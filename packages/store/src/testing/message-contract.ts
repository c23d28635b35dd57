import { MAX_PAGE_SIZE, type ConversationRef, type Message } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';
import {
  assistantMessageFixture,
  groupFixture,
  groupRef,
  sessionFixture,
  sessionRef,
  userMessageFixture,
} from './store-fixtures.js';

const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

export function registerMessageContract(ctx: ContractContext): void {
  const newSession = async (userId = 'alex') =>
    sessionRef(await ctx.store().sessions.create(sessionFixture(userId)));
  const newGroup = async () =>
    groupRef(await ctx.store().groups.create(groupFixture('morgan', ['alex', 'sam'])));

  describe('messages', () => {
    it('assigns seq 1, 2, 3 and moves the conversation\u2019s lastSeq and updatedAt', async () => {
      const ref = await newSession();
      const first = await ctx.store().messages.append(ref, userMessageFixture(ref, 'one'));
      const second = await ctx.store().messages.append(ref, userMessageFixture(ref, 'two'));
      const third = await ctx.store().messages.append(ref, assistantMessageFixture(ref));
      expect([first, second, third].map((r) => [r.message.seq, r.created])).toEqual([
        [1, true],
        [2, true],
        [3, true],
      ]);
      const session = await ctx
        .store()
        .sessions.get('alex', ref.kind === 'session' ? ref.sessionId : '');
      expect(session?.lastSeq).toBe(3);
      expect(session?.updatedAt).toBe(third.message.createdAt);
      await expect(ctx.store().messages.get(ref, second.message.id)).resolves.toEqual(
        second.message,
      );
      await expect(ctx.store().messages.get(ref, 'no-such-message')).resolves.toBeNull();
    });

    it('refuses to append to a missing conversation or to someone else\u2019s session', async () => {
      const ref = await newSession('alex');
      const intruder: ConversationRef = {
        kind: 'session',
        userId: 'sam',
        sessionId: ref.kind === 'session' ? ref.sessionId : '',
      };
      await expect(
        ctx.store().messages.append(intruder, userMessageFixture(intruder, 'x')),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const missing: ConversationRef = { kind: 'group', groupId: 'no-such-group' };
      await expect(
        ctx.store().messages.append(missing, userMessageFixture(missing, 'x')),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(ctx.store().messages.list(intruder, { limit: 10 })).resolves.toEqual([]);
    });

    it('keeps seq gap-free and unique with 20 concurrent writers on one conversation', async () => {
      const ref = await newGroup();
      const writers = 20;
      const perWriter = 3;
      const results = await Promise.all(
        range(1, writers).map(async (w) => {
          const mine: Message[] = [];
          for (let i = 0; i < perWriter; i += 1) {
            mine.push(
              (await ctx.store().messages.append(ref, userMessageFixture(ref, `writer ${w} #${i}`)))
                .message,
            );
          }
          return mine;
        }),
      );
      const total = writers * perWriter;
      const assigned = results
        .flat()
        .map((m) => m.seq)
        .sort((a, b) => a - b);
      expect(assigned).toEqual(range(1, total));
      const stored = await ctx.store().messages.list(ref, { limit: MAX_PAGE_SIZE });
      expect(seqs(stored)).toEqual(range(1, total));
      expect(new Set(stored.map((m) => m.id)).size).toBe(total);
      await expect(
        ctx.store().groups.get(ref.kind === 'group' ? ref.groupId : ''),
      ).resolves.toMatchObject({ lastSeq: total });
    });

    it('scopes clientMessageId to its author: another member\u2019s same key is a new message', async () => {
      const ref = await newGroup();
      const by = (userId: string, name: string, content: string) =>
        userMessageFixture(ref, content, {
          clientMessageId: 'shared-1',
          author: { kind: 'user', userId, name },
        });
      const alex = await ctx.store().messages.append(ref, by('alex', 'Alex', 'from alex'));
      const sam = await ctx.store().messages.append(ref, by('sam', 'Sam', 'from sam'));
      expect(sam).toMatchObject({ created: true, message: { seq: 2, content: 'from sam' } });
      expect(sam.message.clientMessageId).toBe('shared-1');
      // Each author's retry still returns that author's first message.
      const alexAgain = await ctx.store().messages.append(ref, by('alex', 'Alex', 'from alex'));
      const samAgain = await ctx.store().messages.append(ref, by('sam', 'Sam', 'from sam'));
      expect(alexAgain).toEqual({ created: false, message: alex.message });
      expect(samAgain).toEqual({ created: false, message: sam.message });
      const page = await ctx.store().messages.list(ref, { limit: 10 });
      expect(page.map((m) => m.content)).toEqual(['from alex', 'from sam']);
    });

    it('finds a message by its author and clientMessageId, however old, and only that author\u2019s', async () => {
      const ref = await newGroup();
      const by = (userId: string, content: string, clientMessageId: string) =>
        userMessageFixture(ref, content, {
          clientMessageId,
          author: { kind: 'user', userId, name: userId },
        });
      const first = await ctx.store().messages.append(ref, by('alex', 'the first', 'key-0'));
      // More newer messages than a store's list of recent keys (Cosmos keeps 100) holds.
      for (let i = 1; i <= 105; i += 1)
        await ctx.store().messages.append(ref, by('sam', `later ${i}`, `key-${i}`));
      const messages = ctx.store().messages;
      await expect(messages.findByClientId(ref, 'key-0', 'alex')).resolves.toEqual(first.message);
      await expect(messages.findByClientId(ref, 'key-0', 'sam')).resolves.toBeNull();
      await expect(messages.findByClientId(ref, 'key-105', 'sam')).resolves.toMatchObject({
        seq: 106,
        content: 'later 105',
      });
      await expect(messages.findByClientId(ref, 'key-106', 'sam')).resolves.toBeNull();
      const elsewhere = await newGroup();
      await expect(messages.findByClientId(elsewhere, 'key-0', 'alex')).resolves.toBeNull();
    });

    it('returns the first message when an append is retried with the same clientMessageId', async () => {
      const ref = await newSession();
      const first = await ctx
        .store()
        .messages.append(ref, userMessageFixture(ref, 'hello', { clientMessageId: 'c-1' }));
      const retry = await ctx
        .store()
        .messages.append(ref, userMessageFixture(ref, 'hello', { clientMessageId: 'c-1' }));
      expect(retry.created).toBe(false);
      expect(retry.message).toEqual(first.message);
      const other = await ctx
        .store()
        .messages.append(ref, userMessageFixture(ref, 'next', { clientMessageId: 'c-2' }));
      expect(other).toMatchObject({ created: true, message: { seq: 2 } });

      // The same clientMessageId in another conversation is a different message.
      const elsewhere = await newSession();
      await expect(
        ctx
          .store()
          .messages.append(
            elsewhere,
            userMessageFixture(elsewhere, 'hello', { clientMessageId: 'c-1' }),
          ),
      ).resolves.toMatchObject({
        created: true,
        message: { seq: 1 },
      });

      // Concurrent retries of one send produce exactly one message.
      const burst = await Promise.all(
        range(1, 5).map(() =>
          ctx
            .store()
            .messages.append(ref, userMessageFixture(ref, 'burst', { clientMessageId: 'c-3' })),
        ),
      );
      expect(burst.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(burst.map((r) => r.message.id)).size).toBe(1);
      expect(seqs(await ctx.store().messages.list(ref, { limit: 10 }))).toEqual([1, 2, 3]);
    });

    it('pages backwards and forwards over a long conversation in ascending order', async () => {
      const total = ctx.options.paginationMessages ?? 5_000;
      const ref = await newSession();
      for (let i = 1; i <= total; i += 1)
        await ctx.store().messages.append(ref, userMessageFixture(ref, `m${i}`));

      const latest = await ctx.store().messages.list(ref, { limit: 1_000 });
      expect(latest).toHaveLength(MAX_PAGE_SIZE);
      expect(seqs(latest)).toEqual(range(total - MAX_PAGE_SIZE + 1, total));

      const backwards: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await ctx.store().messages.list(ref, {
          limit: MAX_PAGE_SIZE,
          ...(before === undefined ? {} : { beforeSeq: before }),
        });
        if (page.length === 0) break;
        backwards.unshift(...seqs(page));
        before = page[0]!.seq;
      }
      expect(backwards).toEqual(range(1, total));

      const forwards: number[] = [];
      let after = 0;
      for (;;) {
        const page = await ctx.store().messages.list(ref, { limit: 150, afterSeq: after });
        if (page.length === 0) break;
        forwards.push(...seqs(page));
        after = page.at(-1)!.seq;
      }
      expect(forwards).toEqual(range(1, total));
      expect(
        seqs(await ctx.store().messages.list(ref, { afterSeq: 10, beforeSeq: 14, limit: 50 })),
      ).toEqual([11, 12, 13]);
      expect(
        (await ctx.store().messages.list(ref, { beforeSeq: 3, limit: 5 })).map((m) => m.content),
      ).toEqual(['m1', 'm2']);
    }, 120_000);

    it('stores a 32 KB message with attachments and tool calls intact', async () => {
      const ref = await newSession();
      const content = `# Report\n\n${'Pipeline \u00e9t\u00e9 \u{1F4C8} | '.repeat(2_000)}`.slice(
        0,
        32 * 1024,
      );
      const message = userMessageFixture(ref, content, {
        author: { kind: 'assistant', name: 'Coach' },
        attachments: {
          tables: [{ columns: ['Stage', 'Amount'], rows: [['Won', '1,200']], numericColumns: [1] }],
          charts: [
            {
              kind: 'bar',
              title: 'By stage',
              x: { key: 'Stage', label: 'Stage' },
              series: [{ key: 'Amount', label: 'Amount' }],
              data: [{ Stage: 'Won', Amount: 1200 }],
              source: 'table',
            },
          ],
        },
        toolCalls: [{ id: 't1', server: 'crm', tool: 'pipeline', status: 'ok', durationMs: 12 }],
        model: { provider: 'offline', name: 'rules' },
      });
      const { message: stored } = await ctx.store().messages.append(ref, message);
      expect(stored.content).toHaveLength(content.length);
      const read = await ctx.store().messages.get(ref, stored.id);
      expect(read).toEqual(stored);
      expect(read?.content).toBe(content);
    });

    it('updates a message in place and finds streaming messages for crash recovery', async () => {
      const ref = await newGroup();
      const { message: answer } = await ctx
        .store()
        .messages.append(ref, assistantMessageFixture(ref));
      const streaming = await ctx.store().messages.listStreaming();
      expect(streaming).toContainEqual({ ref, message: answer });

      const updated = await ctx.store().messages.update(ref, answer.id, {
        content: 'Done.',
        status: 'interrupted',
        toolCalls: [
          {
            id: 't',
            server: 'crm',
            tool: 'deals',
            status: 'failed',
            durationMs: 3,
            error: 'timeout',
          },
        ],
        updatedAt: new Date(Date.parse(answer.updatedAt) + 5).toISOString(),
      });
      expect(updated).toMatchObject({
        id: answer.id,
        seq: answer.seq,
        content: 'Done.',
        status: 'interrupted',
      });
      await expect(ctx.store().messages.get(ref, answer.id)).resolves.toEqual(updated);
      expect((await ctx.store().messages.list(ref, { limit: 5 })).at(-1)).toEqual(updated);
      expect((await ctx.store().messages.listStreaming()).map((s) => s.message.id)).not.toContain(
        answer.id,
      );
      await expect(
        ctx.store().messages.update(ref, 'no-such-message', { content: 'x' }),
      ).resolves.toBeNull();
    });
  });
}
