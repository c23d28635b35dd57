import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** How close to the bottom (px) still counts as "at the bottom". */
const NEAR_BOTTOM = 64;

export interface FollowBottom {
  /** The reader scrolled away from the newest content. */
  readonly away: boolean;
  /** Call from the scroller's onScroll. */
  readonly onScroll: () => void;
  /** Scroll to the newest content and follow it again. */
  readonly jumpToLatest: () => void;
  /** Stop following (to show an older message); "Jump to latest" is offered. */
  readonly release: () => void;
}

/**
 * Keeps a scroller at its bottom while the reader is there, whatever makes the content grow
 * (a new message, streamed text, a table or chart rendering late). When the reader has
 * scrolled up, it stays put and says so (`away`), until `jumpToLatest` or a scroll back down.
 */
export function useFollowBottom(
  scroller: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
): FollowBottom {
  const pinned = useRef(true);
  const [away, setAway] = useState(false);

  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [scroller]);

  useEffect(() => {
    const el = content.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) toBottom();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [content, toBottom]);

  // Only the reader moving up lets go of the bottom. A scroll event can arrive after new
  // content has landed and before it was followed, and must not count as scrolling away.
  const lastTop = useRef(0);
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const top = el.scrollTop;
    const atBottom = el.scrollHeight - top - el.clientHeight < NEAR_BOTTOM;
    if (atBottom) pinned.current = true;
    else if (top < lastTop.current - 1) pinned.current = false;
    lastTop.current = top;
    setAway(!pinned.current);
  }, [scroller]);

  const jumpToLatest = useCallback(() => {
    pinned.current = true;
    setAway(false);
    toBottom();
  }, [toBottom]);

  const release = useCallback(() => {
    pinned.current = false;
    setAway(true);
  }, []);

  return { away, onScroll, jumpToLatest, release };
}
