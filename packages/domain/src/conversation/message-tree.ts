/**
 * Versions of messages in a 1-on-1 conversation form a tree: editing a question or
 * regenerating an answer adds a sibling; the conversation shown (and the coach's context) is
 * one branch of it. Pure and dependency-free, so the web app runs the same rules.
 *
 * A message's parent is its `parentId`; else, for an edit (`versionOf`), the parent of the
 * message it is a version of; else the message just before it by seq. Only the messages
 * given are known: a parent outside them makes its child a root.
 */

export interface TreeNode {
  readonly id: string;
  readonly seq: number;
  readonly parentId?: string;
  readonly versionOf?: string;
}

/** The key of the roots' sibling group. */
export const ROOT = '';

/** Which sibling was chosen where: parent key → the chosen child's id. */
export type VersionChoices = ReadonlyMap<string, string>;

export interface VersionPosition {
  /** 1-based place among its siblings (oldest first). */
  readonly index: number;
  readonly count: number;
  /** Siblings' ids, oldest first (this message included). */
  readonly siblings: readonly string[];
  /** The key its siblings share: set a choice under it to show another version. */
  readonly parentKey: string;
}

export interface MessageTree<T extends TreeNode> {
  /** The parent's id, or ROOT. */
  parentKey(message: T): string;
  children(key: string): readonly T[];
  /** Versions of a message: its siblings, oldest first. */
  position(message: T): VersionPosition;
  /** The branch shown: at every fork the chosen child, else the one leading to the newest message. */
  branch(choices?: VersionChoices): T[];
  /** The message and its ancestors, oldest first (what the coach reads before answering it). */
  pathTo(messageId: string): T[];
}

export function messageTree<T extends TreeNode>(messages: readonly T[]): MessageTree<T> {
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  const byId = new Map(sorted.map((m) => [m.id, m]));
  const placeOf = new Map(sorted.map((m, i) => [m.id, i]));
  const parents = new Map<string, string>();

  const parentOf = (m: T, seen: Set<string>): string => {
    const known = parents.get(m.id);
    if (known !== undefined) return known;
    let key: string;
    if (m.parentId !== undefined) key = byId.has(m.parentId) ? m.parentId : ROOT;
    else if (m.versionOf !== undefined) {
      const original = byId.get(m.versionOf);
      key =
        original && original.seq < m.seq && !seen.has(original.id)
          ? parentOf(original, seen.add(m.id))
          : ROOT;
    } else {
      const at = placeOf.get(m.id) ?? 0;
      const previous = at > 0 ? sorted[at - 1] : undefined;
      key = previous && previous.seq === m.seq - 1 ? previous.id : ROOT;
    }
    parents.set(m.id, key);
    return key;
  };

  const children = new Map<string, T[]>();
  for (const m of sorted) {
    const key = parentOf(m, new Set());
    const list = children.get(key) ?? [];
    list.push(m);
    children.set(key, list);
  }

  // The newest seq in each message's subtree (children are always newer than their parent).
  const newest = new Map<string, number>();
  for (let i = sorted.length - 1; i >= 0; i--) {
    const m = sorted[i]!;
    const own = newest.get(m.id) ?? m.seq;
    newest.set(m.id, Math.max(own, m.seq));
    const key = parents.get(m.id) ?? ROOT;
    if (key !== ROOT) newest.set(key, Math.max(newest.get(key) ?? 0, newest.get(m.id)!));
  }

  const childrenOf = (key: string): readonly T[] => children.get(key) ?? [];

  return {
    parentKey: (m) => parents.get(m.id) ?? ROOT,
    children: childrenOf,
    position(m) {
      const parentKey = parents.get(m.id) ?? ROOT;
      const siblings = childrenOf(parentKey).map((s) => s.id);
      return {
        index: siblings.indexOf(m.id) + 1,
        count: siblings.length,
        siblings,
        parentKey,
      };
    },
    branch(choices = new Map()) {
      const shown: T[] = [];
      let key = ROOT;
      for (;;) {
        const options = childrenOf(key);
        if (options.length === 0) return shown;
        const chosen = choices.get(key);
        const next =
          options.find((o) => o.id === chosen) ??
          options.reduce((best, o) =>
            (newest.get(o.id) ?? 0) > (newest.get(best.id) ?? 0) ? o : best,
          );
        shown.push(next);
        key = next.id;
      }
    },
    pathTo(messageId) {
      const path: T[] = [];
      let current = byId.get(messageId);
      while (current) {
        path.push(current);
        const key = parents.get(current.id) ?? ROOT;
        current = key === ROOT ? undefined : byId.get(key);
      }
      return path.reverse();
    },
  };
}
