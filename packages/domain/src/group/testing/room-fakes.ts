/**
 * In-memory stand-ins for the group service's edges, used by the domain's unit tests only:
 * a group repository, an event log, and a coach engine whose answers finish on command.
 */
import type { AnswerInput, CoachEngine } from '../../ports/coach-engine.port.js';
import type { Group, GroupMember } from '../../model/group.js';
import { isMember, membershipIn } from '../../model/group.js';
import type { Message } from '../../model/message.js';
import type { EventLog, StoredEvent } from '../../ports/event-log.port.js';
import type { GroupRepository } from '../../ports/group-repository.port.js';
import type { MessageRepository } from '../../ports/message-repository.port.js';

export function memoryGroups(): GroupRepository & { readonly rows: Map<string, Group> } {
  const rows = new Map<string, Group>();
  const save = (group: Group) => (
    rows.set(group.id, structuredClone(group)),
    structuredClone(group)
  );
  const read = (id: string) => {
    const group = rows.get(id);
    return group ? structuredClone(group) : null;
  };
  return {
    rows,
    async create(group) {
      return save(group);
    },
    async get(id) {
      return read(id);
    },
    async membership(id, userId) {
      const group = read(id);
      return group ? membershipIn(group, userId) : null;
    },
    async update({ id, name, description, aiMode, updatedAt }) {
      const group = read(id);
      return group ? save({ ...group, name, description, aiMode, updatedAt }) : null;
    },
    async delete(id) {
      return rows.delete(id);
    },
    async addMember(id, member: GroupMember) {
      const group = read(id);
      return group
        ? save({
            ...group,
            members: [...group.members.filter((m) => m.userId !== member.userId), member],
          })
        : null;
    },
    async removeMember(id, userId) {
      const group = read(id);
      return group
        ? save({ ...group, members: group.members.filter((m) => m.userId !== userId) })
        : null;
    },
    async listForUser(userId) {
      return [...rows.values()].filter((g) => isMember(g, userId)).map((g) => structuredClone(g));
    },
  };
}

/** Stored events per stream with numeric ids; ephemeral events reach listeners with id ''. */
export function memoryEventLog(): EventLog & { stored(stream: string): StoredEvent[] } {
  const streams = new Map<string, StoredEvent[]>();
  const listeners = new Map<string, Set<(event: StoredEvent) => void>>();
  let next = 0;
  const deliver = (stored: StoredEvent) => {
    for (const listener of [...(listeners.get(stored.stream) ?? [])]) {
      try {
        listener(stored);
      } catch {
        // One listener's failure never stops delivery to the others.
      }
    }
  };
  return {
    stored: (stream) => [...(streams.get(stream) ?? [])],
    async append(stream, event) {
      const stored = { id: String(++next), stream, event };
      const list = streams.get(stream) ?? [];
      list.push(stored);
      streams.set(stream, list);
      deliver(stored);
      return stored.id;
    },
    async readAfter(stream, afterId) {
      const list = streams.get(stream) ?? [];
      const index = list.findIndex((e) => e.id === afterId);
      if (index < 0) return { events: [], missed: true };
      return { events: list.slice(index + 1), missed: false };
    },
    async latestId(stream) {
      return streams.get(stream)?.at(-1)?.id;
    },
    subscribe(stream, listener) {
      const set = listeners.get(stream) ?? new Set();
      set.add(listener);
      listeners.set(stream, set);
      return () => void set.delete(listener);
    },
    async publishEphemeral(stream, event) {
      deliver({ id: '', stream, event });
    },
    async ping() {},
    async close() {},
  };
}

export interface GatedEngine extends CoachEngine {
  readonly calls: AnswerInput[];
  /** Lets the oldest unfinished answer complete. */
  finishNext(): void;
  /** Resolves once `count` answers have started and wait to be finished. */
  started(count: number): Promise<void>;
}

/**
 * Answers like the real engine as far as events go (answer.started, a delta, then
 * answer.completed, or `interrupted` when stopped), but only when the test says so.
 */
export function gatedEngine(messages: MessageRepository): GatedEngine {
  const calls: AnswerInput[] = [];
  const gates: (() => void)[] = [];
  const startWaiters: { count: number; resolve: () => void }[] = [];
  let waiting = 0;
  return {
    calls,
    finishNext() {
      gates.shift()?.();
    },
    started(count) {
      if (waiting >= count) return Promise.resolve();
      return new Promise((resolve) => startWaiters.push({ count, resolve }));
    },
    async answer(input) {
      calls.push(input);
      const now = new Date().toISOString();
      const { message } = await messages.append(input.ref, {
        id: globalThis.crypto.randomUUID(),
        conversationId: input.question.conversationId,
        conversationKind: input.question.conversationKind,
        author: { kind: 'assistant', name: 'Coach' },
        content: '',
        attachments: { tables: [], charts: [] },
        toolCalls: [],
        status: 'streaming',
        createdAt: now,
        updatedAt: now,
      });
      input.emit({ type: 'answer.started', message });
      input.emit({
        type: 'answer.delta',
        messageId: message.id,
        text: `Answer to ${input.question.id}`,
      });
      const stopped = await new Promise<boolean>((resolve) => {
        const gate = () => resolve(false);
        gates.push(gate);
        waiting++;
        for (const waiter of startWaiters.filter((w) => waiting >= w.count)) waiter.resolve();
        input.signal.addEventListener(
          'abort',
          () => {
            const index = gates.indexOf(gate);
            if (index >= 0) gates.splice(index, 1);
            resolve(true);
          },
          { once: true },
        );
      });
      const final: Message = (await messages.update(input.ref, message.id, {
        content: `Answer to ${input.question.id}`,
        status: stopped ? 'interrupted' : 'complete',
      }))!;
      input.emit({ type: 'answer.completed', message: final });
      return final;
    },
  };
}
