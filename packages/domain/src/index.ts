// Model
export {
  KNOWN_ROLES,
  roleSchema,
  userSchema,
  hasRole,
  primaryRole,
  type Role,
  type User,
} from './model/user.js';
export { idSchema, isoDateSchema, newId } from './model/ids.js';
export {
  sessionSchema,
  SESSION_TITLE_MAX,
  type NewSession,
  type Session,
  type SessionFlags,
} from './model/session.js';
export {
  groupSchema,
  groupMemberSchema,
  aiModeSchema,
  isMember,
  type Group,
  type GroupMember,
  type AiMode,
} from './model/group.js';
export { chartSpecSchema, tableDataSchema, type ChartSpec, type TableData } from './model/chart.js';
export {
  messageSchema,
  authorSchema,
  toolCallRecordSchema,
  attachmentsSchema,
  messageStatusSchema,
  conversationKindSchema,
  emptyAttachments,
  conversationId,
  streamName,
  MESSAGE_CONTENT_MAX,
  type Message,
  type Author,
  type ToolCallRecord,
  type Attachments,
  type MessageStatus,
  type ConversationKind,
  type ConversationRef,
} from './model/message.js';
export {
  EPHEMERAL_EVENT_TYPES,
  type ConversationEvent,
  type ConversationEventType,
} from './model/events.js';

// Errors
export {
  DomainError,
  DomainErrorCode,
  isDomainError,
  notFound,
  forbidden,
  invalid,
} from './errors/domain-error.js';

// Ports
export type { SessionRepository } from './ports/session-repository.port.js';
export type { GroupRepository } from './ports/group-repository.port.js';
export {
  MAX_PAGE_SIZE,
  type MessageRepository,
  type NewMessage,
  type AppendResult,
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
  LlmResponseFormat,
} from './ports/llm.port.js';
export type {
  ToolHub,
  ToolDescriptor,
  ServerDescriptor,
  ToolCallOutcome,
  ToolCallContext,
  ToolCallConversation,
  ToolCallApproval,
  ElicitationField,
  ElicitationSchema,
  ElicitationRequest,
  ElicitationContent,
  ElicitationAnswer,
  ServerHealth,
} from './ports/tool-hub.port.js';
export type { PromptTemplateSource } from './ports/prompt-template.port.js';
export { silentLogger, type Logger } from './ports/logger.port.js';
export { noTelemetry, type Telemetry } from './ports/telemetry.port.js';
export { systemClock, type Clock } from './ports/clock.port.js';
export type { Store } from './ports/store.port.js';
export type {
  McpClientInformation,
  McpCredentialRepository,
  McpCredentialStore,
  McpTokens,
  PendingAuthorization,
  StoredMcpClient,
  StoredMcpTokens,
  StoredPendingAuthorization,
} from './ports/mcp-credential-repository.port.js';
export type { TeamDirectory } from './ports/team-directory.port.js';
export type { PinnedAnswerRepository } from './ports/pinned-answer-repository.port.js';
export type { AssignmentRepository } from './ports/assignment-repository.port.js';
export type { TeamScenarioRepository } from './ports/team-scenario-repository.port.js';

// Teams
export type { Team, TeamList, TeamMembership, TeamRelation } from './team/team.js';
export {
  StaticTeamDirectory,
  type StaticTeamDirectoryOptions,
} from './team/static-team-directory.js';

// Coach
export {
  formatToolResult,
  parseToolResult,
  type ParsedToolResult,
} from './coach/tool-result-format.js';
export type { CoachEngine, AnswerInput } from './ports/coach-engine.port.js';

// Conversation core (shared by every conversation kind)
export {
  ConversationCore,
  type ConversationCoreDeps,
  type SendResult,
  type Turn,
  type CoachTurn,
  type AcceptInput,
  type AnswerRequest,
  type SchedulerOptions,
} from './conversation/conversation-core.js';
export {
  ConversationPublisher,
  type CoalesceOptions,
} from './conversation/conversation-publisher.js';
export {
  followStream,
  type FollowedEvent,
  type FollowOptions,
} from './conversation/follow-stream.js';
export { AnswerRegistry } from './conversation/answer-registry.js';
export { recoverInterruptedAnswers } from './conversation/interrupted-answers.js';
export {
  AnswerScheduler,
  type BusyPolicy,
  type ScheduledQuestion,
  type QueuedEntry,
  type StopOutcome,
} from './conversation/answer-scheduler.js';
export {
  AnswerStopBus,
  ANSWER_CONTROL_STREAM,
  type StopRequest,
} from './conversation/answer-stop-bus.js';
export type {
  AnswerLock,
  ReleaseAnswerTurn,
  TurnHolder,
  WaitingQuestion,
} from './ports/answer-lock.port.js';
export {
  readMessagePage,
  acceptableContent,
  type MessagePage,
} from './conversation/message-page.js';
export { unlimited, type RateLimiter } from './ports/rate-limiter.port.js';
export type { CreationKind, CreationLimits } from './ports/creation-limits.port.js';
export type { RunningAnswers } from './ports/running-answers.port.js';
export type { AskedQuestion } from './ports/question-sink.port.js';

