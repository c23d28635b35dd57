import type { ConversationCore, SendResult } from '../../conversation/conversation-core.js';
import type { ConversationPublisher } from '../../conversation/conversation-publisher.js';
import { followStream, type FollowedEvent } from '../../conversation/follow-stream.js';
import type { MessagePage } from '../../conversation/message-page.js';
import {
  DomainError,
  DomainErrorCode,
  forbidden,
  invalid,
  notFound,
} from '../../errors/domain-error.js';
import { requireMember } from '../../group/group-access.js';
import type { Group } from '../../model/group.js';
import { newId } from '../../model/ids.js';
import type { User } from '../../model/user.js';
import type { Clock } from '../../ports/clock.port.js';
import type { EventLog } from '../../ports/event-log.port.js';
import type { GroupRepository } from '../../ports/group-repository.port.js';
import type { Logger } from '../../ports/logger.port.js';
import { unlimited, type RateLimiter } from '../../ports/rate-limiter.port.js';
import type { PracticeRepository } from '../../ports/practice-repository.port.js';
import type { PracticeService, StartInput } from '../practice-service.js';
import { practiceRef, type Practice, type PracticeHint } from '../practice.js';
import { followWhileMember } from './follow-while-member.js';
import type { RoomPracticeRepository } from '../../ports/room-practice-repository.port.js';
import { mayReview, roomPracticeView, type RoomPracticeView } from './room-practice-view.js';
import { WHISPER_MAX_CHARS, type RoomPractice, type Whisper } from './room-practice.js';

export interface RoomPracticeServiceDeps {
  /** The 1-on-1 practice calls; the rep's own calls go through it with the rep's identity. */
  readonly practice: PracticeService;
  readonly practices: PracticeRepository;
  readonly rooms: RoomPracticeRepository;
  readonly groups: GroupRepository;
  /** The practice conversation core (buyer engine): pages and follows practice sessions. */
  readonly conversations: Pick<ConversationCore, 'page' | 'follow' | 'publish'>;
  readonly log: EventLog;
  readonly publisher: Pick<ConversationPublisher, 'publish'>;
  /** Whispers per person per minute (`whisper:<userId>`). */
  readonly limiter?: RateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface RoomRef {
  readonly groupId: string;
  readonly practiceId: string;
}

export type RoomStartInput = { readonly groupId: string } & StartInput;

const LISTED = 20;
const MAX_WHISPERS = 300;

/** The one stream a person's whispers of one practice go to (sent or received). */
export const whisperStream = (practiceId: string, userId: string) =>
  `whispers:${practiceId}:${userId}`;

interface Access {
  readonly group: Group;
  readonly entry: RoomPractice;
  readonly practice: Practice;
}

/**
 * Practice in rooms (DESIGN §11): a member starts a practice and plays it; every member
 * watches it live; members whisper to the rep (seen by sender and rep only, never by the
 * buyer or the scorer); the owner or a Manager adds a person's score. Non-members are
 * refused everything, like the rest of the room.
 */
export class RoomPracticeService {
  constructor(private readonly deps: RoomPracticeServiceDeps) {}

  /** The scenario is built with the STARTER's identity: a deal they cannot see is refused, nothing created. */
  async start(
    user: User,
    token: string | undefined,
    input: RoomStartInput,
  ): Promise<RoomPracticeView> {
    const group = await requireMember(this.deps.groups, input.groupId, user.id);
    const { groupId, ...scenario } = input;
    const started = await this.deps.practice.start(user, token, scenario, { groupId });
    const entry = await this.deps.rooms.add({
      groupId,
      practiceId: started.id,
      sessionId: started.sessionId,
      rep: { userId: user.id, name: user.name },
      title: started.scenario.title,
      createdAt: started.createdAt,
    });
    await this.deps.conversations.publish(
      { kind: 'group', groupId },
      {
        type: 'practice.started',
        groupId,
        practiceId: entry.practiceId,
        rep: entry.rep,
        title: entry.title,
      },
    );
    this.deps.logger.info({ groupId, practiceId: entry.practiceId }, 'room practice started');
    const practice = await this.deps.practices.get(user.id, started.id);
    if (!practice) throw notFound('Practice');
    return roomPracticeView(group, entry, practice, user);
  }

