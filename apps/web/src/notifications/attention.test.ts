import type { Message } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { attentionFor, mentions } from './attention.js';

const me = { id: 'dev:alex', name: 'Alex Rivera' };
const message = (seq: number, author: Message['author'], content: string): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  conversationKind: 'group',
  seq,
  author,
  content,
  attachments: { tables: [], charts: [] },
  toolCalls: [],
  status: 'complete',
  createdAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
});
const alex = { kind: 'user' as const, userId: 'dev:alex', name: 'Alex Rivera' };
const sam = { kind: 'user' as const, userId: 'dev:sam', name: 'Sam Lee' };
const coach = { kind: 'assistant' as const, name: 'Coach' };
const room = { kind: 'group' as const, title: 'Deal desk' };

describe('attentionFor', () => {
  it('notifies a coach answer in a session with its text as one plain line', () => {
    const answer = message(
      2,
      coach,
      '## Pipeline\n\n| Stage | Amount |\n|---|---|\n**Proposal** is `up`',
    );
    expect(
      attentionFor(
        { type: 'answer.completed', message: answer },
        me,
        { kind: 'session', title: 'Q4' },
        [],
      ),
    ).toEqual({
      title: 'The coach answered',
      body: 'Pipeline Stage Amount Proposal is up',
      tag: 'm2',
    });
  });

  it('in a room, notifies only the answer to my own question', () => {
    const mine = message(1, alex, '@coach how is the pipeline?');
    const theirs = message(3, sam, '@coach and mine?');
    const answerToMe = message(2, coach, 'Fine.');
    const answerToSam = message(4, coach, 'Also fine.');
    const event = (m: Message) => ({ type: 'answer.completed' as const, message: m });
    expect(attentionFor(event(answerToMe), me, room, [mine, theirs])?.title).toBe(
      'The coach answered in Deal desk',
    );
    expect(attentionFor(event(answerToSam), me, room, [mine, answerToMe, theirs])).toBeNull();
  });

  it('notifies someone else’s @mention of me, not my own message or other names', () => {
    const created = (m: Message) => ({ type: 'message.created' as const, message: m });
    expect(attentionFor(created(message(5, sam, 'Can @alex take this?')), me, room, [])).toEqual({
      title: 'Sam Lee mentioned you in Deal desk',
      body: 'Can @alex take this?',
      tag: 'm5',
    });
    expect(attentionFor(created(message(6, alex, 'ping @alex')), me, room, [])).toBeNull();
    expect(attentionFor(created(message(7, sam, 'ask @alexandra')), me, room, [])).toBeNull();
    expect(
      attentionFor(created(message(8, sam, '@alex')), me, { kind: 'session', title: 'x' }, []),
    ).toBeNull();
  });
});

describe('mentions', () => {
  it('matches the first name after @, case-insensitively, as a whole word', () => {
    expect(mentions('@Alex, look', 'Alex Rivera')).toBe(true);
    expect(mentions('email alex@example.com', 'Alex Rivera')).toBe(false);
    expect(mentions('@alexa', 'Alex Rivera')).toBe(false);
  });
});
