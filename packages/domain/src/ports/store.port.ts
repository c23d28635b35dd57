import type { AuditLog } from './audit-log.port.js';
import type { ApprovalRepository } from './approval-repository.port.js';
import type { FeedbackLog } from './feedback-log.port.js';
import type { McpCredentialRepository } from './mcp-credential-repository.port.js';
import type { MessageSearch } from './message-search.port.js';
import type { PracticeRepository } from './practice-repository.port.js';
import type { RoomPracticeRepository } from './room-practice-repository.port.js';
import type { GroupRepository } from './group-repository.port.js';
import type { AssignmentRepository } from './assignment-repository.port.js';
import type { PinnedAnswerRepository } from './pinned-answer-repository.port.js';
import type { TeamScenarioRepository } from './team-scenario-repository.port.js';
import type { MessageRepository } from './message-repository.port.js';
import type { QuestionLog } from './question-log.port.js';
import type { SessionRepository } from './session-repository.port.js';

/** One persistence adapter's repositories, opened together (SQLite file or Cosmos account). */
export interface Store {
  readonly kind: string;
  readonly sessions: SessionRepository;
  readonly groups: GroupRepository;
  readonly messages: MessageRepository;
  readonly questions: QuestionLog;
  readonly practices: PracticeRepository;
  /** Team FAQ entries (pinned answers). */
  readonly pins: PinnedAnswerRepository;
  readonly feedback: FeedbackLog;
  /** Practice scenarios made for a team. */
  readonly teamScenarios: TeamScenarioRepository;
  /** Practice assigned to reps, and its completions. */
  readonly assignments: AssignmentRepository;
  readonly search: MessageSearch;
  /** Practices hosted in rooms and their whispers (room partition). */
  readonly roomPractices: RoomPracticeRepository;
  /** Every tool call, append-only. */
  readonly audit: AuditLog;
  /** Requests for approval of tool calls (writes), pending until decided or expired. */
  readonly approvals: ApprovalRepository;
  /** Users' tokens for `oauth` MCP servers (secrets sealed before they get here). */
  readonly mcpCredentials: McpCredentialRepository;
  /** Throws when the store cannot be used (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
