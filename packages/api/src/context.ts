import type {
  ApprovalService,
  AssignmentService,
  AuditService,
  ElicitationBroker,
  ChatService,
  CreationLimits,
  FeedbackService,
  GroupService,
  InsightsService,
  McpConnections,
  PinDrafter,
  ProgressService,
  TeamDigest,
  TeamRooms,
  TeamScenarioService,
  SearchService,
  PracticeService,
  PinnedAnswerService,
  RoomPracticeService,
  ServerHealth,
  TeamDirectory,
  User,
} from '@salescoach/domain';

export interface Identity {
  readonly user: User;
  /** Epoch ms; checked on every call, so an expired token gets UNAUTHORIZED. */
  readonly expiresAt: number;
  readonly token: string;
  /** `service`: an app-only identity (the team digest), limited to procedures marked for services. */
  readonly kind: 'user' | 'service';
}

export interface DevUserSummary {
  readonly key: string;
  readonly name: string;
  readonly roles: readonly string[];
}

export type AuthInfo =
  | { readonly mode: 'dev'; readonly devUsers: readonly DevUserSummary[] }
  | {
      readonly mode: 'entra';
      readonly clientId: string | null;
      readonly tenantId: string;
      readonly scope: string;
    };

export interface AuthApi {
  info(): AuthInfo;
  /** Present only in dev mode. */
  devLogin?(userKey: string): Promise<{ token: string; expiresAt: number }>;
  /** Dev mode only: a token for a configured service identity (`digest`). */
  devServiceLogin?(service: string): Promise<{ token: string; expiresAt: number }>;
}

export interface CoachingApi {
  readonly scenarios: TeamScenarioService;
  readonly assignments: AssignmentService;
  readonly progress: ProgressService;
  readonly drafter: PinDrafter;
  readonly rooms: TeamRooms;
  readonly digest: TeamDigest;
}

export interface ApiServices {
  readonly chat: ChatService;
  readonly practice: PracticeService;
  /** Practice in rooms. */
  readonly practiceRooms: RoomPracticeService;
  readonly groups: GroupService;
  /** Answer feedback. */
  readonly feedback: FeedbackService;
  /** Message search. */
  readonly search: SearchService;
  readonly insights: InsightsService;
  /** Who manages whom. */
  readonly teams: TeamDirectory;
  readonly pins: PinnedAnswerService;
  /** Team scenarios, assignments, progress and drafted answers. */
  readonly coaching: CoachingApi;
  /** The tool-call audit log (Managers, Admins). */
  readonly audit: AuditService;
  /** Requests for approval of tool calls. */
  readonly approvals: ApprovalService;
  /** Answers to tools' requests for input. */
  readonly elicitations: ElicitationBroker;
  /** Users' connections to `oauth` MCP servers. */
  readonly connections: McpConnections;
  readonly auth: AuthApi;
  readonly tools: { status(): ServerHealth[] };
  readonly model: { provider: string; chat: string };
  /** The longest message a user may send (`MAX_MESSAGE_CHARS`); published by `me.get`. */
  readonly messageChars: number;
  /** Per-user creation caps. */
  readonly limits: CreationLimits;
}

/** What a WebSocket connection allows; absent on HTTP (which serves no subscriptions). */
export interface ConnectionGate {
  /** Counts one more subscription on this connection, or throws TOO_MANY_REQUESTS; returns its release. */
  admitSubscription(): () => void;
}

/** Built per HTTP request or per WebSocket connection by the server (apps/api). */
export interface ApiContext {
  readonly identity: Identity | null;
  /** Why the presented token was refused (safe to show). */
  readonly authError: string | null;
  readonly services: ApiServices;
  readonly now: () => number;
  /** Stack traces reach clients only when EXPOSE_STACK_TRACES is on (local debugging). */
  readonly exposeStack: boolean;
  /** Set on WebSocket connections. */
  readonly connection?: ConnectionGate;
}
