import type { ConversationCore } from '../conversation/conversation-core.js';
import { forbidden, notFound } from '../errors/domain-error.js';
import type { DirectoryEntry } from '../group/group-service-deps.js';
import type { Group, GroupMember } from '../model/group.js';
import { isMember } from '../model/group.js';
import { newId } from '../model/ids.js';
import {
  conversationId,
  emptyAttachments,
  type ConversationRef,
  type Message,
} from '../model/message.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { GroupRepository } from '../ports/group-repository.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { Team } from '../team/team.js';
import { onTeam } from './team-access.js';

/** A team's room has a fixed id, so every instance and the digest find the same one. */
export const teamRoomId = (teamId: string): string => `team-${teamId}`;

export interface TeamRoomsDeps {
  readonly groups: GroupRepository;
  readonly messages: MessageRepository;
  /** Publishes a posted message to the room's followers. */
  readonly conversations: Pick<ConversationCore, 'publish'>;
  readonly teams: TeamDirectory;
  readonly directory: () => readonly DirectoryEntry[] | Promise<readonly DirectoryEntry[]>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Every team has a room of the team's role (id `team-<teamId>`) with its listed managers and
 * members: the place its pinned answers show and its weekly digest is posted. It is made the
 * first time someone on the team opens it (or the digest posts); people on the team through
 * an Entra group join it the same way.
 */
export class TeamRooms {
  constructor(private readonly deps: TeamRoomsDeps) {}

  /** Creates the team's room when missing and adds the team's listed people who are not in it. */
  async ensure(team: Team): Promise<Group> {
    const names = new Map((await this.deps.directory()).map((d) => [d.userId, d.name]));
    const member = (userId: string, kind: GroupMember['kind']): GroupMember => ({
      userId,
      name: names.get(userId) ?? userId,
      kind,
    });
    const people = [...new Set([...team.managers, ...team.members])];
    let room = await this.deps.groups.get(teamRoomId(team.id));
    if (!room) {
      const now = this.deps.clock.now().toISOString();
      const owner = people[0];
      if (!owner) throw notFound('People on the team');
      room = await this.deps.groups
        .create({
          id: teamRoomId(team.id),
          name: `${team.name} team`,
          description: `The ${team.name} team's room: pinned answers and the weekly digest.`,
          role: team.role,
          ownerId: owner,
          members: people.map((id, i) => member(id, i === 0 ? 'owner' : 'member')),
          aiMode: 'mention',
          createdAt: now,
          updatedAt: now,
          lastSeq: 0,
        })
        .catch(async (error: unknown) => {
          // Another instance made it first.
          const made = await this.deps.groups.get(teamRoomId(team.id));
          if (!made) throw error;
          return made;
        });
    }
    for (const id of people)
      if (!isMember(room, id))
        room = (await this.deps.groups.addMember(room.id, member(id, 'member'))) ?? room;
    return room;
  }

  /** The caller's team room, joining it when they are on the team but not yet in the room. */
  async join(user: User, teamId: string): Promise<Group> {
    const team = this.deps.teams.find(teamId);
    if (!team || team.id !== teamId || !onTeam(this.deps.teams, user, teamId))
      throw forbidden('You are not on that team');
    const room = await this.ensure(team);
    if (isMember(room, user.id)) return room;
    return (
      (await this.deps.groups.addMember(room.id, {
        userId: user.id,
        name: user.name,
        kind: 'member',
      })) ?? room
    );
  }

  /** Posts a message into the team's room as the coach; the caller has authorized it. */
  async postAsCoach(team: Team, content: string): Promise<Message> {
    const room = await this.ensure(team);
    const ref: ConversationRef = { kind: 'group', groupId: room.id };
    const now = this.deps.clock.now().toISOString();
    const { message } = await this.deps.messages.append(ref, {
      id: newId(),
      conversationId: conversationId(ref),
      conversationKind: ref.kind,
      author: { kind: 'assistant', name: 'Coach' },
      content,
      attachments: emptyAttachments(),
      toolCalls: [],
      status: 'complete',
      createdAt: now,
      updatedAt: now,
    });
    await this.deps.conversations.publish(ref, { type: 'message.created', message });
    this.deps.logger.info({ groupId: room.id, chars: content.length }, 'posted to the team room');
    return message;
  }
}
