import type { Settings } from '@salescoach/config';
import type { ApiServices } from '@salescoach/api';
import {
  AnswerRegistry,
  ChatService,
  ConversationCore,
  ConversationPublisher,
  createCoachEngine,
  ElicitationBroker,
  createQuestionRecorder,
  createTitleWriter,
  FeedbackService,
  SearchService,
  GroupService,
  InsightsService,
  PinnedAnswerService,
  recoverInterruptedAnswers,
  systemClock,
  type EventLog,
  type Logger,
  type Store,
} from '@salescoach/domain';
import { createPromptTemplateSource } from '@salescoach/llm';
import type { McpHub } from '@salescoach/mcp';
import { createCreationLimits, createSendLimiter } from '@salescoach/realtime';
import { withMessageCache } from '@salescoach/store';
import type { ApiMetrics } from '../observability/metrics.js';
import { instrumentEventLog } from '../observability/instrumented-event-log.js';
import { createAuth, type AuthSetup } from './auth.js';
import {
  createEmbedder,
  createLlm,
  createToolHub,
  readToolServers,
  openEventLog,
  openRoomCoordination,
  openStore,
} from './adapters.js';
import { composeAudit } from './audit.js';
import { composeOAuth, limitConnects, type OAuthSetup } from './oauth.js';
import { composeApprovals } from './approvals.js';
import { composeCoaching } from './coaching.js';
import { openTeamDirectory } from './teams.js';

export interface Composition {
  readonly services: ApiServices;
  readonly auth: AuthSetup;
  readonly store: Store;
  readonly log: EventLog;
  readonly hub: McpHub;
  /** Users' connections to `oauth` servers; `bindPublicUrl` once the server listens. */
  readonly oauth: OAuthSetup;
  readonly answers: AnswerRegistry;
  readonly publisher: ConversationPublisher;
  /** Stops starting new answers (e.g. rooms' queued questions) before a drain. */
  stopIntake(): void;
  close(): Promise<void>;
}

