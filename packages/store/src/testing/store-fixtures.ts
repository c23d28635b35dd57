import {
  conversationId,
  emptyAttachments,
  newId,
  type ConversationRef,
  type Group,
  type GroupMember,
  type NewMessage,
  type Session,
} from '@salescoach/domain';

let tick = Date.parse('2026-01-01T00:00:00.000Z');

/** Strictly increasing ISO timestamps, so "newest first" orderings are deterministic. */
export function nextTimestamp(): string {
  tick += 1_000;
  return new Date(tick).toISOString();
}

export function sessionFixture(userId: string, overrides: Partial<Session> = {}): Session {
  const at = nextTimestamp();
  return {
    id: newId(),
    userId,
    title: 'Pipeline review',
    role: 'Sales',
    createdAt: at,
    updatedAt: at,
    lastSeq: 0,
    private: false,
    pinned: false,
    ...overrides,
  };
}

export function groupFixture(
  ownerId: string,
  others: readonly string[] = [],
  overrides: Partial<Group> = {},
): Group {
  const at = nextTimestamp();
  const members: GroupMember[] = [
    { userId: ownerId, name: ownerId, kind: 'owner' },
    ...others.map((userId): GroupMember => ({ userId, name: userId, kind: 'member' })),
  ];
  return {
    id: newId(),
    name: 'Deal room',
    description: 'Q3 renewals',
    role: 'Sales',
    ownerId,
    members,
    aiMode: 'mention',
    createdAt: at,
    updatedAt: at,
    lastSeq: 0,
    ...overrides,
  };
}

export const sessionRef = (session: Pick<Session, 'id' | 'userId'>): ConversationRef => ({
  kind: 'session',
  userId: session.userId,
  sessionId: session.id,
});

export const groupRef = (group: Pick<Group, 'id'>): ConversationRef => ({
  kind: 'group',
  groupId: group.id,
});

export function userMessageFixture(
  ref: ConversationRef,
  content: string,
  overrides: Partial<NewMessage> = {},
): NewMessage {
  const at = nextTimestamp();
  return {
    id: newId(),
    conversationId: conversationId(ref),
    conversationKind: ref.kind,
    author: { kind: 'user', userId: ref.kind === 'session' ? ref.userId : 'alex', name: 'Alex' },
    content,
    attachments: emptyAttachments(),
    toolCalls: [],
    status: 'complete',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function assistantMessageFixture(
  ref: ConversationRef,
  overrides: Partial<NewMessage> = {},
): NewMessage {
  return userMessageFixture(ref, '', {
    author: { kind: 'assistant', name: 'Coach' },
    status: 'streaming',
    ...overrides,
  });
}
