import { useEffect, useRef } from 'react';

/** The shortcuts the "?" dialog lists, in the order it lists them. */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Ctrl+K', action: 'Search conversations' },
  { keys: 'Ctrl+Shift+O', action: 'New conversation' },
  { keys: 'Esc', action: 'Stop the answer being written' },
  { keys: 'Enter', action: 'Send the message' },
  { keys: 'Shift+Enter', action: 'New line in the message' },
  { keys: '?', action: 'Show these shortcuts' },
];

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export interface ShortcutHandlers {
  readonly newChat?: () => void;
  readonly stop?: () => void;
  readonly help?: () => void;
  readonly search?: () => void;
}

/** Listens on the window for the app's shortcuts; "?" only when not typing in a field. */
export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { newChat, stop, help, search } = latest.current;
      const key = event.key.toLowerCase();
      if (search && (event.ctrlKey || event.metaKey) && !event.shiftKey && key === 'k') {
        event.preventDefault();
        search();
      } else if (newChat && (event.ctrlKey || event.metaKey) && event.shiftKey && key === 'o') {
        event.preventDefault();
        newChat();
      } else if (stop && key === 'escape' && !event.defaultPrevented) {
        stop();
      } else if (help && event.key === '?' && !typingInField(event.target)) {
        event.preventDefault();
        help();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
