import type { AnswerScheduler, ScheduledQuestion } from '../conversation/answer-scheduler.js';
import type { SendResult } from '../conversation/conversation-core.js';
import type { FollowedEvent } from '../conversation/follow-stream.js';
import type { MessagePage } from '../conversation/message-page.js';
import {
  DomainError,
  DomainErrorCode,
  forbidden,
  invalid,
  notFound,
} from '../errors/domain-error.js';
import type { ConversationEvent } from '../model/events.js';
import type { Group } from '../model/group.js';
import { isMember } from '../model/group.js';
import { newId } from '../model/ids.js';
import type { ConversationRef, Message } from '../model/message.js';
import type { User } from '../model/user.js';
import { hasRole } from '../model/user.js';
import { mentionsCoach, withoutCoachMention } from './coach-mention.js';
import { requireMember, requireMembership, requireOwner } from './group-access.js';
import { followRoom } from './follow-room.js';
import { PresenceAnnouncer } from './presence-announcer.js';
import { TypingThrottle } from './typing-throttle.js';
import { roleWarningFor, type MemberAddition } from './member-addition.js';
import { unlimited } from '../ports/rate-limiter.port.js';
import type {
  CreateGroupInput,
  DirectoryEntry,
  GroupSendInput,
  GroupServiceDeps,
  UpdateGroupInput,
} from './group-service-deps.js';

export type { MemberAddition, RoleWarning } from './member-addition.js';
export type {
  CreateGroupInput,
  DirectoryEntry,
  GroupLimits,
  GroupSendInput,
  GroupServiceDeps,
  UpdateGroupInput,
} from './group-service-deps.js';

const DEFAULT_MAX_MEMBERS = 500;

/**
 * Group rooms: people talk together and the coach answers with the ROOM's role when
 * addressed. Only members read, send or follow; a room the caller is not in (or that does
 * not exist) is FORBIDDEN either way.
 */
export class GroupService {
  private readonly queue: AnswerScheduler;
  private readonly typingThrottle: TypingThrottle;
  private readonly announcer: PresenceAnnouncer;

  constructor(private readonly deps: GroupServiceDeps) {
    this.announcer = new PresenceAnnouncer(
      deps.presence,
      deps.conversations,
      deps.logger,
      deps.presenceWindowMs,
    );
    this.queue = deps.conversations.scheduler({
      policy: deps.whenBusy ?? 'queue',
      maxWaiting: deps.limits?.maxQueuedAnswers ?? 10,
      answer: (groupId, question, signal) => this.answer(groupId, question, signal),
      queueChanged: (groupId, queue) =>
        void this.publish(groupId, { type: 'answer.queued', groupId, queue }),
    });
    this.typingThrottle = new TypingThrottle(deps.limits?.typingIntervalMs ?? 1_000);
  }

  /** The caller's rooms, most recent activity first. */
  list(user: User): Promise<Group[]> {
    return this.deps.groups.listForUser(user.id);
  }

  async create(user: User, input: CreateGroupInput): Promise<Group> {
    const name = input.name.trim();
    if (!name) throw invalid('A room needs a name');
    if (!hasRole(user, input.role))
      throw forbidden(
        `You do not hold the role ${input.role}, so you cannot create a room with it`,
      );
    const now = this.deps.clock.now().toISOString();
    return this.deps.groups.create({
      id: newId(),
      name,
      description: input.description?.trim() ?? '',
      role: input.role,
      ownerId: user.id,
      members: [{ userId: user.id, name: user.name, kind: 'owner' }],
      aiMode: input.aiMode,
      createdAt: now,
      updatedAt: now,
      lastSeq: 0,
    });
  }

  get(user: User, groupId: string): Promise<Group> {
    return requireMember(this.deps.groups, groupId, user.id);
  }

  async update(user: User, groupId: string, input: UpdateGroupInput): Promise<Group> {
    const group = await requireOwner(this.deps.groups, groupId, user.id);
    const name = input.name?.trim() ?? group.name;
    if (!name) throw invalid('A room needs a name');
    const updated = await this.deps.groups.update({
      id: group.id,
      name,
      description: input.description?.trim() ?? group.description,
      aiMode: input.aiMode ?? group.aiMode,
      updatedAt: this.deps.clock.now().toISOString(),
    });
    if (!updated) throw notFound('Room');
    await this.publish(groupId, { type: 'group.updated', group: updated });
    return updated;
  }

