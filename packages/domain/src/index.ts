// Model
export { KNOWN_ROLES, roleSchema, userSchema, type Role, type User } from './model/user.js';
export { idSchema, isoDateSchema, newId } from './model/ids.js';
export { sessionSchema, type Session } from './model/session.js';
export {
  groupSchema,
  groupHeaderSchema,
  groupMemberSchema,
  aiModeSchema,
  isMember,
  membershipIn,
  type Group,
  type GroupHeader,
  type GroupMember,
} from './model/group.js';
export { type ChartSpec, type TableData } from './model/chart.js';
export {
  messageSchema,
  emptyAttachments,
  conversationId,
  type Message,
  type ToolCallRecord,
  type ConversationRef,
} from './model/message.js';
export { hasOwnEventId, type ConversationEvent } from './model/events.js';

// Errors
export {
  DomainError,
  DomainErrorCode,
  isDomainError,
  notFound,
  invalid,
} from './errors/domain-error.js';

// Ports
export type { SessionRepository } from './ports/session-repository.port.js';
export type { GroupRepository } from './ports/group-repository.port.js';
export {
  MAX_PAGE_SIZE,
  type MessageRepository,
  type NewMessage,
  type MessagePatch,
} from './ports/message-repository.port.js';
export type {
  QuestionLog,
  QuestionRecord,
  StoredCluster,
  ClusterDayCount,
} from './ports/question-log.port.js';
export type { TextEmbedder } from './ports/text-embedder.port.js';
export {
  EPHEMERAL_EVENT_ID,
  type EventLog,
  type StoredEvent,
  type ReadAfterResult,
} from './ports/event-log.port.js';
export type {
  LlmClient,
  LlmChunk,
  LlmMessage,
  LlmRequest,
  LlmToolCall,
  LlmToolDefinition,
  LlmFinishReason,
  LlmPurpose,
} from './ports/llm.port.js';
export type {
  ToolHub,
  ToolDescriptor,
  ServerDescriptor,
  ToolCallOutcome,
  ToolCallContext,
  ElicitationRequest,
  ElicitationAnswer,
  ServerHealth,
  ToolOffer,
} from './ports/tool-hub.port.js';
export type { PromptTemplateSource } from './ports/prompt-template.port.js';
export { silentLogger, type Logger } from './ports/logger.port.js';
export { type Telemetry } from './ports/telemetry.port.js';
export { systemClock, type Clock } from './ports/clock.port.js';
export type { Store } from './ports/store.port.js';
export {
  connectServerMessage,
  type CompletedConnection,
  type McpConnection,
  type McpConnections,
  type McpConnectionStatus,
} from './ports/mcp-connections.port.js';
export type {
  McpClientInformation,
  McpCredentialRepository,
  McpCredentialStore,
  McpTokens,
} from './ports/mcp-credential-repository.port.js';
export type { TeamDirectory } from './ports/team-directory.port.js';
export type { PinnedAnswerRepository } from './ports/pinned-answer-repository.port.js';
export type { AssignmentRepository } from './ports/assignment-repository.port.js';
export type { TeamScenarioRepository } from './ports/team-scenario-repository.port.js';

// Teams
export type { Team } from './team/team.js';
export { StaticTeamDirectory } from './team/static-team-directory.js';

// Coach
export {
  formatToolResult,
  parseToolResult,
  type ParsedToolResult,
} from './coach/tool-result-format.js';

// Conversation core (shared by every conversation kind)
export { ConversationCore, type SendResult } from './conversation/conversation-core.js';
export { ConversationPublisher } from './conversation/conversation-publisher.js';
export {
  followStream,
  type FollowedEvent,
  type FollowStream,
} from './conversation/follow-stream.js';
export { AnswerRegistry } from './conversation/answer-registry.js';
export { recoverInterruptedAnswers } from './conversation/interrupted-answers.js';
export type {
  AnswerLock,
  ReleaseAnswerTurn,
  TurnHolder,
  WaitingQuestion,
} from './ports/answer-lock.port.js';
export { readMessagePage } from './conversation/message-page.js';
export { type RateLimiter } from './ports/rate-limiter.port.js';
export type { CreationKind, CreationLimits } from './ports/creation-limits.port.js';
export type { RunningAnswers } from './ports/running-answers.port.js';

// Chat
export { ChatService } from './chat/chat-service.js';
export { messageTree } from './conversation/message-tree.js';

