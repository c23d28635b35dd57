import type { ConversationCore } from '../conversation/conversation-core.js';
import { newUserMessage } from '../conversation/user-message.js';
import { forbidden } from '../errors/domain-error.js';
import { newId } from '../model/ids.js';
import type { ConversationRef, Message } from '../model/message.js';
import { SESSION_TITLE_MAX } from '../model/session.js';
import { primaryRole, type User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { SessionRepository } from '../ports/session-repository.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import { PINNED_ANSWER_MAX } from './pinned-answer.js';
import { managedTeam } from './team-access.js';

export interface PinDrafterDeps {
  readonly sessions: SessionRepository;
  readonly messages: MessageRepository;
  /** The chat conversation core: the coach with its tools, in the manager's role. */
  readonly conversations: ConversationCore;
  readonly teams: TeamDirectory;
  readonly clock: Clock;
}

export interface PinDraft {
  readonly answer: string;
  /** The manager's private session that holds the draft (kept in their chats). */
  readonly sessionId: string;
  readonly status: Message['status'];
}

/**
 * "Draft with the coach": the coach answers the cluster's question for the team's manager,
 * with the tools of the manager's role, in a private session of theirs (never an insights
 * question). The manager edits the draft before pinning it.
 */
export class PinDrafter {
  constructor(private readonly deps: PinDrafterDeps) {}

  async draft(
    user: User,
    token: string | undefined,
    input: { teamId: string; question: string },
  ): Promise<PinDraft> {
    const team = managedTeam(this.deps.teams, user, input.teamId, 'draft answers for it');
    const role = primaryRole(user);
    if (!role) throw forbidden('Your account has no role; ask an administrator for one');
    const question = input.question.trim();
    const now = this.deps.clock.now().toISOString();
    const session = await this.deps.sessions.create({
      id: newId(),
      userId: user.id,
      title: `Draft for ${team.name}: ${question}`.slice(0, SESSION_TITLE_MAX),
      role,
      createdAt: now,
      updatedAt: now,
      lastSeq: 0,
      private: true,
      kind: 'chat',
    });
    const ref: ConversationRef = { kind: 'session', userId: user.id, sessionId: session.id };
    const content = `My ${team.name} team keeps asking: "${question}". Draft the answer they should use, in a few sentences, from what you can look up.`;
    const { message } = await this.deps.messages.append(
      ref,
      newUserMessage(ref, user, content, `draft-${session.id}`, now),
    );
    const answer = (await this.deps.conversations.answers.start(session.id, user.id, (signal) =>
      this.deps.conversations.answer({ ref, user, role, token, question: message, signal }),
    )) as Message;
    return {
      answer: answer.content.slice(0, PINNED_ANSWER_MAX),
      sessionId: session.id,
      status: answer.status,
    };
  }
}
