import { DomainErrorCode, newId, type RoomPractice, type Whisper } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';
import { practiceFixture } from './practice-fixtures.js';
import { groupFixture, nextTimestamp } from './store-fixtures.js';

const entryFixture = (groupId: string, rep: string, practiceId = newId()): RoomPractice => ({
  groupId,
  practiceId,
  sessionId: newId(),
  rep: { userId: rep, name: rep },
  title: 'Discovery call',
  createdAt: nextTimestamp(),
});

const whisperFixture = (entry: RoomPractice, from: string, text: string): Whisper => ({
  id: newId(),
  groupId: entry.groupId,
  practiceId: entry.practiceId,
  from: { userId: from, name: from },
  to: entry.rep,
  text,
  createdAt: nextTimestamp(),
});

export function registerRoomPracticeContract(ctx: ContractContext): void {
  describe('room practices and whispers', () => {
    it('adds a practice to a room, finds it, lists the room\u2019s newest first and refuses it twice', async () => {
      const store = ctx.store();
      const room = await store.groups.create(groupFixture('morgan', ['alex', 'sam']));
      const first = await store.roomPractices.add(entryFixture(room.id, 'alex'));
      const second = await store.roomPractices.add(entryFixture(room.id, 'sam'));
      await store.roomPractices.add(entryFixture(newId(), 'alex'));
      await expect(store.roomPractices.get(room.id, first.practiceId)).resolves.toEqual(first);
      await expect(store.roomPractices.get(newId(), first.practiceId)).resolves.toBeNull();
      await expect(store.roomPractices.listByGroup(room.id, { limit: 10 })).resolves.toEqual([
        second,
        first,
      ]);
      await expect(store.roomPractices.listByGroup(room.id, { limit: 1 })).resolves.toEqual([
        second,
      ]);
      await expect(store.roomPractices.add(first)).rejects.toMatchObject({
        code: DomainErrorCode.Conflict,
      });
    });

    it('gives each person only the whispers they sent or received, oldest first', async () => {
      const store = ctx.store();
      const room = await store.groups.create(groupFixture('morgan', ['alex', 'sam', 'riley']));
      const entry = await store.roomPractices.add(entryFixture(room.id, 'alex'));
      const other = await store.roomPractices.add(entryFixture(room.id, 'sam'));
      const fromSam = await store.roomPractices.addWhisper(
        whisperFixture(entry, 'sam', 'Ask who signs.'),
      );
      const fromMorgan = await store.roomPractices.addWhisper(
        whisperFixture(entry, 'morgan', 'Slow down.'),
      );
      await store.roomPractices.addWhisper(whisperFixture(other, 'alex', 'Elsewhere.'));
      const list = (viewer: string, practiceId = entry.practiceId) =>
        store.roomPractices.listWhispers(room.id, practiceId, viewer, { limit: 50 });
      await expect(list('alex')).resolves.toEqual([fromSam, fromMorgan]);
      await expect(list('sam')).resolves.toEqual([fromSam]);
      await expect(list('morgan')).resolves.toEqual([fromMorgan]);
      await expect(list('riley')).resolves.toEqual([]);
      await expect(list('outsider')).resolves.toEqual([]);
      await expect(
        store.roomPractices.listWhispers(room.id, entry.practiceId, 'alex', { limit: 1 }),
      ).resolves.toEqual([fromSam]);
      await expect(
        store.roomPractices.listWhispers(newId(), entry.practiceId, 'alex', { limit: 50 }),
      ).resolves.toEqual([]);
      await expect(store.roomPractices.addWhisper(fromSam)).rejects.toMatchObject({
        code: DomainErrorCode.Conflict,
      });
    });

    it('refuses a whisper that breaks the schema', async () => {
      const entry = entryFixture(newId(), 'alex');
      await expect(
        ctx.store().roomPractices.addWhisper(whisperFixture(entry, 'sam', '')),
      ).rejects.toMatchObject({ code: DomainErrorCode.Invalid });
    });

    it('deleting the room deletes its practices and whispers', async () => {
      const store = ctx.store();
      const room = await store.groups.create(groupFixture('morgan', ['alex', 'sam']));
      const entry = await store.roomPractices.add(entryFixture(room.id, 'alex'));
      await store.roomPractices.addWhisper(whisperFixture(entry, 'sam', 'Ask about budget.'));
      await expect(store.groups.delete(room.id)).resolves.toBe(true);
      await expect(store.roomPractices.get(room.id, entry.practiceId)).resolves.toBeNull();
      await expect(store.roomPractices.listByGroup(room.id, { limit: 10 })).resolves.toEqual([]);
      await expect(
        store.roomPractices.listWhispers(room.id, entry.practiceId, 'alex', { limit: 10 }),
      ).resolves.toEqual([]);
    });

    it('keeps a practice\u2019s room and people\u2019s scores exactly', async () => {
      const store = ctx.store();
      const practice = await store.practices.create(
        practiceFixture('alex', newId(), { groupId: newId(), status: 'ended' }),
      );
      const score = {
        score: 72,
        comment: 'Good discovery; the close was vague.',
        by: { userId: 'morgan', name: 'Morgan' },
        createdAt: nextTimestamp(),
      };
      const updated = await store.practices.update('alex', practice.id, (p) => ({
        ...p,
        humanScores: [score],
      }));
      expect(updated).toEqual({ ...practice, humanScores: [score] });
      await expect(store.practices.get('alex', practice.id)).resolves.toEqual({
        ...practice,
        humanScores: [score],
      });
      await expect(
        store.practices.update('alex', practice.id, (p) => ({
          ...p,
          humanScores: [{ ...score, score: 101 }],
        })),
      ).rejects.toMatchObject({ code: DomainErrorCode.Invalid });
    });
  });
}
