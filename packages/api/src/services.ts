/**
 * Services for group rooms and insights, implemented in @salescoach/domain. Declared here as
 * the router's needs so that the router compiles before and without them.
 */
import type {
  FollowedEvent,
  Group,
  Message,
  MemberAddition,
  MessagePage,
  CommonQuestions,
  QuestionCluster,
  SendResult,
  User,
} from '@salescoach/domain';

export interface GroupApi {
  list(user: User): Promise<Group[]>;
  create(
    user: User,
    input: { name: string; description?: string; role: string; aiMode: 'mention' | 'always' },
  ): Promise<Group>;
  get(user: User, groupId: string): Promise<Group>;
  update(
    user: User,
    groupId: string,
    input: { name?: string; description?: string; aiMode?: 'mention' | 'always' },
  ): Promise<Group>;
  delete(user: User, groupId: string): Promise<void>;
  addMember(user: User, groupId: string, userId: string): Promise<MemberAddition>;
  removeMember(user: User, groupId: string, userId: string): Promise<Group>;
  leave(user: User, groupId: string): Promise<void>;
  listMessages(
    user: User,
    input: { groupId: string; before?: number; limit?: number },
  ): Promise<MessagePage>;
  send(
    user: User,
    token: string | undefined,
    input: { groupId: string; content: string; clientMessageId: string },
  ): Promise<SendResult>;
  editMessage(
    user: User,
    input: { groupId: string; messageId: string; content: string },
  ): Promise<Message>;
  deleteMessage(user: User, input: { groupId: string; messageId: string }): Promise<void>;
  stop(user: User, groupId: string): Promise<boolean>;
  typing(user: User, groupId: string): Promise<void>;
  follow(
    user: User,
    groupId: string,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<FollowedEvent>>;
  directory(
    user: User,
  ): Promise<{ userId: string; name: string; email?: string; roles: readonly string[] }[]>;
}

/** A group of similar questions: counts and phrasings, never who asked. */
export type CommonQuestionGroup = QuestionCluster;

export interface InsightsApi {
  commonQuestions(
    user: User,
    input: { days?: number; limit?: number; teamId?: string },
  ): Promise<CommonQuestions>;
}

export type { Message };
