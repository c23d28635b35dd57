import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { errorCode, readableError } from '../api/readable-error.js';
import type { Decision } from './ApprovalCard.js';
import type { ApprovalView } from './approval-view.js';
import { ApprovalsStore } from './approvals-store.js';

/** What the approval screens ask of the API (`approvals.*`). */
export interface ApprovalsPort {
  list(): Promise<readonly ApprovalView[]>;
  get(id: string): Promise<ApprovalView>;
  decide(id: string, decision: Decision): Promise<ApprovalView>;
  /** Approval changes this user may see, from after `lastEventId`; returns the stop. */
  follow(
    lastEventId: string | null,
    handlers: {
      onApproval: (approval: ApprovalView, eventId: string | undefined) => void;
      onStarted: () => void;
      onError: (error: unknown) => void;
    },
  ): () => void;
}

export interface Approvals {
  readonly store: ApprovalsStore;
  /** The first list has arrived. */
  readonly loaded: boolean;
  /** Loading or following failed (safe to show); it retries by itself. */
  readonly error: string | null;
  /** Fetches one approval the tab has not seen yet (a card from the history). */
  readonly ensure: (id: string) => void;
  readonly decide: (id: string, decision: Decision) => Promise<ApprovalView>;
  /** Keeps an approval a conversation's stream brought. */
  readonly put: (approval: ApprovalView) => void;
}

const ApprovalsContext = createContext<Approvals | null>(null);

/**
 * One list and one live subscription of approvals for the signed-in tab: the nav badge,
 * the Approvals page and the cards in messages all read from it, so a decision made
 * anywhere shows everywhere at once.
 */
export function ApprovalsProvider({
  port,
  children,
  onUnauthorized,
}: {
  port: ApprovalsPort;
  children: ReactNode;
  onUnauthorized?: () => void;
}) {
  const store = useMemo(() => new ApprovalsStore(), []);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let stop: (() => void) | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let lastEventId: string | null = null;
    const follow = () => {
      stop = port.follow(lastEventId, {
        onStarted() {
          if (cancelled) return;
          attempt = 0;
          setError(null);
          // Listening now: what changed before is in a fresh list.
          port.list().then(
            (approvals) => {
              if (cancelled) return;
              store.put(approvals);
              setLoaded(true);
            },
            (err: unknown) => !cancelled && setError(readableError(err)),
          );
        },
        onApproval(approval, eventId) {
          if (cancelled) return;
          if (eventId) lastEventId = eventId;
          store.put([approval]);
        },
        onError(err) {
          if (cancelled) return;
          stop?.();
          setError(readableError(err));
          attempt += 1;
          if (attempt === 1 && errorCode(err) === 'UNAUTHORIZED') onUnauthorized?.();
          retry = setTimeout(follow, Math.min(1_000 * 2 ** attempt, 15_000));
        },
      });
    };
    follow();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      stop?.();
    };
  }, [port, store, onUnauthorized]);

  const ensure = useCallback(
    (id: string) => {
      if (store.get(id)) return;
      port.get(id).then(
        (approval) => store.put([approval]),
        () => undefined,
      );
    },
    [port, store],
  );
  const decide = useCallback(
    async (id: string, decision: Decision) => {
      const approval = await port.decide(id, decision);
      store.put([approval]);
      return approval;
    },
    [port, store],
  );
  const put = useCallback((approval: ApprovalView) => store.put([approval]), [store]);
  const value = useMemo(
    () => ({ store, loaded, error, ensure, decide, put }),
    [store, loaded, error, ensure, decide, put],
  );
  return <ApprovalsContext.Provider value={value}>{children}</ApprovalsContext.Provider>;
}

export function useApprovals(): Approvals {
  const value = useContext(ApprovalsContext);
  if (!value) throw new Error('useApprovals is for screens inside ApprovalsProvider');
  return value;
}

/** Re-renders when any approval changes; returns them newest first. */
export function useApprovalList(): readonly ApprovalView[] {
  const { store } = useApprovals();
  const version = useSyncExternalStore(store.subscribe, store.snapshot);
  return useMemo(() => {
    void version;
    return store.all();
  }, [store, version]);
}

const NO_STORE = new ApprovalsStore();

/**
 * One approval, fetched when this tab has not seen it; undefined until it is known (and
 * outside an ApprovalsProvider, where there is nothing to read it from).
 */
export function useApproval(id: string): ApprovalView | undefined {
  const approvals = useContext(ApprovalsContext);
  const store = approvals?.store ?? NO_STORE;
  const ensure = approvals?.ensure;
  useSyncExternalStore(store.subscribe, store.snapshot);
  useEffect(() => ensure?.(id), [ensure, id]);
  return store.get(id);
}

/** Where a conversation's approval events go (nowhere outside an ApprovalsProvider). */
export function useApprovalSink(): ((approval: ApprovalView) => void) | undefined {
  return useContext(ApprovalsContext)?.put;
}

/** How to send a decision, when there is an ApprovalsProvider. */
export function useDecide(): Approvals['decide'] | undefined {
  return useContext(ApprovalsContext)?.decide;
}
