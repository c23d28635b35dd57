import type { Attention } from './attention.js';

/** Whether this browser can show notifications at all. */
export const notificationsSupported = (): boolean =>
  typeof window !== 'undefined' && 'Notification' in window;

/**
 * Shows `attention` as a browser notification when the user allowed them and the tab is
 * hidden (a visible tab shows the message itself). Clicking it brings the tab back.
 */
export function notifyIfHidden(attention: Attention, open: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  if (document.visibilityState !== 'hidden') return;
  const notification = new Notification(attention.title, {
    body: attention.body,
    tag: attention.tag,
  });
  notification.onclick = () => {
    window.focus();
    open();
    notification.close();
  };
}
