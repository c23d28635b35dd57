import type { ChatService, ServerHealth, TeamDirectory, User } from '@salescoach/domain';
import type { GroupApi, InsightsApi } from './services.js';

export interface Identity {
  readonly user: User;
  /** Epoch ms; checked on every call, so an expired token gets UNAUTHORIZED. */
  readonly expiresAt: number;
  readonly token: string;
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
}

export interface ApiServices {
  readonly chat: ChatService;
  readonly groups?: GroupApi;
  readonly insights?: InsightsApi;
  /** Who manages whom; absent means no teams. */
  readonly teams?: TeamDirectory;
  readonly auth: AuthApi;
  readonly tools: { status(): ServerHealth[] };
  readonly model: { provider: string; chat: string };
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
}
