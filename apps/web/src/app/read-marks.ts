import { useCallback, useSyncExternalStore } from 'react';

/**
 * How far this user has read each conversation (the last seq seen), kept in this browser.
 * Unread counts in the sidebars are the conversation's `lastSeq` minus this mark.
 */

type Marks = Readonly<Record<string, number>>;

const EMPTY: Marks = {};
const listeners = new Set<() => void>();
const cache = new Map<string, Marks>();

function keyFor(userId: string): string {
  return `salescoach:read:${userId}`;
}

function load(userId: string): Marks {
  const cached = cache.get(userId);
  if (cached) return cached;
  let marks: Marks = EMPTY;
  try {
    const raw = window.localStorage.getItem(keyFor(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object') marks = parsed as Marks;
  } catch {
    // unreadable storage: start from nothing read
  }
  cache.set(userId, marks);
  return marks;
}

/** The last seq this user has seen of conversation `id` here; undefined when never shown. */
export function readMarkOf(userId: string, id: string): number | undefined {
  return load(userId)[id];
}

/** Records that `userId` has seen conversation `id` up to `seq` (never moves backwards). */
export function markRead(userId: string, id: string, seq: number): void {
  const marks = load(userId);
  if ((marks[id] ?? 0) >= seq) return;
  const next = { ...marks, [id]: seq };
  cache.set(userId, next);
  try {
    window.localStorage.setItem(keyFor(userId), JSON.stringify(next));
  } catch {
    // storage full or blocked: the mark still holds for this tab
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith('salescoach:read:')) {
      cache.clear();
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Unread messages of a conversation for this user: `lastSeq` past their read mark. */
export function useUnread(userId: string): (id: string, lastSeq: number) => number {
  const marks = useSyncExternalStore(
    subscribe,
    () => load(userId),
    () => EMPTY,
  );
  return useCallback((id, lastSeq) => Math.max(0, lastSeq - (marks[id] ?? 0)), [marks]);
}
