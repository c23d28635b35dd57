import {
  clusterInOrder,
  corpusInOrder,
  createQuestionRecorder,
  newId,
  StaticTeamDirectory,
  type QuestionRecord,
  type User,
} from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';
import { sessionFixture } from './store-fixtures.js';

const day = (iso: string) => iso.slice(0, 10);

function question(
  overrides: Partial<QuestionRecord> & Pick<QuestionRecord, 'teamIds'>,
): QuestionRecord {
  return {
    id: newId(),
    text: 'How is my pipeline?',
    role: 'Sales',
    conversationKind: 'session',
    conversationId: newId(),
    askerId: 'dev:alex',
    private: false,
    askedAt: '2026-02-10T09:00:00.000Z',
    terms: ['pipelin'],
    clusterId: 'c-1',
    ...overrides,
  };
}

export function registerInsightsContract(ctx: ContractContext): void {
  describe('private sessions', () => {
    it('stores the private flag (off by default) for the owner only', async () => {
      const session = sessionFixture('alex');
      await ctx.store().sessions.create(session);
      expect((await ctx.store().sessions.get('alex', session.id))?.private).toBe(false);
      await expect(
        ctx.store().sessions.mark('sam', session.id, { private: true }),
      ).resolves.toBeNull();
      await expect(
        ctx.store().sessions.mark('alex', session.id, { private: true }),
      ).resolves.toMatchObject({ id: session.id, private: true });
      expect((await ctx.store().sessions.get('alex', session.id))?.private).toBe(true);
      expect(
        (await ctx.store().sessions.listByUser('alex', { limit: 200 })).find(
          (s) => s.id === session.id,
        )?.private,
      ).toBe(true);
      await ctx.store().sessions.mark('alex', session.id, { private: false });
      expect((await ctx.store().sessions.get('alex', session.id))?.private).toBe(false);
    });
  });

  describe('question clusters and day counts', () => {
    it('counts questions per cluster, team, asker and day, never private ones', async () => {
      const team = `t-${newId().slice(0, 8)}`;
      const other = `o-${newId().slice(0, 8)}`;
      const q = ctx.store().questions;
      await q.add(question({ teamIds: [team], askedAt: '2026-02-10T09:00:00.000Z' }));
      await q.add(question({ teamIds: [team], askedAt: '2026-02-10T17:00:00.000Z' }));
      await q.add(
        question({ teamIds: [team], askerId: 'dev:sam', askedAt: '2026-02-11T09:00:00.000Z' }),
      );
      await q.add(
        question({ teamIds: [team], private: true, askedAt: '2026-02-11T10:00:00.000Z' }),
      );
      await q.add(question({ teamIds: [other], askedAt: '2026-02-11T11:00:00.000Z' }));
      await q.add(question({ teamIds: [team], askedAt: '2026-01-01T09:00:00.000Z' }));
      const rows = await q.dayCounts({ teamIds: [team], sinceDay: '2026-02-01' });
      expect(rows.sort((a, b) => a.day.localeCompare(b.day))).toEqual([
        { clusterId: 'c-1', teamId: team, askerId: 'dev:alex', day: '2026-02-10', count: 2 },
        { clusterId: 'c-1', teamId: team, askerId: 'dev:sam', day: '2026-02-11', count: 1 },
      ]);
      await expect(q.dayCounts({ teamIds: [], sinceDay: '2026-01-01' })).resolves.toEqual([]);
    });

    it('moves a conversation in and out of the counts and samples when it turns private', async () => {
      const team = `t-${newId().slice(0, 8)}`;
      const q = ctx.store().questions;
      const conversationId = newId();
      const clusterId = `c-${newId()}`;
      const mine = question({ teamIds: [team], conversationId, clusterId, text: 'mine' });
      await q.add(mine);
      await q.add(question({ teamIds: [team], clusterId, askerId: 'dev:sam', text: 'theirs' }));
      const since = '2026-02-01T00:00:00.000Z';
      const texts = async () =>
        (await q.sample({ clusterId, teamIds: [team], since, limit: 10 }))
          .map((r) => r.text)
          .sort();
      const total = async () =>
        (await q.dayCounts({ teamIds: [team], sinceDay: day(since) })).reduce(
          (n, r) => n + r.count,
          0,
        );
      expect(await texts()).toEqual(['mine', 'theirs']);
      await expect(q.setPrivate(conversationId, true)).resolves.toBe(1);
      await expect(q.setPrivate(conversationId, true)).resolves.toBe(0);
      expect(await texts()).toEqual(['theirs']);
      expect(await total()).toBe(1);
      await expect(q.setPrivate(conversationId, false)).resolves.toBe(1);
      expect(await texts()).toEqual(['mine', 'theirs']);
      expect(await total()).toBe(2);
    });

    it('samples a cluster for the given teams only, newest first, from `since`', async () => {
      const team = `t-${newId().slice(0, 8)}`;
      const clusterId = `c-${newId()}`;
      const q = ctx.store().questions;
      await q.add(
        question({
          teamIds: [team],
          clusterId,
          text: 'older',
          askedAt: '2026-02-10T09:00:00.000Z',
        }),
      );
      await q.add(
        question({
          teamIds: [team],
          clusterId,
          text: 'newer',
          askedAt: '2026-02-12T09:00:00.000Z',
        }),
      );
      await q.add(
        question({
          teamIds: [team],
          clusterId,
          text: 'too old',
          askedAt: '2026-01-01T09:00:00.000Z',
        }),
      );
      await q.add(
        question({
          teamIds: ['elsewhere'],
          clusterId,
          text: 'other team',
          askedAt: '2026-02-12T10:00:00.000Z',
        }),
      );
      await q.add(
        question({ teamIds: [team], text: 'other cluster', askedAt: '2026-02-12T11:00:00.000Z' }),
      );
      const sample = await q.sample({
        clusterId,
        teamIds: [team],
        since: '2026-02-01T00:00:00.000Z',
        limit: 10,
      });
      expect(sample.map((r) => r.text)).toEqual(['newer', 'older']);
      expect(sample[0]).toMatchObject({
        clusterId,
        teamIds: [team],
        askerId: 'dev:alex',
        private: false,
      });
    });

    it('keeps clusters and finds them by space and key', async () => {
      const q = ctx.store().questions;
      const space = `test-${newId().slice(0, 8)}`;
      const a = {
        id: newId(),
        space,
        sum: { pipelin: 1.5, quarter: 0.5 },
        size: 2,
        createdAt: '2026-02-10T09:00:00.000Z',
      };
      const b = {
        id: newId(),
        space,
        sum: { forecast: 1 },
        size: 1,
        createdAt: '2026-02-10T09:01:00.000Z',
      };
      await q.saveCluster(a, ['pipelin', 'quarter']);
      await q.saveCluster(b, ['forecast']);
      const ids = async (keys: string[]) =>
        (await q.clusterCandidates(space, keys)).map((c) => c.id).sort();
      expect(await ids(['quarter'])).toEqual([a.id]);
      expect(await ids(['quarter', 'forecast', 'nothing'])).toEqual([a.id, b.id].sort());
      expect(await q.clusterCandidates('another-space', ['quarter'])).toEqual([]);
      const grown = { ...a, sum: { ...a.sum, pipelin: 2.5 }, size: 3 };
      await q.saveCluster(grown, ['pipelin']);
      expect(await q.getClusters([a.id, 'missing'])).toEqual([grown]);
    });

    it('assigns recorded questions to clusters exactly as batch clustering does (fixed corpus)', async () => {
      const questions = ctx.store().questions;
      const teamId = `t-${newId().slice(0, 8)}`;
      const teams = new StaticTeamDirectory({
        teams: [
          {
            id: teamId,
            name: teamId,
            role: 'Sales',
            managers: [],
            members: ['dev:alex', 'dev:sam'],
          },
        ],
      });
      const recorder = createQuestionRecorder({
        questions,
        teams,
        clock: { now: () => new Date() },
      });
      const asker = (id: string): User => ({
        id,
        tenantId: 'dev',
        name: id,
        email: '',
        roles: ['Sales'],
      });
      const texts = corpusInOrder();
      const base = Date.parse('2026-02-10T09:00:00.000Z');
      for (const [i, text] of texts.entries()) {
        await recorder.record({
          text,
          role: 'Sales',
          conversationKind: i % 2 === 0 ? 'session' : 'group',
          conversationId: newId(),
          asker: asker(i % 3 === 0 ? 'dev:sam' : 'dev:alex'),
          private: false,
          askedAt: new Date(base + i * 60_000).toISOString(),
        });
      }
      const rows = await questions.dayCounts({ teamIds: [teamId], sinceDay: '2026-02-10' });
      const stored = await Promise.all(
        [...new Set(rows.map((r) => r.clusterId))].map(async (clusterId) =>
          (
            await questions.sample({
              clusterId,
              teamIds: [teamId],
              since: '2026-02-10T00:00:00.000Z',
              limit: 100,
            })
          )
            .map((r) => r.text)
            .sort(),
        ),
      );
      const batch = new Map<number, string[]>();
      clusterInOrder(texts.map((text) => ({ text }))).forEach((g, i) =>
        batch.set(g, [...(batch.get(g) ?? []), texts[i]!]),
      );
      const sortGroups = (groups: string[][]) => groups.sort((x, y) => x[0]!.localeCompare(y[0]!));
      expect(sortGroups(stored)).toEqual(sortGroups([...batch.values()].map((g) => g.sort())));
      expect(stored).toHaveLength(6);
    });
  });
}
