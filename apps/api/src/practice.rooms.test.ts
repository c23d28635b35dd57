import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SalesCoachClient } from '@salescoach/client';
import type { ConversationEvent } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  followRoomPractice,
  listenToRoomPractice,
  startTestStack,
  type TestStack,
} from './testing/index.js';

/** The easy discovery buyer: any question about a fact earns it (a leaked whisper would too). */
const easy = (
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../practice/scenarios/discovery.json'), 'utf8'),
  ) as {
    scenarios: { id: string; persona: { hiddenFacts: { kind: string; text: string }[] } }[];
  }
).scenarios.find((s) => s.id === 'discovery-easy');
const fact = (kind: string) => {
  const found = easy?.persona.hiddenFacts.find((f) => f.kind === kind)?.text;
  if (!found) throw new Error(`discovery-easy has no ${kind} fact`);
  return found;
};

const forbidden = { data: { code: 'FORBIDDEN' } };
const badRequest = { data: { code: 'BAD_REQUEST' } };

let stack: TestStack;
let alex: SalesCoachClient; // the rep
let sam: SalesCoachClient; // the room's owner
let morgan: SalesCoachClient; // a Manager in the room
let riley: SalesCoachClient; // a third member
let admin: SalesCoachClient; // not in the room
let groupId: string;

beforeAll(async () => {
  stack = await startTestStack();
  [alex, sam, morgan, riley, admin] = ['alex', 'sam', 'morgan', 'riley', 'admin'].map((u) =>
    stack.client(u),
  ) as [SalesCoachClient, SalesCoachClient, SalesCoachClient, SalesCoachClient, SalesCoachClient];
  await stack.toolsReady();
  const room = await sam.api.groups.create.mutate({ name: 'Practice room', role: 'Sales' });
  groupId = room.id;
  for (const userId of ['dev:alex', 'dev:morgan', 'dev:riley'])
    await sam.api.groups.members.add.mutate({ groupId, userId });
});
afterAll(async () => {
  await stack.close();
});

async function startEasy() {
  const practice = await alex.api.practice.room.start.mutate({
    groupId,
    scenarioId: 'discovery-easy',
  });
  return { practice, ref: { groupId, practiceId: practice.id } };
}

async function dealOf(client: SalesCoachClient): Promise<string> {
  const scenarios = await client.api.practice.scenarios.query();
  const deal = scenarios.find((s) => s.opportunityId !== undefined)?.opportunityId;
  if (!deal) throw new Error('no deal scenario');
  return deal;
}

const whisperTexts = (events: readonly { event: ConversationEvent }[]) =>
  events.flatMap((e) => (e.event.type === 'whisper.created' ? [e.event.whisper.text] : []));

