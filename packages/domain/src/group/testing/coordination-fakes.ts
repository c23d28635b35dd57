/**
 * Stand-ins for the answer lock and the presence tracker in the domain's unit tests (the
 * adapters live in packages/realtime, which the domain cannot depend on).
 */
import type { AnswerLock, TurnHolder, WaitingQuestion } from '../../ports/answer-lock.port.js';
import type { OnlineMember, PresenceTracker } from '../../ports/presence-tracker.port.js';

/** One turn per conversation; each caller's waiting questions merged by `seq`. */
export function fakeAnswerLock(): AnswerLock {
  const held = new Map<string, TurnHolder>();
  const waiting = new Map<string, readonly WaitingQuestion[]>();
  const key = (conversationId: string, instance: string) => `${conversationId}\n${instance}`;
  return {
    async acquire(conversationId, holder) {
      if (held.has(conversationId)) return undefined;
      held.set(conversationId, holder);
      return async () => {
        if (held.get(conversationId) === holder) held.delete(conversationId);
      };
    },
    async holder(conversationId) {
      return held.get(conversationId);
    },
    async share(conversationId, instance, questions) {
      if (questions.length > 0) waiting.set(key(conversationId, instance), [...questions]);
      else waiting.delete(key(conversationId, instance));
      return [...waiting.entries()]
        .filter(([k]) => k.startsWith(`${conversationId}\n`))
        .flatMap(([, list]) => list)
        .sort((a, b) => a.seq - b.seq);
    },
  };
}

/** Every live connection kept as its own entry; a person is online while one remains. */
export function fakePresence(): PresenceTracker {
  const connections: { groupId: string; member: OnlineMember }[] = [];
  return {
    async join(groupId, member) {
      const connection = { groupId, member: { userId: member.userId, name: member.name } };
      connections.push(connection);
      return async () => {
        const index = connections.indexOf(connection);
        if (index >= 0) connections.splice(index, 1);
      };
    },
    async online(groupId) {
      const people = new Map(
        connections.filter((c) => c.groupId === groupId).map((c) => [c.member.userId, c.member]),
      );
      return [...people.values()].sort(
        (a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId),
      );
    },
  };
}
