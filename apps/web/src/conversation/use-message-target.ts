import { useEffect, useRef, type RefObject } from 'react';
import { useSearchParam } from '../app/router.js';
import type { ConversationView } from './use-conversation.js';

/** Older pages read at most to reach a linked message. */
const MAX_PAGES = 50;

/**
 * Opens a conversation at the message the URL names (`?message=<id>&seq=<n>`, as search
 * results link): loads older pages until it is there, scrolls it to the middle of the view,
 * marks it and stops following the bottom. Once per linked message.
 */
export function useMessageTarget(
  view: ConversationView,
  scroller: RefObject<HTMLElement | null>,
  release: () => void,
): void {
  const messageId = useSearchParam('message');
  const seq = Number(useSearchParam('seq') ?? Number.NaN);
  const shown = useRef<string | null>(null);
  const pages = useRef(0);
  const { messages, hasMore } = view.state;

  useEffect(() => {
    if (!messageId || shown.current === messageId || view.loading) return;
    const el = scroller.current?.querySelector<HTMLElement>(
      `[data-message-id="${CSS.escape(messageId)}"]`,
    );
    if (el) {
      shown.current = messageId;
      release();
      scroller.current
        ?.querySelectorAll('.message-target')
        .forEach((m) => m.classList.remove('message-target'));
      el.classList.add('message-target');
      el.scrollIntoView({ block: 'center' });
      return;
    }
    const first = messages[0];
    if (
      first &&
      Number.isFinite(seq) &&
      seq < first.seq &&
      hasMore &&
      !view.loadingOlder &&
      pages.current < MAX_PAGES
    ) {
      pages.current += 1;
      void view.loadOlder();
    }
  }, [messageId, seq, messages, hasMore, view, scroller, release]);
}
