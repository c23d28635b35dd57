import type { SalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor, writeTeamsFile, type TestStack } from './testing/index.js';

/**
 * The insights privacy matrix, through the real API over WebSockets: every cell is one
 * question with a word of its own (so it forms its own group), asked by a person of some
 * role and team, in a session (public, private, made private later, made public again) or a
 * room of some role; every viewer reads insights, and the cell's phrasing must appear for
 * exactly the viewers the rules allow: a manager sees their own team's members only, in the
 * team's role, never a private session; Admin sees every team under the same rules; nobody
 * else may read insights at all. INSIGHTS_MIN_ASKERS=1 here so one asker is enough to show a
 * phrasing; the threshold has its own test.
 *
 * Teams for this test: West (morgan manages alex), East (sam, managed by nobody here).
 */
type Person = 'alex' | 'sam' | 'riley' | 'morgan';
type Place =
  'session' | 'private session' | 'made private' | 'made public again' | 'Sales room' | 'HR room';
interface Cell {
  readonly word: string;
  readonly asker: Person;
  readonly place: Place;
  readonly seenBy: readonly ('morgan' | 'admin')[];
}

const ASKERS: readonly Person[] = ['alex', 'sam', 'riley', 'morgan'];
const PLACES: readonly Place[] = [
  'session',
  'private session',
  'made private',
  'made public again',
  'Sales room',
  'HR room',
];
const WORDS =
  'aardvark bison cobra dingo egret ferret gecko heron ibis jackal koala lemur marmot narwhal ocelot puffin quokka raven stoat tapir urchin vole walrus yak zebra'.split(
    ' ',
  );

/** The rules, written out: who may see a question of this asker in this place. */
function expectedViewers(asker: Person, place: Place): ('morgan' | 'admin')[] {
  const visiblePlace =
    place === 'session' || place === 'made public again' || place === 'Sales room';
  if (!visiblePlace) return []; // private, or asked in a role (HR) that is not the team's
  if (asker === 'alex') return ['morgan', 'admin']; // West
  if (asker === 'sam') return ['admin']; // East: not morgan's team
  return []; // riley: in no team; morgan: a manager, not a member
}

const CELLS: Cell[] = ASKERS.flatMap((asker) =>
  PLACES.map((place) => ({
    asker,
    place,
    word: '',
    seenBy: expectedViewers(asker, place),
  })),
).map((cell, i) => ({ ...cell, word: WORDS[i]! }));

const VIEWERS = ['morgan', 'admin', 'alex', 'sam', 'riley'] as const;

let stack: TestStack;
let teams: Awaited<ReturnType<typeof writeTeamsFile>>;
const clients = new Map<string, SalesCoachClient>();
const client = (user: string) =>
  clients.get(user) ?? clients.set(user, stack.client(user)).get(user)!;

async function ask(
  asker: Person,
  place: Place,
  text: string,
  rooms: Record<'Sales' | 'HR', string>,
  i: number,
) {
  const api = client(asker).api;
  if (place === 'Sales room' || place === 'HR room') {
    await api.groups.send.mutate({
      groupId: rooms[place === 'Sales room' ? 'Sales' : 'HR'],
      content: `@coach ${text}`,
      clientMessageId: `cell-${i}`,
    });
    return;
  }
  const session = await api.chat.sessions.create.mutate({});
  if (place === 'private session' || place === 'made public again')
    await api.chat.sessions.setPrivate.mutate({ sessionId: session.id, private: true });
  await api.chat.send.mutate({
    sessionId: session.id,
    content: text,
    clientMessageId: `cell-${i}`,
  });
  if (place === 'made private')
    await api.chat.sessions.setPrivate.mutate({ sessionId: session.id, private: true });
  if (place === 'made public again')
    await api.chat.sessions.setPrivate.mutate({ sessionId: session.id, private: false });
}

