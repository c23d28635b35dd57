/** A GroupService over in-memory fakes, with people and helpers, for the domain's unit tests. */
import { AnswerRegistry } from '../../conversation/answer-registry.js';
import { ConversationCore } from '../../conversation/conversation-core.js';
import { ConversationPublisher } from '../../conversation/conversation-publisher.js';
import type { FollowedEvent } from '../../conversation/follow-stream.js';
import type { AskedQuestion } from '../../ports/question-sink.port.js';
import { unlimited } from '../../ports/rate-limiter.port.js';
import { memoryMessages } from '../../coach/testing/engine-fakes.js';
import type { User } from '../../model/user.js';
import { silentLogger } from '../../ports/logger.port.js';
import { GroupService } from '../group-service.js';
import { fakeAnswerLock, fakePresence } from './coordination-fakes.js';
import { gatedEngine, memoryEventLog, memoryGroups } from './room-fakes.js';

const person = (id: string, name: string, roles: string[]): User => ({
  id,
  tenantId: 'dev',
  name,
  email: `${id}@example.com`,
  roles,
});

export const people = {
  owner: person('alex', 'Alex Rivera', ['Sales']),
  member: person('sam', 'Sam Chen', ['Sales']),
  other: person('carol', 'Carol Diaz', ['Sales']),
  removed: person('dave', 'Dave Kim', ['Sales']),
  stranger: person('erin', 'Erin Park', ['Sales', 'Manager']),
  hr: person('riley', 'Riley Shah', ['HR']),
};

export function roomHarness(
  options: { maxQueuedAnswers?: number; presenceWindowMs?: number; maxMembers?: number } = {},
) {
  let nowMs = Date.parse('2025-03-03T09:00:00.000Z');
  const clock = { now: () => new Date(nowMs) };
  const groups = memoryGroups();
  const messages = memoryMessages();
  const log = memoryEventLog();
  const publisher = new ConversationPublisher(log, { maxDelayMs: 1, maxChars: 1_000 });
  const answers = new AnswerRegistry(5);
  const engine = gatedEngine(messages);
  const presence = fakePresence();
  const questions: AskedQuestion[] = [];
  const conversations = new ConversationCore({
    messages,
    log,
    publisher,
    answers,
    engine,
    limiter: unlimited,
    clock,
    logger: silentLogger,
    limits: { maxMessageChars: 2_000 },
    onQuestion: async (q) => void questions.push(q),
    lock: fakeAnswerLock(),
  });
  const service = new GroupService({
    groups,
    conversations,
    clock,
    logger: silentLogger,
    limits: {
      maxQueuedAnswers: options.maxQueuedAnswers ?? 3,
      ...(options.maxMembers === undefined ? {} : { maxMembers: options.maxMembers }),
    },
    directory: () =>
      Object.values(people).map((p) => ({ userId: p.id, name: p.name, roles: p.roles })),
    presence,
    presenceWindowMs: options.presenceWindowMs ?? 5,
  });

  /** A room owned by `owner` with `member` and `other` in it, and `removed` added then removed. */
  async function room(aiMode: 'mention' | 'always' = 'mention') {
    const group = await service.create(people.owner, { name: 'Deal desk', role: 'Sales', aiMode });
    for (const p of [people.member, people.other, people.removed])
      await service.addMember(people.owner, group.id, p.id);
    await service.removeMember(people.owner, group.id, people.removed.id);
    return group.id;
  }

  /** Follows a room in the background, collecting what arrives until it ends or is stopped. */
  function follow(user: User, groupId: string, lastEventId: string | null = null) {
    const controller = new AbortController();
    const events: FollowedEvent[] = [];
    let failure: unknown;
    const done = (async () => {
      try {
        for await (const item of await service.follow(
          user,
          groupId,
          lastEventId,
          controller.signal,
        ))
          events.push(item);
      } catch (error) {
        failure = error;
      }
    })();
    return {
      events,
      types: () => events.map((e) => e.event.type),
      get failure() {
        return failure;
      },
      done,
      async stop() {
        controller.abort();
        await done;
      },
      until: (predicate: (all: FollowedEvent[]) => boolean) => waitUntil(() => predicate(events)),
    };
  }

  return {
    service,
    groups,
    messages,
    log,
    publisher,
    answers,
    engine,
    presence,
    questions,
    room,
    follow,
    advance: (ms: number) => void (nowMs += ms),
    stream: (groupId: string) => `group:${groupId}`,
  };
}

/** Polls a condition on the next turns of the event loop (bounded). */
export async function waitUntil(check: () => boolean, turns = 500): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error('condition not met');
}