  /** Owner only: stops the coach, deletes the room and its messages, and ends every subscription. */
  async delete(user: User, groupId: string): Promise<void> {
    await requireOwner(this.deps.groups, groupId, user.id);
    this.queue.clear(groupId);
    if (!(await this.deps.groups.delete(groupId))) throw notFound('Room');
    await this.publish(groupId, { type: 'group.deleted', groupId });
  }

  /**
   * Owner only. People come from the directory by id: an unknown id is refused, and the
   * name is the directory's. Adding someone already in the room changes nothing. Adding
   * someone who lacks the room's role is allowed, with a warning returned and logged.
   */
  async addMember(user: User, groupId: string, userId: string): Promise<MemberAddition> {
    const group = await requireOwner(this.deps.groups, groupId, user.id);
    const person = (await this.deps.directory()).find((entry) => entry.userId === userId);
    if (!person) throw notFound('Person in the directory');
    if (isMember(group, userId)) return { group, added: false, warning: null };
    const maxMembers = this.deps.limits?.maxMembers ?? DEFAULT_MAX_MEMBERS;
    if (group.members.length >= maxMembers) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `The room is full: a room can have at most ${maxMembers} members, and this does not change by waiting. Remove someone first, or ask an administrator to raise ROOM_MAX_MEMBERS.`,
      );
    }
    const limiter = this.deps.memberLimiter ?? unlimited;
    await limiter.consume(`adds-by:${user.id}`);
    await limiter.consume(`added:${userId}`);
    const updated = await this.deps.groups.addMember(groupId, {
      userId,
      name: person.name,
      kind: 'member',
    });
    if (!updated) throw notFound('Room');
    const warning = roleWarningFor(updated, person);
    if (warning)
      this.deps.logger.warn(
        { groupId, userId, role: group.role, roles: person.roles, by: user.id },
        'member added without the room role',
      );
    await this.publish(groupId, {
      type: 'member.added',
      groupId,
      userId,
      name: person.name,
      ...(warning ? { lacksRole: true } : {}),
    });
    return { group: updated, added: true, warning };
  }

  /** Owner only; the owner cannot be removed (delete the room instead). */
  async removeMember(user: User, groupId: string, userId: string): Promise<Group> {
    const group = await requireOwner(this.deps.groups, groupId, user.id);
    if (userId === group.ownerId)
      throw new DomainError(
        DomainErrorCode.Conflict,
        'The owner cannot be removed; delete the room instead',
      );
    if (!isMember(group, userId)) throw notFound('Member');
    return this.dropMember(groupId, userId);
  }

  /** Members leave; the owner cannot (they delete the room). */
  async leave(user: User, groupId: string): Promise<void> {
    const group = await requireMember(this.deps.groups, groupId, user.id);
    if (group.ownerId === user.id) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'As the owner you cannot leave the room; delete it instead',
      );
    }
    await this.dropMember(groupId, user.id);
  }

  async listMessages(
    user: User,
    input: { groupId: string; before?: number; limit?: number },
  ): Promise<MessagePage> {
    await requireMember(this.deps.groups, input.groupId, user.id);
    return this.deps.conversations.page(this.ref(input.groupId), input);
  }

  /**
   * Persists the message BEFORE returning and fans it out. When the room's mode is `always`
   * or the message mentions @coach, the coach answers it (now, or after the answers
   * already waiting in this room). A retry with the same clientMessageId returns the first message.
   */
  async send(user: User, token: string | undefined, input: GroupSendInput): Promise<SendResult> {
    return this.deps.conversations.accept(user, input, async (content) => {
      const { group } = await requireMembership(this.deps.groups, input.groupId, user.id);
      const ref = this.ref(group.id);
      if (group.aiMode !== 'always' && !mentionsCoach(content)) return { ref, role: group.role };
      return {
        ref,
        role: group.role,
        coach: {
          question: withoutCoachMention(content),
          admit: () => this.queue.assertAccepting(group.id),
          schedule: (message) => this.queue.request(group.id, { message, asker: user, token }),
        },
      };
    });
  }

  /** A member changes their own message; the coach reads the new text from then on. */
  async editMessage(
    user: User,
    input: { groupId: string; messageId: string; content: string },
  ): Promise<Message> {
    await requireMember(this.deps.groups, input.groupId, user.id);
    return this.deps.conversations.revise(user, this.ref(input.groupId), input);
  }

  /** A member deletes their own message: it disappears for everyone and from the coach's context. */
  async deleteMessage(user: User, input: { groupId: string; messageId: string }): Promise<void> {
    await requireMember(this.deps.groups, input.groupId, user.id);
    await this.deps.conversations.remove(user, this.ref(input.groupId), input.messageId);
  }

  /**
   * Stops the coach in the room: the owner stops the current answer and clears the waiting
   * list; the asker stops their own answer and withdraws their waiting questions. False
   * when there was nothing to stop.
   */
  async stop(user: User, groupId: string): Promise<boolean> {
    const group = await requireMember(this.deps.groups, groupId, user.id);
    const outcome = await this.queue.stop(groupId, {
      userId: user.id,
      everything: group.ownerId === user.id,
    });
    if (outcome === 'not-allowed')
      throw forbidden("Only the room's owner or the person who asked can stop the coach");
    return outcome === 'stopped';
  }

  /** A live-only `typing` signal (never stored), at most one per person per second. */
  async typing(user: User, groupId: string): Promise<void> {
    await requireMember(this.deps.groups, groupId, user.id);
    const now = this.deps.clock.now();
    if (!this.typingThrottle.allow(groupId, user.id, now.getTime())) return;
    const expiresAt = new Date(
      now.getTime() + (this.deps.limits?.typingTtlMs ?? 3_000),
    ).toISOString();
    await this.deps.conversations.publishEphemeral(this.ref(groupId), {
      type: 'typing',
      groupId,
      userId: user.id,
      name: user.name,
      expiresAt,
    });
  }

  /**
   * The room's live events for a member, resumable from `lastEventId`; marks them present
   * while subscribed. Listening starts at this call; it resolves once the member is
   * authorized (a refusal rejects, before any event). Ends (after delivering it) at their
   * own `member.removed` or `group.deleted`.
   */
  follow(
    user: User,
    groupId: string,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<FollowedEvent>> {
    return followRoom(
      {
        conversations: this.deps.conversations,
        groups: this.deps.groups,
        presence: this.deps.presence,
        announcer: this.announcer,
      },
      { user, groupId, lastEventId, signal },
    );
  }

  /** People who can be added to a room. */
  async directory(_user: User): Promise<DirectoryEntry[]> {
    const entries = await this.deps.directory();
    return entries
      .map((e) => ({
        userId: e.userId,
        name: e.name,
        ...(e.email ? { email: e.email } : {}),
        roles: [...e.roles],
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Shutdown: drops waiting questions and accepts no more; drain `answers` afterwards. */
  close(): void {
    this.queue.close();
    this.announcer.close();
  }

  private async dropMember(groupId: string, userId: string): Promise<Group> {
    const updated = await this.deps.groups.removeMember(groupId, userId);
    if (!updated) throw notFound('Room');
    this.queue.withdraw(groupId, userId);
    await this.publish(groupId, { type: 'member.removed', groupId, userId });
    return updated;
  }

  /** Runs one room answer: the ROOM's role, the asker as user (their token forwarded). */
  private async answer(
    groupId: string,
    question: ScheduledQuestion,
    signal: AbortSignal,
  ): Promise<void> {
    // The room may have changed while the question waited.
    const group = await this.deps.groups.get(groupId);
    if (!group || !isMember(group, question.asker.id)) return;
    await this.deps.conversations.answer({
      ref: this.ref(groupId),
      user: question.asker,
      role: group.role,
      token: question.token,
      question: question.message,
      signal,
    });
  }

  private publish(groupId: string, event: ConversationEvent): Promise<string | undefined> {
    return this.deps.conversations.publish(this.ref(groupId), event);
  }

  private ref(groupId: string): ConversationRef {
    return { kind: 'group', groupId };
  }
}
