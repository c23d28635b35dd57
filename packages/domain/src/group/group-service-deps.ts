import type { BusyPolicy } from '../conversation/answer-scheduler.js';
import type { ConversationCore } from '../conversation/conversation-core.js';
import type { AiMode } from '../model/group.js';
import type { Clock } from '../ports/clock.port.js';
import type { GroupRepository } from '../ports/group-repository.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { RateLimiter } from '../ports/rate-limiter.port.js';
import type { PresenceTracker } from '../ports/presence-tracker.port.js';

/** Someone who can be added to a room. */
export interface DirectoryEntry {
  readonly userId: string;
  readonly name: string;
  readonly email?: string;
  readonly roles: readonly string[];
}

export interface GroupLimits {
  /** Questions that may wait for the coach per room (default 10). */
  readonly maxQueuedAnswers?: number;
  /** At most one `typing` event per person and room this often (default 1000 ms). */
  readonly typingIntervalMs?: number;
  /** How long a `typing` signal lasts without a new one (default 3000 ms). */
  readonly typingTtlMs?: number;
  /** Members a room may hold (default 500); a full room refuses adds with CONFLICT. */
  readonly maxMembers?: number;
}

export interface GroupServiceDeps {
  readonly groups: GroupRepository;
  readonly conversations: ConversationCore;
  /** Members added per minute, keyed by who adds (`adds-by:<id>`) and who is added (`added:<id>`). */
  readonly memberLimiter?: RateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits?: GroupLimits;
  /** The people the server knows (dev users, or users seen); read on every call. */
  readonly directory: () => readonly DirectoryEntry[] | Promise<readonly DirectoryEntry[]>;
  readonly presence: PresenceTracker;
  /** Presence changes in a room are published at most once per this window (default 200 ms). */
  readonly presenceWindowMs?: number;
  /** A question for the coach while it answers in the room: waits its turn (default) or is refused. */
  readonly whenBusy?: BusyPolicy;
}

export interface CreateGroupInput {
  readonly name: string;
  readonly description?: string;
  readonly role: string;
  readonly aiMode: AiMode;
}

export interface UpdateGroupInput {
  readonly name?: string;
  readonly description?: string;
  readonly aiMode?: AiMode;
}

export interface GroupSendInput {
  readonly groupId: string;
  readonly content: string;
  readonly clientMessageId: string;
}