describe('practice in rooms (real API over WebSockets, offline model, real CRM)', () => {
  it('a member starts from the library or their OWN deal; another rep\u2019s deal is FORBIDDEN and creates nothing; non-members are refused', async () => {
    const roomEvents = sam.api.groups.events;
    const started: string[] = [];
    const listening = new Promise<void>((resolve) => {
      roomEvents.subscribe(
        { groupId, lastEventId: null },
        {
          onStarted: () => resolve(),
          onData: (item: unknown) => {
            const event = (item as { data?: { type: string; practiceId?: string } }).data;
            if (event?.type === 'practice.started' && event.practiceId)
              started.push(event.practiceId);
          },
        },
      );
    });
    await listening;
    const own = await dealOf(alex);
    const view = await alex.api.practice.room.start.mutate({ groupId, opportunityId: own });
    expect(view).toMatchObject({
      groupId,
      rep: { userId: 'dev:alex' },
      scenario: { opportunityId: own },
      you: { play: true, mayReview: false },
    });
    expect(JSON.stringify(view)).not.toContain('hiddenFacts');

    const before = await sam.api.practice.room.list.query({ groupId });
    const alexHistory = await alex.api.practice.list.query();
    const samsDeal = await dealOf(sam);
    await expect(
      alex.api.practice.room.start.mutate({ groupId, opportunityId: samsDeal }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      riley.api.practice.room.start.mutate({ groupId, opportunityId: own }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      admin.api.practice.room.start.mutate({ groupId, scenarioId: 'discovery-easy' }),
    ).rejects.toMatchObject(forbidden);
    await expect(sam.api.practice.room.list.query({ groupId })).resolves.toHaveLength(
      before.length,
    );
    await expect(alex.api.practice.list.query()).resolves.toHaveLength(alexHistory.length);

    await expect(admin.api.practice.room.list.query({ groupId })).rejects.toMatchObject(forbidden);
    const seenBy = async (client: SalesCoachClient) =>
      (await client.api.practice.room.list.query({ groupId })).find((p) => p.id === view.id)?.you;
    await expect(seenBy(riley)).resolves.toEqual({ play: false, mayReview: false });
    await expect(seenBy(morgan)).resolves.toEqual({ play: false, mayReview: true });
    await expect(seenBy(sam)).resolves.toEqual({ play: false, mayReview: true });
    await expect(
      admin.api.practice.room.get.query({ groupId, practiceId: view.id }),
    ).rejects.toMatchObject(forbidden);
    // A practice of the rep's that is not in this room is not found here.
    const elsewhere = await alex.api.practice.start.mutate({ scenarioId: 'discovery-easy' });
    await expect(
      riley.api.practice.room.get.query({ groupId, practiceId: elsewhere.id }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect(started).toContain(view.id);
  });

  it('every member watches live and reads the history; only the rep sends, asks for a hint and ends; hints stay the rep\u2019s', async () => {
    const { ref } = await startEasy();
    const watching = await listenToRoomPractice(riley, 'events', ref);
    const refused = followRoomPractice(admin, 'events', ref);
    await expect(refused.ready).resolves.toMatchObject(forbidden);

    await alex.api.practice.room.send.mutate({
      ...ref,
      content: 'What is not working today?',
      clientMessageId: 'turn-1',
    });
    await watching.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    const reply = watching.events.map((e) => e.event).find((e) => e.type === 'answer.completed');
    expect(reply?.type === 'answer.completed' && reply.message.content).toContain(fact('pain'));
    const page = await riley.api.practice.room.messages.query(ref);
    expect(page.messages.map((m) => m.content)).toEqual([
      expect.any(String),
      'What is not working today?',
      fact('pain'),
    ]);
    await expect(admin.api.practice.room.messages.query(ref)).rejects.toMatchObject(forbidden);

    for (const other of [sam, morgan, riley]) {
      await expect(
        other.api.practice.room.send.mutate({ ...ref, content: 'Hi', clientMessageId: 'x' }),
      ).rejects.toMatchObject(forbidden);
      await expect(other.api.practice.room.hint.mutate(ref)).rejects.toMatchObject(forbidden);
      await expect(other.api.practice.room.end.mutate(ref)).rejects.toMatchObject(forbidden);
    }
    await expect(
      admin.api.practice.room.send.mutate({ ...ref, content: 'Hi', clientMessageId: 'x' }),
    ).rejects.toMatchObject(forbidden);
    await expect(admin.api.practice.room.hint.mutate(ref)).rejects.toMatchObject(forbidden);
    await expect(admin.api.practice.room.end.mutate(ref)).rejects.toMatchObject(forbidden);

    const hint = await alex.api.practice.room.hint.mutate(ref);
    await expect(alex.api.practice.room.get.query(ref)).resolves.toMatchObject({ hints: [hint] });
    await expect(riley.api.practice.room.get.query(ref)).resolves.toMatchObject({ hints: [] });
    expect(JSON.stringify(watching.events)).not.toContain(hint.text);
    watching.stop();
  });

  it('a whisper reaches its sender and the rep only: not other members, not non-members, not the buyer, not the scorer', async () => {
    const { ref } = await startEasy();
    const streams = {
      alex: await listenToRoomPractice(alex, 'whisperEvents', ref),
      morgan: await listenToRoomPractice(morgan, 'whisperEvents', ref),
      riley: await listenToRoomPractice(riley, 'whisperEvents', ref),
      sam: await listenToRoomPractice(sam, 'whisperEvents', ref),
    };
    const watching = await listenToRoomPractice(riley, 'events', ref);
    await expect(followRoomPractice(admin, 'whisperEvents', ref).ready).resolves.toMatchObject(
      forbidden,
    );

    const secret =
      'Ask who signs off on a purchase like this, and what budget they have set aside?';
    const sent = await morgan.api.practice.room.whisper.mutate({ ...ref, text: secret });
    expect(sent).toMatchObject({ from: { userId: 'dev:morgan' }, to: { userId: 'dev:alex' } });
    await expect(
      alex.api.practice.room.whisper.mutate({ ...ref, text: 'me' }),
    ).rejects.toMatchObject(badRequest);
    await expect(
      admin.api.practice.room.whisper.mutate({ ...ref, text: 'let me in' }),
    ).rejects.toMatchObject(forbidden);

    // History: the sender and the rep see it; the other members see nothing; outsiders are refused.
    await expect(alex.api.practice.room.whispers.query(ref)).resolves.toEqual([sent]);
    await expect(morgan.api.practice.room.whispers.query(ref)).resolves.toEqual([sent]);
    await expect(riley.api.practice.room.whispers.query(ref)).resolves.toEqual([]);
    await expect(sam.api.practice.room.whispers.query(ref)).resolves.toEqual([]);
    await expect(admin.api.practice.room.whispers.query(ref)).rejects.toMatchObject(forbidden);

    // Live: each stream is ordered, so a member's own later whisper arriving alone proves
    // nothing of the earlier one reached them.
    await riley.api.practice.room.whisper.mutate({ ...ref, text: 'Riley: slow down.' });
    await sam.api.practice.room.whisper.mutate({ ...ref, text: 'Sam: summarize.' });
    await morgan.api.practice.room.whisper.mutate({ ...ref, text: 'Morgan: book a date.' });
    const texts = ['Riley: slow down.', 'Sam: summarize.', 'Morgan: book a date.'];
    await streams.alex.until((all) => whisperTexts(all).length === 4);
    await streams.morgan.until((all) => whisperTexts(all).length === 2);
    await streams.riley.until((all) => whisperTexts(all).length === 1);
    await streams.sam.until((all) => whisperTexts(all).length === 1);
    expect(whisperTexts(streams.alex.events)).toEqual([secret, ...texts]);
    expect(whisperTexts(streams.morgan.events)).toEqual([secret, 'Morgan: book a date.']);
    expect(whisperTexts(streams.riley.events)).toEqual(['Riley: slow down.']);
    expect(whisperTexts(streams.sam.events)).toEqual(['Sam: summarize.']);

    // The buyer: an easy buyer would name its approver and budget for the whisper's questions.
    await alex.api.practice.room.send.mutate({
      ...ref,
      content: 'Thanks for making the time.',
      clientMessageId: 'thanks',
    });
    await watching.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    const watched = JSON.stringify(watching.events);
    for (const text of [secret, ...texts]) expect(watched).not.toContain(text);
    expect(watched).not.toContain(fact('economic-buyer'));
    expect(watched).not.toContain(fact('budget'));
    const page = await alex.api.practice.room.messages.query(ref);
    expect(page.messages.map((m) => m.content)).not.toContain(secret);

    // The scorer: the whisper's questions would pass the economic-buyer check for the rep.
    const ended = await alex.api.practice.room.end.mutate(ref);
    const checks = ended.scorecard?.checks ?? [];
    expect(checks.find((c) => c.id === 'meddicc.economic-buyer')?.passed).toBe(false);
    for (const check of checks) expect(check.evidence ?? '').not.toContain('signs off');
    await expect(
      sam.api.practice.room.whisper.mutate({ ...ref, text: 'too late' }),
    ).rejects.toMatchObject(badRequest);
    for (const stream of [...Object.values(streams), watching]) stream.stop();
  });

  it('the owner or a Manager adds a score and comment beside the scorecard; everyone in the room sees it; others are refused', async () => {
    const { ref } = await startEasy();
    await expect(
      sam.api.practice.room.review.mutate({ ...ref, score: 70, comment: 'Too early' }),
    ).rejects.toMatchObject(badRequest);
    await alex.api.practice.room.send.mutate({
      ...ref,
      content: 'What is not working today?',
      clientMessageId: 'turn-1',
    });
    await alex.api.practice.room.end.mutate(ref);

    const watching = await listenToRoomPractice(riley, 'events', ref);
    await sam.api.practice.room.review.mutate({ ...ref, score: 70, comment: 'Good opening.' });
    await morgan.api.practice.room.review.mutate({ ...ref, score: 55, comment: 'No next step.' });
    await morgan.api.practice.room.review.mutate({ ...ref, score: 60, comment: 'No next step.' });
    for (const other of [alex, riley])
      await expect(
        other.api.practice.room.review.mutate({ ...ref, score: 100, comment: 'Great' }),
      ).rejects.toMatchObject(forbidden);
    await expect(
      admin.api.practice.room.review.mutate({ ...ref, score: 100, comment: 'Great' }),
    ).rejects.toMatchObject(forbidden);

    const scores = [
      { score: 70, comment: 'Good opening.', by: { userId: 'dev:sam' } },
      { score: 60, comment: 'No next step.', by: { userId: 'dev:morgan' } },
    ];
    const seen = await riley.api.practice.room.get.query(ref);
    expect(seen.scorecard?.score).toEqual(expect.any(Number));
    expect(seen.humanScores).toMatchObject(scores);
    expect(seen.humanScores).toHaveLength(2);
    await expect(
      alex.api.practice.get.query({ practiceId: ref.practiceId }),
    ).resolves.toMatchObject({ humanScores: scores });
    await watching.until(
      (all) => all.filter((e) => e.event.type === 'practice.updated').length === 3,
    );
    watching.stop();
  });

  it('a member removed from the room stops seeing its practice and whispers', async () => {
    const room = await sam.api.groups.create.mutate({ name: 'Short-lived', role: 'Sales' });
    for (const userId of ['dev:alex', 'dev:riley'])
      await sam.api.groups.members.add.mutate({ groupId: room.id, userId });
    const practice = await alex.api.practice.room.start.mutate({
      groupId: room.id,
      scenarioId: 'discovery-easy',
    });
    const ref = { groupId: room.id, practiceId: practice.id };
    const events = await listenToRoomPractice(riley, 'events', ref);
    const whispers = await listenToRoomPractice(riley, 'whisperEvents', ref);
    await sam.api.groups.members.remove.mutate({ groupId: room.id, userId: 'dev:riley' });
    await Promise.all([events.ended, whispers.ended]);
    await expect(riley.api.practice.room.get.query(ref)).rejects.toMatchObject(forbidden);
    await expect(
      riley.api.practice.room.whisper.mutate({ ...ref, text: 'still here?' }),
    ).rejects.toMatchObject(forbidden);
  });
});
