import type { ConversationEvent, Message } from '@salescoach/domain';
import { useCallback, useRef, type RefObject } from 'react';
import { attentionFor } from './attention.js';
import { notifyIfHidden } from './browser-notifier.js';

/**
 * An event handler for one open conversation that raises a browser notification for what
 * needs the user while the tab is hidden (see `attentionFor`).
 */
export function useAttentionNotifications(
  me: { readonly id: string; readonly name: string },
  place: { readonly kind: Message['conversationKind']; readonly title: string },
  shown: RefObject<readonly Message[]>,
): (event: ConversationEvent) => void {
  const latest = useRef({ me, place });
  latest.current = { me, place };
  return useCallback(
    (event: ConversationEvent) => {
      const { me: who, place: where } = latest.current;
      const attention = attentionFor(event, who, where, shown.current);
      if (attention) notifyIfHidden(attention, () => undefined);
    },
    [shown],
  );
}