beforeAll(async () => {
  teams = await writeTeamsFile([
    { id: 'west', name: 'West', role: 'Sales', managers: ['dev:morgan'], members: ['dev:alex'] },
    { id: 'east', name: 'East', role: 'Sales', managers: [], members: ['dev:sam'] },
  ]);
  stack = await startTestStack({
    crm: false,
    env: {
      TEAMS_FILE: teams.file,
      INSIGHTS_MIN_ASKERS: '1',
      MAX_CONCURRENT_ANSWERS: '50',
      SENDS_PER_MINUTE: '1000',
    },
  });
  // A Sales room with everyone who may post in it, and an HR room riley owns with alex in it.
  const sales = await client('alex').api.groups.create.mutate({
    name: 'Deal desk',
    role: 'Sales',
    aiMode: 'mention',
  });
  for (const userId of ['dev:sam', 'dev:morgan', 'dev:riley'])
    await client('alex').api.groups.members.add.mutate({ groupId: sales.id, userId });
  const hr = await client('riley').api.groups.create.mutate({
    name: 'People team',
    role: 'HR',
    aiMode: 'mention',
  });
  for (const userId of ['dev:alex', 'dev:sam', 'dev:morgan'])
    await client('riley').api.groups.members.add.mutate({ groupId: hr.id, userId });
  const rooms = { Sales: sales.id, HR: hr.id };

  for (const [i, cell] of CELLS.entries())
    await ask(cell.asker, cell.place, `What about ${cell.word}?`, rooms, i);
  // Questions are recorded one at a time in order: once this last one shows, every cell is in.
  await ask('alex', 'session', 'What about wombat?', rooms, CELLS.length);
  await waitFor(async () => {
    const view = await client('admin').api.insights.commonQuestions.query({ days: 1, limit: 100 });
    return view.groups.some((g) => g.label === 'What about wombat?') ? true : undefined;
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await teams.remove();
});

describe(`insights privacy matrix: ${CELLS.length} questions × ${VIEWERS.length} viewers`, () => {
  it('covers asker role × team × private × place', () => {
    expect(CELLS).toHaveLength(ASKERS.length * PLACES.length);
    expect(CELLS.filter((c) => c.seenBy.includes('morgan'))).toHaveLength(3);
    expect(CELLS.filter((c) => c.seenBy.includes('admin'))).toHaveLength(6);
  });

  for (const viewer of VIEWERS) {
    it(`${viewer} sees exactly the questions the rules allow, by every insights call`, async () => {
      const api = client(viewer).api.insights.commonQuestions;
      if (viewer !== 'morgan' && viewer !== 'admin') {
        await expect(api.query({ days: 1 })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
        await expect(api.query({ days: 30, teamId: 'west' })).rejects.toMatchObject({
          data: { code: 'FORBIDDEN' },
        });
        return;
      }
      const views = [
        await api.query({ days: 1, limit: 100 }),
        await api.query({ days: 365, limit: 100 }),
        ...(viewer === 'admin'
          ? [
              await api.query({ days: 30, limit: 100, teamId: 'west' }),
              await api.query({ days: 30, limit: 100, teamId: 'east' }),
            ]
          : [await api.query({ days: 30, limit: 100, teamId: 'west' })]),
      ];
      const text = JSON.stringify(views);
      for (const cell of CELLS) {
        const phrasing = `What about ${cell.word}?`;
        if (cell.seenBy.includes(viewer))
          expect(
            views[0]!.groups.map((g) => g.label),
            `${cell.asker} / ${cell.place}`,
          ).toContain(phrasing);
        else
          expect(text, `${cell.asker} / ${cell.place} must not reach ${viewer}`).not.toContain(
            cell.word,
          );
      }
      // Counts follow the same rules: the visible cells plus the last question.
      const seen = CELLS.filter((c) => c.seenBy.includes(viewer)).length + 1;
      expect(views[0]!.totalQuestions).toBe(seen);
      for (const person of ['dev:alex', 'dev:sam', 'dev:riley', 'dev:morgan'])
        expect(text).not.toContain(person);
    });
  }

  it('refuses a manager a team they do not manage', async () => {
    await expect(
      client('morgan').api.insights.commonQuestions.query({ days: 1, teamId: 'east' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});