// Chat
export {
  ChatService,
  DEFAULT_SESSION_TITLE,
  type ChatServiceDeps,
  type EditInput,
  type SendInput,
} from './chat/chat-service.js';
export {
  messageTree,
  ROOT as ROOT_VERSIONS,
  type MessageTree,
  type TreeNode,
  type VersionChoices,
  type VersionPosition,
} from './conversation/message-tree.js';

// Coach engine
export {
  createCoachEngine,
  COACH_AUTHOR_NAME,
  MAX_TOOL_CALLS_PER_ROUND,
  type CoachEngineDeps,
  type CoachEngineLimits,
} from './coach/coach-engine.js';
export {
  buildSystemPrompt,
  describeServers,
  isoDay,
  type PromptContext,
} from './coach/prompt-builder.js';
export {
  historyWindow,
  questionContext,
  estimateTokens,
  type HistoryWindowOptions,
} from './coach/history-window.js';
export {
  createTitleWriter,
  cleanTitle,
  fallbackTitle,
  TITLE_MAX_CHARS,
  type TitleWriter,
} from './coach/title-writer.js';
export {
  runToolCalls,
  parseArguments,
  type ToolRunContext,
  type ToolRunResult,
} from './coach/tool-runner.js';

// Response analysis
export {
  analyzeResponse,
  ATTACHMENT_LIMITS,
  type ToolOutput,
} from './analysis/analyze-response.js';
export { extractTables, numericColumns, TABLE_LIMITS } from './analysis/markdown-tables.js';
export {
  parseNumber,
  isBlankCell,
  type ParsedNumber,
  type NumberUnit,
} from './analysis/numbers.js';
export {
  chartsFromTable,
  chartsFromStructured,
  chartsFromModelBlocks,
  humanize,
} from './analysis/chart-detection.js';
export { CHART_LIMITS, isTimeAxis } from './analysis/chart-frame.js';

// Groups
export {
  GroupService,
  type GroupServiceDeps,
  type GroupLimits,
  type DirectoryEntry,
  type CreateGroupInput,
  type UpdateGroupInput,
  type GroupSendInput,
  type MemberAddition,
  type RoleWarning,
} from './group/group-service.js';
export type { PresenceTracker, OnlineMember } from './ports/presence-tracker.port.js';
export { mentionsCoach, withoutCoachMention } from './group/coach-mention.js';

// Insights
export {
  InsightsService,
  INSIGHTS_ROLES,
  type InsightsOptions,
  type CommonQuestions,
  type QuestionCluster,
} from './insights/insights-service.js';
export {
  createQuestionRecorder,
  MAX_QUESTION_TEXT,
  type QuestionRecorder,
  type QuestionRecorderDeps,
} from './insights/question-recorder.js';
export {
  clusterInOrder,
  chooseCluster,
  joinCluster,
  DEFAULT_THRESHOLDS,
  type ClusterThresholds,
} from './insights/cluster-assignment.js';
export {
  questionPoint,
  cosine,
  type QuestionPoint,
  type Vector,
} from './insights/question-vector.js';
export { questionTerms, stem } from './insights/question-terms.js';
export { CORPUS_THEMES, CORPUS_UNRELATED, corpusInOrder } from './insights/clustering-corpus.js';
export {
  answerFeedbackSchema,
  feedbackRatingSchema,
  FEEDBACK_REASON_MAX,
  type AnswerFeedback,
  type FeedbackRating,
  type MyFeedback,
} from './feedback/answer-feedback.js';
export type { FeedbackLog } from './ports/feedback-log.port.js';
export {
  FeedbackService,
  type FeedbackServiceDeps,
  type FeedbackTarget,
  type RateInput,
} from './feedback/feedback-service.js';
export { tallyTopics, type TopicFeedback } from './feedback/topic-tally.js';
export {
  matchesAllTerms,
  MAX_SEARCH_TERMS,
  SEARCH_QUERY_MAX,
  searchTerms,
  snippetParts,
  type SnippetPart,
} from './search/search-terms.js';
export type { MessageSearch, SearchScope, StoredHit } from './ports/message-search.port.js';
export {
  SearchService,
  SEARCH_PAGE_MAX,
  type SearchPage,
  type SearchResult,
  type SearchServiceDeps,
} from './search/search-service.js';
export * from './coaching/exports.js';
export * from './practice/exports.js';
export * from './audit/exports.js';
export * from './actions/exports.js';
export * from './elicitation/exports.js';
