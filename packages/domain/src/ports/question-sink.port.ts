import type { User } from '../model/user.js';

/**
 * A question someone asked, handed to insights. The asker is used to find their teams and
 * to count different askers; managers never see who asked.
 */
export interface AskedQuestion {
  readonly text: string;
  readonly role: string;
  readonly conversationKind: 'session' | 'group';
  readonly conversationId: string;
  readonly asker: User;
  /** The session was marked private when the question was asked (rooms are never private). */
  readonly private: boolean;
  readonly askedAt: string;
}
