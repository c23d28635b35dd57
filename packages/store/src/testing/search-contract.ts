import { newId, type ConversationRef } from '@salescoach/domain';
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

export function registerSearchContract(ctx: ContractContext): void {
  describe('message search', () => {
    /** A word of its own per test run, so earlier tests' messages never match. */
    const word = () => `zq${newId().replace(/-/g, '').slice(0, 10)}`;

    async function say(ref: ConversationRef, content: string) {
      return (await ctx.store().messages.append(ref, userMessageFixture(ref, content))).message;
    }

    it('finds messages of the user’s chat sessions and the given rooms only', async () => {
      const w = word();
      const user = `searcher-${newId()}`;
      const s = ctx.store();
      const chat = sessionRef(await s.sessions.create(sessionFixture(user)));
      const practice = sessionRef(
        await s.sessions.create(sessionFixture(user, { kind: 'practice' })),
      );
      const someoneElse = sessionRef(await s.sessions.create(sessionFixture(`other-${newId()}`)));
      const room = await s.groups.create(groupFixture('morgan', [user]));
      const otherRoom = await s.groups.create(groupFixture('morgan'));
      const mine = await say(chat, `The ${w} renewal is at risk`);
      await say(chat, 'Nothing to see here');
      const inRoom = await say(groupRef(room), `Room note: ${w.toUpperCase()} RENEWAL call`);
      await say(practice, `${w} renewal practice line`);
      await say(someoneElse, `${w} renewal of someone else`);
      await say(groupRef(otherRoom), `${w} renewal in a room I am not in`);

      const { hits, more } = await s.search.search(
        { userId: user, groupIds: [room.id] },
        [w, 'renew'],
        { offset: 0, limit: 10 },
      );
      expect(more).toBe(false);
      expect(hits.map((h) => h.message.id).sort()).toEqual([mine.id, inRoom.id].sort());
      expect(hits.find((h) => h.message.id === mine.id)?.ref).toEqual(chat);
      expect(hits.find((h) => h.message.id === inRoom.id)?.ref).toEqual(groupRef(room));
      // Every term must start a word: the middle of a word does not match.
      await expect(
        s.search.search({ userId: user, groupIds: [room.id] }, [w, 'newal'], {
          offset: 0,
          limit: 10,
        }),
      ).resolves.toEqual({ hits: [], more: false });
    });

    it('pages, follows content changes, and forgets deleted conversations', async () => {
      const w = word();
      const user = `pager-${newId()}`;
      const s = ctx.store();
      const session = await s.sessions.create(sessionFixture(user));
      const ref = sessionRef(session);
      const first = await say(ref, `${w} one`);
      const second = await say(ref, `${w} two`);
      const scope = { userId: user, groupIds: [] };
      const page1 = await s.search.search(scope, [w], { offset: 0, limit: 1 });
      const page2 = await s.search.search(scope, [w], { offset: 1, limit: 1 });
      expect([page1.more, page2.more]).toEqual([true, false]);
      expect([...page1.hits, ...page2.hits].map((h) => h.message.id).sort()).toEqual(
        [first.id, second.id].sort(),
      );

      // An answer is written as it streams: its final text is what is found.
      const answer = (await s.messages.append(ref, assistantMessageFixture(ref))).message;
      await s.messages.update(ref, answer.id, {
        content: `Coach says ${w} forecast`,
        status: 'complete',
      });
      const found = await s.search.search(scope, [w, 'forecast'], { offset: 0, limit: 10 });
      expect(found.hits.map((h) => h.message.id)).toEqual([answer.id]);
      await s.messages.update(ref, answer.id, { content: 'Rewritten entirely' });
      await expect(
        s.search.search(scope, [w, 'forecast'], { offset: 0, limit: 10 }),
      ).resolves.toEqual({
        hits: [],
        more: false,
      });

      await s.sessions.delete(user, session.id);
      await expect(s.search.search(scope, [w], { offset: 0, limit: 10 })).resolves.toEqual({
        hits: [],
        more: false,
      });
    });
  });
}
