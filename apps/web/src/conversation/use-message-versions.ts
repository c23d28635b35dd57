import type { Message } from '@salescoach/domain';
import { messageTree, type VersionPosition } from '@salescoach/domain/message-tree';
import { useCallback, useMemo, useState } from 'react';

export interface MessageVersions {
  /** The messages shown: in 1-on-1 chat one branch of the versions, in a room all of them. */
  readonly shown: readonly Message[];
  /** Where a message stands among its versions (count 1: it has none). */
  readonly position: (message: Message) => VersionPosition | undefined;
  /** Shows another version of a message. */
  readonly choose: (message: Message, versionId: string) => void;
  /** Back to the newest branch (after the user edits, regenerates or sends). */
  readonly followNewest: () => void;
  /** The message a new one follows when an earlier version is shown (else undefined). */
  readonly parentForNew: () => string | undefined;
}

/** Which versions of a 1-on-1 conversation are shown; rooms have no versions. */
export function useMessageVersions(
  messages: readonly Message[],
  kind: Message['conversationKind'],
): MessageVersions {
  const [choices, setChoices] = useState<ReadonlyMap<string, string>>(new Map());
  const tree = useMemo(() => (kind === 'session' ? messageTree(messages) : null), [messages, kind]);
  const shown = useMemo(() => (tree ? tree.branch(choices) : messages), [tree, choices, messages]);

  const position = useCallback((m: Message) => tree?.position(m), [tree]);
  const choose = useCallback(
    (m: Message, versionId: string) => {
      if (!tree) return;
      const key = tree.parentKey(m);
      setChoices((current) => new Map(current).set(key, versionId));
    },
    [tree],
  );
  const followNewest = useCallback(() => setChoices(new Map()), []);
  const parentForNew = useCallback(() => {
    const last = shown.at(-1);
    const newest = messages.at(-1);
    return tree && last && newest && last.id !== newest.id ? last.id : undefined;
  }, [messages, shown, tree]);

  return { shown, position, choose, followNewest, parentForNew };
}