  /** The room's practices, newest first. */
  async list(user: User, groupId: string): Promise<RoomPracticeView[]> {
    const group = await requireMember(this.deps.groups, groupId, user.id);
    const entries = await this.deps.rooms.listByGroup(groupId, { limit: LISTED });
    const views = await Promise.all(
      entries.map(async (entry) => {
        const practice = await this.deps.practices.get(entry.rep.userId, entry.practiceId);
        return practice ? roomPracticeView(group, entry, practice, user) : undefined;
      }),
    );
    return views.filter((v): v is RoomPracticeView => v !== undefined);
  }

  async get(user: User, ref: RoomRef): Promise<RoomPracticeView> {
    const { group, entry, practice } = await this.access(user, ref);
    return roomPracticeView(group, entry, practice, user);
  }

  async listMessages(
    user: User,
    input: RoomRef & { before?: number; limit?: number },
  ): Promise<MessagePage> {
    const { practice } = await this.access(user, input);
    return this.deps.conversations.page(practiceRef(practice), input);
  }

  /** The practice's live events for a member (as chat: resumable); ends when they leave the room. */
  follow(
    user: User,
    ref: RoomRef,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<FollowedEvent>> {
    return this.followAsMember(user, ref, signal, (practice, inner) =>
      this.deps.conversations.follow(practiceRef(practice), { lastEventId, signal: inner }),
    );
  }

  /** Only the rep plays: their line is stored before returning, the buyer answers in the background. */
  async send(
    user: User,
    token: string | undefined,
    input: RoomRef & { content: string; clientMessageId: string },
  ): Promise<SendResult> {
    await this.asRep(user, input);
    return this.deps.practice.send(user, token, input);
  }

  /** The rep's private tip (never shown to other members). */
  async hint(user: User, ref: RoomRef): Promise<PracticeHint> {
    await this.asRep(user, ref);
    return this.deps.practice.hint(user, ref.practiceId);
  }

  /** The rep ends and scores; everyone watching is told to reload. */
  async end(user: User, ref: RoomRef): Promise<RoomPracticeView> {
    const { group, entry } = await this.asRep(user, ref);
    await this.deps.practice.end(user, ref.practiceId);
    const practice = await this.deps.practices.get(user.id, ref.practiceId);
    if (!practice) throw notFound('Practice');
    return roomPracticeView(group, entry, practice, user);
  }

  /**
   * A member (not the rep) whispers to the rep while the practice runs. Stored in the room,
   * published only to the sender's and the rep's own whisper streams; the buyer and the
   * scorer read the practice's messages, which never hold it.
   */
  async whisper(user: User, input: RoomRef & { text: string }): Promise<Whisper> {
    const { entry, practice } = await this.access(user, input);
    if (practice.userId === user.id)
      throw invalid('You play this practice; whispers are for the others');
    if (practice.status !== 'active') throw invalid('This practice has ended');
    const text = input.text.trim();
    if (!text) throw invalid('A whisper needs some text');
    if (text.length > WHISPER_MAX_CHARS)
      throw invalid(`A whisper is at most ${WHISPER_MAX_CHARS} characters`);
    await (this.deps.limiter ?? unlimited).consume(`whisper:${user.id}`);
    const sent = await this.deps.rooms.listWhispers(input.groupId, input.practiceId, user.id, {
      limit: MAX_WHISPERS,
    });
    // The sender receives none here (only the rep does, and the rep cannot whisper).
    if (sent.length >= MAX_WHISPERS)
      throw new DomainError(
        DomainErrorCode.LimitExceeded,
        `At most ${MAX_WHISPERS} whispers per practice`,
      );
    const whisper = await this.deps.rooms.addWhisper({
      id: newId(),
      groupId: input.groupId,
      practiceId: input.practiceId,
      from: { userId: user.id, name: user.name },
      to: entry.rep,
      text,
      createdAt: this.deps.clock.now().toISOString(),
    });
    const event = { type: 'whisper.created', whisper } as const;
    await Promise.all([
      this.deps.publisher.publish(whisperStream(practice.id, user.id), event),
      this.deps.publisher.publish(whisperStream(practice.id, entry.rep.userId), event),
    ]);
    this.deps.logger.info(
      { groupId: input.groupId, practiceId: practice.id, chars: text.length },
      'whisper sent',
    );
    return whisper;
  }

  /** The whispers the caller sent or received in this practice, oldest first. */
  async whispers(user: User, ref: RoomRef): Promise<Whisper[]> {
    await this.access(user, ref);
    return this.deps.rooms.listWhispers(ref.groupId, ref.practiceId, user.id, {
      limit: MAX_WHISPERS,
    });
  }

  /** The caller's own whisper stream of this practice (their sent and received whispers), resumable. */
  followWhispers(
    user: User,
    ref: RoomRef,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<FollowedEvent>> {
    return this.followAsMember(user, ref, signal, (practice, inner) =>
      followStream(this.deps.log, whisperStream(practice.id, user.id), {
        lastEventId,
        signal: inner,
      }),
    );
  }

  /** The owner or a Manager scores an ended practice (0–100) with a comment; their later score replaces their earlier one. */
  async review(
    user: User,
    input: RoomRef & { score: number; comment: string },
  ): Promise<RoomPracticeView> {
    const { group, entry, practice } = await this.access(user, input);
    if (!mayReview(group, user))
      throw forbidden("Only the room's owner or a Manager can score a practice");
    if (practice.status === 'active') throw invalid('Score the practice once it has ended');
    if (!Number.isInteger(input.score) || input.score < 0 || input.score > 100)
      throw invalid('A score is a whole number from 0 to 100');
    const score = {
      score: input.score,
      comment: input.comment.trim().slice(0, 2_000),
      by: { userId: user.id, name: user.name },
      createdAt: this.deps.clock.now().toISOString(),
    };
    const updated = await this.deps.practices.update(practice.userId, practice.id, (p) => ({
      ...p,
      humanScores: [...(p.humanScores ?? []).filter((s) => s.by.userId !== user.id), score].slice(
        -20,
      ),
    }));
    if (!updated) throw notFound('Practice');
    await this.deps.conversations.publish(practiceRef(updated), {
      type: 'practice.updated',
      practiceId: updated.id,
      status: updated.status,
    });
    this.deps.logger.info(
      { groupId: group.id, practiceId: practice.id },
      'practice scored by a person',
    );
    return roomPracticeView(group, entry, updated, user);
  }

  /** Members only (FORBIDDEN like the rest of the room); a practice not in this room is NOT_FOUND. */
  private async access(user: User, ref: RoomRef): Promise<Access> {
    const group = await requireMember(this.deps.groups, ref.groupId, user.id);
    const entry = await this.deps.rooms.get(ref.groupId, ref.practiceId);
    if (!entry) throw notFound('Practice');
    const practice = await this.deps.practices.get(entry.rep.userId, entry.practiceId);
    if (!practice || practice.groupId !== group.id) throw notFound('Practice');
    return { group, entry, practice };
  }

  /** A stream a member reads while in the room: access is checked after the room is listened to. */
  private followAsMember(
    user: User,
    ref: RoomRef,
    signal: AbortSignal,
    open: (practice: Practice, signal: AbortSignal) => AsyncGenerator<FollowedEvent>,
  ): Promise<AsyncGenerator<FollowedEvent>> {
    return followWhileMember(
      this.deps.conversations,
      { userId: user.id, groupId: ref.groupId, signal },
      async (inner) => open((await this.access(user, ref)).practice, inner),
    );
  }

  private async asRep(user: User, ref: RoomRef): Promise<Access> {
    const found = await this.access(user, ref);
    if (found.practice.userId !== user.id)
      throw forbidden(`${found.entry.rep.name} plays this practice; you can whisper to them`);
    return found;
  }
}
