import type { SalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer, toolCallAnswer } from '@salescoach/llm/testing';
import { askAndWait, codeOf, propose, subjectOf } from './testing/approval-flow.js';
import { writeTeamsFile } from './testing/index.js';
import { startNotesStack, type NotesStack } from './testing/notes-stack.js';

/**
 * Who may see and decide a request, as a matrix over real WebSockets and the real store:
 * policy (self, a Manager) × asker (alex: Sales; morgan: Manager) × where (1-on-1, the team
 * room) × decider (alex, sam: Sales in West; morgan: West's Manager; riley: HR, no team, a
 * room member; admin: Admin, no team, not in the room). Each cell proposes its own request
 * and the decider tries to read, list and approve it. Plus the `none` policy: a read runs
 * at once, nothing waits.
 */
const PEOPLE = ['alex', 'sam', 'morgan', 'riley', 'admin'] as const;
type Person = (typeof PEOPLE)[number];
const ROOM_MEMBERS: readonly Person[] = ['alex', 'sam', 'morgan', 'riley'];
const POLICIES = [
  { policy: 'self', tool: 'notes__set_note', args: { record: 'r-1', note: 'call back' } },
  { policy: 'Manager', tool: 'notes__delete_note', args: { record: 'r-1' } },
] as const;
const ASKERS = ['alex', 'morgan'] as const;
const PLACES = ['chat', 'room'] as const;

type Access = 'decides' | 'sees' | 'hidden';

/** The rule, written out independently of the code under test (docs/approvals.md). */
function expectedAccess(
  policy: 'self' | 'Manager',
  asker: Person,
  where: 'chat' | 'room',
  decider: Person,
): Access {
  if (where === 'room') {
    if (!ROOM_MEMBERS.includes(decider)) return 'hidden';
    if (policy === 'self') return decider === asker ? 'decides' : 'sees';
    return decider === 'morgan' ? 'decides' : 'sees';
  }
  if (policy === 'self') return decider === asker ? 'decides' : 'hidden';
  if (decider === 'morgan') return 'decides'; // holds the role; manages alex's team
  return decider === asker ? 'sees' : 'hidden';
}

let parts: NotesStack;
const clients = new Map<Person, SalesCoachClient>();
let roomId: string;
beforeAll(async () => {
  parts = await startNotesStack();
  for (const person of PEOPLE) clients.set(person, parts.stack.client(person));
  const alex = clients.get('alex')!;
  const room = await alex.api.groups.create.mutate({ name: 'West deals', role: 'Sales' });
  for (const person of ROOM_MEMBERS.filter((p) => p !== 'alex'))
    await alex.api.groups.members.add.mutate({ groupId: room.id, userId: `dev:${person}` });
  roomId = room.id;
});
afterAll(async () => {
  await parts.close();
});

const cells = POLICIES.flatMap(({ policy, tool, args }) =>
  ASKERS.flatMap((asker) =>
    PLACES.flatMap((where) =>
      PEOPLE.map((decider) => ({
        policy,
        tool,
        args,
        asker,
        where,
        decider,
        access: expectedAccess(policy, asker, where, decider),
      })),
    ),
  ),
);

describe('approval matrix', () => {
  it('has 40 decision cells, 4 where nothing waits, and 2 of team scope below', () => {
    expect(cells).toHaveLength(40);
    expect(new Set(cells.map((c) => c.access))).toEqual(new Set(['decides', 'sees', 'hidden']));
  });

  it.each(cells)(
    '$policy request by $asker in $where: $decider $access',
    async ({ tool, args, asker, where, decider, access }) => {
      const askerClient = clients.get(asker)!;
      const deciderClient = clients.get(decider)!;
      const place =
        where === 'room' ? { kind: 'group' as const, groupId: roomId } : { kind: 'chat' as const };
      const { approval } = await propose(parts.model, askerClient, place, {
        name: tool,
        arguments: { ...args },
      });
      const writesBefore = parts.notes.writes.length;

      const read = await codeOf(deciderClient.api.approvals.get.query({ id: approval.id }));
      expect(read).toBe(access === 'hidden' ? 'NOT_FOUND' : 'OK');
      const listed = (await deciderClient.api.approvals.list.query({ status: 'pending' })).some(
        (a) => a.id === approval.id,
      );
      expect(listed).toBe(access === 'decides' || decider === asker);

      const decided = await codeOf(
        deciderClient.api.approvals.decide.mutate({ id: approval.id, decision: 'approve' }),
      );
      expect(decided).toBe({ decides: 'OK', sees: 'FORBIDDEN', hidden: 'NOT_FOUND' }[access]);
      const after = await askerClient.api.approvals.get.query({ id: approval.id });
      if (access === 'decides') {
        expect(after).toMatchObject({ status: 'approved', decidedBy: { id: `dev:${decider}` } });
        expect(parts.notes.writes.slice(writesBefore)).toHaveLength(1);
        const write = parts.notes.writes.at(-1);
        expect(write?.args).toEqual(args);
        expect(subjectOf(write?.authorization)).toBe(`dev:${asker}`);
      } else {
        expect(after.status).toBe('pending');
        expect(parts.notes.writes.length).toBe(writesBefore);
      }
    },
  );

  it.each(ASKERS.flatMap((asker) => PLACES.map((where) => ({ asker, where }))))(
    'none (a read) by $asker in $where runs at once: nothing waits',
    async ({ asker, where }) => {
      const client = clients.get(asker)!;
      parts.model.script([
        toolCallAnswer([{ name: 'notes__echo', arguments: { text: 'hi' } }]),
        textAnswer('Done.'),
      ]);
      const answer = await askAndWait(
        client,
        where === 'room' ? { kind: 'group', groupId: roomId } : { kind: 'chat' },
        'Echo hi',
      );
      expect(answer.toolCalls).toEqual([expect.objectContaining({ tool: 'echo', status: 'ok' })]);
      expect(answer.toolCalls[0]?.approvalId).toBeUndefined();
      expect(answer.content).not.toMatch(/Waiting for approval/);
    },
  );
});

describe('approval matrix: the team scope of a 1-on-1 request', () => {
  let scoped: NotesStack;
  let teamsFile: Awaited<ReturnType<typeof writeTeamsFile>>;
  beforeAll(async () => {
    // morgan manages sam only; alex is in no team.
    teamsFile = await writeTeamsFile([
      { id: 'east', name: 'East', role: 'Sales', managers: ['dev:morgan'], members: ['dev:sam'] },
    ]);
    scoped = await startNotesStack({ env: { TEAMS_FILE: teamsFile.file } });
  });
  afterAll(async () => {
    await scoped.close();
    await teamsFile.remove();
  });

  it.each([
    { asker: 'sam', access: 'decides' },
    { asker: 'alex', access: 'hidden' },
  ] as const)(
    'a Manager request by $asker: morgan $access (a Manager decides only for the teams they share)',
    async ({ asker, access }) => {
      const morgan = scoped.stack.client('morgan');
      const { approval } = await propose(
        scoped.model,
        scoped.stack.client(asker),
        { kind: 'chat' },
        {
          name: 'notes__delete_note',
          arguments: { record: `r-${asker}` },
        },
      );
      const decided = await codeOf(
        morgan.api.approvals.decide.mutate({ id: approval.id, decision: 'approve' }),
      );
      expect(decided).toBe(access === 'decides' ? 'OK' : 'NOT_FOUND');
      expect(scoped.notes.writes.some((w) => w.args.record === `r-${asker}`)).toBe(
        access === 'decides',
      );
    },
  );
});