// Coach engine
export { createCoachEngine } from './coach/coach-engine.js';
export { createTitleWriter } from './coach/title-writer.js';
export { unconnectedServersIn } from './coach/prompt-builder.js';

// Groups
export { GroupService, type DirectoryEntry } from './group/group-service.js';
export type { PresenceTracker, OnlineMember } from './ports/presence-tracker.port.js';

// Insights
export { InsightsService } from './insights/insights-service.js';
export { createQuestionRecorder } from './insights/question-recorder.js';
export { clusterInOrder } from './insights/cluster-assignment.js';
export { corpusInOrder } from './insights/clustering-corpus.js';
export {
  answerFeedbackSchema,
  FEEDBACK_REASON_MAX,
  type AnswerFeedback,
  type FeedbackRating,
  type MyFeedback,
} from './feedback/answer-feedback.js';
export type { FeedbackLog } from './ports/feedback-log.port.js';
export { FeedbackService } from './feedback/feedback-service.js';
export { matchesAllTerms, SEARCH_QUERY_MAX } from './search/search-terms.js';
export type { MessageSearch, StoredHit } from './ports/message-search.port.js';
export { SearchService, SEARCH_PAGE_MAX, type SearchResult } from './search/search-service.js';
// Coaching
export {
  pinnedAnswerSchema,
  PINNED_QUESTION_MAX,
  PINNED_ANSWER_MAX,
  type PinnedAnswer,
} from './coaching/pinned-answer.js';
export { PinnedAnswerService } from './coaching/pinned-answer-service.js';
export {
  assignmentSchema,
  assignmentCompletionSchema,
  assigneesSchema,
  type Assignment,
  type AssignmentCompletion,
} from './coaching/assignment.js';
export { AssignmentService } from './coaching/assignment-service.js';
export { teamScenarioSchema, type TeamScenario } from './coaching/team-scenario.js';
export { TeamScenarioService } from './coaching/team-scenario-service.js';
export { PinDrafter } from './coaching/pin-drafter.js';
export { TeamRooms } from './coaching/team-room.js';
export { TeamDigest, type DigestSummary } from './coaching/team-digest.js';
export { ProgressService } from './coaching/progress-service.js';
export { crmTeamPipeline } from './coaching/crm-team-pipeline.js';

// Practice
export { type Scenario } from './practice/scenario.js';
export { practiceSchema, type Practice, type PracticeHint } from './practice/practice.js';
export type { PracticeRepository } from './ports/practice-repository.port.js';
export { buildPracticeLibrary, type PracticeLibrary, type DataFile } from './practice/library.js';
export { createRulesScorer, OFFLINE_MODEL } from './practice/offline/rules-scorer.js';
export { createLlmScorer } from './practice/llm-scorer.js';
export { CrmReader } from './practice/crm-reader.js';
export { PracticeService, type PracticeServiceDeps } from './practice/practice-service.js';
export { createBuyerEngine } from './practice/buyer-engine.js';
export { createRuleHints, createLlmHints } from './practice/hint-writer.js';
export { type PracticeView } from './practice/practice-view.js';
export {
  roomPracticeSchema,
  whisperSchema,
  WHISPER_MAX_CHARS,
  type HumanScore,
  type RoomPractice,
  type Whisper,
} from './practice/room/room-practice.js';
export type { RoomPracticeRepository } from './ports/room-practice-repository.port.js';
export { RoomPracticeService } from './practice/room/room-practice-service.js';

// Audit
export { auditEntrySchema, auditSortKey, type AuditEntry } from './audit/audit-entry.js';
export type { AuditLog, AuditQuery } from './ports/audit-log.port.js';
export { auditedToolHub, type ToolCallAudit } from './audit/audited-tool-hub.js';
export { AuditService } from './audit/audit-service.js';

// Actions
export {
  approvalStatusSchema,
  approvalRecordSchema,
  APPROVAL_REASON_MAX,
  type Approval,
  type ApprovalRecord,
} from './actions/approval.js';
export { resolveApprovalPolicy, needsApproval } from './actions/approval-policy.js';
export type { ApprovalRepository } from './ports/approval-repository.port.js';
export type { AskerTokens } from './ports/asker-tokens.port.js';
export { ApprovalService } from './actions/approval-service.js';

// Elicitation
export { ElicitationBroker } from './elicitation/elicitation-broker.js';
export { parseElicitationSchema } from './elicitation/elicitation-schema.js';
export type { ElicitationView } from './elicitation/elicitation-view.js';