/** The composition root: adapters chosen by settings, domain services wired to them. */
export async function compose(
  settings: Settings,
  logger: Logger,
  metrics: ApiMetrics,
): Promise<Composition> {
  const store = await openStore(settings, metrics);
  const log = instrumentEventLog(await openEventLog(settings, logger), metrics);
  const rooms = await openRoomCoordination(settings, logger);
  const llm = await createLlm(settings);
  const servers = await readToolServers(settings);
  const auth = await createAuth(settings, servers);
  const oauth = composeOAuth(settings, logger, store, servers);
  const hub = createToolHub(settings, logger, servers, auth.delegation.tokens, oauth.oauth);
  const teams = await openTeamDirectory(settings, logger);
  const clock = systemClock;
  const { tools, audit } = composeAudit(hub, { store, teams, clock, logger });
  // The cache lives in one process: with several instances (BUS=redis) another instance's
  // writes would be invisible to it, so it is used only when this is the one instance.
  const messages =
    settings.BUS === 'memory'
      ? withMessageCache(store.messages, {
          // Enough for the engine's history (40 + 1) and retry checks (20); a history page (51)
          // reads the store. At most 500 × 48 messages, however long a conversation gets.
          maxConversations: 500,
          maxMessagesPerConversation: 48,
        })
      : store.messages;
  const publisher = new ConversationPublisher(
    log,
    { maxDelayMs: settings.DELTA_COALESCE_MS, maxChars: settings.DELTA_COALESCE_BYTES },
    logger,
  );
  const answers = new AnswerRegistry(settings.MAX_CONCURRENT_ANSWERS, {
    ...(rooms.runningAnswers ? { shared: rooms.runningAnswers } : {}),
    logger: logger.child({ component: 'answers' }),
  });
  const telemetry = metrics.telemetry();
  metrics.answersInFlight.set(0);
  const elicitations = new ElicitationBroker({
    log,
    clock,
    logger: logger.child({ component: 'elicitation' }),
    timeoutMs: settings.ELICITATION_TIMEOUT,
    forward: settings.BUS !== 'memory',
  });

  const approvals = composeApprovals(settings, {
    store,
    // The audited hub: a call made after an approval is audited with its approval and decider.
    hub: tools,
    auth,
    teams,
    log,
    publisher,
    clock,
    logger,
    conversations: () => conversations,
    elicitations,
    audit: tools,
  });
  const engine = createCoachEngine({
    messages,
    llm,
    tools,
    audit: tools,
    elicitations,
    prompt: createPromptTemplateSource({
      file: settings.PROMPT_TEMPLATE_FILE,
      blobUrl: settings.PROMPT_BLOB_URL,
      logger,
    }),
    clock,
    logger: logger.child({ component: 'coach' }),
    telemetry,
    limits: {
      maxToolRounds: settings.MAX_TOOL_ROUNDS,
      toolResultMaxChars: settings.TOOL_RESULT_MAX_CHARS,
      historyTokenBudget: settings.HISTORY_TOKEN_BUDGET,
    },
    approvals: approvals.service,
  });
  const limiter = createSendLimiter(rooms.limits, settings.SENDS_PER_MINUTE);
  const recorder = createQuestionRecorder({
    questions: store.questions,
    clock,
    teams,
    embedder: await createEmbedder(settings),
    isPrivateSession: async (ownerId, sessionId) =>
      (await store.sessions.get(ownerId, sessionId))?.private ?? false,
  });
  const onQuestion = recorder.record;

  const pins = new PinnedAnswerService({ pins: store.pins, teams, clock });
  const conversations = new ConversationCore({
    messages,
    log,
    publisher,
    answers,
    engine,
    limiter,
    clock,
    logger: logger.child({ component: 'conversation' }),
    limits: { maxMessageChars: settings.MAX_MESSAGE_CHARS },
    onQuestion,
    lock: rooms.answerLock,
    grounding: (user, role) => pins.groundingFor(user, role),
  });
  const chat = new ChatService({
    sessions: store.sessions,
    conversations,
    titles: createTitleWriter({ llm, logger }),
    clock,
    logger: logger.child({ component: 'chat' }),
    onPrivacyChange: async (sessionId, isPrivate) => {
      await recorder.setPrivate(sessionId, isPrivate);
      await feedback.setPrivate(sessionId, isPrivate);
    },
    whenBusy: settings.CHAT_WHEN_BUSY,
  });
  const groups = new GroupService({
    groups: store.groups,
    conversations,
    clock,
    logger: logger.child({ component: 'groups' }),
    directory: () => auth.directory.list(),
    memberLimiter: rooms.limits.limiter(
      'member-add',
      settings.MEMBERS_ADDED_PER_MINUTE,
      'Too many room additions',
    ),
    presence: rooms.presence,
    whenBusy: settings.ROOM_WHEN_BUSY,
    limits: { maxMembers: settings.ROOM_MAX_MEMBERS },
  });
  const insights = new InsightsService(
    { questions: store.questions, teams, clock },
    { minAskers: settings.INSIGHTS_MIN_ASKERS },
  );
  const feedback = new FeedbackService({
    feedback: store.feedback,
    messages,
    sessions: chat,
    groups,
    teams,
    insights,
    topicOf: recorder.topicOf,
    clock,
  });
  const { practice, practiceRooms, coaching } = await composeCoaching(settings, {
    store,
    messages,
    log,
    publisher,
    answers,
    limiter,
    llm,
    hub: tools,
    clock,
    logger,
    teams,
    directory: () => auth.directory.list(),
    conversations,
    insights,
  });

  await recoverInterruptedAnswers({
    messages,
    publisher,
    logger,
    now: clock.now(),
    staleAfterMs: settings.BUS === 'memory' ? 0 : 2 * 60_000,
  });

  return {
    services: {
      chat,
      practice,
      practiceRooms,
      groups,
      insights,
      feedback,
      search: new SearchService({ search: store.search, sessions: chat, groups }),
      teams,
      pins,
      coaching,
      audit,
      approvals: approvals.service,
      elicitations,
      connections: limitConnects(
        hub.connections,
        rooms.limits.limiter(
          'oauth-connect',
          settings.OAUTH_CONNECTS_PER_MINUTE,
          'You are connecting too fast',
        ),
      ),
      auth: auth.api,
      tools: { status: () => hub.status() },
      model: { provider: llm.provider, chat: llm.modelFor('chat') },
      messageChars: settings.MAX_MESSAGE_CHARS,
      limits: createCreationLimits(rooms.limits, {
        session: settings.SESSIONS_CREATED_PER_MINUTE,
        room: settings.ROOMS_CREATED_PER_MINUTE,
      }),
    },
    auth,
    store,
    log,
    hub,
    oauth,
    answers,
    publisher,
    stopIntake: () => {
      conversations.close();
      groups.close();
    },
    async close() {
      approvals.close();
      elicitations.close();
      await publisher.drain();
      await Promise.allSettled([hub.close(), rooms.close(), log.close()]);
      await store.close();
    },
  };
}
