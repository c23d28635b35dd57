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

/** Message versions (edits, regenerated answers) and in-place edits and deletes. */
export function registerVersionsContract(ctx: ContractContext): void {
  describe('message versions, edits and deletes', () => {
    it('keeps a version\u2019s links and the earlier version beside it, seq gap-free', async () => {
      const ref = sessionRef(await ctx.store().sessions.create(sessionFixture('alex')));
      const messages = ctx.store().messages;
      const { message: question } = await messages.append(ref, userMessageFixture(ref, 'v1'));
      await messages.append(ref, assistantMessageFixture(ref, { status: 'complete' }));
      const { message: edit } = await messages.append(
        ref,
        userMessageFixture(ref, 'v2', { versionOf: question.id }),
      );
      const { message: answer } = await messages.append(
        ref,
        assistantMessageFixture(ref, { parentId: edit.id }),
      );
      expect(edit).toMatchObject({ seq: 3, versionOf: question.id });
      expect(answer).toMatchObject({ seq: 4, parentId: edit.id });
      const listed = await messages.list(ref, { limit: 10 });
      expect(listed.map((m) => [m.seq, m.content, m.parentId, m.versionOf])).toEqual([
        [1, 'v1', undefined, undefined],
        [2, '', undefined, undefined],
        [3, 'v2', undefined, question.id],
        [4, '', edit.id, undefined],
      ]);
      await expect(messages.get(ref, answer.id)).resolves.toEqual(answer);
    });

    it('marks an edit and a delete in place; a deleted message keeps its seq, not its text', async () => {
      const ref = groupRef(await ctx.store().groups.create(groupFixture('morgan', ['alex'])));
      const messages = ctx.store().messages;
      const { message: first } = await messages.append(ref, userMessageFixture(ref, 'typo'));
      const { message: second } = await messages.append(ref, userMessageFixture(ref, 'oops'));
      const editedAt = new Date(Date.parse(first.createdAt) + 10).toISOString();
      const edited = await messages.update(ref, first.id, {
        content: 'fixed',
        editedAt,
        updatedAt: editedAt,
      });
      expect(edited).toMatchObject({ content: 'fixed', editedAt, seq: 1 });
      const deleted = await messages.update(ref, second.id, {
        content: '',
        deletedAt: editedAt,
        updatedAt: editedAt,
      });
      expect(deleted).toMatchObject({ content: '', deletedAt: editedAt, seq: 2 });
      const listed = await messages.list(ref, { limit: 10 });
      expect(listed.map((m) => [m.seq, m.content, m.editedAt, m.deletedAt])).toEqual([
        [1, 'fixed', editedAt, undefined],
        [2, '', undefined, editedAt],
      ]);
      const { message: third } = await messages.append(ref, userMessageFixture(ref, 'next'));
      expect(third.seq).toBe(3);
    });
  });
}
